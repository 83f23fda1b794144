"""Migration 64: the server marks a recount asked as stopping an entry awaiting verification
(`p_replacing`) only while that entry still awaits it, checked under its lock, whatever the
client read before: a verification adds no version, so `p_expected_version` let a recount
be marked on a count verified meanwhile, which stayed on air under RECOUNT."""

from __future__ import annotations

import re

import psycopg
import pytest
from helpers.pg_election import NOMINATIONS, SEAT

from resultsdesk.store.postgres import SCHEMA_VERSION, calls, errors, prepare

VOTES = [20_000, 15_000, 5_000]
SEAT_NAME = 'Ynys Môn & "Alpha"'  # SEAT's, in pg_election's nominations
NOT_MARKED = (" The recount was not marked, as asked it would have stopped version 1 "
              "counting: check the seat, and mark the recount again if it is going ahead.")


def _refused(sqlstate: str):
    return pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == sqlstate)


def _state(conn: psycopg.Connection) -> tuple:
    """The seat's recount, its versions' statuses and the audit log's length."""
    seat = conn.execute("SELECT recount_under_way, current_count FROM constituencies "
                        "WHERE code = %s", (SEAT,)).fetchone()
    statuses = [s for (s,) in conn.execute(
        "SELECT d.status FROM declarations d JOIN constituencies k "
        "ON k.id = d.constituency_id WHERE k.code = %s ORDER BY d.version", (SEAT,))]
    return seat, statuses, conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]


@pytest.mark.parametrize(("meanwhile", "told"), [
    ("verify", r"version 1 was verified by {bob} at \d\d:\d\d:\d\d meanwhile\."),
    ("reject", r"version 1 was sent back to {alice}'s desk\."),
    ("withdraw", r"{alice}, who entered version 1, withdrew it\."),
])
def test_a_recount_replacing_an_entry_no_longer_pending_is_refused(pg_election, meanwhile,
                                                                   told):
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    ann = pg_election.connect("ann")
    calls.declare(alice, SEAT, VOTES, 120)
    if meanwhile == "verify":
        assert calls.verify(bob, SEAT, VOTES, 120).verified
    elif meanwhile == "reject":
        calls.reject(bob, SEAT, "misread")
    else:
        calls.withdraw(alice, SEAT)
    before = _state(ann)
    with _refused(errors.CONFLICT) as refused:
        calls.mark_recount(ann, SEAT, expected_version=1, replacing=1)
    told = told.format(bob=pg_election.user("bob"), alice=pg_election.user("alice"))
    said = errors.message(refused.value)
    assert re.fullmatch(rf"{re.escape(SEAT_NAME)}: {told}{re.escape(NOT_MARKED)}", said), said
    assert _state(ann) == before
    assert calls.mark_recount(ann, SEAT, expected_version=1) == 1  # asked again: marked


def test_a_recount_replacing_the_entry_still_pending_is_marked(pg_election):
    alice, ann = pg_election.connect("alice"), pg_election.connect("ann")
    calls.declare(alice, SEAT, VOTES, 120)
    assert calls.mark_recount(ann, SEAT, expected_version=1, replacing=1) == 1
    assert _state(ann)[:2] == ((1, 1), ["superseded"])
    # a call-off replaces nothing: what it was given is no check
    assert calls.mark_recount(ann, SEAT, under_way=False, replacing=1) == 0


def test_the_servers_other_refusals_come_first(pg_election):
    """A version added since is the version's conflict; a recount already awaiting its
    figures is migration 23's refusal (the desk's order, on a file)."""
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, SEAT, VOTES, 120)
    calls.withdraw(alice, SEAT)
    calls.declare(alice, SEAT, VOTES, 121)
    with _refused(errors.CONFLICT) as refused:
        calls.mark_recount(bob, SEAT, expected_version=1, replacing=1)
    assert "was changed by someone else since you opened it" in errors.message(refused.value)
    calls.mark_recount(bob, SEAT, expected_version=2)
    with _refused(errors.DESK_RULE) as refused:
        calls.mark_recount(bob, SEAT, expected_version=2, replacing=2)
    assert "recount 1 is already under way" in errors.message(refused.value)


def test_one_function_and_its_grant_after_the_upgrade(pg_cluster, monkeypatch):
    """A database at schema 63 with a recount marked and called off: mark_recount is
    wrapped, one signature (no overload an old call lands on), desk staff may call it with
    or without `p_replacing`, and nobody the body it wraps."""
    from resultsdesk.store.postgres import preparation as module

    shipped = module.migrations()
    assert [name for _, name, _ in shipped][63] == \
        "064_a_recount_stops_only_the_entry_it_was_asked_to.sql"
    database = "rd_upgrade_63"
    admin_url = pg_cluster.superuser_url(database)
    monkeypatch.setattr(module, "migrations", lambda: shipped[:63])
    prepare(admin_url, "Before")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        calls.import_candidates(admin, "n.csv", NOMINATIONS)
        calls.add_user(admin, f"{database}_alice", "desk", "alice pw")
        calls.add_user(admin, f"{database}_bob", "desk", "bob pw")
        assert calls.mark_recount(admin, SEAT) == 1  # as before
        assert calls.mark_recount(admin, SEAT, under_way=False) == 0
    monkeypatch.setattr(module, "migrations", lambda: shipped)
    report = prepare(admin_url, "Before")
    assert (report.version_before, report.version_after) == (63, SCHEMA_VERSION)
    assert prepare(admin_url, "Before").version_after == SCHEMA_VERSION  # again: no change
    with psycopg.connect(pg_cluster.url(f"{database}_alice", "alice pw", database),
                         autocommit=True) as alice, \
            psycopg.connect(pg_cluster.url(f"{database}_bob", "bob pw", database),
                            autocommit=True) as bob:
        assert bob.execute("SELECT count(*) FROM pg_proc p JOIN pg_namespace n "
                           "ON n.oid = p.pronamespace WHERE n.nspname = 'resultsdesk' "
                           "AND p.proname = 'mark_recount'").fetchone() == (1,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            bob.execute("SELECT resultsdesk.rd_mark_recount_054('E14000001')")
        calls.declare(alice, SEAT, VOTES, 120)
        assert calls.verify(bob, SEAT, VOTES, 120).verified
        with _refused(errors.CONFLICT):
            calls.mark_recount(bob, SEAT, expected_version=1, replacing=1)
        assert calls.mark_recount(bob, SEAT, expected_version=1) == 1
