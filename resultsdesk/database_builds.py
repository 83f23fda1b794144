"""A new database built under a hidden name beside its place and given its name only once
whole (`built_beside`): `init`, the bundled night, a rehearsal and an online copy. Like
`files.py` it belongs to no layer and imports only `domain` and its neighbours."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .files import broken_link, clear_left_behind
from .sqlite_files import SQLITE_JOURNALS


@contextmanager
def built_beside(path: Path, prefix: str) -> Iterator[Path]:
    """A free name beside `path` (same folder, so same disk) for a database to be built
    under, moved onto `path` in one step once the block ends without error (`_place_new`:
    never over a file that came there meanwhile, FileExistsError). Whatever the build left
    there (the file, its -wal and -shm) is removed either way, so an interrupted build
    never leaves a half-made database at `path` or beside it (killed, at most a hidden
    `PREFIX….db` beside it, removed by a later build there or the database's next backup
    once an hour old: `clear_left_behind`). `prefix` is `BUILDING` or `REHEARSING`.
    The block must close what it opened on the file first: closing checkpoints the WAL
    into the main file."""
    if (problem := broken_link(path)) is not None:
        raise problem
    path.parent.mkdir(parents=True, exist_ok=True)
    clear_left_behind(path.parent, builds=True)
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=".db", dir=path.parent)
    os.close(fd)
    building = Path(name)
    building.unlink()  # only the name was wanted: SQLite creates the file itself
    try:
        yield building
        _place_new(building, path)
    finally:
        for leftover in (building, *(Path(f"{building}{s}") for s in SQLITE_JOURNALS)):
            leftover.unlink(missing_ok=True)


def _place_new(building: Path, path: Path) -> None:
    """`building` given the name `path` as well (a hard link, which fails where the name
    is taken: FileExistsError), never over a database another program made there while
    this one was built (two `init` of one path at once); an empty file there, which the
    callers take for no database, is replaced. A file system without hard links (FAT, some
    network shares): a rename, as before."""
    try:
        os.link(building, path)
    except FileExistsError:
        if not (path.is_file() and path.stat().st_size == 0):
            # said of the name asked for, not of the hidden one built under (gone by then)
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.replace(building, path)
    except OSError:
        os.replace(building, path)
