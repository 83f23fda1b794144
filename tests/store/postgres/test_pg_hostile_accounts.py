"""What one signed-in account can try against everyone else with plain SQL (psql, a script)
on the server, as a reviewer did: each attempt must fail, or harm nobody, whatever client
the others run. Each test is the attack as it was made, then what a desk sees."""

from __future__ import annotations

import os

import psycopg
import pytest
from helpers.cli import refused, run_process
from helpers.locations import ROOT
from helpers.pg_election import NOMINATIONS, SEAT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.audit_text import local_stamp
from resultsdesk.desk.session import open_desk
from resultsdesk.domain.identity import _cased_skeleton, character_prototypes, same_person
from resultsdesk.store.postgres import SCHEMA_VERSION, calls, errors, prepare

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


def _check(pg_election, short: str = "eve"):
    with open_desk(pg_election.url(short)) as desk:
        return check_audit_chain(desk)


def test_entries_removed_from_the_end_by_the_owner_are_reported(pg_election):
    """The owner (or a superuser) switches the append-only triggers off, removes the newest
    entries and switches them on again: the check says entries are missing from the end,
    and a later entry does not close the gap."""
    eve = pg_election.connect("eve")
    first = calls.audit_note(eve, "publish")
    for _ in range(3):
        calls.audit_note(eve, "export")
    assert _check(pg_election).intact
    owner = pg_election.admin()
    owner.execute("ALTER TABLE resultsdesk.audit_log DISABLE TRIGGER USER")
    owner.execute("DELETE FROM resultsdesk.audit_log WHERE id > %s", (first,))
    owner.execute("ALTER TABLE resultsdesk.audit_log ENABLE TRIGGER USER")
    check = _check(pg_election)
    assert not check.intact
    removed = f"entries {first + 1} to {first + 3} are missing"
    assert check.problem == f"{removed} from the end of the log"
    calls.audit_note(eve, "note")
    check = _check(pg_election)
    assert check.problem == f"{removed} before it"
    assert check.entry_id == first + 4
    with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.RECORD_FIXED):
        owner.execute("UPDATE resultsdesk.audit_sequence SET seq = %s", (first,))


def test_a_verification_moved_in_time_by_the_owner_is_reported(pg_election):
    """The server stamps a verification and its entry with one reading of its clock: the
    owner, with the triggers off, moving the verification time is found by the check."""
    calls.declare(pg_election.connect("alice"), SEAT, [20_000, 15_000, 5_000], 120)
    assert calls.verify(pg_election.connect("bob"), SEAT, [20_000, 15_000, 5_000], 120).verified
    assert _check(pg_election).intact
    owner = pg_election.admin()
    owner.execute("ALTER TABLE resultsdesk.declarations DISABLE TRIGGER USER")
    owner.execute("UPDATE resultsdesk.declarations SET verified_at = "
                  "'2024-07-05T01:02:03+00:00' WHERE verified_by IS NOT NULL")
    owner.execute("ALTER TABLE resultsdesk.declarations ENABLE TRIGGER USER")
    check = _check(pg_election)
    assert not check.intact and check.entry_id is None
    moved = local_stamp("2024-07-05T01:02:03+00:00", date=True)
    assert f"is marked verified at {moved}, but the audit entry recording that verification " \
        "has " in check.problem


def test_the_server_verifies_nothing_without_a_blind_rekey(pg_election):
    """A desk account asks the server to verify a seat without typing its figures (what
    migration 4 called check mode): refused, and nothing is recorded."""
    calls.declare(pg_election.connect("alice"), SEAT, [20_000, 15_000, 5_000], 120)
    bob = pg_election.connect("bob")
    entries = bob.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.DESK_RULE) as no:
        bob.execute("SELECT verified FROM resultsdesk.verify(%s)", (SEAT,))
    assert errors.message(no.value).startswith("A verification is a blind re-key: type every")
    assert bob.execute("SELECT status, verification_mode FROM declarations"
                       ).fetchall() == [("provisional", None)]
    assert bob.execute("SELECT count(*) FROM audit_log").fetchone()[0] == entries
    outcome = calls.verify(bob, SEAT, [20_000, 15_000, 5_000], 120)
    assert outcome.verified
    assert bob.execute("SELECT verification_mode FROM declarations"
                       ).fetchone()[0] == "rekey"


FIGURE_READS = (
    "SELECT invalid_votes, total_as_read, electorate, overrides, reason, note, "
    "tie_winner_candidate_id FROM declarations WHERE status = 'provisional'",
    "SELECT invalid_votes FROM latest_declarations",
    "SELECT votes FROM declaration_votes",
    "SELECT 1 FROM declaration_votes WHERE 1 / (votes - 20000) = 0",  # an error would tell
    "SELECT details FROM audit_log WHERE action = 'declare'",
)


def test_a_verifier_reads_no_pending_figures_with_plain_sql(pg_election):
    """Blind means blind on the server: bob (desk) and ann (admin), who could verify
    alice's entry, find its figures neither in the tables (no privilege) nor in what they
    may read; alice and eve (editor) see them; once verified, everyone does."""
    votes = [20_000, 15_000, 5_000]
    calls.declare(pg_election.connect("alice"), SEAT, votes, 120, total_as_read=40_000,
                  overrides=["recount_range"])
    for who in ("bob", "ann"):
        conn = pg_election.connect(who)
        for table in ("declarations", "declaration_votes", "audit_log", "latest_declarations",
                      "verified_declarations"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT * FROM resultsdesk.{table}")
        seen = [conn.execute(sql).fetchall() for sql in FIGURE_READS]
        assert seen[:4] == [[(None,) * 7], [(None,)], [], []], who
        (details,), = seen[4]
        assert "20000" not in details and "hidden until verified" in details
        assert conn.execute("SELECT version, status, entered_by FROM declarations"
                            ).fetchall() == [(1, "provisional", pg_election.user("alice"))]
    for who in ("alice", "eve"):
        conn = pg_election.connect(who)
        assert conn.execute(FIGURE_READS[0]).fetchall() == [
            (120, 40_000, 70_000, '["recount_range"]', None, None, None)]
        assert sorted(v for (v,) in conn.execute(FIGURE_READS[2])) == sorted(votes)
    assert calls.verify(pg_election.connect("bob"), SEAT, votes, 120).verified
    ann = pg_election.connect("ann")
    assert sorted(v for (v,) in ann.execute(FIGURE_READS[2])) == sorted(votes)
    assert "20000" in ann.execute(FIGURE_READS[4]).fetchone()[0]


def test_the_audit_check_holds_for_a_verifier_who_may_not_see_the_figures(pg_election):
    """bob's check cannot recompute the hash of alice's pending entry (its figures read
    "hidden until verified"): it checks that entry's place in the chain and says intact;
    eve's check recomputes everything."""
    calls.declare(pg_election.connect("alice"), SEAT, [20_000, 15_000, 5_000], 120)
    calls.audit_note(pg_election.connect("eve"), "publish")
    for who in ("bob", "eve", "alice"):
        assert _check(pg_election, who).intact, who


def test_init_upgrades_a_server_at_schema_9_with_its_work_kept(pg_cluster, monkeypatch):
    """A server prepared by the release before these fixes (schema 9), with entries in its
    log and alice's entry awaiting verification, is upgraded by `init` (prepare): the
    highest id handed out is the newest entry's, bob can no longer read alice's figures,
    and every account's audit check holds."""
    from resultsdesk.store.postgres import preparation as module

    shipped = module.migrations()
    database = "rd_upgrade_9"
    admin_url = pg_cluster.superuser_url(database)
    monkeypatch.setattr(module, "migrations", lambda: shipped[:9])
    prepare(admin_url, "Before")
    names = {short: f"{database}_{short}" for short in ("alice", "bob", "eve")}
    with psycopg.connect(admin_url, autocommit=True) as admin:
        calls.import_candidates(admin, "n.csv", NOMINATIONS)
        for short, name in names.items():
            calls.add_user(admin, name, "editor" if short == "eve" else "desk", f"{short} pw")
    url = {short: pg_cluster.url(name, f"{short} pw", database) for short, name in names.items()}
    with psycopg.connect(url["alice"], autocommit=True) as alice:
        calls.declare(alice, SEAT, [20_000, 15_000, 5_000], 120)
        newest = calls.audit_note(alice, "note")
    monkeypatch.setattr(module, "migrations", lambda: shipped)
    report = prepare(admin_url, "Before")
    assert (report.version_before, report.version_after) == (9, SCHEMA_VERSION)
    with psycopg.connect(url["bob"], autocommit=True) as bob:
        assert bob.execute("SELECT seq FROM audit_sequence").fetchone() == (newest,)
        assert bob.execute("SELECT count(*) FROM declaration_votes").fetchone() == (0,)
        assert calls.verify(bob, SEAT, [20_000, 15_000, 5_001], 120).differences == \
            ("votes:2",)
    for short in names:
        with open_desk(url[short]) as desk:
            assert check_audit_chain(desk).intact, short


def test_these_migrations_run_twice_change_nothing(pg_election):
    """Migrations 10 to 12 are written to be idempotent: run again as the owner, over an
    election with work in it, they change nothing a desk can see."""
    from psycopg import sql

    from resultsdesk.store.postgres.preparation import RoleNames, migrations, render

    calls.declare(pg_election.connect("alice"), SEAT, [20_000, 15_000, 5_000], 120)
    eve = pg_election.connect("eve")
    seen = [eve.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("declarations", "audit_log", "audit_sequence")]
    roles = RoleNames.for_database(pg_election.database)
    admin = pg_election.admin()
    for version, _name, text in migrations()[9:]:
        with admin.transaction():
            admin.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(roles.owner)))
            admin.execute(render(text, roles, pg_election.database))
        assert version >= 10
    assert [eve.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("declarations", "audit_log", "audit_sequence")] == seen
    assert pg_election.connect("bob").execute(
        "SELECT count(*) FROM declaration_votes").fetchone() == (0,)
    assert _check(pg_election, "bob").intact and _check(pg_election).intact


def _look_alikes(name: str) -> dict[str, str]:
    """`name` spelt to look the same: what each spelling is."""
    return {"Cyrillic а": name.replace("a", "\u0430"),
            "zero-width space": name[:4] + "\u200b" + name[4:],
            "soft hyphen": name[:4] + "\u00ad" + name[4:],
            "full-width": "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c
                                  for c in name),
            "digit one for l": name.replace("l", "1"),
            "upper case": name.upper()}


def test_the_server_refuses_look_alike_account_names(pg_election):
    """Names the desk refuses as looking the same as another account (domain/identity)
    are refused by the server's add_user too, whoever calls it; none becomes a role."""
    ann = pg_election.connect("ann")
    alice = pg_election.user("alice")
    for what, name in _look_alikes(alice).items():
        with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.DESK_RULE) as no:
            calls.add_user(ann, name, "desk", "a password")
        said = errors.message(no.value)
        assert ("looks the same as the existing account" in said or "same name as" in said
                or "cannot be an account name" in said), (what, said)
        assert ann.execute("SELECT count(*) FROM pg_roles WHERE rolname = %s",
                           (name,)).fetchone() == (0,), what
    calls.add_user(ann, pg_election.user("alicia"), "desk", "a password")  # another name


def test_look_alike_accounts_made_before_the_upgrade_cannot_verify_each_other(
        pg_cluster, monkeypatch):
    """Four eyes on the server compares names as the desk does: a look-alike account that
    an older server let an admin make cannot verify the entry of the account it copies."""
    from resultsdesk.store.postgres import preparation as module

    shipped = module.migrations()
    database = "rd_lookalike_9"
    admin_url = pg_cluster.superuser_url(database)
    monkeypatch.setattr(module, "migrations", lambda: shipped[:9])
    prepare(admin_url, "Before")
    alice = f"{database}_alice"
    twins = list(_look_alikes(alice).values())[:2]  # what schema 9 let anyone make
    with psycopg.connect(admin_url, autocommit=True) as admin:
        calls.import_candidates(admin, "n.csv", NOMINATIONS)
        for name in (alice, *twins):
            calls.add_user(admin, name, "desk", "pw")
    with psycopg.connect(pg_cluster.url(alice, "pw", database), autocommit=True) as conn:
        calls.declare(conn, SEAT, [20_000, 15_000, 5_000], 120)
    monkeypatch.setattr(module, "migrations", lambda: shipped)
    prepare(admin_url, "Before")
    for twin in twins:
        with psycopg.connect(pg_cluster.url(twin, "pw", database), autocommit=True) as conn, \
                pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.FOUR_EYES):
            calls.verify(conn, SEAT, [20_000, 15_000, 5_000], 120)


_NAME_CHARS = st.sampled_from(list("aelorsAELORS10 ._-") + list("аеоrѕΑΕΟѕ") + list(
    "ａｅｌ\u200b\u00ad\u200d\ufeffßẞ\u0301éÉ") + list("KkTtNnIКТΝкт")
    + list("\u2800\ufffc\u0307\u0131\u0130ij"))  # drawn as nothing; a dot on a dot


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(a=st.text(_NAME_CHARS, min_size=1, max_size=6),
       b=st.text(_NAME_CHARS, min_size=1, max_size=6))
def test_the_server_tells_people_apart_as_the_desk_does(pg_election, a, b):
    """rd_same_user (four eyes on the server) against identity.same_person: equal keys or
    skeletons, on names of letters that look alike (capitals too), invisible ones and
    compatibility forms (beyond the lower() the server compared before)."""
    with psycopg.connect(pg_election.admin_url) as conn:
        server = conn.execute("SELECT resultsdesk.rd_same_user(%s, %s)", (a, b)).fetchone()[0]
    assert server is same_person(a, b)


# A capital looks like a capital: each second name passed for someone else on the server
# until migration 14, which compares look-alikes mapped before case is folded.
_CAPITAL_TWINS = (("Kate", "\u041aate"),  # Cyrillic capital Ka
                  ("Hannah", "\u041dannah"),  # Cyrillic capital En
                  ("Bob", "\u0412ob"),  # Cyrillic capital Ve
                  ("Tom", "\u0422om"),  # Cyrillic capital Te
                  ("Nina", "\u039dina"),  # Greek capital Nu
                  ("Kate", "\u041a\u0410\u0422\u0415"),  # all four Cyrillic capitals
                  ("Mark", "\u041cark"))  # Cyrillic capital Em
_DIFFERENT = (("Kate", "Katie"), ("Ann", "Anne"), ("Bob", "Rob"), ("Tom", "Tim"),
              ("Mark", "Marc"))


def test_four_eyes_on_the_server_sees_capital_look_alikes(pg_election):
    """rd_same_user says a capital look-alike is the same person, either way round, and
    still tells genuinely different names apart, as identity.same_person does."""
    conn = pg_election.admin()

    def server(a: str, b: str) -> bool:
        return conn.execute("SELECT resultsdesk.rd_same_user(%s, %s)", (a, b)).fetchone()[0]

    for name, twin in _CAPITAL_TWINS:
        assert server(name, twin) and server(twin, name), (name, twin)
        assert same_person(name, twin)
    for name, other in _DIFFERENT:
        assert not server(name, other) and not server(other, name), (name, other)
        assert not same_person(name, other)


def test_the_server_maps_every_look_alike_before_case_as_the_desk_does(pg_election):
    """Every character the desk maps before folding case (identity.character_prototypes,
    loaded by prepare) gives the server the desk's cased skeleton, alone and in a name."""
    rows = character_prototypes()
    names = [ch for ch, _ in rows] + [f"Ab{ch}c" for ch, _ in rows]
    server = pg_election.admin().execute(
        "SELECT resultsdesk.rd_name_cased_skeleton(n) FROM unnest(%s::text[]) "
        "WITH ORDINALITY AS t(n, i) ORDER BY i", (names,)).fetchall()
    assert len(rows) > 1000
    assert [s for (s,) in server] == [_cased_skeleton(n) for n in names]


def test_the_server_refuses_capital_look_alike_account_names(pg_election):
    """add_user, whoever calls it, refuses a name that reads as an account's only before
    case is folded, with the message it gives any look-alike; no role is made. Names that
    differ are still taken."""
    ann = pg_election.connect("ann")

    def account(name: str) -> str:  # beside the fixture's alice, bob...
        return pg_election.user(f"new_{name}")

    for name in dict(_CAPITAL_TWINS):
        calls.add_user(ann, account(name), "desk", "a password")
    for name, twin in _CAPITAL_TWINS:
        name, twin = account(name), account(twin)
        with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.DESK_RULE) as no:
            calls.add_user(ann, twin, "desk", "a password")
        assert errors.message(no.value) == (
            f"'{twin}' looks the same as the existing account '{name}': choose a name "
            "nobody could mistake."), twin
        assert ann.execute("SELECT count(*) FROM pg_roles WHERE rolname = %s",
                           (twin,)).fetchone() == (0,), twin
    for name in ("Katie", "Rob", "Tim", "Marc"):
        calls.add_user(ann, account(name), "desk", "a password")


def test_capital_look_alike_accounts_made_before_the_upgrade_cannot_verify(
        pg_cluster, monkeypatch):
    """Accounts 'Кate' and 'КАТЕ' that schema 13 let an admin make beside Kate: once
    prepare has upgraded the server (what an admin runs after upgrading ResultsDesk),
    neither can verify Kate's entry, and Katie still can."""
    from resultsdesk.store.postgres import preparation as module

    shipped = module.migrations()
    database = "rd_capital_13"
    admin_url = pg_cluster.superuser_url(database)
    monkeypatch.setattr(module, "migrations", lambda: shipped[:13])
    prepare(admin_url, "Before")
    kate, katie = f"{database}_Kate", f"{database}_Katie"
    twins = [f"{database}_\u041aate", f"{database}_\u041a\u0410\u0422\u0415"]
    with psycopg.connect(admin_url, autocommit=True) as admin:
        calls.import_candidates(admin, "n.csv", NOMINATIONS)
        for name in (kate, *twins, katie):  # what schema 13 let anyone make
            calls.add_user(admin, name, "desk", "pw")
    with psycopg.connect(pg_cluster.url(kate, "pw", database), autocommit=True) as conn:
        calls.declare(conn, SEAT, [20_000, 15_000, 5_000], 120)
    monkeypatch.setattr(module, "migrations", lambda: shipped)
    assert prepare(admin_url, "Before").version_after == SCHEMA_VERSION
    for twin in twins:
        with psycopg.connect(pg_cluster.url(twin, "pw", database), autocommit=True) as conn, \
                pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.FOUR_EYES) \
                as no:
            calls.verify(conn, SEAT, [20_000, 15_000, 5_000], 120)
        assert errors.message(no.value).startswith(f"{kate} entered the figures of version ")
    with psycopg.connect(pg_cluster.url(katie, "pw", database), autocommit=True) as conn:
        assert calls.verify(conn, SEAT, [20_000, 15_000, 5_000], 120).verified


# Passed for alice on a file desk and on the server alike, verifying her own entry: drawn as
# nothing (the braille blank, the object replacement character), a dot drawn on the i's
# own dot (after an i, after a dotless i), the Turkish capital dotted I.
_DRAWN_TWINS = ("alice\u2800", "a\ufffclice", "ali\u0307ce", "al\u0131\u0307ce",
                "AL\u0130CE")


def test_the_server_sees_what_draws_nothing_and_a_dot_on_a_dot(pg_election):
    """Migration 50 and the characters prepare() loads: rd_same_user says each is alice, as
    identity.same_person does, and a name holding what draws nothing is no account name."""
    conn = pg_election.admin()
    for twin in _DRAWN_TWINS:
        assert conn.execute("SELECT resultsdesk.rd_same_user('alice', %s)",
                            (twin,)).fetchone()[0], twin
        assert same_person("alice", twin)
    for name, twin in (("alịce", "alị\u0307ce"), ("alįce", "alį\u0307ce"),
                       ("jo", "\u0237\u0307o")):  # behind a mark below; a dotless j
        assert conn.execute("SELECT resultsdesk.rd_same_user(%s, %s)",
                            (name, twin)).fetchone()[0], twin
    assert not conn.execute("SELECT resultsdesk.rd_same_user('Zaneta', %s)",
                            ("\u017baneta",)).fetchone()[0]  # a dot above a Z is seen
    for blank in ("alice\u2800", "a\ufffclice"):
        assert "invisible" in conn.execute("SELECT resultsdesk.rd_name_problem(%s)",
                                           (blank,)).fetchone()[0]
