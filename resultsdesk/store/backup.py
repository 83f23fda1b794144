"""Online backups with SQLite's backup API: consistent copies while desks keep writing."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from ..domain.errors import Cause
from ..files import PRIVATE, check_output, os_error_message, same_file, temp_beside
from .database import DamagedDatabase, Store, StoreError, busy_timeout_ms
from .errors import explain

PAGES_PER_STEP = 1024  # copy in slices so writers are never held up for long
_DATABASE_FILES = ("", "-wal", "-shm", "-journal")  # a database is these files together
log = logging.getLogger(__name__)


class _GaveUp(Exception):
    """Raised from the backup's progress callback to stop it waiting for a lock."""


def _copy_pages(source: sqlite3.Connection, target: sqlite3.Connection, timeout_s: float) -> None:
    """SQLite's online backup, giving up once a lock has been in the way for `timeout_s`.

    Python's backup loop retries a locked step forever and ignores the busy timeout;
    the progress callback is told each step's result and may stop it."""
    deadline: list[float] = []

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            if not deadline:
                deadline.append(time.monotonic() + timeout_s)
            elif time.monotonic() >= deadline[0]:
                raise _GaveUp
        else:
            deadline.clear()

    source.backup(target, pages=PAGES_PER_STEP, progress=progress)


def _refuse_same_file(database: Path, other: Path, role: str) -> None:
    """Never write a copy over the database itself (or its journal): through a symbolic
    link, a relative path or `..` it would replace the live file under open desks."""
    for suffix in _DATABASE_FILES:
        if same_file(other, f"{database}{suffix}"):
            raise StoreError(f"{other} is the database itself ({database}); choose another "
                             f"file for the {role}.", cause=Cause.BAD_INPUT)


def backup_to(conn: sqlite3.Connection, out: str | Path, *,
              source: Path | None = None) -> Path:
    """Write a consistent copy of the open database to `out`, atomically (temp, then
    rename), readable by this user only. `source` (the open database's path) is never
    overwritten."""
    out = Path(out)
    if source is not None:
        _refuse_same_file(source, out, "backup")
    check_output(out, f"{source.stem if source else 'election'}-backup.db")
    timeout_s = busy_timeout_ms() / 1000
    tmp: Path | None = None
    try:
        fd, tmp = temp_beside(out, PRIVATE)
        os.close(fd)
        target = sqlite3.connect(tmp, timeout=timeout_s)
        try:
            _copy_pages(conn, target, timeout_s)
            target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            target.close()
        os.replace(tmp, out)
    except BaseException as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, _GaveUp):
            raise StoreError(f"{source or 'The database'} is locked by another program "
                             f"(waited {timeout_s:g} s); the backup to {out} was not made. "
                             "Try again in a moment.", cause=Cause.LOCKED) from None
        if isinstance(exc, OSError):
            raise os_error_message(out, exc) from None
        explained = explain(exc, out) if isinstance(exc, sqlite3.Error) else None
        if explained is not None:
            raise type(explained)(f"Backup to {out} failed: {explained}",
                                  cause=explained.cause) from None
        raise
    log.info("backed up %s to %s", source or "the database", out)
    return out


def backup(store: Store, out: str | Path) -> Path:
    return backup_to(store.conn, out, source=store.path)


def timestamped_backup(store: Store, folder: str | Path, reason: str, keep: int) -> Path:
    """A backup named after the database, the time and why; only the newest `keep` stay."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error_message(folder / "backup.db", exc) from None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    out = backup(store, folder / f"{store.path.stem}-{stamp}-{reason}.db")
    prune(folder, store.path.stem, keep)
    return out


def prune(folder: Path, stem: str, keep: int) -> list[Path]:
    backups = sorted(folder.glob(f"{stem}-*.db"))
    doomed = backups[:-keep] if keep > 0 else []
    for old in doomed:
        old.unlink(missing_ok=True)
    return doomed


def check_backup(path: Path) -> None:
    """Refuse anything but an intact ResultsDesk database this app can read, without
    changing it (read-only: an older backup is migrated only after it is restored)."""
    from .schema import APPLICATION_ID, SCHEMA_VERSION

    if not path.exists():
        raise StoreError(f"No backup at {path}.", cause=Cause.MISSING)
    if not path.is_file():
        raise StoreError(f"{path} is not a backup file.", cause=Cause.WRONG_KIND)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        explained = explain(exc, path)
        if explained is None:
            raise
        if explained.cause in (Cause.WRONG_KIND, Cause.DAMAGED):
            raise StoreError(f"{path} is not a ResultsDesk backup (not a readable SQLite "
                             "file).", cause=Cause.WRONG_KIND) from None
        raise explained from None
    if app_id != APPLICATION_ID:
        raise StoreError(f"{path} is not a ResultsDesk backup.", cause=Cause.WRONG_KIND)
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path} was written by a newer ResultsDesk; upgrade to restore it.",
                         cause=Cause.WRONG_KIND)
    if check != "ok":
        raise StoreError(f"{path} is damaged ({check}); choose another backup.",
                         cause=Cause.DAMAGED)


def restore(backup_path: str | Path, db_path: str | Path) -> Path | None:
    """Replace the database's contents with a backup's. The current contents are first
    saved beside it (returned), so a restore can itself be undone."""
    backup_path, db_path = Path(backup_path), Path(db_path)
    _refuse_same_file(db_path, backup_path, "backup to restore from")
    check_backup(backup_path)
    safety = None
    if db_path.exists():
        safety = db_path.with_name(
            f"{db_path.stem}-before-restore-{datetime.now():%Y%m%d-%H%M%S}.db")
        try:
            with Store(db_path) as current:
                safety = backup(current, safety)
        except DamagedDatabase:  # what restores are for: keep its bytes as they are
            for suffix in ("", "-wal"):
                if Path(f"{db_path}{suffix}").exists():
                    shutil.copyfile(f"{db_path}{suffix}", f"{safety}{suffix}")
                    os.chmod(f"{safety}{suffix}", PRIVATE)
    timeout_s = busy_timeout_ms() / 1000
    source = sqlite3.connect(f"file:{backup_path}?mode=ro", uri=True)
    target = sqlite3.connect(db_path, timeout=timeout_s)
    try:
        _copy_pages(source, target, timeout_s)
    except _GaveUp:
        raise StoreError(f"{db_path} is locked by another program (waited {timeout_s:g} s); "
                         "nothing was restored. Try again in a moment.",
                         cause=Cause.LOCKED) from None
    except sqlite3.Error as exc:
        explained = explain(exc, db_path, waited_s=timeout_s)
        if explained is None:
            raise
        raise type(explained)(f"Restore into {db_path} failed: {explained}",
                              cause=explained.cause) from None
    finally:
        target.close()
        source.close()
    Store(db_path).close()  # brings an older backup up to the current schema
    log.info("restored %s from %s (previous contents in %s)", db_path, backup_path, safety)
    return safety
