"""A server that turns a desk away for a while is not a server that refuses its account.

At 3 a.m. the server may have no room for another connection (max_connections reached, or
the DBA's CONNECTION LIMIT on the account or the database), or be starting up after IT
restarted it. libpq says so in a FATAL message, as it says a wrong password, with no
SQLSTATE: a role's limit ('too many connections for role "alice"') was read as a refused
sign-in, so a window whose live feed hit it signed its account out for good ("Ask an admin
... then sign in again"). Each is now "cannot reach the server just now ... try again in a
moment", which the window waits out and the command line says in one line."""

from __future__ import annotations

from contextlib import ExitStack

import psycopg
import pytest

from resultsdesk.store.postgres.errors import (
    ServerSignInFailed,
    ServerUnreachable,
    explain_connect,
)
from resultsdesk.store.postgres.store import PgStore

WHERE = "postgresql://alice@db/ge"
FAILED = 'connection failed: connection to server at "10.0.0.5", port 5432 failed: FATAL:  '


@pytest.mark.parametrize("fatal", [
    "sorry, too many clients already",
    'too many connections for role "alice"',
    'too many connections for database "ge"',
    "remaining connection slots are reserved for roles with the SUPERUSER attribute",
    "remaining connection slots are reserved for non-replication superuser connections",
    "the database system is starting up",
    "the database system is shutting down",
    "the database system is in recovery mode",
    "the database system is not yet accepting connections",
])
def test_a_server_turning_connections_away_is_waited_out(fatal):
    problem = explain_connect(psycopg.OperationalError(FAILED + fatal), WHERE)
    assert type(problem) is ServerUnreachable
    text = str(problem)
    assert text.startswith(f"cannot reach the server for {WHERE} just now") and "\n" not in text
    assert fatal in text and text.endswith("try again in a moment.")


def test_a_refused_sign_in_is_still_one():
    for fatal in ('password authentication failed for user "alice"',
                  'role "alice" is not permitted to log in', 'role "alice" does not exist'):
        problem = explain_connect(psycopg.OperationalError(FAILED + fatal), WHERE)
        assert isinstance(problem, ServerSignInFailed), fatal


def test_an_accounts_connection_limit_is_not_a_refused_sign_in(pg_election):
    """The DBA limits alice to one connection: her second (a window's live feed, say) is
    turned away for now, not refused for good."""
    admin, alice = pg_election.admin(), pg_election.user("alice")
    admin.execute(f'ALTER ROLE "{alice}" CONNECTION LIMIT 1')
    with PgStore(pg_election.url("alice")), \
            pytest.raises(ServerUnreachable, match=r"just now.*too many connections for role"):
        PgStore(pg_election.url("alice"))
    admin.execute(f'ALTER ROLE "{alice}" CONNECTION LIMIT -1')
    PgStore(pg_election.url("alice")).close()


def test_a_full_server_is_not_a_refused_sign_in(pg_election):
    """max_connections reached (the superuser's reserved slots aside): a desk is told to try
    again in a moment, and gets in once a slot is free."""
    with ExitStack() as held:
        for _ in range(100):  # the test cluster allows 60
            try:
                PgStore(pg_election.url("alice")).close()
            except ServerUnreachable as exc:
                assert "just now" in str(exc) and "try again in a moment" in str(exc)
                break
            held.enter_context(psycopg.connect(pg_election.admin_url, autocommit=True))
        else:
            pytest.fail("the server never filled up")
    PgStore(pg_election.url("alice")).close()


def test_the_live_listener_outlasts_the_dbas_idle_session_timeout(pg_election):
    """The DBA reaps abandoned sessions with idle_session_timeout. A live view's listener
    is idle by design (it waits to be told), so the server ended it every period: the red
    "Server unreachable" bar came and went, and Enter on a seat in that second was refused.
    The listener now turns the timeout off for its own session (the desk's own
    connection, idle too, reconnects unseen on its next use)."""
    admin, eve = pg_election.admin(), pg_election.user("eve")
    admin.execute(f'ALTER ROLE "{eve}" SET idle_session_timeout = 200')
    with PgStore(pg_election.url("eve")) as store, store.listener() as listener:
        assert listener.wait(1.0) is None  # idle five times the timeout, told nothing
        assert listener.drain() is None and not listener.conn.closed
        store.scalar("SELECT 1")  # its own connection, ended meanwhile, is found again
