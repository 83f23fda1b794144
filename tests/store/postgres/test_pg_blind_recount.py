"""Blind means blind whatever the seat's recount state: a recount called by another desk
account makes an entry awaiting verification nothing to verify any more ('superseded'),
but its figures were never verified, so they stay with whoever keyed them and editors.
Before migration 16 bob, by marking a recount, could read alice's figures with plain SQL
(and from the recount's own entry, which records the count it replaces)."""

from __future__ import annotations

from helpers.pg_election import SEAT

from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.session import open_desk
from resultsdesk.store.postgres import calls

FIRST = [20_000, 15_000, 5_000]
RECOUNT = [20_010, 14_990, 5_000]


def _figures_of_version_1(conn) -> list:
    return [
        conn.execute("SELECT status, entered_by, invalid_votes, total_as_read, electorate "
                     "FROM declarations WHERE version = 1").fetchall(),
        sorted(v for (v,) in conn.execute(
            "SELECT votes FROM declaration_votes v JOIN declarations d "
            "ON d.id = v.declaration_id WHERE d.version = 1")),
        [d for (d,) in conn.execute("SELECT details FROM audit_log WHERE action = 'declare' "
                                    "ORDER BY id")],
    ]


def test_a_recount_called_by_another_account_reveals_no_pending_figures(pg_election):
    alice = pg_election.user("alice")
    calls.declare(pg_election.connect("alice"), SEAT, FIRST, 120, total_as_read=40_000)
    bob = pg_election.connect("bob")
    assert calls.mark_recount(bob, SEAT) == 1
    # What the recount legitimately shows bob: a recount under way, and that alice keyed a
    # first count (when, by whom), now superseded; not one of its figures.
    assert bob.execute("SELECT recount_under_way, current_count FROM constituencies "
                       "WHERE code = %s", (SEAT,)).fetchone() == (1, 1)
    rows, votes, (details,) = _figures_of_version_1(bob)
    assert rows == [("superseded", alice, None, None, None)]
    assert votes == []
    assert "20000" not in details and "hidden until verified" in details
    # Whoever keyed them and editors still read them.
    for who in ("alice", "eve"):
        rows, votes, (details,) = _figures_of_version_1(pg_election.connect(who))
        assert rows == [("superseded", alice, 120, 40_000, 70_000)], who
        assert votes == sorted(FIRST) and "20000" in details, who


def test_the_recount_count_and_its_verification_do_not_reveal_the_count_it_replaced(
        pg_election):
    """bob keys the recount: the sheet the server hands back and his own declare entry
    (which records the figures it replaced as 'old') hold none of alice's first count; ann
    verifies it, and alice's unverified first count stays hidden from both, while the
    verified recount is everyone's. Every account's audit check still holds."""
    calls.declare(pg_election.connect("alice"), SEAT, FIRST, 120)
    bob = pg_election.connect("bob")
    calls.mark_recount(bob, SEAT)
    saved = calls.declare_saved(bob, SEAT, RECOUNT, 120)
    first, recount = saved.sheet.versions
    assert (first["status"], first["invalid_votes"], first["votes"]) == ("superseded", None, {})
    assert sorted(recount["votes"].values()) == sorted(RECOUNT)
    (_, mine), = [d for d in _figures_of_version_1(bob)[2:]]
    assert "20000" not in mine and "20010" in mine
    ann = pg_election.connect("ann")
    assert calls.verify(ann, SEAT, RECOUNT, 120).verified
    for conn in (bob, ann):
        _rows, votes, (declared, recounted) = _figures_of_version_1(conn)
        assert votes == [] and "20000" not in declared + recounted
        assert "20010" in recounted
        assert sorted(v for (v,) in conn.execute(
            "SELECT votes FROM verified_declarations d JOIN declaration_votes v "
            "ON v.declaration_id = d.id")) == sorted(RECOUNT)
    assert "20000" in _figures_of_version_1(pg_election.connect("eve"))[2][1]
    for who in ("bob", "ann", "alice", "eve"):
        with open_desk(pg_election.url(who)) as desk:
            assert check_audit_chain(desk).intact, who


def test_a_pending_correction_stays_hidden_through_a_recount(pg_election):
    """A recount called on a verified seat keeps alice's pending correction pending: still
    hidden from bob, the verified figures still his to read."""
    calls.declare(pg_election.connect("bob"), SEAT, FIRST, 120)
    calls.verify(pg_election.connect("ann"), SEAT, FIRST, 120)
    calls.correct(pg_election.connect("alice"), SEAT, RECOUNT, 120, reason="misread")
    bob = pg_election.connect("bob")
    calls.mark_recount(bob, SEAT)
    assert bob.execute("SELECT version, status, invalid_votes FROM declarations "
                       "ORDER BY version").fetchall() == [(1, "verified", 120),
                                                           (2, "provisional", None)]
    assert sorted(v for (v,) in bob.execute("SELECT votes FROM declaration_votes")) == \
        sorted(FIRST)
