"""A seat's name and code agree across the files and the election (found by an attack on
the file readers in the twenty-eighth session): a constituencies file whose row under
Aberafan Maesteg's code said "Hendon" gave Aberafan Maesteg Hendon's electorate, and a
results file naming W07000081 "Hendon" was recorded against the election's Aberafan
Maesteg; both imported without a word."""

from __future__ import annotations

import csv
import io

import pytest
from helpers import dbcheck
from helpers.hostile_files import cell, copy_of, first_seats, to_bytes

from resultsdesk.desk.imports import import_candidates, import_results
from resultsdesk.io.csvfile import ImportFailure
from resultsdesk.paths import CONSTITUENCIES_2024, data_file
from resultsdesk.store import Store

ABERAFAN = "W07000081"


def _constituencies_renamed(tmp_path):
    """The 2024 by-constituency file with Aberafan Maesteg's row named Hendon."""
    text = data_file(CONSTITUENCIES_2024).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    code, name = rows[0].index("ONS ID"), rows[0].index("Constituency name")
    at = next(i for i, r in enumerate(rows) if r[code] == ABERAFAN)
    rows[at][name] = "Hendon"
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "constituencies.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path, at


def _electorate(db) -> int | None:
    conn = dbcheck.connect(db)
    try:
        return conn.execute("SELECT electorate FROM constituencies WHERE code = ?",
                            (ABERAFAN,)).fetchone()[0]
    finally:
        conn.close()


def test_a_constituencies_row_naming_another_seat_is_refused(ge2024, templates, tmp_path):
    constituencies, at = _constituencies_renamed(tmp_path)
    results = tmp_path / "results.csv"
    results.write_bytes(to_bytes(first_seats(ge2024, 2)))
    for target, importer in (("empty", import_candidates), ("nominations", import_results)):
        with copy_of(templates[target]) as db:
            before = _electorate(db) if target != "empty" else None
            with Store(db) as store, pytest.raises(ImportFailure) as refused:
                importer(store, results, constituencies=constituencies)
            failure = refused.value
            assert failure.row == at and failure.column == "Constituency name", failure
            assert f"'Hendon' but {ABERAFAN} is 'Aberafan Maesteg' in the election" \
                in str(failure)
            if before is not None:
                assert _electorate(db) == before


def test_a_results_file_naming_a_seat_otherwise_is_refused(ge2024, templates, tmp_path):
    table = first_seats(ge2024, 1)
    for i in range(len(table[1])):
        cell(table, i, "Constituency name", "Hendon")
    path = tmp_path / "results.csv"
    path.write_bytes(to_bytes(table))
    with copy_of(templates["nominations"]) as db, Store(db) as store, \
            pytest.raises(ImportFailure) as refused:
        import_results(store, path)
    assert (refused.value.row, refused.value.column) == (1, "Constituency name")
    assert f"'Hendon' but this election's {ABERAFAN} is 'Aberafan Maesteg'" \
        in str(refused.value)
    with copy_of(templates["empty"]) as db, Store(db) as store:  # a new seat: its own name
        import_results(store, path)


def test_a_seats_figures_over_its_electorate_name_the_largest_figures_row(
        ge2024, templates, tmp_path):
    """900,000 votes keyed on a seat's second row was named at its first row."""
    table = first_seats(ge2024, 1)
    cell(table, 1, "Votes", "900000")
    path = tmp_path / "results.csv"
    path.write_bytes(to_bytes(table))
    with copy_of(templates["nominations"]) as db, Store(db) as store, \
            pytest.raises(ImportFailure) as refused:
        import_results(store, path)
    assert (refused.value.row, refused.value.column) == (2, "Votes"), str(refused.value)


def test_names_written_otherwise_but_alike_import(templates, tmp_path):
    """The 2024 results saved by Excel as "CSV (Comma delimited)" ("Glynd?r": Windows-1252
    has no "ŵ") or written in decomposed Unicode (as from a Mac) name the same seats."""
    import unicodedata

    from resultsdesk.paths import ELECTION_2024

    text = data_file(ELECTION_2024).read_text(encoding="utf-8-sig")
    for label, edited in (("excel", text.replace("Glyndŵr", "Glynd?r")),
                          ("mac", text.replace("Glyndŵr",
                                               unicodedata.normalize("NFD", "Glyndŵr")))):
        assert edited != text
        path = tmp_path / f"{label}.csv"
        path.write_text(edited, encoding="utf-8")
        with copy_of(templates["nominations"]) as db, Store(db) as store:
            report = import_results(store, path,
                                    constituencies=data_file(CONSTITUENCIES_2024))
            assert report.declarations == 650, label
