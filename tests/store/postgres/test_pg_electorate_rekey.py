"""Migration 36: the server compares the verifier's electorate with the hidden entry's, as
every figure; a client that sends none gets the one a desk's form starts from (the
verified result's, else the seat's), as on a file. Before it, the electorate went on air
as its keyer typed it, whatever the verifier's client had."""

from __future__ import annotations

import psycopg
import pytest
from helpers.pg_election import NOMINATIONS, SEAT

from resultsdesk.store.postgres import SCHEMA_VERSION, calls, prepare

VOTES = [20_000, 15_000, 5_000]
SEAT_ELECTORATE = NOMINATIONS["electorates"][SEAT]  # 70,000
RO = 71_234


def _electorates(conn: psycopg.Connection) -> list[tuple]:
    return conn.execute("SELECT version, status, electorate FROM declarations "
                        "ORDER BY version").fetchall()


def _last_entry(conn: psycopg.Connection) -> tuple:
    return conn.execute("SELECT action, details::jsonb FROM audit_log ORDER BY id DESC "
                        "LIMIT 1").fetchone()


def test_the_server_compares_the_electorate(pg_election):
    """alice keyed the returning officer's 71,234; bob's client sends 91,234: a mismatch
    named 'electorate', on record, nothing verified. His right one verifies."""
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, SEAT, VOTES, 120, electorate=RO)
    assert calls.verify(bob, SEAT, VOTES, 120, electorate=91_234) == \
        calls.VerifyOutcome(False, 1, ("electorate",))
    assert _last_entry(alice) == ("verify mismatch", {"version": 1, "fields": ["electorate"]})
    assert _electorates(alice) == [(1, "provisional", RO)]
    assert calls.verify(bob, SEAT, [20_000, 15_001, 5_000], 121, electorate=1).differences \
        == ("votes:1", "invalid", "electorate")  # in the desk's order
    assert calls.verify(bob, SEAT, VOTES, 120, electorate=RO).verified
    assert _electorates(alice) == [(1, "verified", RO)]


def test_a_client_that_sends_no_electorate_means_the_one_the_form_starts_from(pg_election):
    """None sent: the seat's from the nominations, so an entry of the returning officer's
    own differs; once a result with it is verified, a correction's and a recount's count
    start from that one, for the keyer (declare, correct) and the verifier alike."""
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, SEAT, VOTES, 120, electorate=RO)
    assert calls.verify(bob, SEAT, VOTES, 120).differences == ("electorate",)
    assert calls.verify(bob, SEAT, VOTES, 120, electorate=RO).verified
    # a correction of the electorate alone is one (it was "the same as the verified ones")
    assert calls.correct(alice, SEAT, VOTES, 120, reason="RO restated it",
                         electorate=RO + 1) == 2
    assert calls.verify(bob, SEAT, VOTES, 120).differences == ("electorate",)
    assert calls.verify(bob, SEAT, VOTES, 120, electorate=RO + 1).verified
    with pytest.raises(psycopg.Error, match="same as the verified ones"):
        calls.correct(alice, SEAT, VOTES, 120, reason="nothing new")
    calls.mark_recount(alice, SEAT)
    calls.declare(alice, SEAT, VOTES, 121)
    assert calls.verify(bob, SEAT, VOTES, 121).verified
    assert _electorates(alice)[-1] == (3, "verified", RO + 1)  # not the seat's 70,000


def test_an_entry_that_kept_the_seat_s_electorate_verifies_as_before(pg_election):
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, SEAT, VOTES, 120)
    assert calls.verify(bob, SEAT, VOTES, 120).verified
    assert _electorates(alice) == [(1, "verified", SEAT_ELECTORATE)]


def test_verify_has_one_signature_and_its_grant_after_the_upgrade(pg_cluster, monkeypatch):
    """A database at schema 35 with an entry awaiting verification: migration 36 drops
    verify and creates it with p_electorate (one function, no overload an old call could
    land on), and prepare gives desk accounts EXECUTE on it again."""
    from resultsdesk.store.postgres import preparation as module

    shipped = module.migrations()
    assert [name for _, name, _ in shipped][35] == "036_electorate_rekeyed_blind.sql"
    database = "rd_upgrade_35"
    admin_url = pg_cluster.superuser_url(database)
    monkeypatch.setattr(module, "migrations", lambda: shipped[:35])
    prepare(admin_url, "Before")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        calls.import_candidates(admin, "n.csv", NOMINATIONS)
        for short in ("alice", "bob"):
            calls.add_user(admin, f"{database}_{short}", "desk", f"{short} pw")
    alice = pg_cluster.url(f"{database}_alice", "alice pw", database)
    bob = pg_cluster.url(f"{database}_bob", "bob pw", database)
    with psycopg.connect(alice, autocommit=True) as conn:
        calls.declare(conn, SEAT, VOTES, 120, electorate=RO)
    monkeypatch.setattr(module, "migrations", lambda: shipped)
    report = prepare(admin_url, "Before")
    assert (report.version_before, report.version_after) == (35, SCHEMA_VERSION)
    with psycopg.connect(bob, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM pg_proc p JOIN pg_namespace n "
                            "ON n.oid = p.pronamespace WHERE n.nspname = 'resultsdesk' "
                            "AND p.proname = 'verify'").fetchone() == (1,)
        assert calls.verify(conn, SEAT, VOTES, 120).differences == ("electorate",)
        assert calls.verify(conn, SEAT, VOTES, 120, electorate=RO).verified
