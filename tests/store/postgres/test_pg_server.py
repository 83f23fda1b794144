"""The PostgreSQL server's guarantees: prepare is idempotent, desk roles write nothing
directly, accounts are server roles, two elections share nothing, and transient failures
reach the client as SQLSTATEs it retries."""

from __future__ import annotations

import threading

import psycopg
import pytest
from helpers.pg_election import NOMINATIONS, SEAT

from resultsdesk.store.postgres import SCHEMA_VERSION, PrepareError, calls, errors, prepare

VOTES = [20_000, 15_000, 5_000]

DIRECT_WRITES = [
    "UPDATE resultsdesk.declarations SET status = 'verified'",
    "DELETE FROM resultsdesk.declarations",
    "INSERT INTO resultsdesk.audit_log (id, at, \"user\", action, entity, prev_hash, hash) "
    "VALUES (99, 'x', 'x', 'verify', 'constituency', 'x', 'x')",
    "UPDATE resultsdesk.audit_log SET action = 'x'",
    "DELETE FROM resultsdesk.audit_log",
    "TRUNCATE resultsdesk.audit_log",
    "INSERT INTO resultsdesk.declaration_votes VALUES (1, 1, 1)",
    "UPDATE resultsdesk.constituencies SET electorate = 1",
    "UPDATE resultsdesk.change_counter SET seq = 0",
    "INSERT INTO resultsdesk.accounts (name, name_key, role, created_at, created_by) "
    "VALUES ('x', 'x', 'admin', 'x', 'x')",
    "SELECT resultsdesk.rd_audit('verify', 'constituency', 'E14000001', '{}')",
    "SELECT resultsdesk.rd_create_login('x', 'admin', 'SCRAM-SHA-256$x')",
    "SELECT resultsdesk.rd_set_login_group('x', 'desk', 'admin')",
    "CREATE TABLE resultsdesk.mine (id integer)",
    "CREATE TABLE public.mine (id integer)",
]


def _privileges(conn: psycopg.Connection) -> list[tuple]:
    return conn.execute(
        "SELECT c.relname, c.relacl::text FROM pg_class c JOIN pg_namespace n "
        "ON n.oid = c.relnamespace WHERE n.nspname = 'resultsdesk' UNION ALL "
        "SELECT p.proname, p.proacl::text FROM pg_proc p JOIN pg_namespace n "
        "ON n.oid = p.pronamespace WHERE n.nspname = 'resultsdesk' ORDER BY 1").fetchall()


def test_prepare_is_idempotent(pg_election):
    admin = pg_election.admin()
    before = (_privileges(admin), admin.execute(
        "SELECT count(*) FROM resultsdesk.audit_log").fetchone())
    admin.execute(f'GRANT INSERT ON resultsdesk.declarations TO "{pg_election.user("bob")}"')
    report = prepare(pg_election.admin_url, "Another name")
    assert (report.version_before, report.version_after) == (SCHEMA_VERSION, SCHEMA_VERSION)
    assert not report.created_database
    # The stray grant is gone, nothing else changed, and the election kept its name.
    assert (_privileges(admin), admin.execute(
        "SELECT count(*) FROM resultsdesk.audit_log").fetchone()) == before
    assert admin.execute("SELECT name FROM resultsdesk.election").fetchone() == (
        "Test election",)
    assert admin.execute("SELECT array_agg(version ORDER BY version) FROM "
                         "resultsdesk.schema_version").fetchone()[0] == list(
        range(1, SCHEMA_VERSION + 1))


def test_objects_belong_to_the_owner_and_public_gets_nothing(pg_election):
    admin = pg_election.admin()
    owners = admin.execute(
        "SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n "
        "ON n.oid = c.relnamespace WHERE n.nspname = 'resultsdesk'").fetchall()
    assert owners == [(f"{pg_election.database}_owner",)]
    public = admin.execute(
        "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = 'resultsdesk' AND has_function_privilege('public', p.oid, "
        "'EXECUTE')").fetchall()
    assert public == []
    definers = admin.execute(
        "SELECT p.proname, p.prosecdef, p.proconfig FROM pg_proc p JOIN pg_namespace n "
        "ON n.oid = p.pronamespace WHERE n.nspname = 'resultsdesk' AND p.proname IN "
        "('declare', 'verify', 'reject', 'add_user', 'import_results')").fetchall()
    assert len(definers) == 5
    assert all(d[1] and d[2] == ["search_path=resultsdesk, pg_temp"] for d in definers)


@pytest.mark.parametrize("who", ["alice", "eve", "ann"])
def test_no_account_writes_a_table_directly(pg_election, who):
    calls.declare(pg_election.connect("alice"), SEAT, VOTES, 120)
    conn = pg_election.connect(who)
    for statement in DIRECT_WRITES:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement)
    assert conn.execute("SELECT count(*) FROM declarations").fetchone() == (1,)


def test_the_owner_too_finds_the_record_append_only(pg_election):
    admin = pg_election.admin()
    calls.declare(pg_election.connect("alice"), SEAT, VOTES, 120)
    for statement in ("UPDATE resultsdesk.audit_log SET action = 'x'",
                      "DELETE FROM resultsdesk.audit_log", "TRUNCATE resultsdesk.audit_log",
                      "UPDATE resultsdesk.declaration_votes SET votes = 1",
                      "UPDATE resultsdesk.declarations SET entered_by = 'x'",
                      "UPDATE resultsdesk.declarations SET status = 'rejected', "
                      "verified_by = 'x', verified_at = 'x'"):
        with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.RECORD_FIXED):
            admin.execute(statement)


def test_accounts_are_server_roles(pg_election):
    ann = pg_election.connect("ann")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # desks cannot add accounts
        calls.add_user(pg_election.connect("alice"), pg_election.user("mallory"), "admin", "x")
    dave = pg_election.user("dave")
    calls.add_user(ann, dave, "desk", "first password")
    url = pg_election.cluster.url(dave, "first password", pg_election.database)
    with psycopg.connect(url, autocommit=True) as conn:
        calls.set_password(conn, dave, "second password")  # their own
        with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.NOT_PERMITTED):
            calls.set_password(conn, pg_election.user("alice"), "hijacked")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(url)
    url = pg_election.cluster.url(dave, "second password", pg_election.database)
    psycopg.connect(url).close()
    stored = pg_election.admin().execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                                          (dave,)).fetchone()[0]
    assert stored.startswith("SCRAM-SHA-256$") and "second" not in stored
    with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.DESK_RULE):
        calls.add_user(ann, dave.upper(), "desk", "x")  # the same name, in another case
    calls.disable_user(ann, dave)
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(url)
    with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.DESK_RULE):
        calls.disable_user(ann, pg_election.user("ann"))  # the only enabled admin
    actions = ann.execute("SELECT action, entity_key, details FROM audit_log "
                          "WHERE entity = 'account' AND entity_key = %s ORDER BY id",
                          (dave,)).fetchall()
    assert actions == [("add account", dave, '{"role":"desk"}'),
                       ("change password", dave, '{"by_admin":false}'),
                       ("disable account", dave, '{"role":"desk"}')]


def test_enabling_and_roles_are_the_servers_to_check(pg_election):
    """Whatever client asks: only an admin enables an account or changes a role, the last
    enabled admin keeps admin, and a new role is the server's group (what it enforces)."""
    ann, alice, eve = (pg_election.user(s) for s in ("ann", "alice", "eve"))
    admin = pg_election.connect("ann")
    for who in ("alice", "eve"):
        conn = pg_election.connect(who)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            calls.set_user_role(conn, alice, "admin")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            calls.enable_user(conn, alice)
    for attempt, sqlstate in ((lambda: calls.set_user_role(admin, ann, "desk"), "RD003"),
                              (lambda: calls.set_user_role(admin, eve, "boss"), "RD003"),
                              (lambda: calls.set_user_role(admin, eve, "editor"), "RD003"),
                              (lambda: calls.enable_user(admin, eve), "RD003")):
        with pytest.raises(psycopg.Error, check=lambda e, s=sqlstate: e.sqlstate == s):
            attempt()

    def role_of(name: str) -> str:  # the server's own rule (superuser: it is not granted)
        return pg_election.admin().execute("SELECT resultsdesk.rd_role_of(%s)",
                                           (name,)).fetchone()[0]

    calls.set_user_role(admin, eve, "desk")
    assert role_of(eve) == "desk"
    calls.declare(pg_election.connect("eve"), SEAT, VOTES, 120)  # an editor could not
    calls.set_user_role(admin, alice, "admin")
    calls.set_user_role(pg_election.connect("alice"), ann, "editor")
    assert (role_of(alice), role_of(ann)) == ("admin", "editor")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # ann manages nothing now
        calls.disable_user(pg_election.connect("ann"), eve)
    calls.disable_user(pg_election.connect("alice"), eve)
    url = pg_election.url("eve")
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(url)
    calls.enable_user(pg_election.connect("alice"), eve)
    psycopg.connect(url).close()
    entries = admin.execute("SELECT \"user\", action, entity_key, details FROM audit_log "
                            "WHERE action IN ('change role', 'enable account') ORDER BY id"
                            ).fetchall()
    assert entries == [
        (ann, "change role", eve, '{"old_role":"editor","role":"desk"}'),
        (ann, "change role", alice, '{"old_role":"desk","role":"admin"}'),
        (alice, "change role", ann, '{"old_role":"admin","role":"editor"}'),
        (alice, "enable account", eve, '{"role":"desk"}')]


def test_plain_text_passwords_are_refused(pg_election):
    with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.DESK_RULE):
        pg_election.connect("ann").execute(
            "SELECT resultsdesk.add_user(%s, 'desk', 'secret')", (pg_election.user("x"),))


def test_two_elections_on_one_server_share_nothing(pg_election, pg_cluster):
    other = f"{pg_election.database}_other"
    report = prepare(pg_cluster.superuser_url(other), "Other election")
    assert report.created_database and report.roles.desk == f"{other}_desk"
    alice = pg_election.user("alice")
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        psycopg.connect(pg_cluster.url(alice, pg_election.passwords[alice], other))


def test_prepare_refuses_what_it_cannot_use(pg_cluster):
    with pytest.raises(PrepareError, match="Name the database"):
        prepare(f"host={pg_cluster.socket_dir} port={pg_cluster.port} user=postgres", "x")
    with pytest.raises(PrepareError, match="1 to 54 bytes"):
        prepare(pg_cluster.superuser_url("d" * 60), "x")
    with pytest.raises(PrepareError) as refused:
        prepare(f"postgresql://postgres@127.0.0.1:{pg_cluster.port}/nopassword", "x")
    assert str(refused.value).startswith(f"sign-in to 127.0.0.1:{pg_cluster.port}/nopassword "
                                         "failed")


def test_prepare_says_in_one_line_why_it_cannot_connect():
    """libpq's words went to the terminal with their line breaks escaped: "Cannot connect
    to the server: connection failed: ... Connection refused\\n\\tIs the server running"."""
    import socket

    with socket.socket() as unused:  # a port nothing listens on (bound, never listening)
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
        with pytest.raises(PrepareError) as refused:
            prepare(f"postgresql://postgres@127.0.0.1:{port}/ge2024", "x")
    assert str(refused.value) == (f"cannot reach the server for 127.0.0.1:{port}/ge2024: nothing "
                                  "answers at that address and port (the server is down, "
                                  "restarting, or elsewhere).")


def test_audit_note_cannot_forge_the_record(pg_election):
    alice = pg_election.connect("alice")
    for action, details in (("verify", {}), ("note", {"declaration_id": 1}),
                            ("note", {"figures_sha256": "0" * 64})):
        with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.NOT_PERMITTED):
            calls.audit_note(alice, action, "constituency", SEAT, details)
    assert calls.audit_note(alice, "backup", "election", "night.dump", {"bytes": 10}) > 0


def test_serialization_failure_reaches_the_client_and_a_retry_succeeds(pg_election):
    calls.declare(pg_election.connect("alice"), SEAT, VOTES, 120)
    bob = pg_election.connect("bob", autocommit=False)
    bob.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    bob.execute("SELECT count(*) FROM declarations")  # the snapshot starts here
    calls.audit_note(pg_election.connect("eve"), "publish")  # another desk writes meanwhile
    with pytest.raises(psycopg.errors.SerializationFailure) as failed:
        calls.verify(bob, SEAT, VOTES, 120)
    assert errors.is_transient(failed.value) and not errors.is_desk_refusal(failed.value)
    bob.rollback()
    outcome = errors.retrying(bob, lambda conn: calls.verify(conn, SEAT, VOTES, 120))
    assert outcome.verified


def test_retrying_runs_the_work_again_only_for_transient_failures(pg_election):
    conn = pg_election.connect("bob", autocommit=False)
    attempts: list[int] = []

    def flaky(c: psycopg.Connection) -> str:
        attempts.append(1)
        if len(attempts) < 3:
            c.execute("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '40P01'; END $$")
        return "done"

    assert errors.retrying(conn, flaky) == "done" and len(attempts) == 3
    with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.DESK_RULE):
        errors.retrying(conn, lambda c: calls.withdraw(c, SEAT))


def test_a_deadlock_is_reported_as_its_sqlstate(pg_election):
    one, two = pg_election.admin(), pg_election.admin()
    for conn in (one, two):
        conn.autocommit = False
        conn.execute("SET deadlock_timeout = '50ms'")
    one.execute("SELECT pg_advisory_xact_lock(1)")
    two.execute("SELECT pg_advisory_xact_lock(2)")
    failures: list[BaseException] = []

    def one_wants_two() -> None:
        try:
            one.execute("SELECT pg_advisory_xact_lock(2)")
        except psycopg.Error as exc:
            failures.append(exc)

    worker = threading.Thread(target=one_wants_two)
    worker.start()
    try:
        two.execute("SELECT pg_advisory_xact_lock(1)")
    except psycopg.Error as exc:
        failures.append(exc)
    two.rollback()
    worker.join(timeout=30)
    one.rollback()
    assert [f.sqlstate for f in failures] == [errors.DEADLOCK_DETECTED]
    assert errors.is_transient(failures[0])


def test_prepare_applies_only_the_migrations_a_database_lacks(pg_election, monkeypatch):
    from resultsdesk.store.postgres import preparation as module

    shipped = module.migrations()
    extra = (len(shipped) + 1, "999_test.sql",
             "CREATE TABLE resultsdesk.upgraded (id integer);")
    monkeypatch.setattr(module, "migrations", lambda: [*shipped, extra])
    report = prepare(pg_election.admin_url, "Test election")
    assert (report.version_before, report.version_after) == (len(shipped), len(shipped) + 1)
    admin = pg_election.admin()
    assert admin.execute("SELECT pg_get_userbyid(relowner) FROM pg_class "
                         "WHERE relname = 'upgraded'").fetchone() == (
        f"{pg_election.database}_owner",)
    # Desks read what a migration adds, once grants are put back after it.
    assert pg_election.connect("eve").execute("SELECT count(*) FROM resultsdesk.upgraded"
                                              ).fetchone() == (0,)
    monkeypatch.setattr(module, "migrations", lambda: shipped)
    with pytest.raises(PrepareError, match="newer ResultsDesk"):
        prepare(pg_election.admin_url, "Test election")


def test_a_database_administrator_without_superuser_can_prepare(pg_cluster):
    """A managed server gives no superuser: CREATEROLE and CREATEDB are enough."""
    with psycopg.connect(pg_cluster.superuser_url(), autocommit=True) as su:
        su.execute("CREATE ROLE rd_dba LOGIN CREATEROLE CREATEDB PASSWORD 'dba password'")
    url = pg_cluster.url("rd_dba", "dba password", "rd_managed")
    assert prepare(url, "Managed").created_database
    assert prepare(url, "Managed").version_before == SCHEMA_VERSION
    with psycopg.connect(url, autocommit=True) as dba:
        calls.add_user(dba, "rd_managed_ann", "admin", "ann's password")
    ann = pg_cluster.url("rd_managed_ann", "ann's password", "rd_managed")
    with psycopg.connect(ann, autocommit=True) as conn:
        calls.add_user(conn, "rd_managed_al", "desk", "al's password")
        assert conn.execute("SELECT name, role, created_by FROM resultsdesk.accounts "
                            "ORDER BY id").fetchall() == [
            ("rd_managed_ann", "admin", "rd_dba"), ("rd_managed_al", "desk", "rd_managed_ann")]


def test_a_database_at_schema_7_is_upgraded_with_its_work_kept(pg_cluster, monkeypatch):
    """Migration 8 replaces declare, correct and verify (they return the seat too): an
    election prepared by the previous release, with an entry awaiting verification, is
    upgraded by prepare, grants given back, and the entry verified through the new verify."""
    from resultsdesk.store.postgres import preparation as module

    shipped = module.migrations()
    assert [name for _, name, _ in shipped][7] == "008_saves.sql"
    database = "rd_upgrade_7"
    admin_url = pg_cluster.superuser_url(database)
    monkeypatch.setattr(module, "migrations", lambda: shipped[:7])
    prepare(admin_url, "Before")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        calls.import_candidates(admin, "n.csv", NOMINATIONS)
        for short in ("alice", "bob"):
            calls.add_user(admin, f"{database}_{short}", "desk", f"{short} pw")
    alice = pg_cluster.url(f"{database}_alice", "alice pw", database)
    bob = pg_cluster.url(f"{database}_bob", "bob pw", database)
    with psycopg.connect(alice, autocommit=True) as conn:  # migration 7's declare: an integer
        assert conn.execute("SELECT resultsdesk.declare(p_seat => %s, p_votes => %s, "
                            "p_invalid => 120)", (SEAT, VOTES)).fetchone() == (1,)
    monkeypatch.setattr(module, "migrations", lambda: shipped)
    report = prepare(admin_url, "Before")
    assert (report.version_before, report.version_after) == (7, SCHEMA_VERSION)
    with psycopg.connect(bob, autocommit=True) as conn:
        outcome = calls.verify(conn, SEAT, VOTES, 120, expected_version=1)
        assert outcome.verified and outcome.sheet.versions[0]["status"] == "verified"
    with psycopg.connect(alice, autocommit=True) as conn:
        assert calls.correct(conn, SEAT, [20_000, 15_000, 5_001], 120, reason="RO") == 2


def test_a_write_that_loses_every_retry_is_said_as_busy_not_a_driver_error(pg_election):
    """Other desks' writes winning every one of `retrying`'s tries (a storm of saves) is
    known trouble, said in one line with nothing saved; psycopg's own error went up as a
    bug, with a traceback in the window."""
    from resultsdesk.desk.session import open_desk
    from resultsdesk.domain.errors import KnownError

    tries: list[int] = []

    def always_loses(conn: psycopg.Connection) -> None:
        tries.append(1)
        conn.execute("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '40001'; END $$")

    with open_desk(pg_election.url("alice")) as desk, \
            pytest.raises(KnownError, match="busy with other desks' writes") as told:
        desk.call(always_loses)
    assert len(tries) == 5 and "nothing was saved" in str(told.value)
