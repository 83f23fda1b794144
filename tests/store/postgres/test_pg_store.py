"""The PostgreSQL store's client side without a server: where the two drivers' parameter
styles meet (`adapt_placeholders`), telling a URL from a file, keeping passwords out of
what is shown, and libpq's connection failures as one line each."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from helpers.cli import run_cli
from helpers.locations import ROOT

from resultsdesk.cli.common import db_target
from resultsdesk.desk.session import is_server_target, open_desk, redacted
from resultsdesk.store.postgres.errors import (
    PasswordNeeded,
    ServerSignInFailed,
    ServerUnreachable,
    explain_connect,
)
from resultsdesk.store.postgres.store import adapt_placeholders
from resultsdesk.store.server import password_escape_problem


@pytest.mark.parametrize(("sqlite", "psycopg_style"), [
    ("SELECT * FROM t WHERE a = ? AND b > ?", "SELECT * FROM t WHERE a = %s AND b > %s"),
    ("SELECT 1", "SELECT 1"),
    # a literal % is doubled everywhere (psycopg reads % in quoted text too) ...
    ("SELECT ? WHERE name LIKE '50%'", "SELECT %s WHERE name LIKE '50%%'"),
    ("SELECT to_char(x, '99%') || ?", "SELECT to_char(x, '99%%') || %s"),
    # ... but a ? in a string or a quoted identifier is text, not a placeholder
    ("SELECT '?', \"a?b\" FROM t WHERE c = ?", "SELECT '?', \"a?b\" FROM t WHERE c = %s"),
    ("SELECT 'it''s ?' WHERE x = ?", "SELECT 'it''s ?' WHERE x = %s"),
    ('SELECT "user", at FROM audit_log WHERE id > ?',
     'SELECT "user", at FROM audit_log WHERE id > %s'),
])
def test_placeholders_are_adapted_at_the_query_boundary(sqlite, psycopg_style):
    assert adapt_placeholders(sqlite) == psycopg_style


def test_the_adapted_text_runs_on_the_server(pg_election):
    with open_desk(pg_election.url("alice")) as desk:
        assert desk.scalar("SELECT '50%?' || ? || '%'", ("x",)) == "50%?x%"
        assert desk.query('SELECT "user" FROM audit_log WHERE id = ?', (1,)) == \
            [{"user": "postgres"}]  # quoted: bare `user` would be the current role
        assert desk.user == pg_election.user("alice")


def test_a_url_in_capitals_is_opened_as_one(pg_election):
    """`POSTGRESQL://` is taken for a server (`is_server_url`), but libpq reads only
    lowercase schemes: it called the URL "missing '=' ... in connection info string"."""
    url = pg_election.url("alice")
    scheme, rest = url.split("://", 1)
    with open_desk(f"{scheme.upper()}://{rest}") as desk:
        assert desk.user == pg_election.user("alice")
    with open_desk(f"Postgres://{rest}") as desk:
        assert desk.reopen().user == pg_election.user("alice")


@pytest.mark.parametrize("command", [["summary"], ["init", "--name", "X"]])
def test_a_url_in_capitals_reaches_for_its_server(command):
    code, _, err = run_cli(*command, "--db", "POSTGRESQL://ann@127.0.0.1:1/ge2024")
    assert code == 1 and "cannot reach the server" in err, err


@pytest.mark.parametrize(("text", "server"), [
    ("postgresql://alice@db/ge2024", True),
    ("postgres://db/ge2024", True),
    ("POSTGRESQL://db1,db2/ge?target_session_attrs=read-write", True),
    ("ge2024.db", False),
    ("/srv/postgresql/ge.db", False),
    ("postgresql-night.db", False),
])
def test_a_url_is_told_from_a_file(text, server):
    assert is_server_target(text) is server
    target = db_target(text)
    assert target == (text if server else Path(text))  # a Path would fold '//'


def test_passwords_never_show():
    assert redacted("postgresql://alice:s3cret@db1,db2:5433/ge?sslmode=require") == \
        "postgresql://alice@db1,db2:5433/ge?sslmode=require"
    assert redacted("postgresql://alice@db/ge?password=s3cret&sslmode=require") == \
        "postgresql://alice@db/ge?password=***&sslmode=require"
    assert redacted(Path("night.db")) == "night.db"


@pytest.mark.parametrize("url", [
    "postgresql://alice:s3cret@db1,db2:5433/ge?sslmode=require",
    "postgresql://db:5432/ge?user=me@corp&application_name=a@b",
    "postgresql://[::1]:5432/ge?user=me@corp",
    "postgresql://alice@db/ge?password=a/b&sslmode=require",
    "postgresql://alice:a?b#c@db/ge",
])
def test_urls_libpq_reads_as_meant_are_not_refused(url):
    """Only a password libpq would misread is refused (`password_escape_problem`): an '@'
    in a parameter's value, or '?', '#' and a port before it, are libpq's as written."""
    assert password_escape_problem(url) is None
    assert "sslmode=require" in redacted(url) or "sslmode" not in url


@pytest.mark.parametrize(("libpq", "kind", "line"), [
    ('connection failed: connection to server at "10.0.0.5", port 5432 failed: FATAL:  '
     'password authentication failed for user "alice"', ServerSignInFailed,
     'sign-in to postgresql://alice@db/ge failed: wrong name or password, or the account is '
     'disabled.'),
    ('connection failed: connection to server at "10.0.0.5", port 5432 failed: fe_sendauth: '
     'no password supplied', PasswordNeeded, "no password given"),
    ('connection failed: connection to server at "127.0.0.1", port 1 failed: Connection '
     'refused\n\tIs the server running on that host and accepting TCP/IP connections?',
     ServerUnreachable, "cannot reach the server for postgresql://alice@db/ge: nothing "
     "answers at that address and port (the server is down, restarting, or elsewhere)."),
])
def test_connection_failures_are_one_line(libpq, kind, line):
    problem = explain_connect(psycopg.OperationalError(libpq), "postgresql://alice@db/ge")
    assert isinstance(problem, kind)
    assert line in str(problem) and "\n" not in str(problem)


def test_a_desk_on_a_file_never_loads_the_servers_driver(night_db):
    """psycopg (and store/postgres) load only when a server is opened: start-up on a file
    does not pay for them."""
    code = ("import sys, runpy; sys.argv = ['resultsdesk', 'summary', '--db', sys.argv[1]]\n"
            "try:\n    runpy.run_module('resultsdesk', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('psycopg', "
            "'resultsdesk.store.postgres'))), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, str(night_db)], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0 and done.stderr.strip().splitlines()[-1] == "[]", done.stderr
