"""Writing CSV and JSON that spreadsheets and graphics systems can open safely."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..files import atomic_output

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# An apostrophe before one of these is the one `neutralise` adds (or one it kept: "''=x").
_AFTER_OURS = (*FORMULA_PREFIXES, "'")


def neutralise(value: Any) -> Any:
    """Stop a text cell being run as a formula in a spreadsheet (CSV injection).

    Numbers are left as numbers; text that starts like a formula gets a leading apostrophe,
    which spreadsheets show as text and do not evaluate. So does text that would read as
    one so escaped ("'=x" itself): `as_written` takes exactly one apostrophe off either,
    and the export re-imports as it was.
    """
    if isinstance(value, str) and (value.startswith(FORMULA_PREFIXES) or (
            value.startswith("'") and value[1:2].startswith(_AFTER_OURS))):
        return "'" + value
    return value


def as_written(cell: str) -> str:
    """A text cell as it was before `neutralise` (a formula-safe export's "'=x" is "=x");
    any other cell as it is ("'Quoted", "O'Neill")."""
    return cell[1:] if cell.startswith("'") and cell[1:2].startswith(_AFTER_OURS) else cell


def atomic_write_text(path: str | Path, text: str, *, private: bool = False) -> None:
    """Write to a temporary file beside `path`, then rename: a reader never sees half a file.
    Created like any new file (the user's umask decides who may read it: exports are for
    other programs), or 0600 when `private`. A place that cannot be written raises a
    FileProblem."""
    with atomic_output(path, text=True, private=private) as fh:
        fh.write(text)


def write_csv(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Row by row into the temporary file (`atomic_output`): never the whole text in
    memory, a 50,000-seat night's export being a few hundred megabytes of it."""
    with atomic_output(path, text=True) as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([neutralise(v) for v in row])


def write_json(path: str | Path, data: Any) -> None:
    """As `json.dumps(data, ensure_ascii=False, indent=2)` and a line end, written piece by
    piece into the temporary file (`atomic_output`): never the whole text in memory."""
    with atomic_output(path, text=True) as fh:
        write = fh.write
        for chunk in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data):
            write(chunk)
        write("\n")
