"""A hostile insider at a desk PC, with the credentials the app's own connection has, goes
at the server with plain SQL (psql, a script) rather than the app: what a reviewer tried
that the other files' attacks did not (test_pg_hostile_accounts.py, test_pg_server.py,
test_pg_workflow*.py). Each attempt must be refused or change nothing anyone relies on."""

from __future__ import annotations

import psycopg
import pytest
from helpers.pg_election import SEAT, TIE_SEAT
from psycopg import sql

from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.session import open_desk
from resultsdesk.store.postgres import calls
from resultsdesk.store.postgres.preparation import RoleNames

VOTES = [20_000, 15_000, 5_000]
ACCOUNTS = ("alice", "eve", "ann")  # a desk, an editor and an admin account


def _note(conn: psycopg.Connection, details: str) -> None:
    conn.execute("SELECT resultsdesk.audit_note('note', 'election', '', %s::jsonb)",
                 (details,))


def _nested(depth: int) -> str:
    return '{"x": ' + "[" * depth + "]" * depth + "}"


def _reads_unverified(conn: psycopg.Connection) -> tuple:
    """What a session reads of the figures of the one version nobody verified yet."""
    return (conn.execute("SELECT count(*) FROM declaration_votes").fetchone()[0],
            conn.execute("SELECT invalid_votes FROM declarations").fetchall(),
            conn.execute("SELECT details::jsonb -> 'new' FROM audit_log "
                         "WHERE action = 'declare'").fetchall())


HIDDEN = (0, [(None,)], [("hidden until verified",)])


def test_a_disabled_editor_signed_in_again_reads_no_unverified_figures(pg_election):
    """disable_user ends the account's sessions before its transaction commits: eve's
    client reconnects in between (still LOGIN until the commit) and keeps that session.
    It writes nothing; it must read no figures awaiting verification either, as the desk
    shows a disabled account none (visibility.viewer_for). Before migration 24 the editor
    read alice's pending figures, votes, rejected ballots and the sealed entry alike."""
    calls.declare(pg_election.connect("alice"), SEAT, VOTES, 120)
    eve = pg_election.user("eve")
    assert _reads_unverified(pg_election.connect("eve")) != HIDDEN  # an editor's to read
    ann = pg_election.connect("ann", autocommit=False)
    calls.disable_user(ann, eve)
    again = pg_election.connect("eve")
    ann.commit()
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(pg_election.url("eve"))
    assert _reads_unverified(again) == HIDDEN
    with pytest.raises(psycopg.Error, match="is disabled"):
        _note(again, "{}")
    calls.enable_user(pg_election.connect("ann"), eve)  # enabled again: an editor's as before
    assert _reads_unverified(again) != HIDDEN


def test_where_sessions_outlive_the_disable_they_read_no_unverified_figures(pg_election):
    """A server whose accounts role may not end sessions (no pg_signal_backend): every open
    session outlives the disable. The disabled account no longer reads even the figures it
    keyed itself, as on the desk; the verified ones, on air anyway, it still reads."""
    roles = RoleNames.for_database(pg_election.database)
    pg_election.admin().execute(sql.SQL("REVOKE pg_signal_backend FROM {}").format(
        sql.Identifier(roles.accounts)))
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, SEAT, VOTES, 120)
    calls.verify(bob, SEAT, VOTES, 120)
    calls.mark_recount(alice, SEAT)
    calls.declare(alice, SEAT, [20_001, 15_000, 5_000], 120)
    calls.disable_user(pg_election.connect("ann"), pg_election.user("alice"))
    assert alice.execute("SELECT version, invalid_votes, (SELECT count(*) FROM "
                         "declaration_votes v WHERE v.declaration_id = d.id) FROM declarations d "
                         "ORDER BY version").fetchall() == [(1, 120, 3), (2, None, 0)]


def _check(pg_election, short: str):
    with open_desk(pg_election.url(short)) as desk:
        return check_audit_chain(desk)


@pytest.mark.parametrize("details", ['{"x": 1e5000}', '{"x": [-9223372036854775809]}',
                                     _nested(65)])
def test_no_account_writes_an_audit_entry_the_check_cannot_read_back(pg_election, details):
    """An editor's note of a number Python's json will not read (more than 4,300 digits),
    or one past a bigint, or nested deeper than any entry the app writes: the server took
    the first, and from then on every account's `audit --check` reported that entry as
    changed after it was written, for good, hiding whatever was really changed after it.
    Refused now (migration 25), with nothing written; the largest whole numbers and a
    nesting the app could write are still taken, and the chain checks intact."""
    eve = pg_election.connect("eve")
    before = eve.execute("SELECT max(id) FROM audit_log").fetchone()
    with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == "22023"):
        _note(eve, details)
    assert eve.execute("SELECT max(id) FROM audit_log").fetchone() == before
    _note(eve, '{"x": [-9223372036854775808, 9223372036854775807], "y": '
          + _nested(60) + "}")
    calls.declare(pg_election.connect("alice"), SEAT, VOTES, 120)
    assert _check(pg_election, "eve").intact and _check(pg_election, "bob").intact


def test_a_verifier_reads_no_lot_reason_or_warning_of_figures_awaiting_verification(
        pg_election):
    """The views hide an unverified version's tie winner, note, reason and overrides; the
    audit entry recording it showed them all to whoever could verify it: the winner drawn
    on alice's tie (so which candidates tie at the top) and the note on the drawing, her
    correction's reason (what was misread, the right figure), the warnings she accepted.
    Hidden now from bob as its figures are (migration 26); the editor reads them, and
    bob's check still finds the chain intact."""
    alice, bob, eve = (pg_election.connect(s) for s in ("alice", "bob", "eve"))
    calls.declare(alice, TIE_SEAT, [400, 400], 10, overrides=["high_turnout"])
    ting = eve.execute("SELECT id FROM candidates WHERE surname = 'Ting'").fetchone()[0]
    calls.decide_tie(alice, TIE_SEAT, winner_id=ting, note="coin toss between Ting and Tong")
    calls.declare(alice, SEAT, VOTES, 120)
    calls.verify(bob, SEAT, VOTES, 120)
    calls.correct(alice, SEAT, [20_000, 15_100, 5_000], 120, reason="Baker 15,100 misread")
    secrets = ("Ting", "coin toss", "15,100", "high_turnout")

    def entries(conn: psycopg.Connection) -> str:
        return str(conn.execute("SELECT action, details FROM audit_log WHERE action IN "
                                "('declare', 'correct', 'decide tie by lot') ORDER BY id"
                                ).fetchall())

    assert all(secret in entries(eve) for secret in secrets)
    assert [secret for secret in secrets if secret in entries(bob)] == []
    assert _check(pg_election, "bob").intact and _check(pg_election, "eve").intact


@pytest.mark.parametrize("who", ACCOUNTS)
def test_no_account_can_shadow_what_the_servers_functions_call(pg_election, who):
    """The classic hole of SECURITY DEFINER functions: an object of the caller's own,
    found first on a search_path the caller set. No account can create one anywhere (not
    even a temporary table), every definer function pins its search_path, and with the
    session's own path turned upside down a declaration is saved as ever."""
    conn = pg_election.connect(who)
    for statement in ("CREATE TEMP TABLE declarations (id integer)",
                      "CREATE FUNCTION pg_temp.rd_lock() RETURNS bigint LANGUAGE sql "
                      "AS 'SELECT 1::bigint'",
                      "CREATE VIEW public.constituencies AS SELECT 1 AS id",
                      "CREATE FUNCTION resultsdesk.rd_now() RETURNS text LANGUAGE sql "
                      "AS 'SELECT 1::text'",
                      "CREATE VIEW resultsdesk_view.accounts AS SELECT 1 AS id",
                      "CREATE SCHEMA mine"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement)
    unpinned = pg_election.admin().execute(
        "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n "
        "ON n.oid = p.pronamespace WHERE n.nspname LIKE 'resultsdesk%%' AND p.prosecdef "
        "AND p.proconfig IS DISTINCT FROM ARRAY['search_path=resultsdesk, pg_temp'] "
        "AND p.proconfig IS DISTINCT FROM ARRAY['search_path=resultsdesk, pg_temp', "
        "'standard_conforming_strings=on']"  # backslashes read one way (migration 69)
    ).fetchall()
    assert unpinned == []
    if who != "eve":
        conn.execute("SET search_path = pg_temp, public, resultsdesk_view")
        assert calls.declare(conn, SEAT, VOTES, 120) == 1


@pytest.mark.parametrize("who", ACCOUNTS)
def test_no_account_takes_the_owners_power(pg_election, who):
    """Becoming the owner or the accounts role, joining another group, switching the
    record's triggers off (or every trigger, as a replica), changing a function or reading
    the tables behind the views another way (COPY) or the password verifiers: 42501."""
    roles = RoleNames.for_database(pg_election.database)
    calls.declare(pg_election.connect("alice"), SEAT, VOTES, 120)
    conn = pg_election.connect(who)
    for statement in (f'SET ROLE "{roles.owner}"', f'SET ROLE "{roles.accounts}"',
                      f'SET SESSION AUTHORIZATION "{roles.owner}"',
                      f'GRANT "{roles.admin}" TO "{pg_election.user(who)}"',
                      f'GRANT "{roles.editor}" TO "{pg_election.user(who)}"',
                      "ALTER TABLE resultsdesk.audit_log DISABLE TRIGGER USER",
                      "SET session_replication_role = replica",
                      "ALTER FUNCTION resultsdesk.rd_same_user(text, text) "
                      "RETURNS NULL ON NULL INPUT",
                      "COPY resultsdesk.declaration_votes TO STDOUT",
                      "COPY resultsdesk.audit_log (details) TO STDOUT",
                      "SELECT rolpassword FROM pg_authid"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement)


@pytest.mark.parametrize("new_role", ["desk", "admin"])
def test_an_editor_who_read_the_figures_cannot_verify_them_blind(pg_election, new_role):
    """Editors read figures awaiting verification; eve read alice's, was made a desk (or
    admin) account to help verify at 3 a.m., and "re-keyed blind" the figures she had just
    read: verified, four eyes being alice's and what eve remembered. Refused now, before
    any try is counted, for figures of the seat keyed while she was an editor (migration
    71); bob verifies them as before, and a seat keyed after the change eve verifies."""
    alice, bob, ann = (pg_election.connect(s) for s in ("alice", "bob", "ann"))
    eve = pg_election.connect("eve")
    calls.declare(alice, SEAT, VOTES, 120)
    assert sorted(v for (v,) in eve.execute("SELECT votes FROM declaration_votes")) == \
        sorted(VOTES)
    calls.set_user_role(ann, pg_election.user("eve"), new_role)
    eve = pg_election.connect("eve")
    with pytest.raises(psycopg.Error) as refused:
        calls.verify(eve, SEAT, VOTES, 120)
    assert refused.value.sqlstate == "RD002"
    assert refused.value.diag.message_primary == (
        f"{pg_election.user('eve')} was an editor account while figures of "
        f"{eve.execute('SELECT name FROM constituencies WHERE code = %s', (SEAT,)).fetchone()[0]}"
        " awaited verification, and editors read them: a re-key of them would not be blind, "
        "so another person verifies them.")
    assert eve.execute("SELECT count(*) FROM audit_log WHERE action LIKE 'verify%%'"
                       ).fetchone() == (0,)
    assert calls.verify(bob, SEAT, VOTES, 120).verified
    calls.declare(alice, TIE_SEAT, [400, 300], 10)
    assert calls.verify(eve, TIE_SEAT, [400, 300], 10).verified
