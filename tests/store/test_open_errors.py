"""Opening a database SQLite cannot open: it says only "unable to open database file" or
"readonly", and the desk said "its folder is missing or may not be written" of all of them.
Each now says which: the folder missing (or a file in its place), the file's permissions, a
journal in the way, the folder read-only (SQLite creates -wal and -shm beside the database,
even to read it), naming the path.

Permissions do not stop root, who runs these tests in CI. The permission cases run the
command line as a real process in a new user namespace (`unshare(CLONE_NEWUSER)`, no
privilege needed): there root's files are checked by their owner's permission bits, as
anyone's are, so a 0o000 file is unreadable and a 0o555 folder read-only. Where user
namespaces are not allowed they skip, saying so; run as another user they need none.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.cli import refused, run_cli
from helpers.locations import ROOT

from resultsdesk.store import Store, StoreError

CLONE_NEWUSER = 0x10000000


def _without_root_powers() -> None:
    """preexec_fn: this process in a user namespace of its own, where root's powers over
    files stay outside (a child is single-threaded, as unshare needs)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWUSER) != 0:
        raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWUSER)")


def _as_anyone(*argv: object) -> tuple[int, str, str]:
    """The command line as a process whose file access permissions stop."""
    preexec = _without_root_powers if os.geteuid() == 0 else None
    done = subprocess.run([sys.executable, "-m", "resultsdesk", *map(str, argv)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, preexec_fn=preexec)
    return done.returncode, done.stdout, done.stderr


@pytest.fixture(scope="module")
def permissions_apply(tmp_path_factory) -> None:
    """Skip unless a 0o000 file really is unreadable to `_as_anyone`'s processes."""
    probe = tmp_path_factory.mktemp("probe") / "closed"
    probe.write_text("x")
    probe.chmod(0)
    preexec = _without_root_powers if os.geteuid() == 0 else None
    try:
        done = subprocess.run([sys.executable, "-c", f"open({str(probe)!r}).read()"],
                              capture_output=True, timeout=60, preexec_fn=preexec)
    except subprocess.SubprocessError as exc:
        pytest.skip(f"running as root, and no user namespace may be made here ({exc})")
    if done.returncode == 0:
        pytest.skip("permissions do not stop this account from reading a 0o000 file")


@pytest.fixture
def election(nominations_db, tmp_path) -> Path:
    """The nominations in a folder of their own, which the tests make read-only."""
    folder = tmp_path / "desk"
    folder.mkdir()
    db = folder / "election.db"
    shutil.copyfile(nominations_db, db)
    return db


# --- what root meets too ---------------------------------------------------------------------


def _refusal(db: Path, **kwargs: bool) -> str:
    with pytest.raises(StoreError) as info:
        Store(db, **kwargs)
    return str(info.value)


def test_a_missing_folder_is_named(tmp_path):
    db = tmp_path / "no-such-folder" / "election.db"
    said = f"Cannot open {db}: the folder {db.parent} does not exist; check the path, or " \
        "create the folder first."
    assert _refusal(db) == _refusal(db, create=True) == said
    refused(run_cli("init", "--db", db, "--name", "GE 2029"), said)
    assert not db.parent.exists()


def test_a_file_in_the_folders_place_is_named(tmp_path):
    (tmp_path / "desk").write_text("not a folder")
    db = tmp_path / "desk" / "election.db"
    said = f"Cannot open {db}: {tmp_path / 'desk'} is a file, not a folder."
    assert _refusal(db) == _refusal(db, create=True) == said


def test_a_folder_where_the_journal_goes_is_named(election):
    """A folder standing at election.db-wal: SQLite cannot make its write-ahead log."""
    (wal := election.with_name("election.db-wal")).mkdir()
    assert _refusal(election) == f"Cannot open {election}: {wal} is a folder, where SQLite " \
        "keeps the database's journal; move it out of the way."


# --- permissions -----------------------------------------------------------------------------


@pytest.mark.usefixtures("permissions_apply")
def test_a_file_this_account_may_not_read_is_said_so(election):
    election.chmod(0)
    try:
        result = _as_anyone("summary", "--db", election)
    finally:
        election.chmod(0o644)
    refused(result, f"Cannot open {election}: its permissions (----------) do not let this "
                    "account read it")


@pytest.mark.usefixtures("permissions_apply")
def test_a_read_only_folder_is_said_so(election):
    """Even to read, SQLite creates election.db-wal and -shm beside the file."""
    folder = election.parent
    folder.chmod(0o555)
    try:
        results = [_as_anyone("summary", "--db", election),
                   _as_anyone("init", "--db", folder / "new.db", "--name", "GE 2029")]
    finally:
        folder.chmod(0o755)
    refused(results[0], f"Cannot open {election}: its folder {folder} is read-only, and "
                        "SQLite creates the database's journal files (-wal, -shm) beside it")
    refused(results[1], f"Cannot open {folder / 'new.db'}: its folder {folder} is read-only")
    assert not (folder / "new.db").exists()


@pytest.mark.usefixtures("permissions_apply")
def test_a_folder_that_may_not_be_looked_into_is_said_so(election):
    folder = election.parent
    folder.chmod(0o600)
    try:
        result = _as_anyone("summary", "--db", election)
    finally:
        folder.chmod(0o755)
    refused(result, f"Cannot open {election}: this account may not look into a folder on "
                    "its path")


@pytest.mark.usefixtures("permissions_apply")
def test_a_rehearsal_in_a_read_only_folder_is_said_as_inits_is(election):
    """`rehearse --db` named the hidden file it is built under (`.rehearsal-1a2b3c4d.db:
    Permission denied`), a name nobody typed, where `init` says the folder."""
    folder = election.parent
    folder.chmod(0o555)
    try:
        result = _as_anyone("rehearse", "--db", folder / "r.db", "--until", "23:30")
    finally:
        folder.chmod(0o755)
    line = refused(result, f"Cannot open {folder / 'r.db'}: its folder {folder} is read-only")
    assert ".rehearsal-" not in line
    assert sorted(p.name for p in folder.iterdir()) == ["election.db"]


@pytest.mark.usefixtures("permissions_apply")
def test_a_read_only_file_of_an_older_version_says_it_needs_upgrading(election):
    """A colleague's copy of last time's night, read-only: this version upgrades a file
    before reading it, and said only "election.db is read-only; ResultsDesk needs to write
    to it", not why a summary would write, nor what to do."""
    import sqlite3

    from helpers.rehearsal import undo_candidate_party_ids_migration

    from resultsdesk.store import SCHEMA_VERSION

    conn = sqlite3.connect(election, isolation_level=None)
    undo_candidate_party_ids_migration(conn)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.close()
    election.chmod(0o444)
    try:
        result = _as_anyone("summary", "--db", election)
    finally:
        election.chmod(0o644)
    refused(result, f"{election} is read-only, and it was written by an older ResultsDesk "
                    f"(schema {SCHEMA_VERSION - 1}): this version upgrades it to schema "
                    f"{SCHEMA_VERSION} before reading it")
    assert sorted(p.name for p in election.parent.glob("*.db")) == ["election.db"]


def _deep(folder: Path, total: int) -> Path:
    """A database path `total` bytes long: folders of 100 letters, each well short of a
    name's 255-byte limit, so only the whole path's length is in the way."""
    while len(os.fsencode(folder)) < total - 120:
        folder = folder / ("Ynys Môn " + "b" * 90)
    folder.mkdir(parents=True)
    return folder / ("n" * (total - len(os.fsencode(folder)) - 4) + ".db")


def test_a_path_longer_than_sqlite_opens_is_said_so(tmp_path, nominations_db):
    """SQLite opens no path over 512 bytes (its journal's "-journal" counted): it said
    "unable to open database file", read as "its folder is missing or may not be written"
    of a folder that was there and writable."""
    db = _deep(tmp_path, 600)
    said = _refusal(db, create=True)
    assert said.startswith(f"Cannot open {db}: its path is 600 bytes long"), said
    assert "folder is missing" not in said
    refused(run_cli("init", "--db", db, "--name", "GE 2029"), said)
    assert not db.exists()
    # built under a shorter hidden name, init made one SQLite could not open again
    near = _deep(tmp_path / "near", 508)
    refused(run_cli("init", "--db", near, "--name", "GE 2029"), "its path is 508 bytes long")
    assert not near.exists()
    shutil.copyfile(nominations_db, db)  # (the file system itself takes the path)
    assert _refusal(db) == said
    refused(run_cli("summary", "--db", db), said)


def test_a_long_path_sqlite_opens_still_opens(tmp_path):
    Store(_deep(tmp_path, 504), create=True).close()  # the longest SQLite opens
