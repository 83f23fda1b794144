"""A team desk's window while the server's administrator puts back a backup (README's
recipe: `pg_dump -Fc` at 03:00, then `createdb`, `pg_restore` and `resultsdesk init` again)
or a standby promoted without the last commits takes over: the server comes back with
less than the window has shown. The window reconnects by itself, as after any restart,
and must then show the night the server holds, not the one it had read before.

A file's restore numbers its contents one change past everything the window had seen
(`store.backup._continue_changes`), so every open window reads them again; a server's is
PostgreSQL's own, and its change counter comes back behind the window's."""

from __future__ import annotations

import psycopg
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.seats import BEACONSFIELD, HENDON
from helpers.team_window import status_of, team_window

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store.postgres import prepare
from resultsdesk.store.postgres.preparation import (
    IDLE_IN_TRANSACTION_TIMEOUT,
    SCHEMA,
    VIEW_SCHEMA,
    RoleNames,
)


def _verified(t, code: str) -> None:
    """Keyed by alice, re-keyed by bob, each at a desk of their own."""
    votes = [20_000] + [100] * (len(dk.load_sheet(t.open("alice"), code).candidates) - 1)
    dk.declare(t.open("alice"), code, user=t.name("alice"), figures=Figures(votes, 50),
               overrides=WARNING_CODES)
    dk.verify(t.open("bob"), code, user=t.name("bob"), votes=votes, invalid=50)


def _pg_tool(cluster, tool: str, *args: str) -> None:
    cluster._run(str(cluster.bindir / tool), "-h", str(cluster.socket_dir),
                 "-p", str(cluster.port), "-U", "postgres", *args)


def _put_back(cluster, database: str, dump) -> None:
    """The README's restore of `dump` in place of `database`: restored into a database of
    its own, given the election's database settings, swapped in under the name in one
    transaction (no desk ever finds no database by it), and prepared again."""
    restored, roles = f"{database}_restored", RoleNames.for_database(database)
    with psycopg.connect(cluster.superuser_url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{restored}" TEMPLATE template0 ENCODING UTF8 '
                     f"LOCALE 'C' OWNER \"{roles.owner}\"")
    _pg_tool(cluster, "pg_restore", "-d", restored, str(dump))
    with psycopg.connect(cluster.superuser_url(), autocommit=True) as conn:
        groups = ", ".join(f'"{g}"' for g in roles.groups.values())
        conn.execute(f'GRANT CONNECT ON DATABASE "{restored}" TO {groups}')
        conn.execute(f'ALTER DATABASE "{restored}" SET search_path = '
                     f"{VIEW_SCHEMA}, {SCHEMA}, public")
        conn.execute(f'ALTER DATABASE "{restored}" SET idle_in_transaction_session_timeout '
                     f"= '{IDLE_IN_TRANSACTION_TIMEOUT}'")
        conn.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = %s", (database,))
        deadline = 200
        while conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s",
                           (database,)).fetchone()[0] and deadline:
            deadline -= 1
            conn.execute("SELECT pg_sleep(0.05)")  # the server's own wait for its backends
        with conn.transaction():
            conn.execute(f'ALTER DATABASE "{database}" RENAME TO "{database}_replaced"')
            conn.execute(f'ALTER DATABASE "{restored}" RENAME TO "{database}"')
    prepare(cluster.superuser_url(database), "Team desk test")  # `resultsdesk init` again


def _drop_replaced(cluster, database: str) -> None:
    with psycopg.connect(cluster.superuser_url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}_replaced"')


def test_a_window_open_through_a_restore_shows_the_night_the_server_holds(
        qtbot, server, pg_cluster):
    """Hendon verified at 03:00, when the backup is taken; Beaconsfield verified after it,
    and on eve's screen. The server is put back from the backup: Beaconsfield's result is
    no longer on it, nor on air (a publish reads the server). Her window came back by
    itself and went on showing Beaconsfield verified, "2 of 5 declared", for the rest of
    the night: its change counter had gone back, and the window read only the seats
    changed past the number it had seen (none)."""
    t = server
    database = str(t.target).rsplit("/", 1)[1]
    _verified(t, HENDON)
    win = team_window(qtbot, t, "eve")
    dump = pg_cluster.root / f"{database}-0300.dump"
    _pg_tool(pg_cluster, "pg_dump", "-Fc", "-d", database, "-f", str(dump))
    _verified(t, BEACONSFIELD)
    qtbot.waitUntil(lambda: status_of(win, BEACONSFIELD) == "verified", timeout=10_000)
    try:
        with qtbot.waitSignal(win.feed.reconnected, timeout=30_000):
            _put_back(pg_cluster, database, dump)
        assert dk.load_sheet(t.open("ann"), BEACONSFIELD).verified is None  # the server's
        qtbot.waitUntil(lambda: status_of(win, BEACONSFIELD) != "verified", timeout=10_000)
        assert status_of(win, HENDON) == "verified"
        assert win.declared_label.text().startswith("1 of 5 declared")
        assert win.connection_bar.isHidden()
    finally:
        dump.unlink(missing_ok=True)
        _drop_replaced(pg_cluster, database)
