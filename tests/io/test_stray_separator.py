"""A row one cell too long whose last cell is empty: Excel's "," past the table, or a
separator typed inside a cell ("3,108" unquoted in a hand-edited file, "Adam, Dr")? The
second shifts every cell after it one column right, and the row's empty last cell, pushed
past the header, was dropped as Excel's: a 2019 row `...,3,108,0.098361,` (Change empty)
imported as 3 votes, silently. Where the other rows are the header's width and the header
has no unnamed columns, the row is refused, as any row too long is."""

from __future__ import annotations

import pytest
from helpers.csv_tables import read_table, to_csv
from helpers.locations import GE2024

from resultsdesk.io import ImportFailure
from resultsdesk.io.baseline import read_baseline
from resultsdesk.io.hoc_candidates import read_candidates

SEAT = "W07000081"  # Aberafan Maesteg


def _file(tmp_path, quoted_break: bool, first: bool):
    """The seat's rows without the 2024 file's last column (DC Person ID): Change last,
    empty (a party new to the seat, as on 779 rows of the 2019 file) on a row whose
    votes are written "4,719" without quotes."""
    header, rows = read_table(GE2024)
    rows = [r[:-1] for r in rows if r[0] == SEAT]
    header = header[:-1]
    votes, change = header.index("Votes"), header.index("Change")
    at = next(i for i, r in enumerate(rows) if int(r[votes]) >= 1000)
    rows[at][change] = ""
    if first:  # the row read before any of the header's width
        rows.insert(0, rows.pop(at))
        at = 0
    if quoted_break:  # read by the csv module, not line by line
        rows[-1][header.index("Share")] += "\n"  # (a column no import reads)
    lines = to_csv(header, rows).split("\r\n")
    cells = lines[at + 1].split(",")
    cells[votes] = f"{int(cells[votes]):,}"
    lines[at + 1] = ",".join(cells)
    path = tmp_path / "results.csv"
    path.write_text("\r\n".join(lines), encoding="utf-8", newline="")
    line = at + 2
    return path, at + 1, line, len(header)


@pytest.mark.parametrize("first", [False, True], ids=["after rows", "first row"])
@pytest.mark.parametrize("quoted_break", [False, True], ids=["lines", "csv module"])
@pytest.mark.parametrize("reader", [lambda p: read_candidates(p, with_votes=True),
                                    read_baseline], ids=["results", "baseline"])
def test_a_separator_inside_a_cell_is_not_taken_for_excels(tmp_path, reader, quoted_break,
                                                           first):
    path, row, line, width = _file(tmp_path, quoted_break, first)
    with pytest.raises(ImportFailure) as info:
        reader(path)
    assert str(info.value) == (f"results.csv, row {row} (line {line}): has {width + 1} "
                               f"cells but the header has {width} columns")
