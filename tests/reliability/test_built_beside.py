"""A database built beside its place and renamed in: all there, or nothing there and
nothing left beside it (`files.built_beside`, used by the bundled night and rehearsals)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.election import build_bundled_election
from resultsdesk.files import built_beside
from resultsdesk.io.csvfile import ImportFailure


class Interrupted(Exception):
    """Raised inside a build, as a kill or a bad file would stop it."""


def _wal_database(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    return conn


def test_a_finished_build_is_renamed_into_place_with_nothing_beside_it(tmp_path):
    target = tmp_path / "night" / "election.db"  # its folder made as needed
    with built_beside(target, ".building-") as building:
        assert building.parent == target.parent and not building.exists()
        _wal_database(building).close()
    assert [p.name for p in target.parent.iterdir()] == ["election.db"]
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]


def test_an_interrupted_build_leaves_the_place_as_it_was_and_nothing_beside_it(tmp_path):
    target = tmp_path / "election.db"
    target.write_bytes(b"the night before")
    with pytest.raises(Interrupted), built_beside(target, ".building-") as building:
        conn = _wal_database(building)  # left open: its -wal and -shm are still there
        assert Path(f"{building}-wal").exists()
        conn.close()
        raise Interrupted
    assert target.read_bytes() == b"the night before"
    assert [p.name for p in tmp_path.iterdir()] == ["election.db"]


def test_the_bundled_night_stopped_part_way_leaves_no_file(tmp_path, monkeypatch):
    from resultsdesk.desk import election

    def baseline_fails(*args, **kwargs):  # after the results are in, before the rename
        raise Interrupted

    monkeypatch.setattr(election, "import_baseline", baseline_fails)
    with pytest.raises(Interrupted):
        build_bundled_election(tmp_path / "demo.db", with_results=True)
    assert list(tmp_path.iterdir()) == []


def test_a_rehearsal_whose_baseline_is_refused_leaves_no_file(tmp_path):
    results, constituencies, _ = rh.bundled_night()
    bad = tmp_path / "baseline.csv"
    bad.write_text("not,a,baseline\n1,2,3\n", encoding="utf-8")
    with pytest.raises(ImportFailure):
        rh.create_rehearsal(tmp_path / "rehearsal.db", results, constituencies, bad)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.csv"]
