"""A disk that fills up part way through the desk's writing, for the tests of what a
write cut short leaves behind; and a real small disk (a tmpfs), full or read-only."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from resultsdesk import files


def full_at(name: str, monkeypatch) -> None:
    """The disk fills up as the desk starts writing the file called `name` (every write
    of the desk's goes through `files.temp_beside`)."""
    real = files.temp_beside

    def fills_up(path, mode):
        if path.name == name:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, mode)

    monkeypatch.setattr(files, "temp_beside", fills_up)


@contextmanager
def small_disk(folder: Path, size_kb: int) -> Iterator[Path]:
    """A real disk of `size_kb` (a tmpfs mounted at `folder`), unmounted afterwards: what
    SQLite meets only on a real file system (its -shm that cannot grow). Needs root; the
    test skips, saying why, where it cannot mount one."""
    import pytest

    folder.mkdir(exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs",
                           str(folder)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({made.stderr.strip()})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def leave_free(disk: Path, kb: int) -> Path:
    """Fill `disk` with one file until only `kb` KiB are free; returns that file."""
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free - kb * 1024
    with open(filler, "wb") as fh:
        fh.write(b"\0" * max(free, 0))
    return filler


def make_read_only(disk: Path) -> None:
    """`small_disk` mounted again read-only, as a write-protected stick or a share offered
    read-only is."""
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True, capture_output=True)
