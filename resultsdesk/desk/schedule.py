"""When the desk backs itself up: every N minutes, every N verifications, keeping the newest K.

Qt-free policy: the window runs the timer and the worker thread; this module decides when a
backup is due, so the rule is written (and tested) once, whatever runs it.
"""

from __future__ import annotations

from ..domain.records import record

# Why a backup was taken: part of its file name (store.backup.timestamped_backup).
PERIODIC, VERIFICATIONS, MANUAL = "periodic", "verifications", "manual"


@record
class BackupPolicy:
    every_minutes: int = 10  # 0: no periodic backups
    every_verifications: int = 25  # 0: none counted by verifications
    keep: int = 20  # the newest backups kept in the folder

    @property
    def interval_ms(self) -> int | None:
        """The periodic timer's interval; None when periodic backups are off."""
        return self.every_minutes * 60_000 if self.every_minutes > 0 else None


class BackupSchedule:
    """Counts verifications since the last backup taken for them.

    `verifications` is the database's running count (desk.session.verification_count):
    every desk's verifications count, not only this window's, since the backup is of the
    whole election."""

    def __init__(self, policy: BackupPolicy, verifications: int) -> None:
        self.policy = policy
        self._at_backup = verifications

    def restart(self, verifications: int) -> None:
        """Another database is open: count from its own number of verifications."""
        self._at_backup = verifications

    def due(self, verifications: int) -> bool:
        """True when `every_verifications` have been made since the last backup for them;
        the count then starts again from here."""
        every = self.policy.every_verifications
        if verifications < self._at_backup:
            # The count went back: an older backup restored over the database. Counted
            # from there, or the verifications the restore dropped put off the next backup.
            self._at_backup = verifications
        if every > 0 and verifications - self._at_backup >= every:
            self._at_backup = verifications
            return True
        return False
