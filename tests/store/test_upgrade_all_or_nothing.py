"""An upgrade of a file from an earlier release either runs whole or leaves the file as that
release wrote it: at its own schema version, which the earlier release still opens. Found by
upgrading files made by earlier releases (schemas 2 to 12): a disk that filled part-way
through the upgrade (or a kill, a power cut) left the file at a schema between the two,
which the earlier release refused as "written by a newer ResultsDesk", while the message
said "nothing was saved"; and a file lacking part of its older schema was upgraded first and
then refused as damaged with "nothing was changed", though it was now at the new schema."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.rehearsal import undo_rehearsal_holders_migration

from resultsdesk.desk.election import init_election
from resultsdesk.store import SCHEMA_VERSION, Store, StoreError, online_copy, schema
from resultsdesk.store.errors import DamagedDatabase

ROOT = Path(__file__).resolve().parents[2]
EARLIER = 7  # a file from before migration 8 (who holds a rehearsal's clock)
LATER_STEP = schema.MIGRATIONS[11][0]  # migration 12's: several migrations after the file's


@pytest.fixture
def earlier(tmp_path):
    path = tmp_path / "night.db"
    init_election(path, "Upgraded from an earlier release").close()
    conn = sqlite3.connect(path, isolation_level=None)
    undo_rehearsal_holders_migration(conn)
    conn.execute(f"PRAGMA user_version = {EARLIER}")
    conn.close()
    return path


def _version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def _kept(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem}-before-schema-*.db"))


def test_a_disk_full_part_way_through_the_upgrade_leaves_the_file_at_its_own_schema(
        earlier, monkeypatch):
    real = schema.run_step

    def full_at_a_later_migration(conn, step):
        if step is LATER_STEP:
            exc = sqlite3.OperationalError("database or disk is full")
            exc.sqlite_errorcode = sqlite3.SQLITE_FULL
            exc.sqlite_errorname = "SQLITE_FULL"
            raise exc
        real(conn, step)

    monkeypatch.setattr(schema, "run_step", full_at_a_later_migration)
    with pytest.raises(StoreError, match="is full") as raised:
        Store(earlier)
    assert "nothing was saved" in str(raised.value)
    assert _version(earlier) == EARLIER  # as the earlier release left it: it opens it still
    assert _kept(earlier) == []  # the file is as it was: no copy of it taking the space
    monkeypatch.setattr(schema, "run_step", real)
    with Store(earlier) as store:
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION


def test_a_migration_failing_part_way_through_changes_nothing(earlier, monkeypatch):
    real = schema.run_step

    def refused_at_a_later_migration(conn, step):
        if step is LATER_STEP:
            raise sqlite3.OperationalError("index audit_log_by_key already exists")
        real(conn, step)

    monkeypatch.setattr(schema, "run_step", refused_at_a_later_migration)
    with pytest.raises(DamagedDatabase, match="nothing was changed"):
        Store(earlier)
    assert _version(earlier) == EARLIER
    assert _kept(earlier) == []


KILLED_MIGRATING = """
import os, signal, sys
from resultsdesk.store import Store, schema
real, later = schema.run_step, schema.MIGRATIONS[11][0]
def die_at_a_later_migration(conn, step):
    if step is later:
        os.kill(os.getpid(), signal.SIGKILL)
    real(conn, step)
schema.run_step = die_at_a_later_migration
Store(sys.argv[1])
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_an_upgrade_killed_part_way_through_leaves_the_file_at_its_own_schema(earlier):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", KILLED_MIGRATING, str(earlier)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert _version(earlier) == EARLIER
    with Store(earlier) as store:  # opened again, the upgrade runs whole
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION


def test_a_file_lacking_part_of_its_own_schema_is_refused_with_the_upgrade_undone(earlier):
    conn = sqlite3.connect(earlier, isolation_level=None)
    conn.execute("DROP TRIGGER declarations_no_delete")  # in another tool
    conn.close()
    with pytest.raises(DamagedDatabase) as raised:
        Store(earlier)
    assert "no trigger declarations_no_delete" in str(raised.value)
    assert "nothing was changed" in str(raised.value)
    assert _version(earlier) == EARLIER  # "nothing was changed" is so
    assert _kept(earlier) == []


def test_a_kept_copy_failing_on_a_full_disk_leaves_nothing_of_it_beside_the_file(
        earlier, monkeypatch):
    """The copy of a WAL file is in WAL mode until its last statement; on a full disk
    (a 4 MB tmpfs) SQLite could neither checkpoint nor remove its -wal and -shm, which
    stayed beside the night, hidden, holding the space the message asked to free."""
    real = online_copy.copy_pages

    def full_after_copying(conn, target, *args, **kwargs):
        real(conn, target, *args, **kwargs)
        copy = Path(target.execute("PRAGMA database_list").fetchone()[2])
        for side in ("-wal", "-shm"):  # as SQLite leaves them when it cannot write
            copy.with_name(copy.name + side).write_bytes(b"\0" * 4096)
        exc = sqlite3.OperationalError("database or disk is full")
        exc.sqlite_errorcode = sqlite3.SQLITE_FULL
        exc.sqlite_errorname = "SQLITE_FULL"
        raise exc

    monkeypatch.setattr(online_copy, "copy_pages", full_after_copying)
    with pytest.raises(StoreError, match="is full"):
        Store(earlier)
    assert sorted(p.name for p in earlier.parent.iterdir()) == ["night.db"]
    assert _version(earlier) == EARLIER
