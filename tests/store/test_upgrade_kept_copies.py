"""The copy of an older file kept before its upgrade (`NAME-before-schema-N-TIME.db`, a
whole copy of the night) when the upgrade cannot run for the file's surroundings: another
program holding the write lock, a full disk. The file is left as it was, and so should its
folder be: each attempt left one more full copy beside it (a full disk: the copy taking the
very space the upgrade needed, so that freeing what the message asked for was never enough),
as a file whose version was lowered did before (`test_schema_shape`). Found by opening files
made by earlier releases (schemas 1 to 11) with this one."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from helpers.rehearsal import undo_candidate_party_ids_migration

from resultsdesk.desk.election import init_election
from resultsdesk.store import SCHEMA_VERSION, Store, StoreError, online_copy, schema
from resultsdesk.store import database as store_database
from resultsdesk.store.database import BUSY_TIMEOUT_ENV

OLDER = SCHEMA_VERSION - 1


@pytest.fixture
def older(tmp_path):
    """A night as the ResultsDesk before the last migration left it (migration 13 added
    three columns: the candidates' own party ids)."""
    path = tmp_path / "night.db"
    init_election(path, "Kept before the upgrade").close()
    conn = sqlite3.connect(path, isolation_level=None)
    undo_candidate_party_ids_migration(conn)
    conn.execute(f"PRAGMA user_version = {OLDER}")
    conn.close()
    return path


def _kept(path):
    return sorted(path.parent.glob(f"{path.stem}-before-schema-*.db"))


def _version(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def test_an_upgrade_waiting_out_another_programs_write_leaves_no_copy(older, monkeypatch):
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "100")
    other = sqlite3.connect(older, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program's write, under way
    try:
        for _ in range(3):
            with pytest.raises(StoreError, match="locked by another program"):
                Store(older)
        assert _kept(older) == []
        assert _version(older) == OLDER
    finally:
        other.execute("ROLLBACK")
        other.close()
    with Store(older) as store:  # the write done: the upgrade runs, one copy kept
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
    assert [_version(p) for p in _kept(older)] == [OLDER]


def test_an_upgrade_on_a_full_disk_leaves_no_copy(older, monkeypatch):
    real = schema.run_step

    def full(conn, step):
        exc = sqlite3.OperationalError("database or disk is full")
        exc.sqlite_errorcode = sqlite3.SQLITE_FULL
        exc.sqlite_errorname = "SQLITE_FULL"
        raise exc

    monkeypatch.setattr(schema, "run_step", full)
    for _ in range(2):
        with pytest.raises(StoreError, match="is full"):
            Store(older)
    assert _kept(older) == []
    assert _version(older) == OLDER
    monkeypatch.setattr(schema, "run_step", real)
    with Store(older) as store:
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
    assert [_version(p) for p in _kept(older)] == [OLDER]


def test_two_openings_in_one_second_keep_the_copy_of_the_file_as_it_was(older,
                                                                          monkeypatch):
    """The window and a script opening the night after an upgrade (README: they upgrade it
    once): the one that read the old version first copies the file only after the other
    has upgraded it, and that copy, of the upgraded file, took the same name as the other's
    within the same second: the copy of the night as it was before the upgrade was
    replaced by one of the file after it, still named "before-schema"."""
    monkeypatch.setattr(store_database, "datetime", _OneSecond)
    real_copy = online_copy.backup_to
    other: list[BaseException] = []

    def the_other_program_first(conn, out, **kwargs):
        if not other:
            other.append(None)
            try:
                Store(older).close()  # the other program: copies, then upgrades
            except BaseException as exc:  # reported below
                other[0] = exc
        return real_copy(conn, out, **kwargs)

    monkeypatch.setattr(online_copy, "backup_to", the_other_program_first)
    with Store(older) as store:
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
    assert other == [None]
    assert OLDER in [_version(p) for p in _kept(older)]


class _OneSecond(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime(2029, 5, 3, 23, 59, 58)
