"""The server keeps a recount's counts straight by itself (migration 37), whatever the client
checked before calling it: a recount whose count awaits verification is not called off
(`mark_recount(p_under_way => false)`): the count would have stayed verifiable, and gone on
air, for a recount called off.
"""

from __future__ import annotations

import re

import psycopg
import pytest
from helpers.pg_election import SEAT

from resultsdesk.store.postgres import calls, errors

VOTES = [20_000, 15_000, 5_000]
RECOUNT = [20_000, 14_500, 5_000]
SEAT_NAME = 'Ynys Môn & "Alpha"'  # SEAT's, in pg_election's nominations


def _refused(sqlstate: str):
    return pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == sqlstate)


def _seat(conn: psycopg.Connection) -> tuple:
    return conn.execute("SELECT recount_under_way, current_count FROM constituencies "
                        "WHERE code = %s", (SEAT,)).fetchone()


def test_the_server_does_not_call_off_a_recount_whose_count_awaits_verification(
        pg_election):
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, SEAT, VOTES, 120)
    calls.verify(bob, SEAT, VOTES, 120)
    calls.mark_recount(bob, SEAT)
    calls.declare(alice, SEAT, RECOUNT, 120)
    entries = bob.execute("SELECT count(*) FROM audit_log").fetchone()
    with _refused(errors.DESK_RULE) as refused:
        calls.mark_recount(bob, SEAT, under_way=False)
    name = pg_election.user("alice")
    assert re.fullmatch(
        rf"{re.escape(SEAT_NAME)}: recount 1's figures \(version 2, entered by {name} at "
        r"\d\d:\d\d:\d\d\) await verification, so the recount cannot be called off: verify "
        rf"them, which ends it, or reject them \(or {name} withdraws them\) first\.",
        errors.message(refused.value)), errors.message(refused.value)
    assert _seat(bob) == (1, 1)
    assert bob.execute("SELECT count(*) FROM audit_log").fetchone() == entries
    # Rejected (the recount did not go ahead), it may be called off; nothing is left.
    calls.reject(bob, SEAT, "recount not going ahead")
    assert calls.mark_recount(bob, SEAT, under_way=False) == 1
    assert _seat(bob) == (0, 1)


def test_a_pending_correction_does_not_keep_the_server_from_calling_a_recount_off(
        pg_election):
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, SEAT, VOTES, 120)
    calls.verify(bob, SEAT, VOTES, 120)
    calls.mark_recount(bob, SEAT)
    calls.correct(alice, SEAT, RECOUNT, 120, reason="misread")  # of the first count
    assert calls.mark_recount(bob, SEAT, under_way=False) == 1
    assert calls.verify(bob, SEAT, RECOUNT, 120).verified
