"""The one error of a file that cannot be imported, naming where in it (file, row, line,
column) and why. Its own module so that the desk's refusals can name a place in a file the
same way (`location`)."""

from __future__ import annotations

from pathlib import Path

from ..domain.errors import Cause, KnownError

__all__ = ["ImportFailure", "location"]


class ImportFailure(KnownError):
    """A file that cannot be imported; the message says where and why. Nothing was written."""

    cause = Cause.BAD_INPUT

    def __init__(self, file: str | Path, message: str, row: int | None = None,
                 column: str | None = None, line: int | None = None, *,
                 cause: Cause | None = None) -> None:
        self.file = str(file)
        self.row = row
        self.column = column
        self.line = line
        self.reason = message
        super().__init__(f"{location(file, row, column, line)}: {message}", cause=cause)


def location(file: str | Path, row: int | None = None, column: str | None = None,
             line: int | None = None) -> str:
    """Where in a file, as every problem with one names it: "results.csv, row 12 (line
    13), column 'Votes'", or "results.csv, line 1" before any row."""
    where = [Path(file).name]
    if row is not None:
        where.append(f"row {row}" + (f" (line {line})" if line is not None else ""))
    elif line is not None:  # no row yet: the header's own line ("header is not valid CSV")
        where.append(f"line {line}")
    if column is not None:
        where.append(f"column '{column}'")
    return ", ".join(where)
