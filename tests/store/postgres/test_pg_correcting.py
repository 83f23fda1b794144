"""Migration 74: the server saves a correction of the verified version it was keyed on
(`p_correcting`) only while that version is the one verified, checked under its lock,
whatever the client read before: a verification adds no version, so `p_expected_version`
let a correction reopened by its author, verified meanwhile, go in as a new correction of
the figures it had been opened to replace, now on air."""

from __future__ import annotations

import re

import psycopg
import pytest
from helpers.pg_election import NOMINATIONS, SEAT

from resultsdesk.store.postgres import SCHEMA_VERSION, calls, errors, prepare

VOTES = [20_000, 15_000, 5_000]
CORRECTED = [20_010, 15_000, 5_000]
AGAIN = [20_100, 15_000, 5_000]
SEAT_NAME = 'Ynys Môn & "Alpha"'  # SEAT's, in pg_election's nominations


def _refused(sqlstate: str):
    return pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == sqlstate)


def _state(conn: psycopg.Connection) -> tuple:
    """The seat's versions' statuses and the audit log's length."""
    statuses = [s for (s,) in conn.execute(
        "SELECT d.status FROM declarations d JOIN constituencies k "
        "ON k.id = d.constituency_id WHERE k.code = %s ORDER BY d.version", (SEAT,))]
    return statuses, conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def _corrected(alice: psycopg.Connection, bob: psycopg.Connection) -> None:
    """Version 1 verified, version 2 alice's correction of it, awaiting verification."""
    calls.declare(alice, SEAT, VOTES, 120)
    assert calls.verify(bob, SEAT, VOTES, 120).verified
    assert calls.correct(alice, SEAT, CORRECTED, 120, reason="Con +10") == 2


def test_a_correction_of_a_version_no_longer_the_verified_one_is_refused(pg_election):
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    _corrected(alice, bob)
    assert calls.verify(bob, SEAT, CORRECTED, 120).verified  # version 2, meanwhile
    before = _state(alice)
    with _refused(errors.CONFLICT) as refused:
        calls.correct(alice, SEAT, AGAIN, 120, reason="Con +100", expected_version=2,
                      correcting=1)
    said = errors.message(refused.value)
    assert re.fullmatch(rf"{re.escape(SEAT_NAME)} changed since you opened it: version 2 was "
                        rf"verified by {pg_election.user('bob')} at \d\d:\d\d:\d\d "
                        r"meanwhile\.", said), said
    assert _state(alice) == before
    # a correction of version 2, as now asked: saved
    assert calls.correct(alice, SEAT, AGAIN, 120, reason="Con +100", expected_version=2,
                         correcting=2) == 3


def test_a_correction_of_the_version_still_verified_is_saved(pg_election):
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    _corrected(alice, bob)
    assert calls.correct(alice, SEAT, AGAIN, 120, reason="Con +100", expected_version=2,
                         correcting=1) == 3
    assert _state(alice)[0] == ["verified", "superseded", "provisional"]


def test_a_version_added_since_is_the_versions_conflict(pg_election):
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    _corrected(alice, bob)
    with _refused(errors.CONFLICT) as refused:
        calls.correct(alice, SEAT, AGAIN, 120, reason="Con +100", expected_version=1,
                      correcting=1)
    assert "was changed by someone else since you opened it" in errors.message(refused.value)


def test_one_function_and_its_grant_after_the_upgrade(pg_cluster, monkeypatch):
    """A database at schema 73 with a correction: correct is wrapped, one signature (no
    overload an old call lands on), desk staff may call it with or without `p_correcting`,
    and nobody the body it wraps."""
    from resultsdesk.store.postgres import preparation as module

    shipped = module.migrations()
    assert [name for _, name, _ in shipped][73] == \
        "074_a_correction_is_of_the_version_it_was_keyed_on.sql"
    database = "rd_upgrade_73"
    admin_url = pg_cluster.superuser_url(database)
    monkeypatch.setattr(module, "migrations", lambda: shipped[:73])
    prepare(admin_url, "Before")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        calls.import_candidates(admin, "n.csv", NOMINATIONS)
        calls.add_user(admin, f"{database}_alice", "desk", "alice pw")
        calls.add_user(admin, f"{database}_bob", "desk", "bob pw")
    url = pg_cluster.url
    with psycopg.connect(url(f"{database}_alice", "alice pw", database),
                         autocommit=True) as alice, \
            psycopg.connect(url(f"{database}_bob", "bob pw", database), autocommit=True) as bob:
        _corrected(alice, bob)  # as before
    monkeypatch.setattr(module, "migrations", lambda: shipped)
    report = prepare(admin_url, "Before")
    assert (report.version_before, report.version_after) == (73, SCHEMA_VERSION)
    assert prepare(admin_url, "Before").version_after == SCHEMA_VERSION  # again: no change
    with psycopg.connect(url(f"{database}_alice", "alice pw", database),
                         autocommit=True) as alice, \
            psycopg.connect(url(f"{database}_bob", "bob pw", database), autocommit=True) as bob:
        assert bob.execute("SELECT count(*) FROM pg_proc p JOIN pg_namespace n "
                           "ON n.oid = p.pronamespace WHERE n.nspname = 'resultsdesk' "
                           "AND p.proname = 'correct'").fetchone() == (1,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            bob.execute("SELECT * FROM resultsdesk.rd_correct_070('E14000001', "
                        "ARRAY[1, 2, 3], 0, 'r')")
        assert calls.verify(bob, SEAT, CORRECTED, 120).verified
        with _refused(errors.CONFLICT):
            calls.correct(alice, SEAT, AGAIN, 120, reason="Con +100", expected_version=2,
                          correcting=1)
        assert calls.correct(alice, SEAT, AGAIN, 120, reason="Con +100",
                             expected_version=2) == 3  # no check asked: as before
