"""A header below line 1 (a title row above the table, or rows left empty above it, as a
sheet saved from Excel has them) is said as such, naming the line it is on. The file was
refused as missing every column ("missing columns 'ONS ID', 'Constituency name', … ,
'Votes'"), each of them in plain sight on line 2."""

from __future__ import annotations

import pytest
from helpers import dbcheck
from helpers.csv_tables import to_csv

from resultsdesk import cli
from resultsdesk.io import ImportFailure
from resultsdesk.io.hoc_candidates import read_candidates
from resultsdesk.io.hoc_constituencies import read_constituency_figures

YNYS_MON = "W07000112"

ABOVE = {  # what is above the header: what is said of it
    "UK general election 2024: results by candidate\r\n":
        "the header is on line 2, not line 1: delete the line above it and import again",
    "\r\n": "the header is on line 2, not line 1: delete the line above it and import again",
    ",,,,\r\nResults,,,\r\n\r\n":
        "the header is on line 4, not line 1: delete the 3 lines above it and import again",
}


def _table(tmp_path, table, above: str, separator: str = ","):
    header, rows = table
    text = to_csv(header, [r for r in rows if r[0] == YNYS_MON])
    path = tmp_path / "results.csv"
    path.write_text(above + text.replace(",", separator), encoding="utf-8")
    return path


@pytest.mark.parametrize("above", ABOVE)
def test_a_header_below_line_one_is_named(tmp_path, ge2024_table, above):
    path = _table(tmp_path, ge2024_table, above)
    with pytest.raises(ImportFailure) as failure:
        read_candidates(path, with_votes=True)
    assert str(failure.value) == f"results.csv: {ABOVE[above]}"


def test_semicolons_below_a_title_too(tmp_path, ge2024_table):
    path = _table(tmp_path, ge2024_table, "Results\r\n", ";")
    with pytest.raises(ImportFailure, match=r"^results\.csv: the header is on line 2, not "):
        read_candidates(path, with_votes=True)


def test_a_constituencies_file_too(tmp_path, seats_table):
    header, rows = seats_table
    path = tmp_path / "seats.csv"
    path.write_text("\r\n" + to_csv(header, rows[:2]), encoding="utf-8")
    with pytest.raises(ImportFailure, match=r"^seats\.csv: the header is on line 2, not "):
        read_constituency_figures(path)


def test_the_command_says_it_in_one_line(tmp_path, ge2024_table, capsys, nominations_db):
    path = _table(tmp_path, ge2024_table, "Results\r\n")
    before = dbcheck.digest(nominations_db)
    assert cli.main(["import", "results", str(path), "--db", str(nominations_db)]) == 1
    assert capsys.readouterr() == ("", "resultsdesk: error: results.csv: the header is on "
                                   "line 2, not line 1: delete the line above it and import "
                                   "again\n")
    assert dbcheck.digest(nominations_db) == before


def test_a_file_without_its_columns_is_still_missing_them(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\r\n1,2\r\nONS ID,Votes\r\n", encoding="utf-8")
    with pytest.raises(ImportFailure, match=r"^other\.csv: missing columns 'ONS ID', "):
        read_candidates(path, with_votes=True)
