"""Reading a file Excel saved as "CSV (Comma delimited)" on Windows: Windows-1252 text.

Accepted when every cell has one reading; refused, naming the row and column, where a cell
could be read two ways: a C1 control character (a byte Windows-1252 leaves undefined) or
bytes that are a UTF-8 character (a file mixing the two encodings)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .csvfile import LINE_END, ImportFailure, delimiter, is_json

# The five bytes Windows-1252 leaves undefined; Windows (and Excel) read them as the C1
# control characters of the same number, so they are decoded so, and refused by cell.
_UNDEFINED_1252 = {0xDC00 + b: b for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_HIGH_1252 = bytes(range(0x80, 0x100)).decode("cp1252", "surrogateescape") \
    .translate(_UNDEFINED_1252)


def _chars(start: int, end: int) -> str:
    return re.escape(_HIGH_1252[start - 0x80:end - 0x80 + 1])


# What makes a file read as Windows-1252 ambiguous, as the decoded characters: a C1 control
# (one of the undefined bytes), or bytes that are a UTF-8 character (C3 B4 is "ô" in UTF-8
# and "Ã´" in Windows-1252): a file mixing both encodings, where either reading is a guess.
_CONT = f"[{_chars(0x80, 0xBF)}]"
_AMBIGUOUS_1252 = re.compile(
    f"[\x80-\x9f]|[{_chars(0xC2, 0xDF)}]{_CONT}|[{_chars(0xE0, 0xEF)}]{_CONT}{{2}}"
    f"|[{_chars(0xF0, 0xF4)}]{_CONT}{{3}}")


def decode_1252(path: Path, data: bytes) -> str:
    """`data` (not UTF-8) as Windows-1252 text, or the refusal of its first ambiguous cell."""
    _refuse_cut_utf8(path, data)
    text = data.decode("cp1252", "surrogateescape").translate(_UNDEFINED_1252)
    found = _AMBIGUOUS_1252.search(text)
    if found is not None:
        raise _ambiguous_1252(path, text, found.start())
    return text


def _refuse_cut_utf8(path: Path, data: bytes) -> None:
    """UTF-8 text cut short part-way through its last character (a copy or download that
    stopped) is refused as cut short, at its last line. Read as Windows-1252, it was
    refused at its first accented name as mixing encodings, a row the file had whole.
    Only where UTF-8 is all it holds before the cut: Windows-1252 text whose last byte
    could begin a UTF-8 character holds no UTF-8 before it (accents are single bytes)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # ("unexpected end of data": the only fault is a character the data ends inside)
        if exc.reason != "unexpected end of data" or data[:exc.start].isascii():
            return
        line = len(LINE_END.findall(data[:exc.start].decode("utf-8"))) + 1
        raise ImportFailure(path, "ends part-way through a character: the file was cut "
                            "short (a copy or download that stopped?); copy or save it "
                            "whole and import again", line=line) from None


def _shown(cell: str) -> str:
    """A cell as a message quotes it, its control characters written as \\x81."""
    return re.sub("[\x00-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m.group()):02x}", cell)


def _ambiguous_1252(path: Path, text: str, at: int) -> ImportFailure:
    """The refusal of a Windows-1252 reading, naming the row and column of the character
    at `at` (found again record by record: a refused file only)."""
    # Lines as the csv reader counts them (`\r` alone ends one, as old Mac Excel saved):
    # counted by "\n" only, a file of such lines named the header for a cell far below.
    line = len(LINE_END.findall(text, 0, at)) + 1 if not is_json(path, text) \
        else text.count("\n", 0, at) + 1
    bad = _AMBIGUOUS_1252.search(text, at).group()
    fix = "; save it as CSV UTF-8 and import again"

    def why(cell: str) -> str:
        control = re.search("[\x80-\x9f]", cell)
        if control is not None:
            return (f"'{_shown(cell)}' read as Windows-1252 holds a control character "
                    f"(byte 0x{ord(control.group()):02x}): text garbled before the file "
                    "was saved, or another encoding" + fix)
        as_utf8 = cell.encode("cp1252").decode("utf-8", "replace")
        return (f"'{cell}' read as Windows-1252 could as well be '{as_utf8}' read as "
                "UTF-8: the file mixes encodings" + fix)
    if not is_json(path, text):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
        header: list[str] | None = None
        number, start = 0, 1
        try:
            for cells in reader:
                if reader.line_num >= line:
                    index = next((i for i, c in enumerate(cells) if bad in c), 0)
                    cell = cells[index].strip() if cells else bad
                    if header is None:
                        return ImportFailure(path, "header cell " + why(cell))
                    column = header[index].strip() if index < len(header) else None
                    return ImportFailure(path, why(cell), row=number + 1, column=column,
                                         line=start)
                if header is None:
                    header = cells
                elif "".join(cells).strip():
                    number += 1
                start = reader.line_num + 1
        except csv.Error:
            pass  # broken further on: the line alone is named
    return ImportFailure(path, f"line {line}: " + why(bad))
