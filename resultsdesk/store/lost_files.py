"""Which files a store's path and its write-ahead log (`-wal`, `-shm`) name now, against
what they named when the store opened them: the database file or its `-wal` deleted, moved
away or replaced while a desk holds it open (a colleague tidying the shared folder, a clean-up
script taking `-wal` for a temporary file, a sync tool).

The `-wal` matters as much as the file: every save since SQLite's last checkpoint is in it,
not in the database file. Deleted while open, SQLite goes on appending saves to the file it
holds open, each acknowledged, and all of them (those before the deletion too) were gone
the moment the desk was killed or crashed; another program opening the database meanwhile
was refused with "disk I/O error" (the shared index names frames its new `-wal` lacks).
Its `-shm` (the index of the `-wal` the programs with the file open share) deleted, this
connection and another program's each wrote by an index of their own, over each other's
saves."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from ..sqlite_files import WAL, WAL_INDEX
from .errors import FileLost

log = logging.getLogger(__name__)

Identity = tuple[int, int] | bool | None

# Connections whose journal went while open (`JournalWatch.close`), and the files whose
# `-shm` went under this process (`refuse_a_file_whose_index_went`).
_NEVER_CLOSED: list[sqlite3.Connection] = []
_SHARED_INDEX_LOST: set[Identity] = set()


def identity(path: Path) -> Identity:
    """Which file `path` names now (device, inode); None when it names none; False when that
    cannot be told now (a network share not answering: EIO, a timeout), which is no sign of
    the file gone."""
    try:
        st = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError:
        return False
    return st.st_dev, st.st_ino


class JournalWatch:
    """The `-wal` and `-shm` a store's connection uses. SQLite never removes them while a
    connection is open (the last one to close does), so a different file at either path,
    or none, was done to it from outside."""

    def __init__(self, database: Path, held: Identity) -> None:
        self.database = database
        self.path = Path(f"{database}{WAL}")
        self.index = Path(f"{database}{WAL_INDEX}")
        self._seen = {p: identity(p) for p in (self.path, self.index)}
        # The file the connection holds (SQLite shares its index by it): the store's, taken
        # at opening, as at closing the path may name none, and None or False put in
        # `_SHARED_INDEX_LOST` refused every new election, or every share not answering.
        self._held = held
        self._owner = threading.get_ident()  # (the connection's thread: made with it)
        self.gone: Path | None = None

    def lost(self) -> Path | None:
        """The journal file the connection opened that is no longer at its path, if any."""
        if self.gone is not None:
            return self.gone
        for path, seen in self._seen.items():
            now = identity(path)
            if seen is None or seen is False:
                self._seen[path] = now  # (first seen now: not yet made at opening)
            elif now is not False and now != seen:
                self.gone = path
        return self.gone

    def refuse_if_lost(self, conn: sqlite3.Connection, roll_back: Callable[[], None]) -> None:
        """A `FileLost` when the `-wal` or `-shm` went. The `-wal`'s saves are first copied
        into the database file, by the connection's own thread (another thread may not use
        it: a worker's `reopen` is refused, and the window's next look for changes, 1.5 s
        at most, copies them). The `-shm` gone, the connection's index of the `-wal` is its
        own now: another program writing meanwhile put its saves where this connection's
        next ones went (each side's acknowledged, one side's lost, the audit chain
        "intact"), and a checkpoint by it would copy its saves only, then empty the log."""
        gone = self.lost()
        if gone is None:
            return
        name = self.database.name
        if gone == self.index:
            owner = threading.get_ident() == self._owner
            if owner:
                roll_back()
            kept = ""
            if owner and self._both_gone_none_made_since():
                # (`rm night.db-*`: the saves before are in the deleted -wal alone, and
                # this connection is never closed now, so they went at the restart this
                # asks for; quitting had copied them in. Safe by its own index: no other
                # program opened the file since, or it would have made both again.)
                kept = (f" The saves made before were copied into {name}."
                        if save_into_database(conn) else
                        f" The saves made before could not all be copied into {name}.")
            raise FileLost(
                f"{gone} was deleted or replaced while {name} was open (it is how the "
                f"programs that have {name} open share it); nothing more was saved from "
                f"here, so no other desk's save is overwritten.{kept} Quit ResultsDesk "
                "and start it again.")
        if threading.get_ident() != self._owner:
            kept = f"the saves made before are copied into {name} at the window's next look"
        else:
            roll_back()  # (the write under way: its journal went with the -wal)
            kept = (f"the saves made before were copied into {name}"
                    if save_into_database(conn) else
                    f"the saves made before could not all be copied into {name}")
        raise FileLost(
            f"{self.path} was deleted or replaced while {name} was open (it holds the "
            f"latest saves, until SQLite copies them into {name}); "
            f"{kept}, and nothing more was saved. Open the election again.")

    def _both_gone_none_made_since(self) -> bool:
        """Both journals deleted and neither made again: nobody opened the file since."""
        return identity(self.path) is None and identity(self.index) is None

    def close(self, conn: sqlite3.Connection) -> None:
        """Close `conn`, unless its journal went: then it is never closed. The last
        connection to close copies the log into the file by its own index of it and removes
        the `-wal` at its path, where another program's saves may be, in a `-wal` made since
        or listed only in a `-shm` made since (one such close emptied every save another
        desk made after the `-shm` went). Never closed, its process ends without a word to
        the files, and the next program to open them reads the log as the files hold it."""
        if self.lost() is None:
            conn.close()
            return
        if self.gone == self.index and self._both_gone_none_made_since():
            save_into_database(conn)  # (as `refuse_if_lost`: a close with no look first)
        if self.gone == self.index and isinstance(self._held, tuple):  # (this process's
            # later connections would share its index of the log with it: SQLite keeps one
            # a process for each file, held open here for good, so never another's inode)
            _SHARED_INDEX_LOST.add(self._held)
        import ctypes  # (here only: a read never needs it)

        _NEVER_CLOSED.append(conn)
        # (Python closes what it frees as it exits, as when the list goes at shutdown)
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(conn))


def refuse_a_file_whose_index_went(database: Path) -> None:
    """A database whose `-shm` was deleted while this process had it open is not opened
    again in this process: SQLite would give the new connection the index it still holds,
    which no longer lists other programs' saves."""
    if identity(database) in _SHARED_INDEX_LOST:
        raise FileLost(
            f"{database}{WAL_INDEX} was deleted or replaced while this program had "
            f"{database.name} open: quit ResultsDesk and start it again to open it.")


def save_into_database(conn: sqlite3.Connection) -> bool:
    """Copy every save the connection's `-wal` holds into the database file itself (a
    checkpoint, which reads the `-wal` through the connection's own handle on it, there or
    not), so a kill or a crash later loses none of them; True when all of them went in.
    TRUNCATE resets the shared index too, so another program can open the file again."""
    try:
        busy, frames, copied = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error as exc:
        log.warning("saves in a deleted -wal could not be copied into the database: %s", exc)
        return False
    # (TRUNCATE reports -1 frames when it reset the log after copying all of it)
    return busy == 0 and (frames == copied or frames == -1)
