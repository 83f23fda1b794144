"""Reading a CSV (or JSON) file by column, and checks that run over a whole column at once.

The row-by-row reader (`csvfile.read_rows`) calls Python per cell; an import of the 2024
night has 100,000 cells, so here each wanted column is one list and a check is a few
string methods over the whole list (`"".join(col).isdigit()`, `"" in col`), falling back
to the per-cell rules only to word a problem once one is known to be there.

The messages are the row-by-row reader's, and so is which problem is reported when a file
has several: every check has its place in a row's order of checks, the table keeps the
earliest (row, place) found, and a broken row (wrong number of cells, bad quoting, a cell
over 10,000 characters) counts only if no row before it has a problem.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import itemgetter, not_
from pathlib import Path

from .csvfile import (
    MAX_FIELD,
    SEPARATORS,
    ImportFailure,
    Row,
    RowWidths,
    check_header,
    clean_text,
    csv_rows,
    decode_file,
    delimiter,
    is_identifier,
    is_json,
    named_width,
    number_text,
    parse_whole_number,
    trailing_trimmed,
    usual_digits,
)
from .header_line import refuse_header_below
from .json_table import json_rows
from .rehearsal_mark import REHEARSAL_COLUMN, refuse_marked
from .safe_csv import as_written
from .unprintable import holds_ascii_control, unprintable


def mapped(fn: Callable[[str], str], column: Sequence[str]) -> list[str]:
    """`fn` of every cell, called once per distinct value (a party column of 4,500 rows
    holds about a hundred): for pure functions of the cell only."""
    once = {v: fn(v) for v in set(column)}
    return list(map(once.__getitem__, column))


def _stripped(column: Sequence[str]) -> list[str]:
    """Every cell trimmed (`str.strip` mapped over the column: no Python call per cell)."""
    return list(map(str.strip, column))


@dataclass(slots=True)
class Table:
    """The wanted columns of a file's data rows (blank lines skipped), with each row's
    physical line for messages. Checks record problems with `problem()`; `check()` raises
    the earliest."""

    file: str
    header: list[str]
    cells: dict[str, Sequence[str]]
    lines: list[int]
    total: int  # physical lines, for progress
    pending: ImportFailure | None = None  # a broken row just after the last one kept
    numbers: list[int] | None = None  # data row numbers, when not 1, 2, 3... (a subset)
    parent: Table | None = None  # a subset's problems are its parent's
    separator: str = ","  # between the file's cells: says what a comma in a figure may be
    _first: tuple[int, int, ImportFailure] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.lines)

    def has(self, column: str) -> bool:
        return column in self.cells

    def number(self, i: int) -> int:
        """The data row number (1-based, as messages give it) of row index `i`."""
        return self.numbers[i] if self.numbers is not None else i + 1

    def fail(self, i: int, column: str | None, message: str) -> ImportFailure:
        """The failure of row index `i` (0-based), worded as `Row.fail` words it."""
        return ImportFailure(self.file, message, row=self.number(i), column=column,
                             line=self.lines[i])

    def problem(self, i: int, order: int, failure: ImportFailure) -> None:
        """Keep `failure` (row index `i`, `order`-th check of a row) if it comes first."""
        root = self.parent or self
        key = (self.number(i), order)
        if root._first is None or key < root._first[:2]:
            root._first = (*key, failure)

    def rows_to_check(self) -> int:
        """How many rows (from the first) a loop of per-row rules must visit: up to and
        including the earliest problem found so far; every later problem is past it."""
        first = (self.parent or self)._first
        if first is None:
            return len(self)
        numbers = self.numbers or range(1, len(self) + 1)
        return sum(1 for n in numbers if n <= first[0])

    @property
    def clean(self) -> bool:
        """No problem found so far, and no broken row: every row read and checked."""
        root = self.parent or self
        return root._first is None and root.pending is None

    def past_problem(self, i: int) -> bool:
        """Is row index `i` after the earliest problem found so far? (Then it needs no
        more checking: the problem before it is the one reported.)"""
        first = (self.parent or self)._first
        return first is not None and (i + 1 if self.numbers is None else self.numbers[i]) \
            > first[0]

    def subset(self, keep: Sequence[int]) -> Table:
        """The rows at indices `keep` (rows a file's own rules skip are left out), keeping
        their row numbers; problems found in it are this table's."""
        pick = (lambda v: list(itemgetter(*keep)(v))) if len(keep) > 1 else \
            (lambda v: [v[i] for i in keep])
        return Table(self.file, self.header, {c: pick(v) for c, v in self.cells.items()},
                     [self.lines[i] for i in keep], self.total,
                     numbers=[self.number(i) for i in keep], parent=self.parent or self,
                     separator=self.separator)

    def check(self) -> None:
        """Raise the earliest problem: a checked row's, else the broken row that ended
        the reading."""
        root = self.parent or self
        if root._first is not None:
            raise root._first[2]
        if root.pending is not None:
            raise root.pending

    # -- whole-column checks -------------------------------------------------------------

    def text(self, column: str, order: int, *, required: bool = True,
             na: Sequence[str] = ()) -> list[str]:
        """`Row.text` of every row: trimmed, the non-ASCII cells cleaned (`clean_text`:
        mojibake, zero-width characters, non-breaking spaces), `na` values as ""; the
        first empty cell of a required column is a problem ("is empty")."""
        values = _stripped(self.cells[column])
        joined = " ".join(values)  # (with spaces: " '" is where a cell may start with "'")
        suspects = []  # cells that may hold what no name holds (`unprintable`)
        if not joined.isascii():  # the few non-ASCII cells, found in C
            for i in compress(range(len(values)), map(not_, map(str.isascii, values))):
                values[i] = cell = clean_text(values[i])
                if not cell.isprintable():
                    suspects.append(i)
        if holds_ascii_control(joined):  # (cleaning adds none: the usual column has none)
            suspects = sorted({*suspects, *compress(range(len(values)),
                                                    map(not_, map(str.isprintable, values)))})
        if "'" in joined and (joined.startswith("'") or " '" in joined):  # an export's "'=x"
            for i in compress(range(len(values)), map(str.startswith, values, repeat("'"))):
                values[i] = as_written(values[i])
        if any(n in values for n in na):
            values = ["" if v in na else v for v in values]
        if required and "" in values:
            i = values.index("")
            self.problem(i, order, self.fail(i, column, "is empty"))
        for i in suspects:
            why = unprintable(values[i])
            if why is not None:
                self.problem(i, order, self.fail(i, column, why))
                break
        return values

    def optional_text(self, column: str, order: int) -> list[str]:
        """An optional column's text, or "" in every row when the file has no such column."""
        return self.text(column, order, required=False) if self.has(column) \
            else [""] * len(self)

    def whole_numbers(self, column: str, order: int, *, required: bool = True,
                      na: Sequence[str] = ()) -> list[int | None]:
        """`Row.whole_number` of every row: None for an empty (or `na`) cell, which is a
        problem in a required column; "1,234" allowed in a file of commas; the first bad
        cell a problem worded by `parse_whole_number` (in a file of semicolons or tabs, a
        figure with a comma too). On a problem the values are all None."""
        raw = _stripped(self.cells[column])
        joined = "".join(raw)
        identifier = is_identifier(column)
        digits = usual_digits(identifier)
        if joined.isdigit() and joined.isascii() and "" not in raw \
                and max(map(len, raw)) <= digits:  # the usual column: plain whole numbers
            return list(map(int, raw))
        as_read = raw  # what a message quotes
        if "'" in joined or not joined.isascii():  # "'1,234" kept as text, a pasted space
            raw = list(map(number_text, raw))
        distinct = set(raw)  # an id column with gaps: each value converted once
        empty = distinct.intersection(("", *na))
        numbers = distinct - empty
        joined = "".join(numbers)
        if (not empty or not required) and joined.isdigit() and joined.isascii() \
                and max(map(len, numbers)) <= digits:  # plain whole numbers and empty cells
            value: dict[str, int | None] = {v: int(v) for v in numbers}
            value.update(dict.fromkeys(empty))
            return list(map(value.__getitem__, raw))
        # "12,345", "12345.0": each distinct figure parsed by the per-cell rules
        # (each cell as read: "''12" is no more a number here than row by row)
        value = {}
        try:
            for v in set(as_read):
                value[v] = None if number_text(v) in empty else \
                    parse_whole_number(v, ValueError, self.separator, identifier=identifier)
        except ValueError:
            pass
        else:
            if not empty or not required:
                return list(map(value.__getitem__, as_read))
        texts = [v if v and v not in na else None for v in raw]
        for i, (cell, t) in enumerate(zip(as_read, texts, strict=True)):
            if t is None:
                if required:
                    self.problem(i, order, self.fail(
                        i, column, "is empty; a whole number is needed"))
                    break
                continue
            try:
                parse_whole_number(cell, lambda msg, i=i: self.fail(i, column, msg),
                                   self.separator, identifier=identifier)
            except ImportFailure as failure:
                self.problem(i, order, failure)
                break
        return [None] * len(texts)

    def optional_whole_numbers(self, column: str, order: int,
                               na: Sequence[str] = ()) -> list[int | None]:
        if not self.has(column):
            return [None] * len(self)
        return self.whole_numbers(column, order, required=False, na=na)

    def flags(self, column: str, yes: frozenset[str]) -> list[bool]:
        """True where the cell (trimmed, any case) is one of `yes`; never a problem."""
        if not self.has(column):
            return [False] * len(self)
        values = _stripped(self.cells[column])
        answer = {v: v.lower() in yes for v in set(values)}  # a handful of distinct cells
        return list(map(answer.__getitem__, values))

    def row(self, i: int) -> Row:
        """Row index `i` as the row-by-row reader gives it, for rules kept per row."""
        return Row(self.file, self.number(i), self.lines[i],
                   {c: v[i] for c, v in self.cells.items()}, self.separator)


def read_table(path: str | Path, required: Sequence[str],
               optional: Sequence[str] = (), *, refuse_rehearsal: bool = False,
               notes: list[str] | None = None) -> Table:
    """The file's wanted columns (`required` must all be there; `optional` where present),
    after the same header checks as `read_rows`. With `refuse_rehearsal` (the election
    importing it is live), a rehearsal's export is refused before anything else is checked
    (`rehearsal_mark`). How the file was read, when not as UTF-8 with commas ("read as
    Windows-1252 (Excel)", "semicolon-separated"), is added to `notes`, for the report."""
    if not refuse_rehearsal:
        return _read_table(Path(path), required, optional, notes)
    table = _read_table(Path(path), required, (*optional, REHEARSAL_COLUMN), notes)
    refuse_marked(table)
    return table


def _read_table(path: Path, required: Sequence[str], optional: Sequence[str],
                notes: list[str] | None) -> Table:
    text, encoding = decode_file(path)
    if not text or text.isspace():  # (not text.strip(): that copies the whole file)
        raise ImportFailure(path, "is empty")
    if is_json(path, text):
        header, rows, total = json_rows(path, text, required, optional)
        _note(notes, encoding, "")
        return _from_rows(path, header, rows, total, [*required, *optional])
    refuse_header_below(path, text, required)
    separator = delimiter(text)
    _note(notes, encoding, SEPARATORS.get(separator, ""))
    found = _physical_lines(text) if separator == "," else None
    if found is None:  # quoted line breaks, bare CRs or semicolons: the csv module reads it
        header, rows, total = csv_rows(path, text, required, optional, separator)
        table = _from_rows(path, header, rows, total, [*required, *optional], separator)
    else:
        lines, quoted = found
        try:
            header = _cells(lines[0])
        except csv.Error as exc:
            raise ImportFailure(path, f"header is not valid CSV ({exc})", line=1) from None
        header, index = check_header(path, header, required, optional)
        table = _split_rows(path, header, index, lines, quoted)
    return table


def _note(notes: list[str] | None, encoding: str, separator: str) -> None:
    how = ", ".join(filter(None, (encoding and f"read as {encoding}", separator)))
    if notes is not None and how and how not in notes:
        notes.append(how)


def _physical_lines(text: str) -> tuple[list[str], list[int]] | None:
    """The text's lines, with the indices of those holding quotes, when each line is one
    whole record (no quoted line break, no bare CR: then a line ends where the csv module
    ends a record), else None."""
    returns = text.count("\r")
    if not returns:
        lines = text.split("\n")
    else:
        lines = text.split("\r\n")
        if len(lines) - 1 != returns:  # a CR that ends no CRLF
            return None
        if text.count("\n") != returns:  # LF line ends too, beside the CRLF ones
            lines = text.replace("\r\n", "\n").split("\n")
    quoted: list[int] = []
    if '"' in text:
        counts = list(map(str.count, lines, repeat('"')))
        quoted = list(compress(range(len(lines)), counts))
        if any(counts[i] & 1 for i in quoted):
            return None
    return lines, quoted


def _cells(line: str) -> list[str]:
    """One physical line's cells; a line with quotes through the csv module (strict)."""
    if '"' not in line:
        return line.split(",")
    return next(csv.reader([line], strict=True), [])


def _split_rows(path: Path, header: list[str], index: dict[str, int],
                lines: list[str], quoted: Sequence[int]) -> Table:
    """The data rows of a file whose every line is one record; the usual file (every line
    the header's width, no cell over MAX_FIELD) in a few whole-list steps, any other
    line by line to say where it breaks."""
    width = len(header)
    body = lines[1:]
    # Split whole only where the whole-list steps may take the lines: a line over
    # MAX_FIELD is read one by one below anyway, and split first it cost its every cell
    # (Excel pads each row under a header formatted out to XFD: 16,384 cells, 130 KB of
    # list a row, 380 MB for a 48 MB file).
    rows: list[list[str]] | None = (list(map(str.split, body, repeat(",")))
                                    if max(map(len, body), default=0) <= MAX_FIELD else None)
    # Rows of empty cells are blank lines: Excel writes ",,,," rows below a table whose
    # cells were once formatted or cleared.
    blank, empty = "," * (width - 1), []
    try:  # lines with quotes (few): through the csv module
        for i in quoted if rows is not None else ():
            if i:  # (line 0 is the header)
                rows[i - 1] = cells = _cells(body[i - 1])
                if not "".join(cells).strip():
                    empty.append(i - 1)
    except csv.Error:
        rows = None
    named = named_width(header)
    if rows is not None and named < width:
        # Unnamed columns past the named ones (the header row formatted out to Excel's
        # XFD): each row kept to its named cells, where every wanted column is. Padded to
        # the header's width, 16,384 cells a row, the 2024 file took 1.2 GB.
        numbers = list(range(2, len(rows) + 2))
        rows, numbers = _named_only(rows, numbers, width, named)
        if set(map(len, rows)) <= {named}:
            return _table(path, header, index, rows, numbers, len(lines))
    elif rows is not None:
        numbers = list(range(2, len(rows) + 2))
        if empty or blank in body:  # (a scan in C; the usual file has none)
            drop = {i for i, line in enumerate(body) if line == blank}.union(empty)
            keep = [i for i in range(len(rows)) if i not in drop]
            rows, numbers = [rows[i] for i in keep], [numbers[i] for i in keep]
        widths = set(map(len, rows))
        if widths != {width}:  # (the usual file: its last line is empty)
            keep = [i for i, cells in enumerate(rows)
                    if cells and not (len(cells) == 1 and not cells[0].strip())]
            rows, numbers = [rows[i] for i in keep], [numbers[i] for i in keep]
            widths = set(map(len, rows))
        if widths - {width}:  # empty cells past the header, or blank rows
            # (past the header only where no row is its width (unnamed columns: above):
            # else a row one cell too long holds a separator in a cell, `RowWidths`)
            rows, numbers = _trimmed(rows, numbers, width, named, width not in widths)
            widths = set(map(len, rows))
        if widths <= {width}:
            return _table(path, header, index, rows, numbers, len(lines))
    rows = []
    numbers = []
    pending = None
    fits = RowWidths(width, named)
    for n, line in enumerate(lines[1:], start=2):
        try:
            cells = _cells(line)
        except csv.Error as exc:
            pending = ImportFailure(path, f"is not valid CSV ({exc})", row=len(rows) + 1,
                                    line=n)
            break
        if not "".join(cells).strip():
            continue  # a blank line, or a row of empty cells
        cells, wrong = fits.fit(cells, len(rows) + 1, n)
        if wrong is not None:  # (an earlier row trimmed: the rows from it on are not kept)
            pending = fits.refused(path, wrong)
            del rows[wrong[0] - 1:], numbers[wrong[0] - 1:]
            break
        if len(line) > MAX_FIELD and max(map(len, cells)) > MAX_FIELD:
            pending = ImportFailure(path, "has a cell over 10,000 characters (an unclosed "
                                    "quote?)", row=len(rows) + 1, line=n)
            break
        # (the wanted columns are all named: `_named_only`)
        rows.append(cells if len(cells) == named else cells[:named])
        numbers.append(n)
    table = _table(path, header, index, rows, numbers, len(lines))
    table.pending = pending
    return table


def _table(path: Path, header: list[str], index: dict[str, int], rows: list[list[str]],
           numbers: list[int], lines: int) -> Table:
    """The table of `rows`, each as wide as the others and holding every wanted column."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(header)
    return Table(str(path), header, {c: columns[i] for c, i in index.items()}, numbers,
                 max(lines - 1, 1))


def _named_only(rows: list[list[str]], numbers: list[int], width: int, named: int
                ) -> tuple[list[list[str]], list[int]]:
    """Under a header with unnamed columns past its `named` ones, each row that fits it
    (at least its named cells, nothing but empty ones past its `width`: `RowWidths`)
    cut to its named cells, rows of empty cells dropped; a row that does not fit is left
    as it is, for the reader line by line to name."""
    kept, at = [], []
    for cells, number in zip(rows, numbers, strict=True):
        if not "".join(cells).strip():
            continue  # a blank line, or a row of empty cells
        if len(cells) >= named and (len(cells) <= width or not "".join(cells[width:]).strip()):
            cells = cells[:named]
        kept.append(cells)
        at.append(number)
    return kept, at


def _trimmed(rows: list[list[str]], numbers: list[int], width: int, named: int,
             wider: bool) -> tuple[list[list[str]], list[int]]:
    """The rows not of the header's width made so where what differs is empty cells at
    the end (`trailing_trimmed`), rows of empty cells dropped; the usual rows untouched."""
    odd = [i for i, cells in enumerate(rows) if len(cells) != width]
    blank = {i for i in odd if not "".join(rows[i]).strip()}
    for i in odd:
        rows[i] = trailing_trimmed(rows[i], width, named, wider=wider)
    if not blank:
        return rows, numbers
    keep = [i for i in range(len(rows)) if i not in blank]
    return [rows[i] for i in keep], [numbers[i] for i in keep]


def _from_rows(path: Path, header: list[str], rows: Iterator[Row], total: int,
               wanted: Sequence[str], separator: str = ",") -> Table:
    """A table from the row-by-row reader (JSON, or CSV with quoted line breaks)."""
    present = [c for c in dict.fromkeys(wanted) if c in header]
    cells: dict[str, list[str]] = {c: [] for c in present}
    lines: list[int] = []
    pending = None
    try:
        for row in rows:
            for c in present:
                cells[c].append(row.values[c])
            lines.append(row.line)
    except ImportFailure as failure:
        pending = failure
    return Table(str(path), header, cells, lines, total, pending, separator=separator)
