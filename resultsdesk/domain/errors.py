"""The one error model: every exception ResultsDesk raises on purpose derives from
`ResultsDeskError`, and is either *known* or a *bug*.

- `KnownError`: the environment or the user's input got in the way (a full disk, a file
  locked by another program, read-only, damaged, not the right kind of file, a bad row,
  a desk rule that says no). Its message is meant for the person at the desk: one clear
  line that names the file and says what to do. The command line prints it and exits 1;
  the app shows it. `cause` says which kind of trouble it is, so callers decide (retry a
  lock, say "restore from a backup") without reading message text.
- `InternalError`, and any exception that is not a `KnownError`: a bug. It is logged
  with its traceback and the person sees a short message saying where the details are.

Lives in `domain` so that every layer may import it; `resultsdesk/files.py` turns OSErrors
into `FileProblem`s and `store/errors.py` SQLite errors into `StoreError`s.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

# What a cell, a name or an argument may hold that must not reach a terminal, a one-line
# message or a recorded name as itself (a regex character class): a line break (a message
# would be two lines), another control character (an escape sequence would recolour or
# retitle the terminal), a bidirectional override, embedding or isolate (a line would read
# in another order) and half a UTF-16 pair (a lone surrogate: no character at all, which
# UTF-8 cannot even write).
UNPRINTABLE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


class Cause(StrEnum):
    """What kind of known trouble stopped the work."""

    REFUSED = "refused"  # a desk rule said no: four eyes, a conflict, figures not saveable
    BAD_INPUT = "bad input"  # a file's contents or an argument that is wrong
    MISSING = "missing"  # no such file or folder
    WRONG_KIND = "wrong kind"  # a folder where a file belongs, a device, not our database
    LOCKED = "locked"  # another program holds the file
    READ_ONLY = "read-only"  # read-only file, disk or folder; not allowed to write
    DISK_FULL = "disk full"
    DAMAGED = "damaged"  # a database whose pages are broken
    IO = "i/o"  # any other failure reading or writing a file
    NO_DISPLAY = "no display"  # the app needs a screen


class ResultsDeskError(Exception):
    """Root of every exception ResultsDesk raises on purpose."""


class KnownError(ResultsDeskError):
    """The environment or the input, not a bug: the message is one line for the user."""

    cause: Cause = Cause.BAD_INPUT

    def __init__(self, message: str, *, cause: Cause | None = None) -> None:
        super().__init__(message)
        if cause is not None:
            self.cause = cause


class FileProblem(KnownError, OSError):
    """A file or folder the desk cannot read or write as asked; `path` names it. Also an
    OSError, so code that guards file writes with `except OSError` keeps working."""

    cause = Cause.IO

    def __init__(self, path: str | Path, message: str, *, cause: Cause | None = None) -> None:
        self.path = Path(path)
        super().__init__(message, cause=cause)


class InternalError(ResultsDeskError, RuntimeError):
    """A broken promise inside ResultsDesk (a call the code should never make): a bug."""


def is_known(exc: BaseException) -> bool:
    return isinstance(exc, KnownError)
