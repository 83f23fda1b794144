"""A set of files renamed into a folder together (`files.held_renames`: a watch folder's
graphics and feed) whole or not at all: before each rename the file it replaces keeps a
second, hidden name (a hard link), so that a set stopped part way puts back what it had
already replaced. Belongs to no layer and imports nothing of ours."""

from __future__ import annotations

import os
from pathlib import Path

# A file renamed into place (or removed), the copy kept of the file it replaced (None: none
# could be kept), and whether there was one
Replaced = tuple[Path, Path | None, bool]


def kept_beside(path: Path) -> tuple[Path | None, bool]:
    """(a second name for the file at `path`, whether there is one) before a set's rename
    replaces or removes it: a hard link, hidden like `files.temp_beside`'s temporaries (and
    so removed by the next write there once an hour old, if a publish is killed before
    `forget`), so that a set stopped part way can put it back (`put_back`). None where
    there is no file there, or no hard links (FAT, some network shares: nothing to put
    back then, as before)."""
    if not path.is_file() or path.is_symlink():
        return None, path.exists()
    for _ in range(100):
        old = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
        try:
            os.link(path, old)
            return old, True
        except FileExistsError:
            continue
        except OSError:
            return None, True
    return None, True


def put_back(done: list[Replaced], placed: list[Path]) -> None:
    """A set stopped part way: each file already renamed in (or removed) goes back to what
    was there before, the last first, so the folder keeps the last set whole; a new page
    nothing stood at before is removed, and `placed` no longer names them. As far as the
    folder lets: what cannot be put back (no copy of it could be kept) stays as renamed,
    never a name left empty."""
    for path, old, existed in reversed(done):
        try:
            if old is not None:
                os.replace(old, path)
            elif not existed:
                path.unlink(missing_ok=True)
            else:
                continue
        except OSError:
            continue
        if path in placed:
            placed.remove(path)
    forget(done)


def forget(done: list[Replaced]) -> None:
    """The copies kept of the files a set replaced, removed: it is in place for good (or
    put back)."""
    for _path, old, _existed in done:
        if old is not None:
            old.unlink(missing_ok=True)
    done.clear()
