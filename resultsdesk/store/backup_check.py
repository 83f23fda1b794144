"""Whether a file is a backup a restore may put back, read without changing it
(`check_backup`), and the read-only way every backup is opened (`read_only_uri`).
Apart from `backup.py`, which keeps its names."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from ..domain.errors import Cause
from .database import StoreError
from .errors import dangling_link, explain
from .schema_version import APPLICATION_ID, SCHEMA_VERSION

__all__ = ["check_backup", "read_only_uri"]


def read_only_uri(path: Path) -> str:
    """A read-only URI of a database file, read as immutable when no `-wal` sits beside it:
    then nothing has it open in WAL mode and all of it is in the file. A plain read-only
    connection to a WAL-mode file (every backup is one) made its `-wal` and `-shm`, and left
    them at its close (only a writer removes them): a refused restore left both beside the
    backup and the database, and the script's next `backup --out` that backup was refused
    ("copy.db-wal is beside it")."""
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    return uri if Path(f"{path}-wal").exists() else f"{uri}&immutable=1"


def check_backup(path: Path) -> None:
    """Refuse anything but an intact ResultsDesk database this app can read, without
    changing it (read-only: an older backup is migrated only after it is restored)."""
    if not path.exists():
        raise dangling_link(path) or StoreError(f"No backup at {path}.", cause=Cause.MISSING)
    if not path.is_file():
        raise StoreError(f"{path} is not a backup file.", cause=Cause.WRONG_KIND)
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            # the first problem only, as `Store` says a damaged database: in full, a page's
            # every cell came under a "*** in database main ***" heading (600 characters)
            check = conn.execute("PRAGMA integrity_check(1)").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        explained = explain(exc, path)
        if explained is None:
            raise
        if explained.cause is Cause.DAMAGED:  # (a backup cut short: a copy stopped part-way)
            raise StoreError(f"{path} is damaged ({exc}); choose another backup.",
                             cause=Cause.DAMAGED) from None
        if explained.cause is Cause.WRONG_KIND:
            raise StoreError(f"{path} is not a ResultsDesk backup (not a readable SQLite "
                             "file).", cause=Cause.WRONG_KIND) from None
        if explained.cause is Cause.MISSING:  # (SQLITE_CANTOPEN: it is there, a file)
            explained = _unreadable(path) or explained
        raise explained from None
    if app_id != APPLICATION_ID:
        raise StoreError(f"{path} is not a ResultsDesk backup.", cause=Cause.WRONG_KIND)
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path} was written by a newer ResultsDesk; upgrade to restore it.",
                         cause=Cause.WRONG_KIND)
    if check != "ok":
        raise StoreError(f"{path} is damaged ({check.splitlines()[-1]}); choose another backup.",
                         cause=Cause.DAMAGED)


def _unreadable(path: Path) -> StoreError | None:
    """A backup this account may not read, said so: SQLite says only that it cannot open
    it, which was said as "its folder is missing or may not be written", of a folder that
    was there. (Only read, a backup needs no permission to be written.)"""
    if os.access(path, os.R_OK):
        return None
    return StoreError(f"Cannot read {path}: its permissions "
                      f"({stat.filemode(path.stat().st_mode)}) do not let this account read "
                      "it; ask its owner for read access, or choose another backup.",
                      cause=Cause.READ_ONLY)
