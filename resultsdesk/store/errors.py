"""SQLite's errors in the desk's words, told apart by SQLite's result code (never by
matching its message text, which changes between versions and locales)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..domain.errors import Cause, KnownError
from ..sqlite_files import SQLITE_JOURNALS


class StoreError(KnownError):
    """A database the app cannot use as asked, with a message meant for the person at the
    desk; `cause` says why (locked, read-only, disk full, damaged, not ours, ...)."""

    cause = Cause.IO


class FileLost(StoreError):
    """The file a store opened is no longer at its path: deleted, moved away or replaced by
    another file since (`Store.refuse_a_lost_file`). Nothing brings it back but opening
    the election again."""

    cause = Cause.MISSING


class DamagedDatabase(StoreError):
    """The file's pages are damaged (SQLite's quick check, or SQLITE_CORRUPT on the way):
    restore it from a backup."""

    cause = Cause.DAMAGED


def not_utf8(exc: sqlite3.Error) -> bool:
    """Whether `exc` is sqlite3's "Could not decode to UTF-8": text whose bytes are not
    UTF-8, which SQLite and ResultsDesk never write (a hand's edit)."""
    return isinstance(exc, sqlite3.OperationalError) and "decode" in str(exc)


@contextmanager
def not_utf8_as_damage(message: str) -> Iterator[None]:
    """Reads in the block that meet text that is not UTF-8 (`not_utf8`) raise
    DamagedDatabase(`message`), said as damage, not as a bug's error."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if not not_utf8(exc):
            raise
        raise DamagedDatabase(message) from None


# Primary result codes (the low byte of an extended code) a desk can meet through no fault
# of ResultsDesk's. Anything else (SQLITE_ERROR on bad SQL, SQLITE_CONSTRAINT, SQLITE_MISUSE)
# is a bug and is not explained away.
_CAUSES: dict[int, Cause] = {
    sqlite3.SQLITE_BUSY: Cause.LOCKED,
    sqlite3.SQLITE_LOCKED: Cause.LOCKED,
    sqlite3.SQLITE_PROTOCOL: Cause.LOCKED,  # the locking protocol failed: a busy network disk
    sqlite3.SQLITE_READONLY: Cause.READ_ONLY,
    sqlite3.SQLITE_PERM: Cause.READ_ONLY,
    sqlite3.SQLITE_FULL: Cause.DISK_FULL,
    sqlite3.SQLITE_CORRUPT: Cause.DAMAGED,
    sqlite3.SQLITE_NOTADB: Cause.WRONG_KIND,
    sqlite3.SQLITE_CANTOPEN: Cause.MISSING,
    sqlite3.SQLITE_IOERR: Cause.IO,
    sqlite3.SQLITE_NOLFS: Cause.IO,
    sqlite3.SQLITE_NOMEM: Cause.IO,
}


def sqlite_cause(exc: BaseException) -> Cause | None:
    """The kind of trouble an sqlite3 error reports, or None for one that is a bug."""
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(exc, sqlite3.Error) or code is None:
        return None
    return _CAUSES.get(code & 0xFF)


def explain(exc: BaseException, path: str | Path | None, *,
            waited_s: float | None = None) -> StoreError | None:
    """A StoreError saying what `exc` means for the database at `path`, or None when it
    is not something the desk's environment did (a bug: let it through)."""
    cause = sqlite_cause(exc)
    if cause is None:
        return None
    name = str(path) if path is not None else "The database"
    detail = getattr(exc, "sqlite_errorname", "") or str(exc)
    if cause is Cause.IO and path is not None and _disk_full(Path(path)):
        # SQLite meets a full disk as an I/O error where it makes its journals (the -shm
        # it cannot grow: SQLITE_IOERR_SHMSIZE, even to read), not as SQLITE_FULL: "could
        # not be read or written ... Check the disk" sent the desk looking for a fault.
        cause = Cause.DISK_FULL
    if cause is Cause.DAMAGED:
        return DamagedDatabase(f"{name} is damaged ({exc}); nothing was changed. Restore it "
                               "from a backup ('resultsdesk restore').")
    waited = f" (waited {waited_s:g} s)" if waited_s is not None else ""
    message = {
        Cause.LOCKED: f"{name} is locked by another program{waited}; try again in a moment.",
        Cause.READ_ONLY: f"{name} is read-only; ResultsDesk needs to write to it.",
        Cause.DISK_FULL: f"The disk holding {name} is full (or the file reached its size "
                         "limit); nothing was saved. Free some space and try again.",
        Cause.WRONG_KIND: f"{name} is not a ResultsDesk database (not a readable SQLite "
                          "file).",
        Cause.MISSING: f"Cannot open {name}: its folder is missing or may not be written "
                       f"({detail}).",
        Cause.IO: f"{name} could not be read or written ({detail}: {exc}); nothing was "
                  "saved. Check the disk and try again.",
    }[cause]
    return StoreError(message, cause=cause)


# Room left on a disk under which an I/O error there is taken for the disk being full
# (SQLite's -shm alone needs 32 KiB).
FULL_BELOW_BYTES = 1 << 20


def _disk_full(path: Path) -> bool:
    """Whether the disk holding `path` has (almost) no room left for this account. (A
    network or FUSE mount that says no size at all, 0 of 0 free, is not taken as full.)"""
    try:
        usage = shutil.disk_usage(path.absolute().parent)
    except OSError:
        return False
    return usage.total > 0 and usage.free < FULL_BELOW_BYTES


def open_problem(path: Path) -> StoreError | None:
    """Why SQLite could not open the database at `path` (which it reported as "unable to
    open database file" or "readonly", saying no more), when one of the usual reasons is
    found: its folder missing (or a file in a folder's place), the file's permissions not
    letting this account read or write it, a journal SQLite must create beside it in the way,
    or the folder read-only, where SQLite must create those journal files even to read.
    None when none of these is found."""
    try:
        return missing_folder(path) or too_long(path) or _read_only_disk(path) \
            or _file_permissions(path) or _journal_blocked(path) or _folder_read_only(path)
    except PermissionError:  # a folder on the way may not even be looked into
        return StoreError(f"Cannot open {path}: this account may not look into a folder on "
                          "its path (permission denied); check the folders' permissions.",
                          cause=Cause.READ_ONLY)


# SQLite's unix VFS opens no path longer than this (SQLITE_MAX_PATHNAME), counting the
# longest journal name it makes beside the database ("-journal"): a deeper path is its
# "unable to open database file", though the folder is there and writable.
SQLITE_MAX_PATH_BYTES = 512
_LONGEST_JOURNAL = max(len(suffix) for suffix in SQLITE_JOURNALS)


def too_long(path: Path) -> StoreError | None:
    """`path` longer than SQLite opens, said so; None when it is not."""
    length = len(os.fsencode(os.path.realpath(path)))  # as SQLite resolves it: links followed
    most = SQLITE_MAX_PATH_BYTES - _LONGEST_JOURNAL
    if length <= most:
        return None
    return StoreError(f"Cannot open {path}: its path is {length} bytes long, and SQLite opens "
                      f"none longer than {most}; move it to a shorter path (fewer or shorter "
                      "folder names).", cause=Cause.BAD_INPUT)


def dangling_link(path: Path) -> StoreError | None:
    """A symbolic link at `path` that leads nowhere, as the store refuses it
    (`files.broken_link`); None when there is none."""
    from ..files import broken_link  # (only asked of a missing file: a read never loads it)

    link = broken_link(path)
    return None if link is None else StoreError(str(link), cause=Cause.BAD_INPUT)


def missing_folder(path: Path) -> StoreError | None:
    """The folder `path` should be in does not exist (or a file stands in its place)."""
    folder = path.absolute().parent
    if folder.is_dir():
        return None
    blocker = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        return StoreError(f"Cannot open {path}: {blocker} is a file, not a folder.",
                          cause=Cause.WRONG_KIND)
    return StoreError(f"Cannot open {path}: the folder {path.parent} does not exist; check "
                      "the path, or create the folder first.", cause=Cause.MISSING)


def _permissions(path: Path) -> str:
    return stat.filemode(path.stat().st_mode)


def _file_permissions(path: Path) -> StoreError | None:
    if not path.exists():
        return None
    if not os.access(path, os.R_OK):
        return StoreError(f"Cannot open {path}: its permissions ({_permissions(path)}) do not "
                          "let this account read it; ask its owner for read and write access.",
                          cause=Cause.READ_ONLY)
    if not os.access(path, os.W_OK):
        return StoreError(f"{path} is read-only (its permissions: {_permissions(path)}); "
                          "ResultsDesk needs to write to it.", cause=Cause.READ_ONLY)
    return None


def _journal_blocked(path: Path) -> StoreError | None:
    for suffix in SQLITE_JOURNALS:
        journal = path.with_name(path.name + suffix)
        if journal.is_dir():
            return StoreError(f"Cannot open {path}: {journal} is a folder, where SQLite keeps "
                              "the database's journal; move it out of the way.",
                              cause=Cause.WRONG_KIND)
        if journal.exists() and not os.access(journal, os.R_OK | os.W_OK):
            return StoreError(f"Cannot open {path}: its journal {journal} may not be written "
                              f"by this account (its permissions: {_permissions(journal)}).",
                              cause=Cause.READ_ONLY)
    return None


def _read_only_disk(path: Path) -> StoreError | None:
    """The disk holding `path` mounted read-only: the file's permissions and the folder's
    may allow writing (said of them, "its permissions: -rw-r--r--", chmod changed nothing)."""
    try:
        flags = os.statvfs(path.absolute().parent).f_flag
    except (OSError, AttributeError):  # (no statvfs on Windows)
        return None
    if not flags & getattr(os, "ST_RDONLY", 0):
        return None
    return StoreError(f"Cannot open {path}: the disk it is on is mounted read-only, and SQLite "
                      "creates the database's journal files (-wal, -shm) beside it, even to "
                      "read it. Copy the database to a disk you can write to.",
                      cause=Cause.READ_ONLY)


def _folder_read_only(path: Path) -> StoreError | None:
    folder = path.absolute().parent
    if os.access(folder, os.W_OK | os.X_OK):
        return None
    return StoreError(f"Cannot open {path}: its folder {path.parent} is read-only, and SQLite "
                      "creates the database's journal files (-wal, -shm) beside it, even to "
                      "read it. Make the folder writable, or copy the database to a folder "
                      "you can write to.", cause=Cause.READ_ONLY)


def read_only_upgrade(path: Path, current: int, target: int) -> StoreError:
    """A file of an older version that this one must upgrade before it can read it, but may
    not write to (a colleague's archive copy, a share mounted for reading): "old.db is
    read-only; ResultsDesk needs to write to it" said neither why a summary would write,
    nor what to do."""
    return StoreError(
        f"{path} is read-only, and it was written by an older ResultsDesk (schema {current}): "
        f"this version upgrades it to schema {target} before reading it, which writes to it. "
        "Copy it to a folder you can write to and open the copy (the original stays as it "
        "is), or ask its owner for write access.", cause=Cause.READ_ONLY)
