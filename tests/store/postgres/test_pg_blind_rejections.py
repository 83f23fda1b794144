"""Blind means blind for figures rejected or withdrawn, and for lots, with plain SQL.

Before migration 17 bob could reject alice's entry without re-keying it and then read its
figures from the views and the audit log (and, when alice entered them again unchanged,
copy them into his re-key); a withdrawn entry's were everyone's too; and by recording a lot
on alice's figures awaiting verification he entered a version holding them."""

from __future__ import annotations

import psycopg
import pytest
from helpers.pg_election import SEAT, TIE_SEAT

from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.session import open_desk
from resultsdesk.store.postgres import calls, errors

FIRST = [20_000, 15_000, 5_000]
COMMENT = "Lab and Con swapped on the sheet"


def _reads(conn, version: int = 1) -> list:
    return [
        conn.execute("SELECT status, entered_by, invalid_votes, total_as_read, electorate, "
                     "note FROM declarations WHERE version = %s", (version,)).fetchall(),
        sorted(v for (v,) in conn.execute(
            "SELECT votes FROM declaration_votes v JOIN declarations d "
            "ON d.id = v.declaration_id WHERE d.version = %s", (version,))),
        [d for (d,) in conn.execute("SELECT details FROM audit_log WHERE action = 'declare' "
                                    "ORDER BY id")],
    ]


def _audit_holds_for_everyone(pg_election) -> None:
    for who in ("alice", "bob", "ann", "eve"):
        with open_desk(pg_election.url(who)) as desk:
            check = check_audit_chain(desk)
            assert check.intact, (who, check.problem)


def test_rejected_figures_are_not_the_rejecters_to_read(pg_election):
    alice = pg_election.user("alice")
    calls.declare(pg_election.connect("alice"), SEAT, FIRST, 120, total_as_read=40_000)
    bob = pg_election.connect("bob")
    assert calls.reject(bob, SEAT, COMMENT) == 1
    rows, votes, (details,) = _reads(bob)
    # that it was rejected, whose it was and why stay readable; not one figure
    assert rows == [("rejected", alice, None, None, None, COMMENT)]
    assert votes == [] and "20000" not in details and "hidden until verified" in details
    (rejected,) = bob.execute('SELECT "user", details FROM audit_log '
                              "WHERE action = 'reject'").fetchall()
    assert rejected[0] == pg_election.user("bob") and COMMENT in rejected[1]
    for who in ("alice", "eve"):
        rows, votes, (details,) = _reads(pg_election.connect(who))
        assert rows == [("rejected", alice, 120, 40_000, 70_000, COMMENT)], who
        assert votes == sorted(FIRST) and "20000" in details, who

    # alice enters them again unchanged: bob reads neither version, nor "old" in the
    # new entry, and re-keys blind
    saved = calls.declare_saved(pg_election.connect("alice"), SEAT, FIRST, 120)
    assert saved.version == 2
    _rows, votes, details = _reads(bob, 2)
    assert votes == [] and "20000" not in "".join(details)
    assert calls.verify(bob, SEAT, FIRST, 120).verified
    _rows, votes, details = _reads(bob, 1)
    assert votes == [] and '"old":"hidden until verified"' in details[1]
    _audit_holds_for_everyone(pg_election)


def test_withdrawn_figures_are_not_everyones(pg_election):
    alice = pg_election.connect("alice")
    calls.declare(alice, SEAT, FIRST, 120)
    calls.withdraw(alice, SEAT)
    for who in ("bob", "ann"):
        rows, votes, (details,) = _reads(pg_election.connect(who))
        assert rows == [("withdrawn", pg_election.user("alice"), None, None, None, None)]
        assert votes == [] and "20000" not in details, who
    assert _reads(pg_election.connect("eve"))[1] == sorted(FIRST)
    _audit_holds_for_everyone(pg_election)


def _candidates(conn) -> list[int]:
    return [r[0] for r in conn.execute(
        "SELECT c.id FROM candidates c JOIN constituencies k ON k.id = c.constituency_id "
        "WHERE k.code = %s ORDER BY c.ballot_order", (TIE_SEAT,))]


def test_a_lot_on_figures_awaiting_verification_is_their_authors_alone(pg_election):
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, TIE_SEAT, [400, 400], 3, overrides=["tie"])
    ids = _candidates(bob)
    with pytest.raises(psycopg.Error,
                       check=lambda e: e.sqlstate == errors.FOUR_EYES) as refused:
        calls.decide_tie(bob, TIE_SEAT, winner_id=ids[1], note="drawn by the RO")
    name = pg_election.user("alice")
    assert errors.message(refused.value) == (
        f"{name} entered the figures of version 1 of Tie Town, awaiting verification: "
        f"only {name} can record a lot on them until a second person verifies them; after "
        "that anyone can.")
    assert bob.execute("SELECT count(*) FROM declarations").fetchone() == (1,)
    assert calls.decide_tie(alice, TIE_SEAT, winner_id=ids[1], note="drawn by the RO") == 2
    assert calls.verify(bob, TIE_SEAT, [400, 400], 3, tie_winner=ids[1]).verified
    # verified figures are everyone's: anyone records a lot on them
    assert calls.decide_tie(bob, TIE_SEAT, winner_id=ids[0], note="drawn again") == 3
    _audit_holds_for_everyone(pg_election)
