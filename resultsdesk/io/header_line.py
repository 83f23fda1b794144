"""A header below line 1: a title row above the table, or rows left empty above it, as a
sheet saved from Excel has them. Refused naming the line the header is on; read as the
header, line 1 had every column missing, and the file was refused as "missing columns
'ONS ID', 'Constituency name', …", each of them in sight on the next line."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

from .csvfile import ImportFailure, delimiter, header_key

# How far down a header is looked for: a title and a few empty rows, not a table's worth.
_LINES_LOOKED_AT = 20
_LINE_END = re.compile("\r\n|\r|\n")


def refuse_header_below(path: Path, text: str, required: Sequence[str]) -> None:
    """Refuse `text` (CSV) whose line 1 lacks a required column that a line below it has
    with all the others; otherwise nothing (line 1 is the header, or no line is: the
    header's own checks say what is missing). Each line is split by the separator it
    uses, as a header line is (`delimiter`)."""
    wanted = {header_key(c) for c in required}
    start = 0
    for number in range(1, _LINES_LOOKED_AT + 1):
        # line by line from the start (a StringIO of the text copied the whole file)
        end = _LINE_END.search(text, start)
        line = text[start:end.start() if end else len(text)]
        start = end.end() if end else len(text)
        try:
            cells = next(csv.reader([line], delimiter=delimiter(line)), [])
        except csv.Error:  # (a quoted line break: the header's own checks read it)
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
