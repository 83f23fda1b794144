"""A database built beside its place and renamed in: all there, or nothing there and
nothing left beside it (`database_builds.built_beside`, used by the bundled night and
rehearsals)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from resultsdesk.database_builds import built_beside
from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.election import build_bundled_election
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


def test_a_file_made_at_the_place_meanwhile_is_named_in_the_refusal(tmp_path, monkeypatch):
    """Another rehearsal (or first run) of the same name finished first: its file is kept,
    and the refusal names the file asked for, not the hidden one this was built under
    ("…/.rehearsal-pxcs_ybt.db: File exists", a name nobody chose, gone by then)."""
    import os

    from resultsdesk import files
    from resultsdesk.desk.failures import judge

    target = tmp_path / "rehearsal.db"
    real_link = os.link

    def another_first(src, dst, **kwargs):
        Path(dst).write_bytes(b"another rehearsal")
        return real_link(src, dst, **kwargs)

    monkeypatch.setattr(files.os, "link", another_first)
    with pytest.raises(FileExistsError) as raised, built_beside(target, files.REHEARSING) as b:
        _wal_database(b).close()
    assert judge(raised.value).message == f"{target}: File exists"
    assert target.read_bytes() == b"another rehearsal"
    assert [p.name for p in tmp_path.iterdir()] == ["rehearsal.db"]


def test_a_folder_without_hard_links_still_gets_its_database(tmp_path, monkeypatch):
    """FAT, some network shares: no hard links (EPERM), so the build is renamed in."""
    import errno
    import os

    from resultsdesk import files

    def no_links(src, dst, **kwargs):
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), str(src))

    monkeypatch.setattr(files.os, "link", no_links)
    target = tmp_path / "election.db"
    with built_beside(target, files.BUILDING) as building:
        _wal_database(building).close()
    assert [p.name for p in tmp_path.iterdir()] == ["election.db"]
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]
