"""How many writes this process has sent to be committed: what an interrupted command says
it left behind (`cli`, through `desk.session.writes_sent`). A write counts from the moment
its COMMIT (or a server's write call) is sent, so an interrupt that lands after never says
"nothing was kept" of a write that was."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_sent = 0


def sending() -> None:
    """A write's COMMIT (or a server's write call) is about to go."""
    global _sent
    with _lock:
        _sent += 1


def not_sent() -> None:
    """The write just counted failed before it could be committed."""
    global _sent
    with _lock:
        _sent -= 1


def sent() -> int:
    return _sent


@contextmanager
def discarded_on_failure() -> Iterator[None]:
    """Writes inside the block go to a database built aside and removed if the block fails
    (`database_builds.built_beside`): then none of them was kept, and they are taken back. Ctrl+C
    during a new rehearsal's build said "interrupted after saving: what it saved is kept"
    of a file that was gone. (The count is the process's; the command line that reads it
    writes on one thread.)"""
    global _sent
    before = _sent
    try:
        yield
    except BaseException:
        with _lock:
            _sent = min(_sent, before)
        raise


@contextmanager
def aside() -> Iterator[None]:
    """Writes inside the block go to a file of this process's own that is not the database
    (a restore's copy of the backup, brought up to date and given its record beside the
    database): whatever becomes of them, none is a write to the election. Counted, a
    restore interrupted before its copy was over the database said "interrupted after
    saving: what it saved is kept" of a database it had not changed. (The count is the
    process's, as in `discarded_on_failure`.)"""
    global _sent
    before = _sent
    try:
        yield
    finally:
        with _lock:
            _sent = before
