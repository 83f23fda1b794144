"""The server's import_results keeps a winner drawn by lot (migration 18): recorded on the
imported version, sealed with its figures (the chain recomputes in Python), and checked by
the server's own rule whatever the client sends: a lot only on a tie at the top, only for
one of the tied, only a candidate on the seat's ballot paper; a refusal writes nothing."""

from __future__ import annotations

import json

import psycopg
import pytest
from helpers.pg_chain import check_chain
from helpers.pg_election import SEAT, TIE_SEAT

from resultsdesk.store.postgres import calls, errors

OTHER = "E14000003"  # two candidates, no tie


def _refused(sqlstate: str):
    return pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == sqlstate)


def _declaration(code: str, votes: list[int], place: int | None) -> dict:
    return {"code": code, "votes": votes, "invalid_votes": 3, "overrides": ["tie"],
            "names": {}, "tie_winner": place, "tie_winner_name": "Tom Tong"}


def _verified(conn: psycopg.Connection, code: str) -> list[tuple]:
    return conn.execute(
        "SELECT d.version, d.tie_winner_candidate_id, d.source FROM declarations d JOIN "
        "resultsdesk.constituencies k ON k.id = d.constituency_id WHERE k.code = %s "
        "AND d.status = 'verified'", (code,)).fetchall()


def test_an_imported_lot_is_recorded_and_sealed(pg_election):
    ann = pg_election.connect("ann")
    tong = ann.execute("SELECT c.id FROM resultsdesk.candidates c JOIN "
                       "resultsdesk.constituencies k ON k.id = c.constituency_id "
                       "WHERE k.code = %s AND c.ballot_order = 2", (TIE_SEAT,)).fetchone()[0]
    calls.import_results(ann, "results.csv", {"declarations": [
        _declaration(TIE_SEAT, [400, 400], 2)]})
    assert _verified(ann, TIE_SEAT) == [(1, tong, "import")]
    entry = ann.execute("SELECT details FROM audit_log WHERE action = 'import declaration'"
                        ).fetchone()[0]
    assert json.loads(entry)["winner"] == "Tom Tong"
    assert check_chain(pg_election.connect("eve")) >= 2  # the seal covers the winner

    calls.import_results(ann, "again.csv", {"declarations": [  # no lot: as before
        {"code": TIE_SEAT, "votes": [400, 400], "invalid_votes": 3, "overrides": ["tie"]}]})
    assert _verified(ann, TIE_SEAT) == [(2, None, "import")]


@pytest.mark.parametrize(("code", "votes", "place", "says"), [
    (SEAT, [20_000, 15_000, 5_000], 1, "can only be recorded when the top candidates tie"),
    (TIE_SEAT, [400, 399], 2, "can only be recorded when the top candidates tie"),
    (SEAT, [400, 400, 5], 3, "must be one of the tied candidates"),
    (TIE_SEAT, [400, 400], 3, "has no candidate 3 on its ballot paper"),
])
def test_the_server_refuses_a_lot_the_figures_do_not_support(pg_election, code, votes,
                                                              place, says):
    ann = pg_election.connect("ann")
    before = ann.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with _refused(errors.DESK_RULE) as refused:
        calls.import_results(ann, "results.csv", {"declarations": [
            {"code": OTHER, "votes": [300, 200], "invalid_votes": 5},  # fine: not kept
            _declaration(code, votes, place)]})
    assert says in errors.message(refused.value)
    assert ann.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
    assert _verified(ann, code) == _verified(ann, OTHER) == []
