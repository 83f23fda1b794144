"""Cells no name or place holds, in a file that is otherwise fine: an escape sequence or
another control character, a line separator, a bidirectional override, a lone surrogate
(JSON's "\\ud800"), a cell of a JSON file over 10,000 characters. Each is refused in one
line naming the file, row and column, with nothing written; what real names hold (accents,
combining marks, emoji, Hebrew) is read as it is, and so is a line break typed in a cell
(tests/reliability/test_hostile_files.py).

Before, such a name was recorded: `history` then printed the escape sequence to the
terminal as it was, and a lone surrogate stopped the import with a UnicodeEncodeError
reported as a bug (the database could not store it)."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
from helpers.csv_tables import first_seats, set_cell, write_table

from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_candidates, import_results
from resultsdesk.io import ImportFailure
from resultsdesk.io.hoc_candidates import read_candidates


@pytest.mark.parametrize(("column", "value", "what"), [
    ("Candidate first name", "\x1b[2J\x1b[31mRed", "a control character (U+001B)"),
    ("Candidate first name", "Ann\u2028Marie", "a line separator (U+2028)"),
    ("Candidate surname", "Mor\x7frissey", "a control character (U+007F)"),
    ("Candidate surname", "Ab\u202eigail", "a bidirectional control (U+202E)"),
    ("Party name", "Evil\x1b]0;title\x07", "a control character (U+001B)"),
    ("Constituency name", "Aberafan\x07 Maesteg", "a control character (U+0007)"),
])
def test_a_cell_holding_a_control_character_is_refused(tmp_path, ge2024_table, column, value,
                                                       what):
    table = first_seats(ge2024_table, 2)
    set_cell(table, 1, column, value)
    path = write_table(tmp_path / "results.csv", *table)
    with pytest.raises(ImportFailure, match=(
            rf"^results\.csv, row 2 \(line 3\), column '{column}': '{re.escape(value)}' "
            rf"holds {re.escape(what)}: no name or place has one; remove it and import "
            r"again$")):
        read_candidates(path, with_votes=True)


@pytest.mark.parametrize("value", [
    "Zoe\u0301", "Siân", "Ynys Môn", "\u05e8\u05d0\u05d5\u05d1\u05df", "Smile \U0001f600",
    "Family \U0001f468\u200d\U0001f469"])
def test_what_real_names_hold_is_read(tmp_path, ge2024_table, value):
    table = first_seats(ge2024_table, 1)
    set_cell(table, 0, "Candidate first name", value)
    path = write_table(tmp_path / "results.csv", *table)
    assert read_candidates(path, with_votes=True)[0].first_name == value


def _json(tmp_path, table, name="results.json"):
    header, rows = table
    path = tmp_path / name
    path.write_text(json.dumps([dict(zip(header, r, strict=True)) for r in rows]),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("value", "what"), [
    ("\ud800", "a lone surrogate (U+D800)"),
    ("Ann\u0000e", "a control character (U+0000)"),  # a CSV with a NUL byte is refused whole
])
def test_json_a_lone_surrogate_or_nul_in_a_name_is_refused_and_writes_nothing(
        tmp_path, ge2024_table, value, what):
    table = first_seats(ge2024_table, 2)
    set_cell(table, 1, "Candidate first name", value)
    path = _json(tmp_path, table)
    with init_election(tmp_path / "new.db", "new") as store:
        before = _dump(tmp_path / "new.db")
        with pytest.raises(ImportFailure, match=(
                rf"^results\.json, row 2 \(line 1\), column 'Candidate first name': "
                rf"'{re.escape(value)}' holds {re.escape(what)}: ")):
            import_candidates(store, path)
        assert _dump(tmp_path / "new.db") == before


@pytest.mark.parametrize("column", ["Candidate surname", "Votes"])
def test_json_a_cell_over_ten_thousand_characters_is_refused(tmp_path, ge2024_table, column):
    """As a CSV's cell is: a 10 MB name read from JSON went into the database."""
    table = first_seats(ge2024_table, 2)
    set_cell(table, 1, column, "1" * 10_001)
    path = _json(tmp_path, table)
    with pytest.raises(ImportFailure, match=(
            rf"^results\.json, row 2 \(line 1\), column '{column}': has 10,001 characters, "
            r"over 10,000: no name or figure is that long$")):
        read_candidates(path, with_votes=True)


@pytest.mark.parametrize(("value", "kind"), [({"first": "Ann"}, "object"), (["Ann"], "list")])
def test_json_a_list_or_object_where_a_name_belongs_is_refused(tmp_path, ge2024_table, value,
                                                               kind):
    """It was recorded as its Python text: a candidate named "{'first': 'Ann'}"."""
    table = first_seats(ge2024_table, 2)
    header, rows = table
    objects = [dict(zip(header, r, strict=True)) for r in rows]
    objects[1]["Candidate first name"] = value
    path = tmp_path / "results.json"
    path.write_text(json.dumps(objects), encoding="utf-8")
    with pytest.raises(ImportFailure, match=(
            rf"^results\.json, row 2 \(line 1\), column 'Candidate first name': is a JSON "
            rf"{kind}, where one value belongs$")):
        read_candidates(path, with_votes=True)


def _dump(path) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return list(conn.iterdump())


@pytest.mark.parametrize("number", ["618.00000000000001", "6.18e2", "618.4999999999999999"])
def test_json_a_figure_with_a_fraction_is_read_as_written(tmp_path, ge2024_table, number):
    """A JSON number with a fraction was read as a float: 618.00000000000001 became 618.0,
    whole, and was imported as 618 votes, where the same figure in a CSV is refused."""
    table = first_seats(ge2024_table, 2)
    header, rows = table
    objects = [dict(zip(header, r, strict=True)) for r in rows]
    path = tmp_path / "results.json"
    objects[1]["Votes"] = "VOTES_HERE"
    path.write_text(json.dumps(objects).replace('"VOTES_HERE"', number), encoding="utf-8")
    with pytest.raises(ImportFailure, match=(
            rf"^results\.json, row 2 \(line 1\), column 'Votes': '{re.escape(number)}'")):
        read_candidates(path, with_votes=True)


def test_json_a_whole_figure_written_with_a_zero_fraction_is_read(tmp_path, ge2024_table):
    table = first_seats(ge2024_table, 1)
    header, rows = table
    objects = [dict(zip(header, r, strict=True)) for r in rows]
    objects[0]["Votes"] = "VOTES_HERE"
    path = tmp_path / "results.json"
    path.write_text(json.dumps(objects).replace('"VOTES_HERE"', "618.0"), encoding="utf-8")
    assert read_candidates(path, with_votes=True)[0].votes == 618


def test_json_rows_are_named_with_the_lines_they_start_on(tmp_path, ge2024_table):
    """A pretty-printed file's row 6 was said to be on line 6, its value on line 141 (found
    by an attack on the file readers in the twenty-eighth session); JSON's true and false
    were recorded as the names "True" and "False"."""
    header, rows = first_seats(ge2024_table, 2)
    objects = [dict(zip(header, r, strict=True)) for r in rows]
    objects[5]["Votes"] = "12a"
    path = tmp_path / "results.json"
    text = json.dumps(objects, indent=2)
    path.write_text(text, encoding="utf-8")
    starts = [i + 1 for i, line in enumerate(text.splitlines()) if line == "  {"]
    with init_election(tmp_path / "new.db", "new") as store:
        with pytest.raises(ImportFailure, match=(
                rf"^results\.json, row 6 \(line {starts[5]}\), column 'Votes': '12a'")):
            import_results(store, path)
        assert starts[5] > 100
        objects[5]["Votes"] = rows[5][header.index("Votes")]
        objects[2]["Candidate surname"] = False
        path.write_text(json.dumps(objects, indent=2), encoding="utf-8")
        with pytest.raises(ImportFailure, match=(
                rf"^results\.json, row 3 \(line {starts[2]}\), column 'Candidate surname': "
                "is JSON false, where a name or a figure belongs")):
            import_candidates(store, path)
