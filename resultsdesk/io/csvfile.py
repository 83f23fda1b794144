"""Reading real-world CSV files strictly, with errors that name the file, row and column."""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..domain.errors import Cause
from ..domain.records import record
from ..domain.validation import MAX_FIGURE
from .import_failure import ImportFailure
from .safe_csv import as_written
from .unprintable import unprintable

ProgressCallback = Callable[[int, int], None]  # (done, total)

MAX_FIELD = 10_000  # no honest cell is longer; a longer one means a broken quote swallowed the file
# The 2024 election by candidate is 1 MB; 50 MB is ten thousand seats with room to spare.
# Reading is whole-file (a bad row anywhere stops the import before anything is written),
# so the cap is what keeps memory bounded.
MAX_IMPORT_BYTES = 50 * 1024 * 1024
MAX_LINES = 1_048_576  # a spreadsheet's rows (Excel's): fifty thousand seats fit twenty times


@record
class Row:
    """One data row: its values by column, and where it stands in the file for messages."""

    file: str
    number: int  # 1-based data row, the header not counted
    line: int  # physical line where the row starts
    values: dict[str, str]
    separator: str = ","  # between the file's cells: says what a comma in a figure may be

    def fail(self, column: str | None, message: str) -> ImportFailure:
        return ImportFailure(self.file, message, row=self.number, column=column, line=self.line)

    def text(self, column: str, *, required: bool = True, na: Sequence[str] = ()) -> str:
        value = self.values[column].strip()
        if not value.isascii():
            value = clean_text(value)
        value = as_written(value)
        if value in na:
            value = ""
        if required and not value:
            raise self.fail(column, "is empty")
        if not value.isprintable():
            problem = unprintable(value)
            if problem:
                raise self.fail(column, problem)
        return value

    def whole_number(self, column: str, *, required: bool = True,
                     na: Sequence[str] = ()) -> int | None:
        raw = self.values[column].strip()
        if raw in na or raw == "":
            if required:
                raise self.fail(column, "is empty; a whole number is needed")
            return None
        return parse_whole_number(raw, lambda msg: self.fail(column, msg), self.separator,
                                  identifier=is_identifier(column))


def number_text(raw: str) -> str:
    """A figure's cell as meant: trimmed, cleaned if not ASCII (`clean_text`), without the
    apostrophe a spreadsheet or a formula-safe export puts before a number kept as text
    ("'1,234")."""
    text = raw.strip()
    if not text.isascii():
        text = clean_text(text)
    return text[1:].lstrip() if text.startswith("'") else text


# A count as people and spreadsheets write it: digits, with commas or spaces between
# thousands or none ("12,345", "12 345": a French Excel's, its no-break space read as a
# space by `clean_text`; the entry form reads both), and a zero fraction (Excel's
# "12345.0", exactly whole). ASCII digits only (\d would take "١٢"). (Patterns, not
# compiled ones: `re` compiles each on first use, so the plain figures of the usual file
# never pay for it.)
_WHOLE = r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?: [0-9]{3})+|[0-9]+)(?:\.0+)?"
# "1.234": 1234 with a European dot between thousands, or a decimal; never guessed.
# (A first group starting with 0, "0.838", is a fraction: no thousands to ask about.)
_DOT_THOUSANDS = r"[1-9][0-9]{0,2}\.[0-9]{3}"
# "1,234" where the comma may be the decimal mark: 1234, or one-point-two-three-four.
_COMMA_THOUSANDS = r"[0-9]{1,3},[0-9]{3}"


def is_identifier(column: str) -> bool:
    """A column of IDs ("MNIS party ID", "DC Person ID"), not of counts."""
    return column.endswith(" ID")


def parse_whole_number(raw: str, fail: Callable[[str], Exception],
                       separator: str = ",", *, identifier: bool = False) -> int:
    """A non-negative whole number as people type it ("1,234" in a file of commas, "'1234"
    and "1234.0" allowed); anything else fails, a figure that could be read two ways
    ("1.234") too.

    `separator` is the file's between cells. Only in a comma-separated file is a comma in
    a figure surely between thousands: Excel separates cells with its locale's list
    separator, a comma only where the decimal mark is not one. A semicolon-separated file
    comes from a locale whose decimal mark is the comma ("1,234" may be 1.234); a
    tab-separated one (Excel's "Text" and "Unicode Text", written with tabs in every
    locale, each figure as the locale shows it) may come from either, so its "1,234" is
    as ambiguous. In both, a figure with a comma is refused, never guessed."""
    text = number_text(raw)
    if text.isdigit() and text.isascii() and len(text) <= usual_digits(identifier):
        return int(text)  # the usual figure
    negative = text.startswith("-")
    digits = text[1:] if negative else text
    if re.fullmatch(_DOT_THOUSANDS, digits):
        raise fail(f"'{raw}' could be {digits.replace('.', '')} (a dot between thousands) "
                   f"or {digits} (a decimal point); write the count without the dot")
    whole = re.fullmatch(_WHOLE, digits)
    if whole is None:
        if "," in digits and re.fullmatch(_WHOLE, digits.replace(",", "")):  # "12,5", "1,23,456"
            raise fail(f"'{raw}' has a comma that does not separate thousands (a decimal "
                       "comma?); write the count without it")
        if " " in digits and re.fullmatch(_WHOLE, digits.replace(" ", "")):  # "12 34"
            raise fail(f"'{raw}' has a space that does not separate thousands; check the "
                       "figure")
        if _is_fraction(digits.replace(",", "")):
            raise fail(f"'{raw}' is not a whole number")
        raise fail(f"'{raw}' is not a number")
    if negative:  # an ID column's number is no count: its refusal does not say it is
        raise fail(f"'{raw}' is negative; an ID is 0 or more" if identifier else
                   f"'{raw}' is negative; counts are 0 or more")
    # (Past the usual figure's return: a file of commas pays one comparison, and only
    # for a figure with a comma or a dot.)
    if separator != "," and "," in digits:
        raise fail(_comma_refused(raw, digits, separator))
    number = whole.group(1).replace(",", "").replace(" ", "").lstrip("0")
    if identifier and (len(number) > 12 or int(number or "0") > MAX_FIGURE):
        raise fail(f"'{raw}' is too large to be an ID (more than {MAX_FIGURE:,})")
    if len(number) > 12:  # (leading zeros are no size)
        raise fail(f"'{raw}' is too large to be a count of votes")
    return int(number or "0")  # Python converts at most 4,300 digits, zeros too


def usual_digits(identifier: bool) -> int:
    """The most digits of a plain figure taken as it is: a count's 12 (a larger count is
    refused by the desk's rules, `validation.MAX_FIGURE`, naming its seat), an ID's 9. An
    ID is stored in a team server's `integer` column, so one over MAX_FIGURE is refused
    here, at its row: within 12 digits it reached the server, which failed the whole
    import as "integer out of range", naming no file, row or column."""
    return 9 if identifier else 12


def _comma_refused(raw: str, digits: str, separator: str) -> str:
    """Why a comma-grouped figure of a file not separated by commas is refused."""
    if re.fullmatch(_COMMA_THOUSANDS, digits):
        return (f"'{raw}' could be {digits.replace(',', '')} (a comma between thousands) "
                f"or {digits.replace(',', '.')} (a decimal comma); write the count without "
                "the comma")
    commas = "a comma" if digits.count(",") == 1 else "commas"
    return (f"'{raw}' has {commas} between thousands in a {SEPARATORS[separator]} file, "
            f"where the comma may be the decimal mark; write the count without "
            f"{'it' if commas == 'a comma' else 'them'}")


def _is_fraction(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


_MOJIBAKE_CODECS = ("cp1252", "latin-1", "mac_roman")
# What copy-paste and spreadsheets leave in a cell that nobody typed on purpose: zero-width
# characters (dropped; none of them has a place in a cp1252 mojibake, so they go first) and
# fixed-width spaces (a space; U+00A0 and the soft hyphen are cp1252 bytes that a mojibake
# holds, "à" is "Ã\xa0", so they go after the repair).
_ZERO_WIDTH = str.maketrans(dict.fromkeys("\u200b\u2060\ufeff"))
_FIXED_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ",
                               "\u00ad": None})


def clean_text(value: str) -> str:
    """A non-ASCII cell as meant: mojibake repaired, zero-width characters dropped,
    non-breaking and other fixed-width spaces read as spaces, trimmed. A name pasted from
    a web page ("Aberdeen\u00a0North", "Morrissey\u200b") is then the name typed at the
    desk, and matches the nominated candidate."""
    return repair_mojibake(value.translate(_ZERO_WIDTH).strip()).translate(_FIXED_SPACES).strip()


def header_key(name: str) -> str:
    """A column's name as compared with the one wanted: case, spacing (a non-breaking
    space, two spaces, a space at either end) and zero-width characters aside, so a header
    Excel or a person retyped ("ONS id", "Party  abbreviation") finds its column."""
    return " ".join(name.translate(_ZERO_WIDTH).split()).casefold()


def repair_mojibake(value: str) -> str:
    """Undo UTF-8 that was decoded with a legacy codepage ("Ã\\x81ine" -> "Áine").

    Only when re-encoding gives valid UTF-8 that is shorter, so names that are really
    written in those characters ("Sinn Féin") are left alone.
    """
    if value.isascii():
        return value
    for codec in _MOJIBAKE_CODECS:
        try:
            fixed = value.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != value and len(fixed) < len(value):
            return fixed
    return value


def _size(size: int) -> str:
    return f"{size / 1024**2:,.0f} MB" if size >= 1024**2 else f"{size:,} bytes"


def read_limited(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (MAX_IMPORT_BYTES).

    Opened without blocking and checked before reading: a FIFO would wait forever for a
    writer and a device like /dev/zero never ends. A file that grows past the limit while
    being read is refused too: at most `limit` + 1 bytes are ever held."""
    limit = MAX_IMPORT_BYTES if limit is None else limit
    too_big = f"larger than {_size(limit)}, the most ResultsDesk imports; is it the right file?"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) |
                     getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ImportFailure(path, "no such file", cause=Cause.MISSING) from None
    except IsADirectoryError:
        raise ImportFailure(path, "is a folder, not a CSV file", cause=Cause.WRONG_KIND) \
            from None
    except OSError as exc:
        raise ImportFailure(path, f"cannot be read ({exc.strerror})", cause=Cause.IO) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ImportFailure(path, "is a folder, not a CSV file", cause=Cause.WRONG_KIND)
        if not stat.S_ISREG(info.st_mode):
            kind = "a pipe" if stat.S_ISFIFO(info.st_mode) else \
                "a socket" if stat.S_ISSOCK(info.st_mode) else "a device"
            raise ImportFailure(path, f"is not a regular file ({path} is {kind}); import a "
                                "saved CSV file", cause=Cause.WRONG_KIND)
        if info.st_size > limit:
            raise ImportFailure(path, f"is {info.st_size:,} bytes: {too_big}")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise ImportFailure(path, f"cannot be read ({exc.strerror})", cause=Cause.IO) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise ImportFailure(path, f"is {too_big}")
    return data


# How a file was read, when not as UTF-8 with commas: said in the import's report, so a
# name read from a Windows-1252 file surprises nobody.
WINDOWS_1252 = "Windows-1252 (Excel)"
UTF_16 = "UTF-16 (Excel's Unicode Text)"
SEPARATORS = {";": "semicolon-separated", "\t": "tab-separated"}


# How a workbook file starts: a zip (.xlsx, .ods) or an OLE2 compound file (Excel 97's .xls).
_WORKBOOKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def decode_file(path: Path) -> tuple[str, str]:
    """`_decode_file`, refusing a text of more lines than a spreadsheet holds (MAX_LINES)
    before any is read: within the byte cap, 48 MB of empty lines (24 million) took 7-9 GB
    of memory to read line by line into columns, on a desk PC that thrashes or dies."""
    text, encoding = _decode_file(path)
    lines = max(text.count("\n"), text.count("\r"))
    if lines > MAX_LINES:
        raise ImportFailure(path, f"has {lines:,} lines, more than the {MAX_LINES:,} rows a "
                            "spreadsheet holds: not an election's file (a general election "
                            "by candidate is under 5,000)")
    return text, encoding


def _decode_file(path: Path) -> tuple[str, str]:
    """The file's text and how it was read ("" for UTF-8, a BOM allowed).

    UTF-16 with its BOM (Excel's "Unicode Text", tab-separated: the BOM says which, so
    nothing is guessed). A file that is not UTF-8 is what Excel's "CSV (Comma delimited)"
    writes on Windows: Windows-1252 (a text of Windows-1252 bytes above 0x7F is almost
    never valid UTF-8, so the two do not meet). It is refused where a cell could be read
    either way (`windows_1252`), naming the row and column."""
    data = read_limited(path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFailure(path, "is UTF-16 text cut or damaged part-way; save it as "
                                "UTF-8 CSV and import again") from None
        if "\x00" in text:  # (UTF-32 starts with the same bytes)
            raise ImportFailure(path, "contains NUL bytes: it is not a text CSV file")
        return text, UTF_16
    if b"\x00" in data:
        if data.startswith(_WORKBOOKS):  # the workbook picked instead of its CSV
            raise ImportFailure(path, "is a spreadsheet workbook (.xlsx, .xls or .ods), not "
                                "CSV: save it from the spreadsheet as CSV UTF-8 and import that",
                                cause=Cause.WRONG_KIND)
        raise ImportFailure(path, "contains NUL bytes: it is not a text CSV file")
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    from .windows_1252 import decode_1252  # (only for such a file)

    return decode_1252(path, data), WINDOWS_1252


def read_rows(path: str | Path, required: Sequence[str],
              optional: Sequence[str] = ()) -> tuple[list[str], Iterator[Row], int]:
    """Check the header; return it, an iterator of validated-shape rows, and the line count
    (an upper bound on the rows, for progress).

    Every required column must be present (names compared after trimming spaces);
    every row must have exactly as many cells as the header.
    """
    path = Path(path)
    text, _ = decode_file(path)
    if not text.strip():
        raise ImportFailure(path, "is empty")
    if is_json(path, text):
        from .json_table import json_rows  # (it builds on this module's rows)

        return json_rows(path, text, required, optional)
    return csv_rows(path, text, required, optional, delimiter(text))


_JSON_START = re.compile(r"\s*[\[{]")
# A line's end as the csv module counts one: "\r" alone too, as old Mac Excel saved.
LINE_END = re.compile("\r\n|\r|\n")


def is_json(path: Path, text: str) -> bool:
    """A .json file, or JSON saved under another name (results.csv holding `[{...}]`): no
    HoC header starts with a bracket, and reading it as CSV would only list every column
    as missing."""
    return path.suffix.lower() == ".json" or _JSON_START.match(text) is not None


def delimiter(text: str) -> str:
    """The file's separator: ',' unless its header line has no comma but has semicolons
    (Excel's CSV where the comma is the decimal mark) or tabs (Excel's "Text")."""
    end = text.find("\n")
    first = text[:end] if end >= 0 else text
    if "," in first:
        return ","
    return next((d for d in ";\t" if d in first), ",")


def check_header(path: Path, header: list[str], required: Sequence[str],
                 optional: Sequence[str]) -> tuple[list[str], dict[str, int]]:
    """The header trimmed, and the index of each wanted column present; refuses missing
    required columns and duplicated names."""
    wanted = {header_key(c): c for c in (*required, *optional)}
    header = [wanted.get(header_key(h), h.strip()) for h in header]
    missing = [c for c in required if c not in header]
    if missing and header and header_key(header[0]).startswith("sep="):
        # Excel's hint line ("sep=;"), written above the header by tools exporting for it
        raise ImportFailure(path, "line 1 is Excel's 'sep=' line, not the header: delete "
                            "that line and import again")
    if missing:
        names = ", ".join(f"'{c}'" for c in missing)
        raise ImportFailure(path, f"missing column{'s' if len(missing) > 1 else ''} {names}")
    # Counted once (not header.count per column: a header of 100,000 cells took minutes).
    dupes = sorted(h for h, n in Counter(header).items() if h and n > 1)
    if dupes:
        raise ImportFailure(path, f"column '{dupes[0]}' appears more than once in the header")
    wanted = [c for c in (*required, *optional) if c in header]
    return header, {c: header.index(c) for c in wanted}


def csv_rows(path: Path, text: str, required: Sequence[str],
             optional: Sequence[str], separator: str = ","
             ) -> tuple[list[str], Iterator[Row], int]:
    """`read_rows` of CSV text (the csv module, strict)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=separator)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise ImportFailure(path, f"header is not valid CSV ({exc})", line=1) from None
    header, index = check_header(path, header, required, optional)
    return header, _rows(path, reader, header, index, separator), max(text.count("\n"), 1)


def named_width(header: list[str]) -> int:
    """The header's columns up to its last named one."""
    width = len(header)
    while width > 1 and not header[width - 1].strip():
        width -= 1
    return width


def trailing_trimmed(cells: list[str], width: int, named: int, *,
                     wider: bool = True) -> list[str]:
    """A row's cells made the header's `width`, when what differs is empty cells at the
    end: past the header's last column (Excel's ",,," after a table once wider; not
    without `wider`), or in the header's unnamed columns past its `named` ones. Any other
    row is left as it is."""
    if wider and len(cells) > width and not "".join(cells[width:]).strip():
        return cells[:width]
    if named <= len(cells) < width:
        return cells + [""] * (width - len(cells))
    return cells


class RowWidths:
    """Which rows wider than the header are Excel's (empty cells past the table), read row
    by row. A header with no unnamed columns, over rows of its width, leaves none past it:
    there a row one cell too long whose last cell is empty is a separator inside a cell
    ("3,108" unquoted), every cell after it one column right, and is refused as any row
    too long is."""

    def __init__(self, width: int, named: int) -> None:
        self.width, self.named = width, named
        self.padded = named < width  # (a header of unnamed columns: any row may be wider)
        self.exact = False  # a row of the header's width seen
        self.trimmed: tuple[int, int, int] | None = None

    def fit(self, cells: list[str], row: int, line: int
            ) -> tuple[list[str], tuple[int, int, int] | None]:
        """The row's cells made the header's width where they may be, and the (row, line,
        cells) of a row to refuse (`refused`): this one, not of the header's width, or,
        where a row of its width follows one trimmed, that trimmed one."""
        fitted = trailing_trimmed(cells, self.width, self.named,
                                  wider=self.padded or not self.exact)
        if not self.padded:
            if len(cells) > self.width and len(fitted) == self.width and self.trimmed is None:
                self.trimmed = (row, line, len(cells))
            elif len(cells) == self.width:
                self.exact = True
                if self.trimmed is not None:
                    return cells, self.trimmed
        if len(fitted) != self.width:
            return fitted, (row, line, len(fitted))
        return fitted, None

    def refused(self, path: str | Path, wrong: tuple[int, int, int]) -> ImportFailure:
        row, line, cells = wrong
        return ImportFailure(path, f"has {cells} cells but the header has {self.width} "
                             "columns", row=row, line=line)


def _rows(path: Path, reader, header: list[str], index: dict[str, int],
          separator: str) -> Iterator[Row]:
    number = 0
    line = reader.line_num + 1
    widths = RowWidths(len(header), named_width(header))
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportFailure(path, f"is not valid CSV ({exc})", row=number + 1,
                                line=line) from None
        start, line = line, reader.line_num + 1
        if not "".join(cells).strip():
            continue  # a blank line, or a row of empty cells
        number += 1
        cells, wrong = widths.fit(cells, number, start)
        if wrong is not None:
            raise widths.refused(path, wrong)
        too_long = next((c for c in cells if len(c) > MAX_FIELD), None)
        if too_long is not None:
            raise ImportFailure(path, "has a cell over 10,000 characters (an unclosed quote?)",
                                row=number, line=start)
        yield Row(str(path), number, start, {c: cells[i] for c, i in index.items()},
                  separator)
