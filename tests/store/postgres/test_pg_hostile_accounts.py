"""What one signed-in account can try against everyone else with plain SQL (psql, a script)
on the server, as a reviewer did: each attempt must fail, or harm nobody, whatever client
the others run. Each test is the attack as it was made, then what a desk sees."""

from __future__ import annotations

import os

from helpers.cli import refused, run_process
from helpers.locations import ROOT
from helpers.pg_election import SEAT

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
