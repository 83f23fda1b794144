"""Work the main window starts off the GUI thread: backups (now, every N minutes, every N
verifications: `desk.schedule` decides when) and publishing to the watch folder (`publisher`).
A failure is shown in the status bar and retried, never silent. A mixin of `MainWindow`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer

from ..desk import session
from ..desk.schedule import MANUAL, PERIODIC, VERIFICATIONS, BackupSchedule
from .announce import announce
from .dialog_life import free_closed
from .publisher import Publisher, load_publish_settings, save_publish_settings
from .worker import Worker, start

log = logging.getLogger(__name__)
# The status bar's red line heads: one spelling, as the bar falls back to the line it was
# given (`publishing_trouble`) and drops it only when it reads just so
PUBLISHING_FAILED, PUBLISHING_SLOW = "PUBLISHING FAILED: ", "PUBLISHING SLOW: "


class BackgroundJobs:
    """Needs `desk`, `db_path`, `prefs` and `alarm` (the status bar's failure line)."""

    # --- backups -----------------------------------------------------------------------

    def _start_backups(self) -> None:
        self._backup_timer = QTimer(self)
        self._backup_timer.setObjectName("backupTimer")
        self._backup_timer.timeout.connect(lambda: self.backup_now(PERIODIC))
        self.verifications = session.VerificationCount(self.desk)
        self.backup_schedule = BackupSchedule(self.prefs.backup_policy(), self.verifications())
        # the database and its newest audit entry at the last backup started here
        self._backed_up_head: tuple | None = None
        self._apply_backup_schedule()

    def _apply_backup_schedule(self) -> None:
        """After the preferences changed: the new policy, and the timer restarted on a new
        interval. The same interval runs on: restarted at every OK in Preferences (a
        threshold changed), a desk saving them every few minutes was never backed up by it."""
        self.backup_schedule.policy = policy = self.prefs.backup_policy()
        timer = self._backup_timer
        if policy.interval_ms is None:
            timer.stop()
        elif not timer.isActive() or timer.interval() != policy.interval_ms:
            timer.start(policy.interval_ms)

    def _backup_if_due(self) -> None:
        if session.is_server(self.desk):
            return  # a server's backups are the server's (pg_dump, standby), not the app's
        if self.backup_schedule.due(self.verifications()):
            self.backup_now(VERIFICATIONS)

    def backup_now(self, reason: str = MANUAL) -> None:
        """A backup into the data folder, on a worker thread; a failure is shown and
        retried at the next opportunity, never silent."""
        from ..paths import user_data_dir

        if session.is_server(self.desk):  # (as for verifications, no periodic one: every
            # N minutes the recipe, unasked, covered whatever the status bar said)
            if reason == MANUAL:
                self.statusBar().showMessage(session.server_backup_recipe(self.desk), 15_000)
            return
        if self.publisher.withheld():  # (each demo's copy is an election of its own, for
            # good in the backups folder: no later run would ever prune its backups)
            self.statusBar().showMessage("The demo is not backed up: its throw-away night "
                                         "is removed when the app closes.", 5000)
            return
        path, keep = self.db_path, self.prefs.backup_keep
        # Every N minutes of a night over (the window left open till morning) copied the
        # same database again, each copy pushing one of the night's own out of the newest
        # `keep`: a periodic backup with no audit entry new since the last one made here is
        # not taken. (A backup that fails forgets its head: the next is taken.)
        try:  # (a file deleted or replaced since it opened is no unchanged night: the
            # backup is tried, and fails in red, as before)
            self.desk.refuse_a_lost_file()
            head = (path, session.audit_head(self.desk))
        except Exception:  # (not read, whatever the error: SQLite's own too,
            # a share gone, "disk I/O error": taken, as before; the worker says what fails)
            head = None
        if reason == PERIODIC and head is not None and head == self._backed_up_head:
            return
        self._backed_up_head = head

        def job(progress):
            # The folder found (platformdirs, loaded the first time) and made on the worker:
            # a backup due after a verification never holds up that verification's views,
            # and a folder that cannot be made is a failed backup, shown and retried.
            return session.backup_into(path, user_data_dir() / "backups", reason, keep)

        worker = Worker(job, f"a backup of {Path(path).name}")
        worker.signals.of = path  # whose backup a failure is (`_backup_failed`)
        # which backup it is: an earlier one's success heard after a later one's failure
        # does not put "Backed up to …" over the red "BACKUP FAILED" (`_backed_up`)
        self._backups_started = getattr(self, "_backups_started", 0) + 1
        worker.signals.started_as = self._backups_started
        # bound methods, not lambdas: a report arriving after the window is gone is dropped
        worker.signals.finished.connect(self._backed_up)
        worker.signals.failed.connect(self._backup_failed)
        self._backup_worker = start(worker)

    def prune_backups_now(self) -> None:
        """Keep lowered in Preferences: the backups beyond it go now, on a worker thread,
        not at the next backup (on a full disk, none could be made to prune after)."""
        from ..paths import user_data_dir

        if session.is_server(self.desk) or self.publisher.withheld():
            return  # a server's backups are the server's; the demo is not backed up
        path, keep = self.db_path, self.prefs.backup_keep

        def job(progress):
            return session.prune_backups(path, user_data_dir() / "backups", keep)

        worker = Worker(job, f"removing older backups of {Path(path).name}")
        worker.signals.finished.connect(self._pruned)
        worker.signals.failed.connect(self._prune_failed)
        self._prune_worker = start(worker)

    def _pruned(self, removed) -> None:
        if removed:
            self.statusBar().showMessage(
                f"Removed {len(removed)} older backup{'s' if len(removed) != 1 else ''}, "
                f"keeping the newest {self.prefs.backup_keep}.", 5000)

    def _prune_failed(self, message: str) -> None:  # the next backup prunes again
        self.statusBar().showMessage(f"Older backups not removed: {message}", 15_000)

    def _backed_up(self, out) -> None:
        started = getattr(self.sender(), "started_as", 0)
        if started < getattr(self, "_failed_backup", 0):
            # A backup started before one that has failed since (two in flight, a night's
            # and a periodic): its plain line over the red one hid the failure.
            log.info("backed up to %s (a later backup failed since)", out)
            return
        self.statusBar().showMessage(f"Backed up to {out}", 5000)

    def _backup_failed(self, message: str) -> None:
        of = getattr(self.sender(), "of", self.db_path)
        if of != self.db_path:
            # The database open before File > Open (or Switch user to another election):
            # its backup, held up, failed after the switch. Still said, in red (its night
            # has no backup), but of it by name: "BACKUP FAILED" alone read as the backup
            # of the database open now, which nothing is wrong with.
            self.alarm(f"BACKUP FAILED of {Path(of).name} (the database open before): "
                       f"{message}", 60_000)
            return
        self._backed_up_head = None  # tried again at the next one, changed or not
        self._failed_backup = getattr(self.sender(), "started_as", 0)
        self.backup_error = message
        self.alarm(f"BACKUP FAILED: {message}", 60_000)

    # --- publishing --------------------------------------------------------------------

    def _start_publisher(self, unpublished: Path | str | None = None) -> None:
        self.publisher = Publisher(self.db_path, self, unpublished=unpublished)
        self.publisher.desk = self.desk
        self.publish_warning = ""  # the last publish's words drawn as boxes, if any
        self.publish_error = ""  # the failure the bar says now, until a publish goes out
        self.publish_slow = ""  # a publish held up, said, until it ends
        self.publisher.published.connect(self._published)
        self.publisher.failed.connect(self._publish_failed)
        self.publisher.slow.connect(self._publish_slow)
        self.publisher.settled.connect(self.drop_publishing_trouble)

    def edit_publishing(self) -> None:
        from .publish_dialog import PublishDialog  # loads when first opened

        before = load_publish_settings()
        free_closed(self, PublishDialog)
        dialog = PublishDialog(before, self)
        if dialog.exec():
            after = dialog.settings()
            save_publish_settings(after)
            if after is None:  # publishing off: no failure of it stands any more
                self.drop_publishing_trouble()
            else:
                if before is not None and before.folder != after.folder:
                    # its files go once the new folder has its own; publishing turned
                    # off (no folder) leaves the folder as it is
                    self.publisher.leave(before.folder)
                self.publisher.settings_saved()  # the night as it stands, now
                if self.publisher.withheld():
                    self.statusBar().showMessage(
                        "The demo publishes nothing: its throw-away night never goes to "
                        "the watch folder. The settings are kept for your own election.",
                        15_000)

    def _published(self, folder: str, count: int, warned: list[str]) -> None:
        done = f"Published {count} files to {folder}"
        before, self.publish_warning = self.publish_warning, "; ".join(warned)
        failing, self.publish_error = self.publish_error, ""
        self.publish_slow = ""
        if not warned:
            self.statusBar().showMessage(done, 8000)
            if failing:  # the failure was said (in red, to a screen reader): so is its end
                announce(self.statusBar(), f"Publishing again. {done}.")
            return
        # Words no font here draws went to air as boxes: said in red, as a failure is (the
        # log alone kept it), but told a screen reader again only when it says otherwise:
        # every publish of the night draws that name again.
        self.alarm(f"PUBLISHED WITH BOXES: {self.publish_warning}. {done}.", 60_000,
                   said=None if self.publish_warning != before or failing else "")

    def _publish_failed(self, message: str) -> None:
        # In red at every retry while it lasts, but said to a screen reader once: the
        # same words again every 15 s all night interrupted whatever was being read.
        again, self.publish_error = message == self.publish_error, message
        self.publish_slow = ""
        self.alarm(f"{PUBLISHING_FAILED}{message}", 15_000, said="" if again else None)

    def _publish_slow(self, message: str) -> None:
        self.publish_slow = message
        self.alarm(f"{PUBLISHING_SLOW}{message}", 15_000)

    def drop_publishing_trouble(self) -> None:
        """Publishing's failure (or hold-up) stands no more: publishing turned off, another
        election opened, a catch-up's retry finding the folder up to date (`settled`). Its
        line goes from the bar too if the bar stands on it: shown there with no time of its
        own (`MainWindow._status_changed`), it stayed, red, for good."""
        lasting = self.publishing_trouble()
        self.publish_error = self.publish_slow = ""
        if lasting and self.statusBar().currentMessage() == lasting:
            self.statusBar().clearMessage()

    def publishing_trouble(self) -> str:
        """The publishing failure, or publish held up, that lasts now ("": none): what
        the status bar falls back to, in red, while it lasts (`MainWindow._status_changed`)."""
        if getattr(self, "publish_error", ""):
            return f"{PUBLISHING_FAILED}{self.publish_error}"
        if getattr(self, "publish_slow", ""):
            return f"{PUBLISHING_SLOW}{self.publish_slow}"
        return ""
