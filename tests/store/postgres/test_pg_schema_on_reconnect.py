"""A desk's connection made again checks the server's schema as its first one did: an admin
may have upgraded the server (a newer ResultsDesk's `init`) while the desk was away, or
restored an older one, and the desk's reads and the server's functions it calls were
written for this schema. It carried on as if nothing had changed."""

from __future__ import annotations

import pytest
from helpers.pg_election import SEAT

from resultsdesk.domain.errors import Cause
from resultsdesk.store.errors import StoreError
from resultsdesk.store.postgres import SCHEMA_VERSION, calls
from resultsdesk.store.postgres.store import PgStore

VOTES = [20_000, 15_000, 5_000]


def _away(pg_election, store: PgStore) -> None:
    """The DBA ends the desk's connection (as a restart for an upgrade would)."""
    pg_election.admin().execute("SELECT pg_terminate_backend(%s)",
                                (store._pg.info.backend_pid,))


def _audit_entries(pg_election) -> int:
    return pg_election.admin().execute("SELECT count(*) FROM resultsdesk.audit_log"
                                       ).fetchone()[0]


def test_a_server_upgraded_while_the_desk_was_away_is_refused_on_reconnecting(pg_election):
    store = PgStore(pg_election.url("alice"))
    store.data_version()
    entries = _audit_entries(pg_election)
    _away(pg_election, store)
    pg_election.admin().execute("INSERT INTO resultsdesk.schema_version VALUES "
                                "(%s, 'now', 'a newer ResultsDesk')", (SCHEMA_VERSION + 1,))
    newer = (f"{store.path} was prepared by a newer ResultsDesk (schema {SCHEMA_VERSION + 1}); "
             f"this one understands up to {SCHEMA_VERSION}. Upgrade ResultsDesk.")
    with pytest.raises(StoreError) as refused:
        store.data_version()
    assert str(refused.value) == newer and refused.value.cause is Cause.WRONG_KIND
    with pytest.raises(StoreError, match="newer ResultsDesk"):  # nothing is written
        store.call(lambda conn: calls.declare(conn, SEAT, VOTES, 120))
    assert _audit_entries(pg_election) == entries
    assert not store.connected  # nothing is sent on a connection to that schema

    # The admin puts this schema back (or the desk is upgraded): it goes on by itself.
    pg_election.admin().execute("DELETE FROM resultsdesk.schema_version WHERE version > %s",
                                (SCHEMA_VERSION,))
    store.call(lambda conn: calls.declare(conn, SEAT, VOTES, 120))
    assert _audit_entries(pg_election) == entries + 1
    store.close()


def test_an_older_server_restored_while_the_desk_was_away_is_refused_on_reconnecting(
        pg_election):
    store = PgStore(pg_election.url("alice"))
    _away(pg_election, store)
    pg_election.admin().execute("DELETE FROM resultsdesk.schema_version WHERE version = %s",
                                (SCHEMA_VERSION,))
    with pytest.raises(StoreError) as refused:
        store.call(lambda conn: calls.declare(conn, SEAT, VOTES, 120))
    assert str(refused.value) == (
        f"{store.path} is at schema {SCHEMA_VERSION - 1}; this ResultsDesk needs "
        f"{SCHEMA_VERSION}: its administrator runs 'resultsdesk init' again to upgrade it.")
    store.close()
