"""Files the desk writes: checked before any work, written whole or not at all, with the
permissions they need; OSErrors turned into one `FileProblem` line naming the file.

What a desk publishes (results and audit exports, feed.json, graphics) is created like any
new file, so the user's umask decides who may read it (0644 with the usual 022: a graphics
system running as another user can read the watch folder). Backups hold the whole
election and stay private (0600).

Used by `store` (backups), `io` (data files) and `charts` (graphics); like `paths.py` it
belongs to no layer and imports only `domain`.
"""

from __future__ import annotations

import errno
import itertools
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import IO, NamedTuple

from .domain.errors import Cause, FileProblem
from .file_put_back import Replaced, forget, kept_beside, put_back
from .sqlite_files import SQLITE_JOURNALS

# Inside `held_renames`: the (temporary, final, part) files written, moved into place at its
# end; (None, path, part) for a file removed with them (`remove_with_set`). `part`: the
# `held_part` they were written in (its number in the set), None outside one.
_Held = tuple[Path | None, Path, int | None]
_HELD: ContextVar[list[_Held] | None] = ContextVar("held_renames", default=None)
_PARTS: ContextVar[tuple[int, ...]] = ContextVar("held_parts", default=())
_PART_NUMBERS = itertools.count()
PUBLIC = 0o666  # before the umask: as `open(path, "w")` would create it
PRIVATE = 0o600

_ERRNO_WORDS: dict[int, tuple[Cause, str]] = {  # errno -> (cause, what follows the path)
    errno.EACCES: (Cause.READ_ONLY, "not allowed to {verb} there (permission denied)"),
    errno.EPERM: (Cause.READ_ONLY, "not allowed to {verb} there (operation not permitted)"),
    errno.EROFS: (Cause.READ_ONLY, "not allowed to {verb} there: the disk is read-only"),
    errno.ENOSPC: (Cause.DISK_FULL, "the disk is full; nothing was written. Free some space"),
    errno.EDQUOT: (Cause.DISK_FULL, "the disk quota is used up; nothing was written"),
    errno.EFBIG: (Cause.DISK_FULL, "the file would be too large for this disk"),
    errno.EISDIR: (Cause.WRONG_KIND, "is a folder; give a file name"),
    errno.ENAMETOOLONG: (Cause.BAD_INPUT, "the name is too long for this disk"),
    errno.ELOOP: (Cause.BAD_INPUT, "its path has a loop of symbolic links"),
    errno.EBUSY: (Cause.LOCKED, "is in use by the system"),
    errno.ETXTBSY: (Cause.LOCKED, "is in use by another program"),
}


def os_error_message(path: str | Path, exc: OSError, verb: str = "write") -> FileProblem:
    """A `FileProblem` for an OSError met while trying to `verb` ("read" or "write")
    `path`. A missing folder and a file standing where a folder should be are told apart
    here, because "No such file or directory" does not say which part is wrong."""
    path = Path(path)
    if exc.errno == errno.ENOENT:
        if verb == "read":
            return FileProblem(path, f"{path}: no such file", cause=Cause.MISSING)
        return _missing_folder(path)
    if exc.errno == errno.ENOTDIR:
        return _file_in_the_way(path)
    if isinstance(exc, _HeldOpen):
        # not "permission denied", which sent the desk to check a folder it may write to
        return FileProblem(path, f"{path}: could not replace it: most likely held open by "
                           "another program (a graphics system reading it?)",
                           cause=Cause.LOCKED)
    cause, words = _ERRNO_WORDS.get(exc.errno or 0, (Cause.IO, ""))
    text = words.format(verb=verb) if words else \
        f"could not {verb} it ({exc.strerror or type(exc).__name__})"
    return FileProblem(path, f"{path}: {text}", cause=cause)


def _missing_folder(path: Path) -> FileProblem:
    if path.parent.is_dir():
        if _holds_no_files(path.parent):
            # There, yet "no such file or directory" for a new name in it: a folder of the
            # system's (/proc, /sys) that makes no new files. It was called missing.
            return FileProblem(path, f"{path}: {path.parent} is a folder of the system's "
                               "that takes no new files; choose another place",
                               cause=Cause.READ_ONLY)
        # The folder is there: what went is the file being written (its temporary file
        # removed by another program before it was put in place).
        return FileProblem(path, f"{path}: could not write it (the file being written was "
                           "removed meanwhile, by another program?); try again", cause=Cause.IO)
    return FileProblem(path, f"{path}: the folder {path.parent} does not exist; create it "
                       "first or choose another place", cause=Cause.MISSING)


def _holds_no_files(folder: Path) -> bool:
    """A folder on one of the system's own file systems (/proc, /sys: no blocks to store a
    file in)."""
    try:
        return os.statvfs(folder).f_blocks == 0
    except (OSError, AttributeError):  # (no statvfs on Windows)
        return False


def _file_in_the_way(path: Path) -> FileProblem:
    blocker = next((p for p in reversed(path.parents) if p.exists() and not p.is_dir()),
                   path.parent)
    return FileProblem(path, f"{path}: {blocker} is a file, not a folder",
                       cause=Cause.WRONG_KIND)


def broken_link(path: str | Path) -> FileProblem | None:
    """A symbolic link at `path` that leads nowhere (a loop, or its target gone), else
    None. `exists()` is False of it: it read as "no database here, create one", `init`
    blamed a missing folder, and a new rehearsal's rename replaced the link."""
    path = Path(path)
    if not os.path.islink(path):
        return None
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            text = "is a symbolic link in a loop"
        else:
            text = f"is a symbolic link to {os.readlink(path)}, which does not exist"
        return FileProblem(path, f"{path} {text}; give the file itself",
                           cause=Cause.BAD_INPUT)
    return None


# The first bytes of every SQLite database (`is_database`).
SQLITE_HEADER = b"SQLite format 3\x00"


def is_database(path: str | Path) -> bool:
    """Whether `path` is a regular file holding an SQLite database (by its header)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def made_read_only(path: Path) -> bool:
    """A file its owner may not write (chmod 444): one someone made read-only so that it
    stays as it is. The rename that puts a new file in place replaces a file whatever its
    own mode (the folder's counts), so it came back writable, with other contents. The
    owner's write bit, not os.access: a shared watch folder's files, written by another
    PC's account, are not ours to write yet are ours to replace."""
    return path.is_file() and not path.stat().st_mode & stat.S_IWUSR


def check_output(path: str | Path, example: str = "", *, database: bool = False) -> Path:
    """Refuse, before any work is done, a place a file cannot be written: a folder where
    the file should be, a folder that does not exist, a file standing in for a folder.
    `example` is a file name to suggest inside a folder given instead of a file. A
    database standing there is refused too unless `database` (a backup replacing an
    earlier one): an export given the election's own path (`--db night.csv --out
    night.csv`, or a link to it) replaced the night with its CSV."""
    path = Path(path)
    if (problem := broken_link(path)) is not None:
        raise problem
    if not database and path.is_file() and is_database(path):
        raise FileProblem(path, f"{path} is a database (an election or a backup of one), "
                          "which no export replaces; give the file another name",
                          cause=Cause.BAD_INPUT)
    if path.is_dir():
        like = f", like {path / example}" if example else ""
        raise FileProblem(path, f"{path} is a folder; give a file name inside it{like}",
                          cause=Cause.WRONG_KIND)
    if path.exists() and not path.is_file():
        # A device, pipe or socket: the rename at the end would replace it with a regular
        # file (as root, `--out /dev/null` would take /dev/null away from the machine).
        raise FileProblem(path, f"{path} is not a regular file (a device, pipe or socket); "
                          "give the name of a file to write", cause=Cause.WRONG_KIND)
    if made_read_only(path):
        raise FileProblem(path, f"{path} is read-only; make it writable, or give another "
                          "name", cause=Cause.READ_ONLY)
    parent = path.parent
    if parent.is_dir():
        return path
    if any(p.exists() and not p.is_dir() for p in (parent, *parent.parents)):
        raise _file_in_the_way(path)
    raise _missing_folder(path)


# A temporary file of a write killed part-way (kill -9, a power cut) stays beside its
# target, hidden, as big as what was written; one this old is nobody's write in progress.
# So is a database built beside its target (`built_beside`) or a temporary database (a
# backup's copy), with the -wal, -shm or -journal SQLite keeps beside it: judged by the
# newest of them, as a running one writes its -wal while its main file waits for a
# checkpoint. (Not by SQLite's locks: opening and closing a file this process's SQLite has
# open drops its locks on it.)
LEFT_BEHIND_AFTER_S = 3600
_SQLITE_SIDE = "|".join(re.escape(suffix) for suffix in SQLITE_JOURNALS)
# Hidden names databases are built under (`built_beside`): a new election's, a rehearsal's.
BUILDING, REHEARSING = ".building-", ".rehearsal-"
_BUILT = rf"(?:{re.escape(BUILDING)}|{re.escape(REHEARSING)})[a-z0-9_]{{8}}\.db"


def clear_left_behind(folder: Path, temps_of: str = "", *, builds: bool = False,
                      hidden: str = "") -> list[Path]:
    """Remove from `folder` what killed writes and builds left there, with the -wal, -shm
    and -journal SQLite made beside each, once the newest of them is `LEFT_BEHIND_AFTER_S`
    old: `temp_beside`'s temporary files of the files whose names the regular expression
    `temps_of` matches, with `builds` the databases `built_beside` left, and the hidden
    files whose whole names `hidden` matches. Returns those removed. Tidying only: what
    cannot be read or removed is left."""
    names = [rf"\.(?:{temps_of})\.[0-9a-f]{{8}}\.tmp"] if temps_of else []
    names += [rf"\.(?:{hidden})"] if hidden else []
    if not names and not builds:
        return []
    own = re.compile(rf"({'|'.join(names + [_BUILT] * builds)})(?:{_SQLITE_SIDE})?")
    found: dict[str, list[Path]] = {}
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(".") and (match := own.fullmatch(entry.name)):
                    found.setdefault(match[1], []).append(Path(entry.path))
    except OSError:
        return []  # the write itself says what is wrong with the folder
    old, removed = time.time() - LEFT_BEHIND_AFTER_S, []
    for files in found.values():
        try:
            if max(f.lstat().st_mtime for f in files) < old:
                for f in files:
                    f.unlink(missing_ok=True)
                    removed.append(f)
        except OSError:  # gone meanwhile, or not ours to remove
            continue
    return removed


def temp_beside(path: Path, mode: int) -> tuple[int, Path]:
    """A new, hidden, empty file in `path`'s folder, opened for writing: (fd, its path).
    Created with `mode` through the umask, as `open()` would, unlike mkstemp's 0600. What
    writes killed part-way left there is removed first (`clear_left_behind`)."""
    clear_left_behind(path.parent, re.escape(path.name))
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | \
        getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


# A reader holding the file being replaced open (a graphics system reading seats.png, on
# Windows or through an SMB share) makes the rename over it fail for that moment
# ("permission denied", "busy"): tried again this many times, each wait twice the last
# (1.55 s in all), before the write fails.
REPLACE_TRIES = 6
REPLACE_FIRST_WAIT_S = 0.05
_HELD_OPEN = {errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY}


class _HeldOpen(OSError):
    """The rename over an existing file still refused after every try: most likely a reader
    holds it open, which `os_error_message` says instead of the errno's words."""


def _replace(tmp: Path, path: Path) -> None:
    """`os.replace`, tried again while a reader holds `path` open (`REPLACE_TRIES`). Failing
    at once, a watch folder's set stopped half renamed: the new seat's card.png beside the
    old seat's card.json and feed.json, until the retry 15 s later."""
    wait = REPLACE_FIRST_WAIT_S
    for _ in range(REPLACE_TRIES - 1):
        try:
            os.replace(tmp, path)
            return
        except OSError as exc:
            if exc.errno not in _HELD_OPEN:
                raise
        time.sleep(wait)
        wait *= 2
    try:
        os.replace(tmp, path)
    except OSError as exc:
        if exc.errno in _HELD_OPEN and path.exists():  # over a file, not into the folder
            raise _HeldOpen(exc.errno, exc.strerror, exc.filename) from exc
        raise


@contextmanager
def atomic_output(path: str | Path, *, private: bool = False,
                  text: bool = False) -> Iterator[IO]:
    """A file object on a temporary file beside `path`; when the block succeeds it is
    synced and renamed over `path` (a reader never sees half a file), otherwise removed.
    An OSError about this file becomes a `FileProblem` naming `path`."""
    path = check_output(path)
    tmp: Path | None = None
    try:
        fd, tmp = temp_beside(path, PRIVATE if private else PUBLIC)
        mode = "w" if text else "wb"
        with os.fdopen(fd, mode, **({"encoding": "utf-8", "newline": ""} if text else {})) \
                as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        held = _HELD.get()
        if held is None:
            _replace(tmp, path)
        else:  # moved into place with the rest of its set (`held_renames`)
            held.append((tmp, path, _part()))
    except OSError as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if exc.errno is None or (exc.filename is not None and
                                 Path(exc.filename).parent != path.parent):
            raise  # not the system's word about this file (a font, a library's own error)
        raise os_error_message(path, exc) from None
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise


def _part() -> int | None:
    parts = _PARTS.get()
    return parts[-1] if parts else None


class LeftOut(NamedTuple):
    """A part of a held set left out (`held_part`): its first file, `out`; what stands in
    the way ("…/recounts-2.png is a folder"); every file of it."""

    out: Path
    problem: str
    paths: list[Path]


def _not_a_file(path: Path) -> str | None:
    """What stands at `path` that a rename cannot replace (a folder), else None."""
    if path.is_dir():
        return f"{path} is a folder"
    return None


def _drop_part(held: list[_Held], part: int) -> list[Path]:
    """Take `part`'s files out of `held`, their temporaries removed; returns their names."""
    ours = [(tmp, path) for tmp, path, p in held if p == part]
    held[:] = [h for h in held if h[2] != part]
    for tmp, _path in ours:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return [path for _tmp, path in ours]


def drop_in_the_way() -> list[LeftOut]:
    """Inside `held_renames`: each part of the set (`held_part`) with something not a file
    now standing at one of its names (a graphics system's `seats.png/` folder, made while
    the set was drawn) is dropped whole, its temporaries removed, so the rest still goes
    into place and what is written after (a watch folder's feed) can leave it out."""
    held = _HELD.get()
    if held is None:
        return []
    dropped: list[LeftOut] = []
    for part in dict.fromkeys(p for _tmp, _path, p in held if p is not None):
        problem = next((why for _tmp, path, p in held if p == part
                        if (why := _not_a_file(path))), None)
        if problem is not None:
            paths = _drop_part(held, part)
            dropped.append(LeftOut(paths[0], problem, paths))
    return dropped


@contextmanager
def held_renames(placed: list[Path],
                 left_out: Callable[[LeftOut], None] | None = None,
                 before: Callable[[list[tuple[Path, Path]]], None] | None = None
                 ) -> Iterator[None]:
    """Files `atomic_output` writes inside the block (on this thread) go into place
    together at its end, one rename after another with nothing drawn in between, each
    added to `placed` once there; if the block fails, none of them does. So a set of files
    read together (a watch folder's card.png and card.json) is never left half replaced.

    With `left_out`, a part of the set (`held_part`) that a folder now stands in the way
    of, made since it was drawn, even at its very rename, is left out (`drop_in_the_way`),
    `left_out` told, and the rest goes into place: one stray folder no longer stopped the
    whole set. Without, it stops the rest as any failed rename does, and those already
    renamed in are put back (`file_put_back`).

    `before`, given each (temporary, final) pair, runs once all are drawn and before the
    first rename, outside the set (what it writes goes in at once): a record of what is
    about to go into place, which a process killed among the renames never gets to write
    after them (`watch_folder.write_pending`)."""
    held: list[_Held] = []
    token = _HELD.set(held)
    try:
        yield
        dropped = drop_in_the_way() if left_out is not None else []
    except BaseException:
        for tmp, _path, _p in held:
            if tmp is not None:
                tmp.unlink(missing_ok=True)
        raise
    finally:
        _HELD.reset(token)
    for gone in dropped:  # none without `left_out`
        left_out(gone)  # type: ignore[misc]
    if before is not None:
        try:
            before([(tmp, path) for tmp, path, _p in held if tmp is not None])
        except BaseException:
            for tmp, _path, _p in held:
                if tmp is not None:
                    tmp.unlink(missing_ok=True)
            raise
    done: list[Replaced] = []
    try:
        while held:
            tmp, path, part = held.pop(0)
            old, existed = kept_beside(path)
            try:
                if tmp is None:  # a file the set no longer has (`remove_with_set`)
                    path.unlink(missing_ok=True)
                else:
                    _replace(tmp, path)
            except OSError as exc:
                problem = None if left_out is None or part is None else _not_a_file(path)
                for left in (tmp, old, *(h[0] for h in held if problem is None or h[2] == part)):
                    if left is not None:  # the folder gone meanwhile: the rest stay out
                        left.unlink(missing_ok=True)
                if problem is None:  # whole or not at all: those renamed in are put back
                    put_back(done, placed)
                    raise os_error_message(path, exc) from None
                # a folder made at this very rename: the rest of its part stays out with it
                left_out(LeftOut(path, problem, [path, *_drop_part(held, part)]))
                continue
            done.append((path, old, existed))
            if tmp is not None:
                placed.append(path)
    finally:
        forget(done)  # in place for good (or put back): the copies of the old files go


def remove_with_set(path: Path) -> None:
    """Remove `path` (if there): at once, or inside `held_renames` with the set's renames,
    once they are in place. `export all` stopped by a full disk took a stale
    recounts-2.png away at once and left the last export's recounts.png ("continued on
    the next graphic") without it."""
    held = _HELD.get()
    if held is None:
        path.unlink(missing_ok=True)
    else:
        held.append((None, path, _part()))


@contextmanager
def held_part() -> Iterator[None]:
    """Inside `held_renames`: the files written in the block join the set only if the block
    succeeds; if it fails, theirs alone are dropped (temporaries removed) and the rest of
    the set still goes into place. A watch folder's graphic left out (a folder named like
    its page 2) never put its page 1 on air without the page it continues on. They stay
    one part of the set: left out together (`drop_in_the_way`)."""
    held = _HELD.get()
    start = len(held) if held is not None else 0
    token = _PARTS.set((*_PARTS.get(), next(_PART_NUMBERS)))
    try:
        yield
    except BaseException:
        if held is not None:
            for tmp, _path, _p in held[start:]:
                if tmp is not None:
                    tmp.unlink(missing_ok=True)
            del held[start:]
        raise
    finally:
        _PARTS.reset(token)


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file: through symbolic links, `..`, a relative path or a
    hard link."""
    a, b = Path(a), Path(b)
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
        return os.path.abspath(a) == os.path.abspath(b)
