"""Which backups in the backups folder are this database's, and pruning them to the newest
few (`backup.timestamped_backup`); and reading which database a file was copied from (its
newest audit entry), which the restore asks too."""

from __future__ import annotations

import contextlib
import glob
import json
import re
import sqlite3
import time
from pathlib import Path

from .database import Store
from .schema_version import APPLICATION_ID

# A hidden temporary file this old in the backups folder is a backup killed part-way (one
# that is running finishes in seconds): removed when the folder is next pruned.
STALE_TEMP_S = 3600


def newest_entry(path: Path, *, immutable: bool = True) -> tuple[int, str] | str:
    """The id and hash of the newest audit entry of the database at `path`, or why there
    is none to compare. Read-only, and with `immutable` read as immutable: no lock is taken
    on a file that may be someone else's, and no journal, `-wal` or `-shm` is made or
    applied beside it. Without, what its `-wal` holds is read too (a restore's own
    database, whose last commits may not be in the main file yet)."""
    uri = f"{path.resolve().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return "it is not a ResultsDesk database"
            row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"
                               ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"it cannot be read as a ResultsDesk database ({exc})"
    if row is None or not isinstance(row[1], str):
        return "it has no audit entry to show which database it was copied from"
    return int(row[0]), row[1]


def holds_entry(path: Path, entry: tuple[int, str], restore_action: str
                ) -> tuple[bool, str | None] | None:
    """Whether the database at `path` (a restore's copy of what it replaced) has the audit
    entry `entry` (id, hash), and, when it has not, where its newest `restore_action` entry
    says the contents that restore replaced were kept (None: no such entry, or it has
    it). None when it cannot be read (moved away, damaged). Read-only and immutable, as
    `newest_entry`."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            held = conn.execute("SELECT count(*) FROM audit_log WHERE id = ? AND hash = ?",
                                entry).fetchone()[0]
            # Only a copy without it is followed further: the log has no index on its
            # action, and a copy never restored before is read to its first entry for it.
            row = None if held else conn.execute(
                "SELECT details FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1",
                (restore_action,)).fetchone()
        finally:
            conn.close()
        details = json.loads(row[0]) if row and isinstance(row[0], str) else {}
    except (sqlite3.Error, ValueError, OSError):
        return None
    kept = details.get("previous_contents") if isinstance(details, dict) else None
    return bool(held), kept if isinstance(kept, str) else None


def prune(folder: Path, name: str, keep: int, *, newest: Path | None = None,
          of: Store | None = None) -> list[Path]:
    """Keep the newest `keep` backups named `name` (`backup_name`), exactly: a name that
    merely begins the same is another election's. `newest`, the backup just made, is
    the newest whatever its file's time says; with `of` (the database backed up), only
    earlier backups of that database are counted and pruned (`_earlier_backup_of`).
    Temporary files of backups killed part-way, an hour old, go too."""
    own = re.compile(rf"{re.escape(name)}-\d{{8}}-\d{{6}}-\d{{6}}-[a-z]+\.db")
    # Oldest first by when each was written, then by name: the names are local time, which
    # runs an hour back when the clocks go back, and sorted by name alone a backup made in
    # the repeated hour went first (with keep=1, the one just made was removed). The one
    # just made goes last all the same: after the PC's clock was put back (it ran fast),
    # every earlier backup was written "later", and the new one was removed as it was made.
    just_made = None if newest is None else newest.name
    backups = sorted((p for p in folder.glob(f"{glob.escape(name)}-*.db")
                      if own.fullmatch(p.name) and p.name != just_made
                      and (of is None or _earlier_backup_of(of, p))),
                     key=_written_then_named)
    if newest is not None:
        backups.append(newest)
    doomed = backups[:-keep] if keep > 0 else []
    stale = time.time() - STALE_TEMP_S
    for temp in folder.glob(f".{glob.escape(name)}-*.db.*.tmp*"):
        with contextlib.suppress(OSError):  # gone meanwhile, or not ours to remove
            if own.fullmatch(temp.name[1:].rsplit(".db.", 1)[0] + ".db") \
                    and temp.stat().st_mtime < stale:
                temp.unlink()
    for old in doomed:
        old.unlink(missing_ok=True)
    return doomed


def _earlier_backup_of(store: Store, path: Path) -> bool:
    """Whether the file at `path` is an earlier backup of the database in `store`: its
    newest audit entry is in that database's log (as `refuse_losing_a_database` asks of a
    file a backup replaces). The names say where a database is, not which: another
    election made or restored in the same place (the default election.db built afresh)
    shares them, and pruned the old election's backups; a file someone named like one,
    or one that cannot be read, is no backup to prune either."""
    head = newest_entry(path)
    return not isinstance(head, str) and bool(store.scalar(
        "SELECT count(*) FROM audit_log WHERE id = ? AND hash = ?", head))


def _written_then_named(path: Path) -> tuple[int, str]:
    try:
        return path.stat().st_mtime_ns, path.name
    except OSError:  # gone meanwhile: first, and its removal finds nothing
        return 0, path.name
