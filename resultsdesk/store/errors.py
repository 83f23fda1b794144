"""SQLite's errors in the desk's words, told apart by SQLite's result code (never by
matching its message text, which changes between versions and locales)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..domain.errors import Cause, KnownError


class StoreError(KnownError):
    """A database the app cannot use as asked, with a message meant for the person at the
    desk; `cause` says why (locked, read-only, disk full, damaged, not ours, ...)."""

    cause = Cause.IO


class DamagedDatabase(StoreError):
    """The file's pages are damaged (SQLite's quick check, or SQLITE_CORRUPT on the way):
    restore it from a backup."""

    cause = Cause.DAMAGED


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
