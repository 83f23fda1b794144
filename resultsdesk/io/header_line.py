"""A header below line 1: a title row above the table, or rows left empty above it, as a
sheet saved from Excel has them. Refused naming the line the header is on; read as the
header, line 1 had every column missing, and the file was refused as "missing columns
'ONS ID', 'Constituency name', …", each of them in sight on the next line."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from .csvfile import LINE_END, ImportFailure, delimiter, header_key

# How far down a header is looked for: a title and a few empty rows, not a table's worth.
_LINES_LOOKED_AT = 20


def refuse_header_below(path: Path, text: str, required: Sequence[str]) -> None:
    """Refuse `text` (CSV) whose line 1 lacks a required column that a line below it has
    with all the others; otherwise nothing (line 1 is the header, or no line is: the
    header's own checks say what is missing). Each line is split by the separator it
    uses, as a header line is (`delimiter`)."""
    wanted = {header_key(c) for c in required}
    start = 0
    for number in range(1, _LINES_LOOKED_AT + 1):
        # line by line from the start (a StringIO of the text copied the whole file)
        end = LINE_END.search(text, start)
        line = text[start:end.start() if end else len(text)]
        start = end.end() if end else len(text)
        try:
            cells = _cells(line)
        except csv.Error:
            return
        if cells is None:  # (a quoted line break: the header's own checks read it)
            return
        if number == 1 and header_key("".join(cells[:1])).startswith("sep="):
            return  # Excel's hint line, which the header's checks name as such
        if wanted <= {header_key(c) for c in cells}:
            if number > 1:
                above = "the line" if number == 2 else f"the {number - 1} lines"
                raise ImportFailure(path, f"the header is on line {number}, not line 1: "
                                    f"delete {above} above it and import again")
            return
        if end is None:
            return


def _cells(line: str) -> list[str] | None:
    """The cells of one physical line, or None where a quoted cell is still open at its end
    (a line break in a header cell, Alt+Enter in Excel): read leniently, the cell closed
    there, and the header's other half, on the next line, was taken for a header below."""
    separator = delimiter(line)
    try:
        return next(csv.reader([line], delimiter=separator, strict=True), [])
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return None
    # a stray quote (a title such as '"Results" 2024'), which no header below is held by
    return next(csv.reader([line], delimiter=separator), [])
