"""A verification begun before the newest audit entry is refused before it counts as a try
(migration 75).

At the peak six desks save at once: bob's verification began, then waited on the write lock
while alice's save, begun a second later, took it first. Migration 41 refuses an entry
stamped before the newest, to be begun again (the client does so at once), but the refusal
came from the audit entry's trigger, after the re-key had moved bob's count of tries, which
no rollback takes back: the retry, his right figures again, followed a try "taken back", so
it compared nothing, every figure marked, and he had one try left (seen in the server's log:
"this change began at 00:02:44, before the newest audit entry (00:02:45): begin it again",
then a 'verify mismatch' with "undone": 1, from a desk that had keyed the sheet right).
"""

from __future__ import annotations

import json

import psycopg
import pytest
from helpers.pg_election import SEAT, TIE_SEAT

from resultsdesk.store.postgres import calls, errors

VOTES = [20_000, 15_000, 5_000]


def _began_then_overtaken(pg_election) -> psycopg.Connection:
    """bob's transaction, begun; alice's entry, stamped in the next second, saved since."""
    alice = pg_election.connect("alice")
    bob = pg_election.connect("bob", autocommit=False)
    calls.declare(alice, SEAT, VOTES, 120)
    began = bob.execute("SELECT now()").fetchone()[0]
    # the server's clock passes into the next second (it waits until then, no guess)
    alice.execute("SELECT pg_sleep_until(date_trunc('second', %s::timestamptz) "
                  "+ interval '1.05 second')", (began,))
    calls.declare(alice, TIE_SEAT, [400, 300], 3)
    return bob


def test_a_verification_overtaken_is_begun_again_with_no_try_spent(pg_election):
    bob = _began_then_overtaken(pg_election)
    with pytest.raises(psycopg.Error) as refused:
        calls.verify(bob, SEAT, VOTES, 120)
    assert refused.value.sqlstate == errors.SERIALIZATION_FAILURE
    bob.rollback()
    outcome = calls.verify(bob, SEAT, VOTES, 120)  # begun again, as the client does
    bob.commit()
    assert outcome.verified, outcome.differences
    details = [json.loads(d) if isinstance(d, str) else d for (d,) in bob.execute(
        "SELECT details FROM audit_log WHERE action LIKE 'verify%'")]
    assert all("undone" not in d for d in details), details


def test_a_miss_overtaken_still_names_the_figure_that_differs(pg_election):
    bob = _began_then_overtaken(pg_election)
    with pytest.raises(psycopg.Error):
        calls.verify(bob, SEAT, [20_001, 15_000, 5_000], 120)
    bob.rollback()
    outcome = calls.verify(bob, SEAT, [20_001, 15_000, 5_000], 120)
    bob.commit()
    assert not outcome.verified
    assert outcome.differences == ("votes:0",)
