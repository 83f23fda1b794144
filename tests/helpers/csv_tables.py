"""The real HoC CSV files as tables to cut short and break, for the readers' and imports'
tests in tests/io: read_table, first_seats, set_cell, drop_column, then to_csv or
write_table (CRLF, as the HoC files are); and BROKEN, the broken by-candidate files with the
failure each must give (message, row, column), shared by the reader's tests and the CLI's.
The reliability suites break files their own way (helpers.hostile_files)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

Table = tuple[list[str], list[list[str]]]


def read_table(path: Path) -> Table:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def to_csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")  # CRLF, like the HoC files
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def write_table(path: Path, header: list[str], rows: list[list[str]],
                encoding: str = "utf-8") -> Path:
    path.write_bytes(to_csv(header, rows).encode(encoding))
    return path


def first_seats(table: Table, n: int, code_column: str = "ONS ID") -> Table:
    """A fresh copy of the rows of the first n constituencies in the file."""
    header, rows = table
    i = header.index(code_column)
    codes: list[str] = []
    out = []
    for r in rows:
        if r[i] not in codes:
            if len(codes) == n:
                break
            codes.append(r[i])
        out.append(list(r))
    return list(header), out


def set_cell(table: Table, row_index: int, column: str, value: str) -> None:
    header, rows = table
    rows[row_index][header.index(column)] = value


def drop_column(table: Table, column: str) -> Table:
    header, rows = table
    i = header.index(column)
    return [h for j, h in enumerate(header) if j != i], [
        [c for j, c in enumerate(r) if j != i] for r in rows]


# Each case: edit the first two seats of the GE2024 file, then expect (message, row, column).
Edit = Callable[[Table], Table | None]


def _votes(value: str) -> Edit:
    def edit(t: Table) -> None:
        set_cell(t, 2, "Votes", value)
    return edit


def _duplicate(t: Table) -> None:
    t[1].insert(4, list(t[1][1]))


def _short_row(t: Table) -> None:
    t[1][3] = t[1][3][:-1]


def _long_row(t: Table) -> None:
    t[1][3] = [*t[1][3], "extra"]


def _bad_code(t: Table) -> None:
    set_cell(t, 5, "ONS ID", "X1234")


def _other_name(t: Table) -> None:
    set_cell(t, 3, "Constituency name", "Aberavon")


def _other_country(t: Table) -> None:
    set_cell(t, 3, "Country name", "Scotland")


def _party_id_of_another(t: Table) -> None:
    set_cell(t, 7, "MNIS party ID", "4")  # Aberafan Maesteg's Labour row, with Con's ID


def _no_surname(t: Table) -> None:
    set_cell(t, 0, "Candidate surname", "  ")


def _missing(column: str) -> Edit:
    return lambda t: drop_column(t, column)


BROKEN = {
    "non-numeric votes": (_votes("12a"), "'12a' is not a number", 3, "Votes"),
    "negative votes": (_votes("-5"), "'-5' is negative; counts are 0 or more", 3, "Votes"),
    "fractional votes": (_votes("12.5"), "'12.5' is not a whole number", 3, "Votes"),
    "empty votes": (_votes(""), "is empty", 3, "Votes"),
    "duplicate candidate": (_duplicate, "duplicate candidate", 5, "Candidate surname"),
    "too few cells": (_short_row, "has 21 cells but the header has 22 columns", 4, None),
    "too many cells": (_long_row, "has 23 cells but the header has 22 columns", 4, None),
    "bad GSS code": (_bad_code, "'X1234' is not a GSS constituency code", 6, "ONS ID"),
    "inconsistent names": (_other_name, "'Aberavon' but W07000081 is 'Aberafan Maesteg' on "
                                        "row 1", 4, "Constituency name"),
    "a seat in two countries": (_other_country, "'Scotland' but W07000081 has 'Wales' on "
                                                "row 1", 4, "Country name"),
    "a party's ID on another party's row": (_party_id_of_another, "4 is Con's ID on row 5, but "
                                            "this row's party is Lab", 8, "MNIS party ID"),
    # An ID is no count: its refusals said "counts are 0 or more", "a count of votes".
    "negative party ID": (lambda t: set_cell(t, 7, "MNIS party ID", "-4"),
                          "'-4' is negative; an ID is 0 or more", 8, "MNIS party ID"),
    "huge person ID": (lambda t: set_cell(t, 7, "DC Person ID", "9" * 20),
                       f"'{'9' * 20}' is too large to be an ID (more than 2,147,483,647)", 8,
                       "DC Person ID"),
    # Ten digits, within the old 12-digit cap: a team server's integer column refused it
    # mid-import ("integer out of range"), naming no file, row or column.
    "party ID over a server's integer": (lambda t: set_cell(t, 7, "MNIS party ID",
                                                            "3000000000"),
                                         "'3000000000' is too large to be an ID (more than "
                                         "2,147,483,647)", 8, "MNIS party ID"),
    "empty surname": (_no_surname, "is empty", 1, "Candidate surname"),
    "missing votes column": (_missing("Votes"), "missing column 'Votes'", None, None),
    "missing name column": (_missing("Constituency name"), "missing column 'Constituency name'",
                            None, None),
}
