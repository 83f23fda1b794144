"""A write killed part-way (kill -9, a power cut) leaves its hidden temporary file beside
the target, as big as what was written: each next write of that file removes those an
hour old (nobody's write in progress), and leaves a newer one (somebody's) alone. So do
builds of a database beside its place, and backups and restores of a database for what
killed builds and restores left beside it, SQLite's -wal, -shm and -journal with them."""

from __future__ import annotations

import os
import time
from pathlib import Path

from resultsdesk.desk.election import init_election
from resultsdesk.files import LEFT_BEHIND_AFTER_S
from resultsdesk.io.safe_csv import atomic_write_text
from resultsdesk.store import Store
from resultsdesk.store.backup import backup, restore, timestamped_backup


def test_a_write_removes_what_killed_writes_left_behind(tmp_path):
    target = tmp_path / "feed.json"
    old = tmp_path / ".feed.json.0badf00d.tmp"
    new = tmp_path / ".feed.json.0123abcd.tmp"
    other = tmp_path / ".card.json.0badf00d.tmp"
    for path in (old, new, other):
        path.write_text("half a file")
    an_hour_ago = time.time() - LEFT_BEHIND_AFTER_S - 60
    for path in (old, other):
        os.utime(path, (an_hour_ago, an_hour_ago))
    atomic_write_text(target, "{}\n")
    assert target.read_text() == "{}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [target.name, new.name, other.name])  # another file's is its own write's to tidy


def _left(folder: Path, *names: str, old: bool) -> list[Path]:
    """Files as a killed process left them: an hour and more ago, or a minute ago (a
    process at work)."""
    when = time.time() - (LEFT_BEHIND_AFTER_S + 60 if old else 60)
    paths = [folder / name for name in names]
    for path in paths:
        path.write_bytes(b"half a database")
        os.utime(path, (when, when))
    return paths


def test_a_killed_copys_sqlite_files_go_with_it_and_a_running_ones_stay(tmp_path):
    """A backup killed while SQLite wrote its temporary copy left `-wal`/`-shm` (or
    `-journal`) beside it, which the clean-up did not match. A copy whose main file is old
    but whose -wal is still written is somebody's: all of it stays."""
    target = tmp_path / "copy.db"
    killed = _left(tmp_path, ".copy.db.0badf00d.tmp", ".copy.db.0badf00d.tmp-wal",
                   ".copy.db.0badf00d.tmp-shm", ".copy.db.1badf00d.tmp-journal", old=True)
    running = _left(tmp_path, ".copy.db.0123abcd.tmp", old=True) + _left(
        tmp_path, ".copy.db.0123abcd.tmp-wal", old=False)
    atomic_write_text(target, "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [target.name, *(p.name for p in running)])
    assert not any(p.exists() for p in killed)


def test_a_killed_builds_database_goes_when_the_next_build_there_begins(tmp_path):
    """`init`, the bundled night or a rehearsal killed part-way left a hidden, half-made
    database (`.building-….db`, `-wal`, `-shm`) beside its target for ever. The next
    build in the folder removes those an hour old; a build at work (new files) and
    anything not named as a build are left."""
    killed = _left(tmp_path, ".building-ab_cd123.db", ".building-ab_cd123.db-wal",
                   ".building-ab_cd123.db-shm", ".rehearsal-zz9yy8xx.db-journal", old=True)
    running = _left(tmp_path, ".rehearsal-k2j3h4g5.db", ".rehearsal-k2j3h4g5.db-wal",
                    old=False)
    others = _left(tmp_path, ".building-notes.db", "building-ab_cd123.db", old=True)
    init_election(tmp_path / "night.db", "Night").close()
    assert not any(p.exists() for p in killed)
    assert all(p.exists() for p in running + others)


def test_a_databases_backup_removes_what_killed_restores_and_builds_left_beside_it(
        nominations_db):
    """A restore killed part-way left its copy of the backup (`.night.db.….tmp`, its
    `-wal` and `-shm`) and the contents it was keeping (`.night-before-restore-….db.….tmp`)
    beside the database, which nothing ever wrote over: each timestamped backup (every few
    minutes while a desk is open) removes them once an hour old. The contents a restore
    kept, finished, are the user's."""
    folder = nominations_db.parent
    stem = nominations_db.stem
    killed = _left(folder, f".{nominations_db.name}.0badf00d.tmp",
                   f".{nominations_db.name}.0badf00d.tmp-wal",
                   f".{nominations_db.name}.0badf00d.tmp-shm",
                   f".{stem}-before-restore-20260101-000000.db.1badf00d.tmp",
                   f".{stem}-before-restore-20260101-000000.db.1badf00d.tmp-journal",
                   f".{stem}-before-restore-20260101-000000-2.db-wal.2badf00d.tmp",
                   ".building-ab_cd123.db", old=True)
    kept = _left(folder, f"{stem}-before-restore-20260101-000000.db",
                 ".other.db.0badf00d.tmp", old=True)
    running = _left(folder, f".{nominations_db.name}.0123abcd.tmp", old=False)
    with Store(nominations_db) as store:
        timestamped_backup(store, folder / "backups", "periodic", keep=2)
    assert not any(p.exists() for p in killed)
    assert all(p.exists() for p in kept + running)


def test_a_restore_removes_what_a_killed_restore_left(nominations_db, tmp_path):
    with Store(nominations_db) as store:
        copy = backup(store, tmp_path / "copy.db")
    killed = _left(nominations_db.parent, f".{nominations_db.name}.0badf00d.tmp-wal",
                   f".{nominations_db.stem}-before-restore-20260101-000000.db.1badf00d.tmp",
                   old=True)
    restore(copy, nominations_db)
    assert not any(p.exists() for p in killed)


def test_a_databases_backup_removes_what_a_killed_upgrade_left_beside_it(nominations_db):
    """An upgrade killed while it copied the file as it was (kill -9 during `summary` on a
    file of the previous schema) left its part-copy, as big as the night, under a hidden
    name no write ever took again (`.night-before-schema-13-TIME.db.….tmp`, the time in
    it): one more whole election's worth of disk at each such kill. Each timestamped
    backup removes it once an hour old, as a killed restore's; a finished kept copy is
    the user's."""
    folder, stem = nominations_db.parent, nominations_db.stem
    killed = _left(folder, f".{stem}-before-schema-13-20260101-000000.db.1badf00d.tmp",
                   f".{stem}-before-schema-13-20260101-000000.db.1badf00d.tmp-journal",
                   f".{stem}-before-schema-13-20260101-000000-2.db.2badf00d.tmp", old=True)
    kept = _left(folder, f"{stem}-before-schema-13-20260101-000000.db", old=True)
    running = _left(folder, f".{stem}-before-schema-13-20260101-000001.db.0123abcd.tmp",
                    old=False)
    with Store(nominations_db) as store:
        timestamped_backup(store, folder / "backups", "periodic", keep=2)
    assert not any(p.exists() for p in killed)
    assert all(p.exists() for p in kept + running)


def test_a_databases_backup_removes_what_a_restore_killed_upgrading_left(nominations_db):
    """A restore of a backup made by an older ResultsDesk upgrades its copy beside the
    database, and the upgrade keeps that copy as it was, named after it
    (`.night.db.….tmp` → `.night.db.…-before-schema-13-TIME.db`), removed at the restore's
    end: a restore killed after the upgrade left it, a whole election's worth of disk that
    no backup or restore ever removed (its name is no temporary file's). Found by killing
    `restore` of an older backup at random moments."""
    folder, name = nominations_db.parent, nominations_db.name
    kept = f".{name}.0badf00d-before-schema-13-20260101-000000.db"
    killed = _left(folder, kept, f"{kept}-journal", f".{kept}.1badf00d.tmp",
                   f".{kept}.1badf00d.tmp-journal", old=True)
    running = _left(folder, f".{name}.0123abcd-before-schema-13-20260101-000001.db",
                    old=False)
    theirs = _left(folder, ".other.db.0badf00d-before-schema-13-20260101-000000.db", old=True)
    with Store(nominations_db) as store:
        timestamped_backup(store, folder / "backups", "periodic", keep=2)
    assert not any(p.exists() for p in killed)
    assert all(p.exists() for p in running + theirs)
