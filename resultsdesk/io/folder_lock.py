"""A folder marked as in use by a running process, for as long as that process lives.

The mark is an operating-system lock on a file in the folder: the system lets it go when
the process ends however it ends (a crash, SIGKILL, a power cut), so another process can
tell a folder still in use from one left behind, with no process ids to go stale or be
reused. Used for the demo's throw-away folders (desk.election)."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import BinaryIO

MARK = ".in-use"
# A mark this new may not be locked yet (`hold` creates the file, then locks it): never
# taken for abandoned.
SETTLING_S = 60

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fh: BinaryIO) -> bool:
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fh: BinaryIO) -> None:
        with contextlib.suppress(OSError):
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fh: BinaryIO) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fh: BinaryIO) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def hold(folder: Path) -> BinaryIO:
    """Mark `folder` as in use until the returned file is passed to `release` (or this
    process ends)."""
    fh = open(folder / MARK, "a+b")  # noqa: SIM115 - held open for the folder's life
    if not _lock(fh):
        fh.close()
        raise OSError(f"{folder} is already in use")
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
