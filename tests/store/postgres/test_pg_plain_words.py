"""A connection that broke, or could not be made, in one line of the desk's own words
naming the server, wherever the desk shows it (the window's bars and status line, the
command line): libpq's wording ("server closed the connection unexpectedly\\n\\tThis
probably means the server terminated abnormally\\n\\tbefore or while processing the
request.") was quoted, run together into one line; it now goes to the log only."""

from __future__ import annotations

import logging

import psycopg
import pytest

from resultsdesk.store.postgres.errors import ServerUnreachable, explain_connect, explain_lost

WHERE = "postgresql://alice@db/ge"
LIBPQ = "This probably means the server terminated abnormally"


@pytest.mark.parametrize(("libpq", "plain"), [
    ("consuming input failed: server closed the connection unexpectedly\n\tThis probably "
     "means the server terminated abnormally\n\tbefore or while processing the request.",
     "the connection was cut"),
    ("server closed the connection unexpectedly\n\tThis probably means the server "
     "terminated abnormally\n\tbefore or while processing the request.",
     "the connection was cut"),
    ("SSL SYSCALL error: EOF detected", "the connection was cut"),
    ("could not receive data from server: Connection reset by peer",
     "the connection was cut"),
    ("the connection is lost", "the connection was cut"),
    ("terminating connection due to administrator command",
     "its administrator ended the connection"),
    ("FATAL:  terminating connection due to administrator command\nserver closed the "
     "connection unexpectedly\n\tThis probably means the server terminated abnormally\n\t"
     "before or while processing the request.", "its administrator ended the connection"),
    ("terminating connection due to idle-session timeout",
     "the server ended the connection, idle too long"),
    ("something libpq never said before", "the connection failed (the log says how)"),
])
def test_a_lost_connection_is_one_line_in_the_desks_words(libpq, plain, caplog):
    with caplog.at_level(logging.INFO, logger="resultsdesk.store.postgres.errors"):
        problem = explain_lost(psycopg.OperationalError(libpq), WHERE, writing=True)
    text = str(problem)
    assert isinstance(problem, ServerUnreachable) and "\n" not in text and "\t" not in text
    assert text == (f"lost the connection to the server for {WHERE} ({plain}); the change was "
                    "saved whole or not at all: reload and check before saving again. "
                    "Reconnecting: try again in a moment.")
    assert LIBPQ not in text and "consuming input" not in text
    assert " ".join(libpq.split()) in caplog.text  # libpq's own words: in the log


@pytest.mark.parametrize(("libpq", "plain"), [
    ('connection to server at "10.0.0.5", port 5432 failed: Connection refused\n\tIs the '
     'server running on that host and accepting TCP/IP connections?',
     "nothing answers at that address and port (the server is down, restarting, or "
     "elsewhere)"),
    ('connection to server on socket "/run/postgresql/.s.PGSQL.5432" failed: No such file '
     'or directory\n\tIs the server running locally and accepting connections on that '
     'socket?', "nothing answers on that socket on this PC (the server is down, or its "
     "socket is in another folder)"),
    ('connection to server on socket "/run/postgresql/.s.PGSQL.5432" failed: Connection '
     'refused\n\tIs the server running locally and accepting connections on that socket?',
     "nothing answers on that socket on this PC (the server is down, or its socket is in "
     "another folder)"),
    ('could not translate host name "dbhost" to address: Name or service not known',
     "that server's name is not known here"),
    ('connection to server at "10.0.0.5", port 5432 failed: timeout expired',
     "the server did not answer in time"),
    ('connection to server at "10.0.0.5", port 5432 failed: No route to host\n\tIs the '
     'server running on that host and accepting TCP/IP connections?',
     "the network does not reach the server"),
    ('connection to server at "10.0.0.5", port 5432 failed: server closed the connection '
     'unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or '
     'while processing the request.', "the connection was cut"),
])
def test_a_connection_not_made_is_one_line_in_the_desks_words(libpq, plain):
    text = str(explain_connect(psycopg.OperationalError(libpq), WHERE))
    assert text == f"cannot reach the server for {WHERE}: {plain}."


def test_the_servers_own_refusal_is_kept_as_it_said_it():
    """A FATAL from the server is written for people: kept, on one line."""
    text = str(explain_connect(psycopg.OperationalError(
        'connection to server at "10.0.0.5", port 5432 failed: FATAL:  no pg_hba.conf '
        'entry for host "10.1.2.3", user "alice", database "ge", no encryption'), WHERE))
    assert text == (f'cannot reach the server for {WHERE}: no pg_hba.conf entry for host '
                    '"10.1.2.3", user "alice", database "ge", no encryption.')


def test_the_dba_ending_a_desks_connection_is_said_plainly(pg_election):
    """A real one: the DBA's pg_terminate_backend, seen by the desk's next statement."""
    from resultsdesk.store.postgres.store import PgStore

    with PgStore(pg_election.url("alice")) as store, \
            pytest.raises(ServerUnreachable) as lost, store.snapshot():
        store.query("SELECT 1")  # in a transaction: the loss is said, not retried
        pg_election.admin().execute("SELECT pg_terminate_backend(%s)",
                                    (store._pg.info.backend_pid,))
        store.query("SELECT 1")
    text = str(lost.value)
    assert "\n" not in text and LIBPQ not in text, text
    assert "(its administrator ended the connection)" in text or \
        "(the connection was cut)" in text, text
