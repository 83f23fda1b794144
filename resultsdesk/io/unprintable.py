"""What no name or place in an imported file may hold (`unprintable`): the check of every
text cell, by the column-wise and the row-wise reader alike."""

from __future__ import annotations

import re

from ..domain.errors import UNPRINTABLE

# What a spreadsheet's cell may hold as written though `UNPRINTABLE` lists it: a line break
# typed in the cell (Alt+Enter; a CSV quotes it) and a tab.
_KEPT_AS_WRITTEN = "\t\n\r"
# The ASCII characters `unprintable` refuses, as bytes.
_ASCII_REFUSED = bytes((*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))


def holds_ascii_control(text: str) -> bool:
    """Does `text` (a whole column joined) hold an ASCII character `unprintable` refuses?
    Its UTF-8 bytes are deleted in C, 4 times faster than `str.isprintable` (this runs on
    every text column of every import); no character past ASCII has a byte below 0x80."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data.translate(None, _ASCII_REFUSED)) != len(data)


def unprintable(cell: str) -> str | None:
    """Why a text cell (trimmed, cleaned) cannot be recorded, or None: it holds a control
    character (an escape sequence: a name shown by `history` would recolour or retitle
    the terminal), a line separator, a bidirectional override (a name on air would read in
    another order) or a lone surrogate (a JSON "\\ud800": no character, which the database
    cannot store). No name or place holds one; a cell that does was garbled or pasted with
    it. (A line break typed in a cell is kept, as written.)"""
    for found in re.finditer(UNPRINTABLE, cell):
        char = found.group()
        if char in _KEPT_AS_WRITTEN:
            continue
        what = "a line separator" if char in "\u2028\u2029" else \
            "a lone surrogate" if "\ud800" <= char <= "\udfff" else \
            "a control character" if char < "\u00a0" else "a bidirectional control"
        return (f"'{cell}' holds {what} (U+{ord(char):04X}): no name or place has one; "
                "remove it and import again")
    return None
