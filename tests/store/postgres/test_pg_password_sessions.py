"""A password reset at 3 a.m. stops whoever still holds the old one: PostgreSQL ends no
connection when a login's password changes, so a desk left signed in on another PC (or a
stolen session) kept reading and writing through the connections it had. Since migration
65 set_password ends the account's sessions: all of them when an admin resets it, the
others when the person changes their own (the desk they changed it from keeps working)."""

from __future__ import annotations

import contextlib
import io

import psycopg
import pytest
from helpers.pg_election import SEAT

from resultsdesk.store.postgres import calls
from resultsdesk.store.postgres.live import CHANNEL


def _still_works(conn: psycopg.Connection) -> None:
    assert conn.execute("SELECT count(*) FROM constituencies").fetchone() == (3,)


def _ended(conn: psycopg.Connection) -> None:
    with pytest.raises(psycopg.OperationalError):
        conn.execute("SELECT count(*) FROM constituencies")


def _gone(election, short: str, staying: int = 0) -> None:
    """Bounded wait (server-side) until only `staying` sessions of `short` are left: an
    ended backend tells its client before it leaves pg_stat_activity."""
    observer, name = election.admin(), election.user(short)
    for _ in range(500):
        (left,) = observer.execute(
            "SELECT count(*) FROM pg_stat_activity, pg_sleep(0.01) WHERE usename = %s",
            (name,)).fetchone()
        if left <= staying:
            return
    raise AssertionError(f"{name} still has {left} sessions")


def test_an_admin_resetting_a_password_ends_every_session_of_the_account(pg_election):
    bob = pg_election.user("bob")
    reading, listening = pg_election.connect("bob"), pg_election.connect("bob")
    listening.execute(f"LISTEN {CHANNEL}")
    alice, ann = pg_election.connect("alice"), pg_election.connect("ann")
    _still_works(reading)
    assert calls.set_password(ann, bob, "bob's new password") == 2
    for conn in (reading, listening):
        _ended(conn)
    # The old password signs nobody in again; the new one does.
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(pg_election.url("bob"))
    pg_election.passwords[bob] = "bob's new password"
    calls.declare(pg_election.connect("bob"), SEAT, [100, 50, 25], 10)
    # Nobody else's session is touched: the admin who reset it, another account.
    for conn in (alice, ann):
        _still_works(conn)


def test_the_old_sessions_write_nothing_after_a_reset(pg_election):
    """The session left open on another PC: before migration 65 it saved figures under
    bob's name after the reset."""
    stolen = pg_election.connect("bob")
    calls.set_password(pg_election.connect("ann"), pg_election.user("bob"), "new one ✓✓")
    with pytest.raises(psycopg.OperationalError):
        calls.declare(stolen, SEAT, [100, 50, 25], 10)
    assert pg_election.admin().execute(
        "SELECT count(*) FROM resultsdesk.declarations").fetchone() == (0,)


def test_a_person_changing_their_own_password_ends_only_their_other_sessions(pg_election):
    bob = pg_election.user("bob")
    here, elsewhere = pg_election.connect("bob"), pg_election.connect("bob")
    alice = pg_election.connect("alice")
    assert calls.set_password(here, bob, "bob's own new one") == 1
    _ended(elsewhere)
    calls.declare(here, SEAT, [100, 50, 25], 10)  # the desk they changed it from goes on
    _still_works(alice)
    _gone(pg_election, "bob", staying=1)
    # With nothing else open, nothing else is ended.
    assert calls.set_password(here, bob, "and another one") == 0
    _still_works(here)


def test_ending_sessions_on_a_password_change_gives_no_account_new_power(pg_election):
    """rd_end_password_sessions is the accounts role's, callable by the owner's
    set_password alone: no account calls it, an admin included."""
    bob = pg_election.user("bob")
    open_one = pg_election.connect("bob")
    for who in ("ann", "alice", "bob"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            pg_election.connect(who).execute(
                "SELECT resultsdesk.rd_end_password_sessions(%s)", (bob,))
    _still_works(open_one)


def test_only_an_account_of_this_election_has_its_sessions_ended(pg_election):
    """Called as its owner (the server's administrator), the function refuses a role that
    is no account of this election: the superuser's own, the election's group roles."""
    admin = pg_election.admin()
    groups = admin.execute("SELECT desk_role, admin_role, accounts_role "
                           "FROM resultsdesk.server_roles").fetchone()
    for name in ("postgres", *groups, "nobody at all"):
        with pytest.raises(psycopg.Error, match="not an account of this election"):
            admin.execute("SELECT resultsdesk.rd_end_password_sessions(%s)", (name,))
    _still_works(admin)


def test_where_sessions_cannot_be_ended_the_change_says_so(pg_election):
    """A server whose preparer could not grant pg_signal_backend (here revoked by hand): the
    password changes all the same, and set_password says it ended nothing (NULL)."""
    from psycopg import sql

    from resultsdesk.store.postgres.preparation import RoleNames

    roles = RoleNames.for_database(pg_election.database)
    pg_election.admin().execute(sql.SQL("REVOKE pg_signal_backend FROM {}").format(
        sql.Identifier(roles.accounts)))
    bob = pg_election.user("bob")
    open_one = pg_election.connect("bob")
    assert calls.set_password(pg_election.connect("ann"), bob, "changed anyway") is None
    _still_works(open_one)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(pg_election.url("bob"))


def test_migration_65_run_twice_is_the_same(pg_election):
    """Run again (as an upgrade half done might), it changes nothing: the function, its
    grants (bob still changes his own password), the sessions ended."""
    from psycopg import sql

    from resultsdesk.store.postgres.preparation import RoleNames, migrations, render

    roles = RoleNames.for_database(pg_election.database)
    admin = pg_election.admin()
    grants = ("SELECT p.proname, p.prorettype::regtype::text, p.proacl::text "
              "FROM pg_proc p WHERE p.proname IN ('set_password', 'rd_end_password_sessions')"
              " ORDER BY 1")
    before = admin.execute(grants).fetchall()
    (_version, _name, text), = [m for m in migrations() if m[0] == 65]
    for _ in range(2):
        with admin.transaction():
            admin.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(roles.owner)))
            admin.execute(render(text, roles, pg_election.database))
    assert admin.execute(grants).fetchall() == before
    bob = pg_election.user("bob")
    here, elsewhere = pg_election.connect("bob"), pg_election.connect("bob")
    assert calls.set_password(here, bob, "bob's own new one") == 1
    _ended(elsewhere)


def _cli(argv: list[str], monkeypatch, password: str, new_password: str) -> str:
    from resultsdesk import cli

    monkeypatch.setenv("RESULTSDESK_PASSWORD", password)
    monkeypatch.setenv("RESULTSDESK_NEW_PASSWORD", new_password)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    assert (code, err.getvalue()) == (0, ""), err.getvalue()
    return out.getvalue()


def test_the_command_line_says_which_sessions_ended(pg_election, monkeypatch):
    bob, ann = pg_election.user("bob"), pg_election.user("ann")
    stolen = pg_election.connect("bob")
    out = _cli(["users", "password", bob, "--db", pg_election.url("ann"), "--admin", ann],
               monkeypatch, pg_election.passwords[ann], "a reset at 3 a.m.")
    assert out.splitlines() == [
        f"Changed the password of {bob}.",
        f"{bob}'s 1 open session was ended: it signs in again with the new password."]
    _ended(stolen)
    pg_election.passwords[bob] = "a reset at 3 a.m."
    two = pg_election.connect("bob"), pg_election.connect("bob")
    out = _cli(["users", "password", bob, "--db", pg_election.url("bob")],
               monkeypatch, "a reset at 3 a.m.", "bob's own again")
    assert out.splitlines() == [
        f"Changed the password of {bob}.",
        f"{bob}'s 2 other sessions were ended: they sign in again with the new password."]
    for conn in two:
        _ended(conn)
    _gone(pg_election, "bob")
    pg_election.passwords[bob] = "bob's own again"
    out = _cli(["users", "password", bob, "--db", pg_election.url("bob")],
               monkeypatch, "bob's own again", "and once more")
    assert out.splitlines() == [f"Changed the password of {bob}."]


def test_the_command_line_says_when_the_server_could_not(pg_election, monkeypatch):
    from psycopg import sql

    from resultsdesk.store.postgres.preparation import RoleNames

    roles = RoleNames.for_database(pg_election.database)
    pg_election.admin().execute(sql.SQL("REVOKE pg_signal_backend FROM {}").format(
        sql.Identifier(roles.accounts)))
    bob, ann = pg_election.user("bob"), pg_election.user("ann")
    out = _cli(["users", "password", bob, "--db", pg_election.url("ann"), "--admin", ann],
               monkeypatch, pg_election.passwords[ann], "a reset at 3 a.m.")
    assert out.splitlines() == [
        f"Changed the password of {bob}.",
        f"The server could not end {bob}'s open sessions (its accounts role may not end "
        "sessions: see the README, Team desk): any still open keep working until they "
        "close."]
