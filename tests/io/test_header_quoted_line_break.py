"""A header on line 1 whose first cell holds a line break (Alt+Enter in an Excel header cell,
saved quoted, as CSV allows): the rest of the header is on the file's second physical
line. Read line by line outside its quotes, that second line held every column wanted,
and the file was refused as "the header is on line 2, not line 1", a header that was
whole on line 1 and read as such by the import's own CSV reading."""

from __future__ import annotations

import pytest
from helpers.csv_tables import to_csv

from resultsdesk.io import ImportFailure
from resultsdesk.io.hoc_candidates import read_candidates

YNYS_MON = "W07000112"


def test_a_header_cell_with_a_line_break_is_still_line_one(tmp_path, ge2024_table):
    header, rows = ge2024_table
    mine = [r for r in rows if r[0] == YNYS_MON]
    path = tmp_path / "results.csv"
    # a column of the desk's own notes, first, its name on two lines
    path.write_text(to_csv(["Notes\n(see below)", *header], [["", *r] for r in mine]),
                    encoding="utf-8")
    records = read_candidates(path, with_votes=True)
    assert len(records) == len(mine)
    assert {r.constituency.code for r in records} == {YNYS_MON}


def test_a_title_with_a_stray_quote_still_names_the_header_below(tmp_path, ge2024_table):
    """Only an open quote stops the look below line 1: a title quoted only in part, which
    the strict reading refuses, is read as the lenient one reads it."""
    header, rows = ge2024_table
    path = tmp_path / "results.csv"
    path.write_text('"Results" 2024\r\n' + to_csv(header, rows[:3]), encoding="utf-8")
    with pytest.raises(ImportFailure, match=r"^results\.csv: the header is on line 2, not "):
        read_candidates(path, with_votes=True)
