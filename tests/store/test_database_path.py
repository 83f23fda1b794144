"""The database path: files ResultsDesk cannot use, or not fully.

Not an SQLite file, a real one with pages overwritten, a read-only file, a file locked by
another program, a schema newer than the app, a full disk. Each must give a clear
StoreError (through the API) or exit 1 with one "resultsdesk: error: ..." line (the command
line), without hanging, and without damage: the file's bytes unchanged where nothing may be
written, otherwise integrity_check ok and the data that was there intact.

Default run ~15 s; there is no long variant:

    python3 -m pytest tests/store/test_database_path.py -p no:cacheprovider

The locked-file tests shorten the wait for a lock with RESULTSDESK_BUSY_TIMEOUT_MS (default
10 s). The real-full-disk and OS-read-only tests need root (tmpfs mount, chattr +i) or a
non-root user (chmod) and say why when they skip.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from helpers import dbcheck
from helpers.cli import refused as assert_refused
from helpers.cli import run_cli, run_process
from helpers.locations import GE2024
from helpers.seats import HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.imports import import_results
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import SCHEMA_VERSION, Store, StoreError, database
from resultsdesk.store.database import BUSY_TIMEOUT_ENV, BUSY_TIMEOUT_MS, DamagedDatabase

WARNINGS = WARNING_CODES


def declare_args(db: Path, sheet: dk.SeatSheet, bump: int = 0) -> list[str]:
    """`resultsdesk declare` of plausible figures for a seat."""
    args = ["declare", "--db", db, "--constituency", sheet.code, "--user", "ann"]
    args += [f"--vote={c.name}={1000 + 100 * i + bump}" for i, c in enumerate(sheet.candidates)]
    return args + [f"--override={w}" for w in WARNINGS]


@pytest.fixture
def hendon(nominations_db) -> dk.SeatSheet:
    with Store(nominations_db) as store:
        return dk.load_sheet(store, HENDON)


def fresh_figures(sheet: dk.SeatSheet) -> list[int]:
    return [1000 + 100 * i for i in range(len(sheet.candidates))]


# --- not an SQLite file -----------------------------------------------------------------------


NOT_SQLITE = {  # case: (its bytes, given the bytes of a real night; what the message says)
    "CSV text": (lambda night: b"ONS ID,Constituency name\r\nE14001063,Somewhere\r\n" * 100,
                 "is not a ResultsDesk database (not a readable SQLite file)"),
    "random bytes": (lambda night: random.Random(1).randbytes(65_536),
                     "is not a ResultsDesk database (not a readable SQLite file)"),
    "PNG image": (lambda night: b"\x89PNG\r\n\x1a\n" + random.Random(2).randbytes(5_000),
                  "is not a ResultsDesk database (not a readable SQLite file)"),
    "SQLite header, then garbage": (
        lambda night: b"SQLite format 3\x00" + random.Random(3).randbytes(8_192),
        "is not a ResultsDesk database (not a readable SQLite file)"),
    "first half of a real file": (lambda night: night[:len(night) // 2], "is damaged"),
    "first page of a real file": (lambda night: night[:4_096], "is damaged"),
    "empty file": (lambda night: b"", "is empty, not a ResultsDesk database"),
}


@pytest.mark.parametrize("case", list(NOT_SQLITE))
def test_not_an_sqlite_file(case, tmp_path, _night_2024, hendon):
    make, message = NOT_SQLITE[case]
    db = tmp_path / "election.db"
    content = make(_night_2024.read_bytes())
    db.write_bytes(content)
    with pytest.raises(StoreError, match=r"election\.db") as info:
        Store(db)
    assert message in str(info.value)
    assert_refused(run_cli("summary", "--db", db), "election.db", message)
    assert_refused(run_cli(*declare_args(db, hendon)), "election.db", message)
    assert_refused(run_cli("import", "results", GE2024, "--db", db), "election.db", message)
    assert db.read_bytes() == content
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0


# --- a real file with damaged pages -----------------------------------------------------------


def damage(db: Path, where: float, pages: int = 3, page_size: int = 4096) -> None:
    """Overwrite the inside of a few pages, leaving the file header alone."""
    total = db.stat().st_size // page_size
    rng = random.Random(where)
    with db.open("r+b") as fh:
        for page in range(int(total * where), int(total * where) + pages):
            fh.seek(page * page_size + 100)
            fh.write(rng.randbytes(page_size - 200))


@pytest.mark.parametrize("where", [0.3, 0.5, 0.8])
def test_damaged_pages_are_refused_then_restored_from_a_backup(where, night_db, tmp_path,
                                                                hendon):
    backup = tmp_path / "backup.db"
    assert run_cli("backup", "--db", night_db, "--out", backup)[0] == 0
    with Store(night_db) as store:
        before = national_summary(store).to_json_dict()
    damage(night_db, where)
    damaged = dbcheck.digest(night_db)
    with pytest.raises(DamagedDatabase) as info:
        Store(night_db)
    assert str(info.value).startswith(f"{night_db} is damaged (")
    assert "Restore it from a backup" in str(info.value)
    for argv in (["summary", "--db", night_db], declare_args(night_db, hendon),
                 ["correct", "--db", night_db, "--constituency", HENDON, "--user", "ann",
                  "--reason", "x", *[f"--vote={c.name}=5" for c in hendon.candidates]],
                 ["import", "results", GE2024, "--db", night_db],
                 ["backup", "--db", night_db, "--out", tmp_path / "more.db"]):
        assert_refused(run_cli(*argv), "night-2024.db is damaged", "resultsdesk restore")
    assert_refused(run_process("summary", "--db", night_db), "is damaged")
    assert dbcheck.digest(night_db) == damaged  # nothing touched it
    # what the message says to do works, and keeps the damaged file beside it
    code, _, err = run_cli("restore", backup, "--db", night_db)
    assert code == 0, err
    assert dbcheck.integrity(night_db) == "ok"
    with Store(night_db) as store:
        assert national_summary(store).to_json_dict() == before
    (kept,) = tmp_path.glob("night-2024-before-restore-*.db")
    assert dbcheck.digest(kept) == damaged


# --- read-only ---------------------------------------------------------------------------------


def check_read_only(db: Path, sheet: dk.SeatSheet) -> None:
    """Reading works; every write is refused with a clear message; the file is untouched."""
    content = dbcheck.digest(db)
    before = dbcheck.counts(db)
    code, out, err = run_cli("summary", "--db", db)
    assert code == 0 and "0 of 650 declared" in out, err
    with Store(db) as store:
        assert dk.load_sheet(store, HENDON).current_version == 0
        with pytest.raises(StoreError, match=r"election\.db is read-only; ResultsDesk needs to "
                                             r"write to it"):
            dk.declare(store, HENDON, user="ann", figures=Figures(fresh_figures(sheet), 0),
                       overrides=WARNINGS)
        with pytest.raises(StoreError, match="is read-only"):
            import_results(store, GE2024)
        assert not store._conn.in_transaction
    assert_refused(run_cli(*declare_args(db, sheet)), "election.db is read-only")
    assert_refused(run_cli("import", "results", GE2024, "--db", db), "is read-only")
    assert dbcheck.digest(db) == content
    assert dbcheck.counts(db) == before and dbcheck.integrity(db) == "ok"


@pytest.fixture
def election_db(nominations_db) -> Path:
    """The nominations under a name the messages can be matched on."""
    db = nominations_db.with_name("election.db")
    shutil.copyfile(nominations_db, db)
    return db


def test_read_only_file(election_db, hendon):
    """chmod 0o444; as root, where permissions do not stop writes, the immutable flag."""
    if os.geteuid() != 0:
        election_db.chmod(0o444)
        undo = [lambda: election_db.chmod(0o644)]
    else:
        try:
            subprocess.run(["chattr", "+i", str(election_db)], check=True, capture_output=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            pytest.skip("running as root, where chmod 0o444 does not stop writes, and "
                        f"chattr +i is not available here ({exc}); "
                        "test_read_only_open covers the same through mode=ro")
        undo = [lambda: subprocess.run(["chattr", "-i", str(election_db)], check=True)]
    try:
        with pytest.raises(OSError):
            election_db.open("r+b").close()  # really read-only
        check_read_only(election_db, hendon)
    finally:
        for step in undo:
            step()


def test_read_only_open(election_db, hendon, monkeypatch):
    """What SQLite does when it cannot open a file for writing: it opens it read-only
    (mode=ro), which works whoever runs the tests."""
    connect = sqlite3.connect

    def read_only(path, *args, **kwargs):
        return connect(f"file:{Path(path).resolve()}?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr(database.sqlite3, "connect", read_only)
    check_read_only(election_db, hendon)


# --- locked by another program ----------------------------------------------------------------


def test_busy_timeout_comes_from_the_environment(nominations_db, monkeypatch):
    monkeypatch.delenv(BUSY_TIMEOUT_ENV, raising=False)
    assert database.busy_timeout_ms() == BUSY_TIMEOUT_MS == 10_000
    for raw, expected in (("250", 250), (" 0 ", 0), ("soon", 10_000), ("-5", 10_000)):
        monkeypatch.setenv(BUSY_TIMEOUT_ENV, raw)
        assert database.busy_timeout_ms() == expected
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "1234")
    with Store(nominations_db) as store:
        assert store.scalar("PRAGMA busy_timeout") == 1234


def test_locked_by_another_programs_write(election_db, hendon, monkeypatch):
    """Another connection holds BEGIN EXCLUSIVE: writes wait for the busy timeout, then say
    the file is locked; reads go on (WAL); once released, everything works."""
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "400")
    holder = sqlite3.connect(election_db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE election SET name = 'Renamed by the other program'")
    try:
        code, out, err, took = run_process(*declare_args(election_db, hendon), timeout=60)
        line = assert_refused((code, out, err), "election.db is locked by another program",
                              "waited 0.4 s", "try again")
        assert 0.4 <= took < 30, f"{took:.1f} s for: {line}"
        code, out, err, _ = run_process("summary", "--db", election_db, timeout=60)
        assert code == 0 and "0 of 650 declared" in out, err  # readers are not held up
        before = dbcheck.counts(election_db)
        with Store(election_db) as store:
            started = time.monotonic()
            with pytest.raises(StoreError, match="is locked by another program"):
                import_results(store, GE2024)
            assert time.monotonic() - started >= 0.4
            with pytest.raises(StoreError, match="is locked"):
                dk.declare(store, HENDON, user="ann", figures=Figures(fresh_figures(hendon), 0),
                           overrides=WARNINGS)
            assert not store._conn.in_transaction
        assert dbcheck.counts(election_db) == before
    finally:
        holder.execute("COMMIT")
        holder.close()
    code, out, err, _ = run_process(*declare_args(election_db, hendon), timeout=60)
    assert code == 0 and "version 1" in out, err
    assert dbcheck.integrity(election_db) == "ok"
    with Store(election_db) as store:  # the other program's change and ours, both whole
        assert store.scalar("SELECT name FROM election") == "Renamed by the other program"
        assert dk.load_sheet(store, HENDON).latest.votes == tuple(fresh_figures(hendon))


def test_locked_exclusively_even_for_reading(election_db, hendon, monkeypatch):
    """A program in exclusive locking mode keeps everyone out, readers too: the app says so
    when it opens the file, after the timeout, instead of hanging."""
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "300")
    holder = sqlite3.connect(election_db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("UPDATE election SET name = name")  # takes the lock, and keeps it
    try:
        started = time.monotonic()
        with pytest.raises(StoreError, match=r"election\.db is locked by another program"):
            Store(election_db)
        assert 0.3 <= time.monotonic() - started < 30
        for argv in (["summary", "--db", election_db], declare_args(election_db, hendon)):
            code, out, err, took = run_process(*argv, timeout=60)
            assert_refused((code, out, err), "is locked by another program")
            assert took < 30
    finally:
        holder.close()
    assert run_cli("summary", "--db", election_db)[0] == 0
    assert dbcheck.integrity(election_db) == "ok"


# --- a newer schema -----------------------------------------------------------------------------


def test_schema_newer_than_the_app(night_db, hendon):
    conn = sqlite3.connect(night_db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    content = dbcheck.digest(night_db)
    with pytest.raises(StoreError, match=f"newer ResultsDesk \\(schema {SCHEMA_VERSION + 1}\\)"):
        Store(night_db)
    for argv in (["summary", "--db", night_db], declare_args(night_db, hendon),
                 ["import", "results", GE2024, "--db", night_db],
                 ["history", "--db", night_db, "--constituency", HENDON]):
        assert_refused(run_cli(*argv), "night-2024.db was written by a newer ResultsDesk",
                       f"up to schema {SCHEMA_VERSION}", "Upgrade ResultsDesk")
    assert dbcheck.digest(night_db) == content
    conn = sqlite3.connect(night_db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")  # only the marker was in the way
    conn.commit()
    conn.close()
    assert dbcheck.integrity(night_db) == "ok"
    with Store(night_db) as store:
        assert national_summary(store).declared == 650


# --- a full disk --------------------------------------------------------------------------------


def _small_disk(monkeypatch, spare_pages: int) -> None:
    """Every Store opened from now on may grow by only a few pages (PRAGMA max_page_count
    on its connection): a disk that fills up."""
    prepare = Store._check_and_prepare

    def prepare_on_a_small_disk(self, create):
        prepare(self, create)
        pages = self._conn.execute("PRAGMA page_count").fetchone()[0]
        self._conn.execute(f"PRAGMA max_page_count = {pages + spare_pages}")

    monkeypatch.setattr(Store, "_check_and_prepare", prepare_on_a_small_disk)


def test_disk_full_during_a_big_import(nominations_db, hendon):
    before = dbcheck.counts(nominations_db)
    with Store(nominations_db) as store:
        pages = store.scalar("PRAGMA page_count")
        store.scalar(f"PRAGMA max_page_count = {pages + 8}")
        with pytest.raises(StoreError) as info:
            import_results(store, GE2024)
        assert str(info.value) == (
            f"The disk holding {nominations_db} is full (or the file reached its size limit);"
            " nothing was saved. Free some space and try again.")
        assert not store._conn.in_transaction
        # what fits still saves
        version = dk.declare(store, HENDON, user="ann", figures=Figures(fresh_figures(hendon), 0),
                             overrides=WARNINGS)
        assert version.version == 1
    after = dbcheck.counts(nominations_db)
    assert after["declarations"] == before["declarations"] + 1
    assert after["audit_log"] == before["audit_log"] + 1
    assert dbcheck.integrity(nominations_db) == "ok" and dbcheck.half_saved(nominations_db) == []


def test_disk_full_through_the_command_line(nominations_db, monkeypatch):
    _small_disk(monkeypatch, spare_pages=8)
    before = dbcheck.counts(nominations_db)
    assert_refused(run_cli("import", "results", GE2024, "--db", nominations_db),
                   "nominations-2024.db is full", "nothing was saved")
    assert dbcheck.counts(nominations_db) == before
    assert dbcheck.integrity(nominations_db) == "ok"


def test_real_full_disk(nominations_db, tmp_path, hendon):
    """A filesystem with a few hundred KB free: SQLite fails at COMMIT, the case the page
    limit above does not reach."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    size_kb = nominations_db.stat().st_size // 1024 + 288
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs; the max_page_count tests cover the "
                    "statement-level case")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs",
                           str(mount)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({made.stderr.strip()})")
    try:
        db = mount / "election.db"
        shutil.copyfile(nominations_db, db)
        before = dbcheck.counts(db)
        code, out, err, _ = run_process("import", "results", GE2024, "--db", db)
        assert_refused((code, out, err), "election.db is full", "nothing was saved")
        with Store(db) as store:
            with pytest.raises(StoreError, match="is full"):
                import_results(store, GE2024)
            assert not store._conn.in_transaction
            assert dk.declare(store, HENDON, user="ann", figures=Figures(fresh_figures(hendon), 0),
                              overrides=WARNINGS).version == 1
        after = dbcheck.counts(db)
        assert after["declarations"] == before["declarations"] + 1
        assert dbcheck.integrity(db) == "ok" and dbcheck.half_saved(db) == []
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_failed_commit_leaves_the_store_usable(nominations_db, hendon):
    """When COMMIT itself fails (here a deferred foreign key; a full disk does the same),
    the transaction is rolled back, not left open: nothing of it lands, and the next save
    works instead of failing with 'does not nest'."""
    before = dbcheck.counts(nominations_db)
    with Store(nominations_db) as store:
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"), store.write():
            store._conn.execute("PRAGMA defer_foreign_keys = ON")
            store._conn.execute("INSERT INTO candidates (constituency_id, party_id, first_name,"
                               " surname, ballot_order) VALUES (99999, 99999, 'No', 'One', 1)")
            store.audit("ann", "sneak", "election")
        assert not store._conn.in_transaction
        assert dk.declare(store, HENDON, user="ann", figures=Figures(fresh_figures(hendon), 0),
                          overrides=WARNINGS).version == 1
    after = dbcheck.counts(nominations_db)
    assert after["candidates"] == before["candidates"]
    assert after["audit_log"] == before["audit_log"] + 1
    assert dbcheck.integrity(nominations_db) == "ok"

