"""What one signed-in account can try against everyone else with plain SQL (psql, a script)
on the server, as a reviewer did: each attempt must fail, or harm nobody, whatever client
the others run. Each test is the attack as it was made, then what a desk sees."""

from __future__ import annotations

import os

import psycopg
import pytest
from helpers.cli import refused, run_process
from helpers.locations import ROOT
from helpers.pg_election import SEAT

from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.session import open_desk
from resultsdesk.store.postgres import calls, errors

BUSY_MS = 300  # the busy timeout the desk under attack waits (RESULTSDESK_BUSY_TIMEOUT_MS)


def test_an_account_holding_the_write_lock_stalls_no_desk(pg_election):
    """An account opens a transaction, turns its idle time-out off, writes (taking the
    write lock) and stays idle: a desk's declare waits the busy timeout, then says locked."""
    holder = pg_election.connect("eve", autocommit=False)
    holder.execute("SET idle_in_transaction_session_timeout = 0")
    holder.execute("SELECT resultsdesk.audit_note('note', 'election', '', '{}')")
    alice = pg_election.user("alice")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RESULTSDESK_BUSY_TIMEOUT_MS": str(BUSY_MS),
           "RESULTSDESK_PASSWORD": pg_election.passwords[alice]}
    server = pg_election.cluster.url(alice, "", pg_election.database).replace(":@", "@")
    result = run_process("declare", "--db", server, "--user", alice, "--constituency", SEAT,
                         "--vote", "LAB=20000", "--vote", "CON=15000", "--vote", "LD=5000",
                         "--invalid", "120", env=env, timeout=90)
    refused(result, "is locked by another session's unfinished write", "waited 0.3 s",
            "nothing was saved", "try again")
    holder.rollback()
    assert run_process("declare", "--db", server, "--user", alice, "--constituency", SEAT,
                       "--vote", "LAB=20000", "--vote", "CON=15000", "--vote", "LD=5000",
                       "--invalid", "120", env=env, timeout=90)[0] == 0


def _check(pg_election, short: str = "eve"):
    with open_desk(pg_election.url(short)) as desk:
        return check_audit_chain(desk)


def test_entries_removed_from_the_end_by_the_owner_are_reported(pg_election):
    """The owner (or a superuser) switches the append-only triggers off, removes the newest
    entries and switches them on again: the check says entries are missing from the end,
    and a later entry does not close the gap."""
    eve = pg_election.connect("eve")
    first = calls.audit_note(eve, "publish")
    for _ in range(3):
        calls.audit_note(eve, "export")
    assert _check(pg_election).intact
    owner = pg_election.admin()
    owner.execute("ALTER TABLE resultsdesk.audit_log DISABLE TRIGGER USER")
    owner.execute("DELETE FROM resultsdesk.audit_log WHERE id > %s", (first,))
    owner.execute("ALTER TABLE resultsdesk.audit_log ENABLE TRIGGER USER")
    check = _check(pg_election)
    assert not check.intact
    removed = f"entries {first + 1} to {first + 3} are missing"
    assert check.problem == f"{removed} from the end of the log"
    calls.audit_note(eve, "note")
    check = _check(pg_election)
    assert check.problem == f"{removed} before it"
    assert check.entry_id == first + 4
    with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.RECORD_FIXED):
        owner.execute("UPDATE resultsdesk.audit_sequence SET seq = %s", (first,))


def test_the_server_verifies_nothing_without_a_blind_rekey(pg_election):
    """A desk account asks the server to verify a seat without typing its figures (what
    migration 4 called check mode): refused, and nothing is recorded."""
    calls.declare(pg_election.connect("alice"), SEAT, [20_000, 15_000, 5_000], 120)
    bob = pg_election.connect("bob")
    entries = bob.execute("SELECT count(*) FROM resultsdesk.audit_log").fetchone()[0]
    with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.DESK_RULE) as no:
        bob.execute("SELECT verified FROM resultsdesk.verify(%s)", (SEAT,))
    assert errors.message(no.value).startswith("A verification is a blind re-key: type every")
    assert bob.execute("SELECT status, verification_mode FROM resultsdesk.declarations"
                       ).fetchall() == [("provisional", None)]
    assert bob.execute("SELECT count(*) FROM resultsdesk.audit_log").fetchone()[0] == entries
    outcome = calls.verify(bob, SEAT, [20_000, 15_000, 5_000], 120)
    assert outcome.verified
    assert bob.execute("SELECT verification_mode FROM resultsdesk.declarations"
                       ).fetchone()[0] == "rekey"
