"""A folder marked as in use by a running process, for as long as that process lives.

The mark is an operating-system lock on a file in the folder: the system lets it go when
the process ends however it ends (a crash, SIGKILL, a power cut), so another process can
tell a folder still in use from one left behind, with no process ids to go stale or be
reused. Used for the demo's throw-away folders (desk.election), to take turns at the watch
folder (`exclusive`, desk.publishing), and for each window's own crash draft (`hold_file`,
desk.drafts)."""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

MARK = ".in-use"
# A disk that offers no locks: `exclusive` goes on without one.
_NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}
_WAIT_TRIES = 360  # Windows: an hour of LK_LOCK's 10 s tries before going on without
# A mark this new may not be locked yet (`hold` creates the file, then locks it): never
# taken for abandoned.
SETTLING_S = 60

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fh: BinaryIO) -> bool | None:
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fh: BinaryIO) -> None:
        with contextlib.suppress(OSError):
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

    def _wait(fh: BinaryIO) -> bool:
        for _ in range(_WAIT_TRIES):  # LK_LOCK itself gives up after 10 s
            try:
                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_LOCK, 1)
                return True
            except OSError:
                continue
        return False
else:
    import fcntl

    def _try_lock(fh: BinaryIO) -> bool | None:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            return None if exc.errno in _NO_LOCKS else False
        return True

    def _unlock(fh: BinaryIO) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    def _wait(fh: BinaryIO) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        except OSError as exc:
            if exc.errno in _NO_LOCKS:
                return False
            raise
        return True


def _lock(fh: BinaryIO) -> bool:
    """Locked now: False when held elsewhere, or where the disk offers no locks (which
    `_try_lock` tells apart: None)."""
    return _try_lock(fh) is True


@contextlib.contextmanager
def exclusive(path: Path, waiting: Callable[[], None] | None = None) -> Iterator[bool]:
    """`path` (created if missing, never removed) locked for the block against every other
    process, and every other open of it in this one: a second holder waits its turn,
    `waiting()` called first. Yields False where the disk offers no locks (some network
    shares): the block runs unlocked then, as it did before there was a lock. An OSError
    opening the file (a read-only or missing folder) is the caller's to word."""
    fh = open(path, "a+b")  # noqa: SIM115 - closed below
    try:
        locked = _lock(fh)
        if not locked:
            if waiting is not None:
                waiting()
            locked = _wait(fh)
        try:
            yield locked
        finally:
            if locked:
                _unlock(fh)
    finally:
        fh.close()


def hold(folder: Path) -> BinaryIO:
    """Mark `folder` as in use until the returned file is passed to `release` (or this
    process ends)."""
    fh = open(folder / MARK, "a+b")  # noqa: SIM115 - held open for the folder's life
    if not _lock(fh):
        fh.close()
        raise OSError(f"{folder} is already in use")
    return fh


def hold_file(path: Path) -> BinaryIO | None:
    """`path` (created if missing, never removed) locked until the returned file is passed
    to `release` (or this process ends); None while it is held by another process, or by
    another open of it in this one. Where the disk offers no locks it is returned unlocked,
    as `exclusive` goes on without one. An OSError opening it is the caller's."""
    fh = open(path, "a+b")  # noqa: SIM115 - held open until released
    if _try_lock(fh) is False:
        fh.close()
        return None
    return fh


def release(fh: BinaryIO) -> None:
    _unlock(fh)
    fh.close()


def abandoned(folder: Path) -> bool:
    """Was `folder` marked by a process that has ended? False while its process runs, and
    for a folder never marked (made by an older version, or being set up right now)."""
    try:
        if time.time() - (folder / MARK).stat().st_mtime < SETTLING_S:
            return False
        fh = open(folder / MARK, "r+b")  # noqa: SIM115 - closed below
    except OSError:
        return False
    try:
        if not _lock(fh):
            return False
        _unlock(fh)
        return True
    finally:
        fh.close()
