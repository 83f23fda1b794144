"""What the figures are read as on air: the parties (abbreviation, name, colour), the seats
and their ballot papers (names, parties, order, electorates) and the baseline (gains and
swing). A declaration's seal holds candidate and party ids, so swapping the Conservatives'
and Labour's abbreviations, names and colours by hand left every sealed figure intact
while every seat, vote and gain on air changed hands. Only an import writes these tables
on a file, so each import's entry records them (`roll`), and the check compares the file
with the last one (`desk/audit_roll.py`).
"""

from __future__ import annotations

import pytest
from helpers.seats import BASILDON, HENDON
from helpers.tampering import (
    assert_broken_at,
    by_hand,
    check,
    raw,
)

from resultsdesk.desk.imports import import_baseline, import_results
from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2024, data_file
from resultsdesk.store import Store


def _last_import(conn) -> int:
    return conn.execute("SELECT max(id) FROM audit_log WHERE action LIKE 'import %' "
                        "AND entity = 'election'").fetchone()[0]


def _tamper(path, *statements: str) -> int:
    return _last_import(by_hand(path, *statements))


def test_labour_and_the_conservatives_swapped_by_hand_are_found(night_db):
    conn = raw(night_db)
    lab, con = (conn.execute("SELECT abbreviation, name, colour FROM parties "
                             "WHERE abbreviation = ?", (a,)).fetchone() for a in ("Lab", "Con"))
    target = _tamper(night_db, "UPDATE parties SET abbreviation = '~' WHERE abbreviation = 'Lab'",
                     "UPDATE parties SET abbreviation = '{}', name = '{}', colour = '{}' "
                     "WHERE abbreviation = 'Con'".format(*lab),
                     "UPDATE parties SET abbreviation = '{}', name = '{}', colour = '{}' "
                     "WHERE abbreviation = '~'".format(*con))
    assert_broken_at(night_db, target, "party ", '"Con"', '"Lab"', "outside ResultsDesk")


@pytest.mark.parametrize("statement", [
    "UPDATE parties SET colour = '#0087DC' WHERE abbreviation = 'Lab'",
    "UPDATE parties SET name = 'Conservative' WHERE abbreviation = 'Lab'",
    "DELETE FROM parties WHERE id = (SELECT max(id) FROM parties)",
    "INSERT INTO parties (id, abbreviation, name, colour) VALUES (9999, 'X', 'X', '#000000')",
])
def test_a_party_changed_by_hand_is_found(night_db, statement):
    target = _tamper(night_db, statement)
    assert_broken_at(night_db, target, "party ", "outside ResultsDesk")


@pytest.mark.parametrize("statement", [
    # the two leaders' names swapped: the winner named on air is the runner-up
    "UPDATE candidates SET surname = CASE surname WHEN 'Holden' THEN 'Harrison' "
    "ELSE 'Holden' END WHERE surname IN ('Holden', 'Harrison') AND constituency_id = "
    f"(SELECT id FROM constituencies WHERE code = '{BASILDON}')",
    f"UPDATE constituencies SET name = 'Hendon North' WHERE code = '{HENDON}'",
    f"UPDATE constituencies SET electorate = electorate + 5000 WHERE code = '{HENDON}'",
    f"UPDATE constituencies SET region = 'Wales' WHERE code = '{HENDON}'",
])
def test_a_seat_or_ballot_paper_changed_by_hand_is_found(night_db, statement):
    target = _tamper(night_db, statement)
    assert_broken_at(night_db, target, "seats", "outside ResultsDesk")


def test_the_baseline_changed_by_hand_is_found(night_db):
    """A Conservative hold turned into a gain on air: Labour made the 2019 winner."""
    target = _tamper(night_db, "UPDATE baseline_votes SET votes = votes + 50000 WHERE "
                     "party_id = (SELECT id FROM parties WHERE abbreviation = 'Lab') AND "
                     "constituency_id = (SELECT id FROM constituencies WHERE code = "
                     f"'{BASILDON}')")
    assert_broken_at(night_db, target, "baseline", "outside ResultsDesk")


def test_each_import_records_what_it_leaves(nominations_db):
    """Importing again (a new baseline, new parties) moves the record with it: intact."""
    assert check(nominations_db).intact
    with Store(nominations_db) as store:
        import_baseline(store, data_file("HoC-GE2024-results-by-candidate.csv"),
                        name="GE2024")
    assert check(nominations_db).intact


@pytest.mark.parametrize(("statement", "gone"), [
    ("DROP TABLE baseline_seats", "table baseline_seats"),
    ("ALTER TABLE constituencies DROP COLUMN region", "column region of constituencies"),
    ("ALTER TABLE candidates DROP COLUMN party_name", "column party_name of candidates"),
])
def test_a_file_missing_a_table_the_record_reads_says_so(nominations_db, statement, gone):
    """`audit --check`, the one command that opens such a file, to say what was changed,
    read the parties, seats and baseline the last import recorded from the tables that are
    gone: "no such column: party_name ... unexpected error (a bug)"."""
    raw(nominations_db).execute(statement)
    result = check(nominations_db)
    assert result.problem.startswith(f"the file has no {gone}"), result.summary()


def test_a_seat_changed_by_hand_before_a_new_baseline_is_still_found(night_db):
    """A baseline import writes no seat, so its entry carries the seats' digest from the
    last entry: worked out again, it recorded Hendon's new name as it stood, and the check
    said intact."""
    _tamper(night_db, f"UPDATE constituencies SET name = 'Hendon North' WHERE code = '{HENDON}'")
    with Store(night_db) as store:
        import_baseline(store, data_file("HoC-GE2024-results-by-candidate.csv"),
                        name="GE2024")
    assert_broken_at(night_db, _last_import(raw(night_db)), "seats", "outside ResultsDesk")


def test_the_baseline_changed_by_hand_before_results_are_imported_is_still_found(
        nominations_db):
    """Results write no baseline line: their entry carries the baseline's digest."""
    _tamper(nominations_db, "UPDATE baseline_votes SET votes = votes + 50000 WHERE id = "
                            "(SELECT min(id) FROM baseline_votes)")
    with Store(nominations_db) as store:
        import_results(store, data_file(ELECTION_2024),
                       constituencies=data_file(CONSTITUENCIES_2024))
    assert_broken_at(nominations_db, _last_import(raw(nominations_db)), "baseline",
                     "outside ResultsDesk")
