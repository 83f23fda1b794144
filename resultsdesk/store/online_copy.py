"""Copying an open database page by page (SQLite's online backup API) while desks keep
writing: what a backup, a restore and the copy kept before a migration all use. It needs
only a connection, so `database` (migrations) and `backup` both build on it without
importing each other."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import time
from collections.abc import Callable
from pathlib import Path

from ..database_builds import built_beside
from ..domain.errors import Cause, InternalError
from ..files import (
    BUILDING,
    PRIVATE,
    check_output,
    os_error_message,
    same_file,
    temp_beside,
)
from ..sqlite_files import SQLITE_JOURNALS
from . import commits
from .errors import StoreError, explain
from .settings import busy_timeout_ms

PAGES_PER_STEP = 1024  # copy in slices so writers are never held up for long
DATABASE_FILES = ("", *SQLITE_JOURNALS)  # a database is these files together
log = logging.getLogger(__name__)


class _GaveUp(Exception):
    """Raised from the copy's progress callback to stop it waiting for a lock."""


def copy_pages(source: sqlite3.Connection, target: sqlite3.Connection, timeout_s: float,
               locked: str, *, pages: int = PAGES_PER_STEP,
               once_locked: Callable[[], None] | None = None) -> None:
    """SQLite's online backup, giving up once a lock has been in the way for `timeout_s`
    with a StoreError (LOCKED) saying `locked`.

    Python's backup loop retries a locked step forever and ignores the busy timeout;
    the progress callback is told each step's result and may stop it.

    `once_locked` is called after the first step that copied: from then until the copy
    commits, SQLite holds the target's write lock (no other connection commits), while a
    reader of the target still sees it as it was (WAL). Anything it raises stops the copy
    and rolls the target back. With it, `pages` must leave the copy unfinished after one
    step (1: a page a step)."""
    deadline: list[float] = []
    told: list[bool] = []

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            if not deadline:
                deadline.append(time.monotonic() + timeout_s)
            elif time.monotonic() >= deadline[0]:
                raise _GaveUp
            return
        deadline.clear()
        if status not in (sqlite3.SQLITE_OK, sqlite3.SQLITE_DONE):
            # The step failed (the target read-only, damaged, a full disk): Python raises
            # its sqlite3 error once this returns. Taken for a copy "done in one step",
            # that error was an InternalError, "a bug in ResultsDesk".
            return
        if once_locked is not None and not told:
            told.append(True)
            if status != sqlite3.SQLITE_OK:  # copied whole in one step: nothing was held
                raise InternalError("copy_pages: once_locked after the copy was done")
            once_locked()

    try:
        source.backup(target, pages=pages, progress=progress)
    except _GaveUp:
        raise StoreError(locked, cause=Cause.LOCKED) from None


def refuse_same_file(database: Path, other: Path, role: str) -> None:
    """Never write a copy over the database itself (or its journal): through a symbolic
    link, a relative path or `..` it would replace the live file under open desks."""
    for suffix in DATABASE_FILES:
        if same_file(other, f"{database}{suffix}"):
            raise StoreError(f"{other} is the database itself ({database}); choose another "
                             f"file for the {role}.", cause=Cause.BAD_INPUT)


def _keep_mode(out: Path, tmp: Path) -> None:
    """A copy replacing a file keeps that file's permissions: a night's file that desks
    share (group-writable), backed up over while closed (--db and --out swapped, nothing
    lost: the same log), was left readable by one user only, and no other desk could
    open it. (Its owner becomes whoever ran the backup: only root could keep it.)"""
    try:
        mode = stat.S_IMODE(os.stat(out).st_mode)
    except OSError:
        return  # a new file: this user's alone
    os.chmod(tmp, mode)


def _claim(tmp: Path, out: Path, new_name: Callable[[int], Path]) -> Path:
    """Put the finished copy `tmp` in place under `out`, or `new_name(2)`, `new_name(3)`…,
    whichever no file has yet, never replacing one (a hard link fails on a name taken):
    the name was once taken first as an empty file and the copy renamed over it, and a
    kill during the copy left that empty file under the name of a kept copy."""
    n = 1
    while True:
        try:
            os.link(tmp, out)
        except FileExistsError:
            n, out = n + 1, new_name(n + 1)
            continue
        except OSError:  # no hard links (a FAT stick, some shares): take the name, rename
            try:
                os.close(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))
            except FileExistsError:
                n, out = n + 1, new_name(n + 1)
                continue
            os.replace(tmp, out)
            return out
        tmp.unlink(missing_ok=True)
        return out


def backup_to(conn: sqlite3.Connection, out: str | Path, *,
              source: Path | None = None,
              new_name: Callable[[int], Path] | None = None) -> Path:
    """Write a consistent copy of the open database to `out`, atomically (temp, then
    rename), readable by this user only (a file it replaces keeps its permissions).
    `source` (the open database's path) is never overwritten. With `new_name`, a file at
    `out` is never replaced: the copy goes under `new_name(2)`, `new_name(3)`… instead;
    returns where it went."""
    out = Path(out)
    if source is not None:
        refuse_same_file(source, out, "backup")
    check_output(out, f"{source.stem if source else 'election'}-backup.db", database=True)
    timeout_s = busy_timeout_ms() / 1000
    tmp: Path | None = None
    try:
        fd, tmp = temp_beside(out, PRIVATE)
        os.close(fd)
        target = sqlite3.connect(tmp, timeout=timeout_s)
        try:
            copy_pages(conn, target, timeout_s,
                       f"{source or 'The database'} is locked by another program (waited "
                       f"{timeout_s:g} s); the backup to {out} was not made. Try again in "
                       "a moment.")
            target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            target.close()
        if new_name is not None:
            out = _claim(tmp, out, new_name)
        else:
            _keep_mode(out, tmp)
            os.replace(tmp, out)
    except BaseException as exc:
        if tmp is not None:
            # With what SQLite left beside it: a copy of a WAL database is in WAL mode until
            # its last statement, and on a full disk its -wal and -shm stayed there, hidden,
            # holding space the message asks to free (the kept copy before an upgrade's).
            for part in (tmp, *(tmp.with_name(tmp.name + s) for s in SQLITE_JOURNALS)):
                part.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise os_error_message(out, exc) from None
        explained = explain(exc, out) if isinstance(exc, sqlite3.Error) else None
        if explained is not None:
            raise type(explained)(f"Backup to {out} failed: {explained}",
                                  cause=explained.cause) from None
        raise
    log.info("backed up %s to %s", source or "the database", out)
    return out


def replace_damaged(ready: Path, db_path: Path) -> None:
    """Put a restore's copy (`ready`, its record written) in place of a damaged database
    whose bytes were kept (`backup._keep_current`), whole, by a rename: SQLite cannot copy
    pages into a file it cannot read (cut short: "database disk image is malformed"), and
    a restore, what the damaged file's own message says to run, failed as "a bug". Its
    journals go first, kept with it: one left beside would be played into the restored
    file. The file keeps its permissions."""
    single = sqlite3.connect(ready)
    try:
        single.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        single.close()
    try:
        os.chmod(ready, stat.S_IMODE(os.stat(db_path).st_mode))
        commits.sending()
        for suffix in DATABASE_FILES[1:]:
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        os.replace(ready, db_path)
    except OSError as exc:
        commits.not_sent()
        problem = os_error_message(db_path, exc)
        raise StoreError(f"Nothing was restored into {db_path} ({problem}).",
                         cause=problem.cause) from None
    except BaseException:
        if ready.exists():
            commits.not_sent()
        raise


def place_new(ready: Path, db_path: Path) -> None:
    """Put a restore's copy (`ready`, its record written) where no database is yet (the
    backup put back on another PC): built beside it under a hidden name and moved in whole,
    as `init` makes a new file (`database_builds.built_beside`). Copied into a new file at
    `db_path`, a restore killed or interrupted part-way left that file there, empty once its journal
    was rolled back, and every command refused it, the restore run again too ("empty, not
    a ResultsDesk database"). Never over a database another program made there meanwhile."""
    try:
        with built_beside(db_path, BUILDING) as building:
            source, target = sqlite3.connect(ready), sqlite3.connect(building)
            try:
                source.backup(target)
            finally:
                target.close()  # (closing checkpoints its WAL into the file moved in)
                source.close()
            commits.sending()  # moved in as the block ends: an interrupt may come after
    except BaseException as exc:
        if not db_path.exists():
            commits.not_sent()
        if isinstance(exc, FileExistsError):
            raise StoreError(f"Nothing was restored into {db_path}: another program made a "
                             "file there while the backup was copied; restore again to "
                             "replace it.", cause=Cause.REFUSED) from None
        problem = (explain(exc, db_path) if isinstance(exc, sqlite3.Error) else
                   os_error_message(db_path, exc) if isinstance(exc, OSError) else None)
        if problem is None:
            raise
        raise StoreError(f"Nothing was restored into {db_path} ({problem}).",
                         cause=getattr(problem, "cause", Cause.IO)) from None
