"""Admin work on the server: imports are all or nothing, a ballot paper never changes once
nominated, the chamber order names only known parties, and only admins do any of it."""

from __future__ import annotations

import psycopg
import pytest
from helpers.pg_election import NOMINATIONS, SEAT

from resultsdesk.store.postgres import calls, errors


def _count(conn: psycopg.Connection, table: str) -> int:
    """Rows as the account reads them (the figures' tables through resultsdesk_view)."""
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _refused(sqlstate: str):
    return pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == sqlstate)


def test_a_nominated_ballot_paper_never_changes(pg_election):
    ann = pg_election.connect("ann")
    before = (_count(ann, "candidates"), _count(ann, "audit_log"))
    with _refused(errors.DESK_RULE) as refused:
        calls.import_candidates(ann, "again.csv", NOMINATIONS)
    assert "nominations are already recorded" in errors.message(refused.value)
    assert (_count(ann, "candidates"), _count(ann, "audit_log")) == before


def test_a_failed_import_writes_nothing(pg_election):
    ann = pg_election.connect("ann")
    calls.import_baseline(ann, "first.csv", "First", {
        "rows": [{"code": SEAT, "party": "LAB", "votes": 5}]})
    before = [_count(ann, t) for t in ("baseline_votes", "parties", "audit_log")]
    with _refused(errors.DESK_RULE) as refused:
        calls.import_baseline(ann, "bad.csv", "Bad", {
            "parties": [{"abbreviation": "NEW", "name": "New", "colour": "#123456"}],
            "rows": [{"code": SEAT, "party": "NEW", "votes": 1},
                     {"code": "E99999999", "party": "LAB", "votes": 2}]})
    assert "E99999999 is not a constituency" in errors.message(refused.value)
    assert [_count(ann, t) for t in ("baseline_votes", "parties", "audit_log")] == before
    assert ann.execute("SELECT name FROM resultsdesk.baseline").fetchone() == ("First",)
    with _refused(errors.DESK_RULE) as refused:
        calls.import_results(ann, "r.csv", {"declarations": [
            {"code": SEAT, "votes": [1, 2], "invalid_votes": 0}]})
    assert "has 3 candidates; 2 figures" in errors.message(refused.value)
    assert _count(ann, "declarations") == 0


def test_seats_new_to_an_election_with_seats_only_when_asked(pg_election):
    """The desk's rule (desk/import_seats.py) again under the server's lock (migration 38):
    an import that would add seats to an election that has some is refused unless its plan
    says `add_seats`, so another desk's import landing between a desk's checks (an empty
    election) and its call cannot double the chamber. Seats already there are no news."""
    ann = pg_election.connect("ann")
    new = {"constituencies": [{"code": "E14009999", "name": "Phantom", "nation": "England",
                               "region": "London"}, *NOMINATIONS["constituencies"]]}
    before = (_count(ann, "constituencies"), _count(ann, "audit_log"))
    for plan in (new, {**new, "add_seats": False}):
        with _refused(errors.DESK_RULE) as refused:
            calls.import_candidates(ann, "typo.csv", plan)
        assert f"would add 1 seat(s) (E14009999 among them) to the {before[0]} already in " \
               "the election" in errors.message(refused.value)
        assert "--add-seats" in errors.message(refused.value)
        assert (_count(ann, "constituencies"), _count(ann, "audit_log")) == before
    calls.import_candidates(ann, "again.csv", {"constituencies": NOMINATIONS["constituencies"]})
    calls.import_candidates(ann, "typo.csv", {**new, "add_seats": True})
    assert _count(ann, "constituencies") == before[0] + 1


def test_chamber_order(pg_election):
    ann = pg_election.connect("ann")
    with _refused(errors.DESK_RULE):
        calls.set_political_order(ann, ["LD", "XYZ"])
    assert calls.set_political_order(ann, ["LD", "CON", "LD"]) == 3
    order = ann.execute("SELECT abbreviation, political_order FROM resultsdesk.parties "
                        "ORDER BY political_order").fetchall()
    assert order == [("LD", 0), ("CON", 10), ("LAB", 20)]


@pytest.mark.parametrize("who", ["alice", "eve"])
def test_only_admins_import_and_order_parties(pg_election, who):
    conn = pg_election.connect(who)
    for attempt in (lambda: calls.import_candidates(conn, "x.csv", {}),
                    lambda: calls.import_results(conn, "x.csv", {}),
                    lambda: calls.import_baseline(conn, "x.csv", "x", {}),
                    lambda: calls.set_political_order(conn, ["LD"]),
                    lambda: calls.disable_user(conn, pg_election.user("bob"))):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            attempt()
