"""A real disk, full or mounted read-only, as SQLite meets it (found by an attack on "data is
sacred" on a single-PC desk):

- a database on a disk with no room left: SQLite cannot make the -shm it needs even to read
  (SQLITE_IOERR_SHMSIZE), and every command, a summary as much as a declaration, said "could
  not be read or written (SQLITE_IOERR_SHMSIZE: disk I/O error) ... Check the disk", never
  that the disk is full (a page limit, as test_database_path.py fills a disk, never reaches
  it: SQLite's journal files are made before any page is written);
- a restore onto a disk with room for the backup's copy but not for that copy's -shm said
  the backup "cannot be restored ... choose another backup": at 3 a.m., a full disk blamed
  on the one good copy of the night;
- a database on a disk mounted read-only (a write-protected stick, a share offered
  read-only) was said to be read-only by "its permissions: -rw-r--r--", which let it be
  written: chmod changes nothing there. `init` there said to make the folder writable.

A tmpfs is mounted for each (root only: they skip, saying so, without)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import dbcheck
from helpers.cli import refused, run_cli
from helpers.disk_full import leave_free, make_read_only, small_disk


@pytest.fixture
def on_disk(nominations_db, tmp_path) -> Path:
    """The 2024 nominations on a disk of their own, with room for a restore (the backup's
    copy, the contents kept first, the copy's pages in the WAL) and to spare."""
    size_kb = 5 * nominations_db.stat().st_size // 1024 + 512
    with small_disk(tmp_path / "disk", size_kb) as disk:
        db = disk / "election.db"
        shutil.copyfile(nominations_db, db)
        yield db


@pytest.mark.parametrize("argv", [("summary",), ("audit", "--check"),
                                  ("backup", "--out", "{tmp}/copy.db"),
                                  ("export", "results", "--out", "{tmp}/results.csv")])
def test_a_database_on_a_full_disk_is_said_to_be_on_a_full_disk(on_disk, tmp_path, argv):
    content = dbcheck.digest(on_disk)
    filler = leave_free(on_disk.parent, 0)
    line = refused(run_cli(*(a.format(tmp=tmp_path) for a in argv), "--db", on_disk),
                   "election.db is full", "Free some space")
    assert "disk I/O error" not in line
    filler.unlink()
    assert dbcheck.digest(on_disk) == content
    assert dbcheck.integrity(on_disk) == "ok"


def test_a_restore_onto_a_full_disk_never_blames_the_backup(on_disk, tmp_path):
    """Room for the backup's copy beside the database, not for the -shm SQLite makes to
    open it: the disk is full, and the backup is as good as it was."""
    mid_night = tmp_path / "mid-night.db"
    assert run_cli("backup", "--db", on_disk, "--out", mid_night)[0] == 0
    content = dbcheck.digest(on_disk)
    filler = leave_free(on_disk.parent, mid_night.stat().st_size // 1024 + 16)
    line = refused(run_cli("restore", mid_night, "--db", on_disk),
                   "Nothing was restored into", "is full", "Free some space")
    assert "choose another backup" not in line and "cannot be restored" not in line
    filler.unlink()
    assert dbcheck.digest(on_disk) == content
    assert sorted(p.name for p in on_disk.parent.iterdir()) == ["election.db"]
    # and once there is room, that same backup is put back
    assert run_cli("restore", mid_night, "--db", on_disk)[0] == 0


def test_a_database_on_a_read_only_disk_is_said_to_be_on_one(on_disk):
    content = dbcheck.digest(on_disk)
    make_read_only(on_disk.parent)
    for argv in (("summary", "--db", on_disk), ("audit", "--check", "--db", on_disk)):
        line = refused(run_cli(*argv), "election.db: the disk it is on is mounted read-only",
                       "Copy the database to a disk you can write to")
        assert "its permissions" not in line
    new = on_disk.with_name("new.db")
    line = refused(run_cli("init", "--db", new, "--name", "GE 2029"),
                   "the disk it is on is mounted read-only")
    assert "Make the folder writable" not in line
    assert dbcheck.digest(on_disk) == content and not new.exists()
