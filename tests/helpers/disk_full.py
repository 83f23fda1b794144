"""A disk that fills up part way through the desk's writing, for the tests of what a
write cut short leaves behind."""

from __future__ import annotations

import errno

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
