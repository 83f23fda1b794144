"""Disabling an account at 3 a.m. stops it now: the server ends the sessions it has open
(NOLOGIN alone refused only new ones, so a desk kept reading, its live feed too), and no
account gains the power that takes."""

from __future__ import annotations

import psycopg
import pytest

from resultsdesk.store.postgres import calls
from resultsdesk.store.postgres.live import CHANNEL


def test_disabling_an_account_ends_its_open_sessions(pg_election):
    eve = pg_election.user("eve")
    reading, listening = pg_election.connect("eve"), pg_election.connect("eve")
    listening.execute(f"LISTEN {CHANNEL}")
    alice, ann = pg_election.connect("alice"), pg_election.connect("ann")
    assert reading.execute("SELECT count(*) FROM constituencies").fetchone() == (3,)
    calls.disable_user(ann, eve)
    for conn in (reading, listening):
        with pytest.raises(psycopg.OperationalError):
            conn.execute("SELECT count(*) FROM constituencies")
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(pg_election.url("eve"))
    # Nobody else's session is touched: the admin who disabled, another account.
    for conn in (alice, ann):
        assert conn.execute("SELECT count(*) FROM constituencies").fetchone() == (3,)
    (entry,) = ann.execute("SELECT action, entity_key FROM audit_log "
                           "WHERE action = 'disable account'").fetchall()
    assert entry == ("disable account", eve)


def test_ending_sessions_gives_no_account_new_power(pg_election):
    """pg_signal_backend is the accounts role's (NOLOGIN, no account a member), used only by
    rd_end_sessions, which no account may call: an admin cannot end a session that way,
    nor a desk account end anyone's."""
    ann, alice = pg_election.connect("ann"), pg_election.connect("alice")
    for short in ("ann", "alice", "bob", "eve"):
        assert pg_election.admin().execute(
            "SELECT pg_has_role(%s, 'pg_signal_backend', 'MEMBER'), "
            "pg_has_role(%s, r.accounts_role, 'MEMBER') FROM resultsdesk.server_roles r",
            (pg_election.user(short),) * 2).fetchone() == (False, False)
    bob_pid = pg_election.connect("bob").info.backend_pid
    for conn in (ann, alice):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT resultsdesk.rd_end_sessions(%s)", (pg_election.user("bob"),))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT pg_terminate_backend(%s)", (bob_pid,))


def test_only_a_disabled_account_of_this_election_has_its_sessions_ended(pg_election):
    """Called as its owner (the server's administrator), rd_end_sessions refuses an enabled
    account and a role that is no account of this election (the superuser's own)."""
    admin = pg_election.admin()
    for name in (pg_election.user("bob"), "postgres"):
        with pytest.raises(psycopg.Error, match="not a disabled account"):
            admin.execute("SELECT resultsdesk.rd_end_sessions(%s)", (name,))
    assert pg_election.connect("bob").execute("SELECT 1").fetchone() == (1,)


def test_disabling_again_after_the_upgrade_is_the_same(pg_election):
    """Migration 20 run again (as prepare() would not, but an upgrade half-done might)
    changes nothing: the account's sessions still end."""
    from psycopg import sql

    from resultsdesk.store.postgres.preparation import RoleNames, migrations, render

    roles = RoleNames.for_database(pg_election.database)
    admin = pg_election.admin()
    (_version, _name, text), = [m for m in migrations() if m[0] == 20]
    for _ in range(2):
        with admin.transaction():
            admin.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(roles.owner)))
            admin.execute(render(text, roles, pg_election.database))
    bob = pg_election.connect("bob")
    calls.disable_user(pg_election.connect("ann"), pg_election.user("bob"))
    with pytest.raises(psycopg.OperationalError):
        bob.execute("SELECT 1")


def test_where_sessions_cannot_be_ended_the_desk_still_finds_the_account_disabled(
        pg_election):
    """A server whose preparer could not grant pg_signal_backend (a non-superuser on
    PostgreSQL 16 or later; here revoked by hand): the disable is done all the same, the
    account's open connection stays, but it writes nothing, and its desk reads the account
    as disabled at its next refresh."""
    from psycopg import sql

    from resultsdesk.desk import accounts as acc
    from resultsdesk.desk import session
    from resultsdesk.store.postgres.preparation import RoleNames

    roles = RoleNames.for_database(pg_election.database)
    pg_election.admin().execute(sql.SQL("REVOKE pg_signal_backend FROM {}").format(
        sql.Identifier(roles.accounts)))
    eve = pg_election.user("eve")
    desk = session.open_desk(pg_election.url("eve"))
    try:
        signed = acc.server_account(desk)
        calls.disable_user(pg_election.connect("ann"), eve)
        session.data_version(desk)  # the window's refresh: still connected
        assert acc.account_now(desk, signed).disabled
        with pytest.raises(acc.SignInFailed):
            acc.acting_user(desk, eve, acc.Permission.PUBLISH)
    finally:
        desk.close()
