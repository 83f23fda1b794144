"""The server itself refuses to verify a recount's count that a server before migration 37
left verifiable when the recount was called off (migration 39), whatever the client
checked: a count of recount N awaiting verification, no recount under way, and "recount
ended" for count N in the audit log after the entry that keyed it. Figures keyed after a
recount was called off, corrections and lots on verified figures verify as before (the
desk's tests of the same, on both stores: tests/desk/test_count_of_a_called_off_recount.py).
"""

from __future__ import annotations

import psycopg
import pytest
from helpers.pg_election import SEAT, recount_count_keyed

from resultsdesk.store.postgres import calls, errors

VOTES = [20_000, 15_000, 5_000]
RECOUNT = [20_000, 14_500, 5_000]
SEAT_NAME = 'Ynys Môn & "Alpha"'  # SEAT's, in pg_election's nominations


def _called_off_before_migration_37(pg_election) -> None:
    """What mark_recount(p_under_way => false) wrote before migration 37 refused it."""
    with psycopg.connect(pg_election.admin_url) as conn:
        conn.execute("SET LOCAL search_path = resultsdesk, pg_temp")
        count = conn.execute("UPDATE constituencies SET recount_under_way = 0 WHERE code = %s "
                             "RETURNING current_count", (SEAT,)).fetchone()[0]
        conn.execute("SELECT rd_audit('recount ended', 'constituency', %s, "
                     "jsonb_build_object('count', %s::integer))", (SEAT, count))


def test_the_server_does_not_verify_a_count_of_a_recount_called_off_after_it_was_keyed(
        pg_election):
    _alice, bob = recount_count_keyed(pg_election, VOTES, RECOUNT)
    _called_off_before_migration_37(pg_election)
    entries = bob.execute("SELECT count(*) FROM audit_log").fetchone()
    with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.DESK_RULE) as no:
        calls.verify(bob, SEAT, RECOUNT, 120)
    said = errors.message(no.value)
    assert said.startswith(f"{SEAT_NAME}: version 2 holds recount 1's figures, keyed before "
                           "recount 1 was called off (at ")
    assert said.endswith("), so it is not to be verified: reject it, or mark a recount "
                         "under way if one is going ahead."), said
    assert bob.execute("SELECT count(*) FROM audit_log").fetchone() == entries
    assert bob.execute("SELECT status FROM declarations WHERE version = 2").fetchone() == (
        "provisional",)
    calls.reject(bob, SEAT, "recount called off")  # what to do, as the line says


def test_figures_keyed_after_a_recount_called_off_before_migration_37_are_verified(
        pg_election):
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, SEAT, VOTES, 120)
    calls.mark_recount(bob, SEAT)
    _called_off_before_migration_37(pg_election)
    calls.declare(alice, SEAT, RECOUNT, 120)
    assert calls.verify(bob, SEAT, RECOUNT, 120).verified
