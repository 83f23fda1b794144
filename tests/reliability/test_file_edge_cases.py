"""Files the desk reads and writes when they are not what a command expects (issue 11).

Every case gives exit 1 and ONE "resultsdesk: error: ..." line naming the file, never the
catch-all "unexpected error", and damages nothing: the database keeps its bytes and no
stray temporary file is left behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from helpers import dbcheck
from helpers.cli import refused, run_cli, run_process
from helpers.locations import GE2024
from helpers.seats import HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.publishing import FEED_NAME, PublishSettings, publish
from resultsdesk.domain.model import Figures
from resultsdesk.io import csvfile
from resultsdesk.store import Store
from resultsdesk.store.database import BUSY_TIMEOUT_ENV


def no_leftovers(folder: Path) -> None:
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


# --- where an export, audit or backup is written ------------------------------------------


def test_results_export_into_a_folder_that_does_not_exist(night_db, tmp_path):
    out = tmp_path / "nonexistent" / "r.csv"
    refused(run_cli("export", "results", "--db", night_db, "--out", out),
            str(out.parent), "does not exist")
    assert not out.parent.exists()


def test_results_export_onto_an_existing_folder(night_db, tmp_path):
    out = tmp_path / "r.csv"
    out.mkdir()
    refused(run_cli("export", "results", "--db", night_db, "--out", out),
            str(out), "is a folder")
    assert out.is_dir() and not list(out.iterdir())
    no_leftovers(tmp_path)


@pytest.mark.parametrize("name", ["r.json", "r-constituencies.json", "s.png"])
def test_export_over_a_read_only_file_is_refused(night_db, tmp_path, name):
    """A file made read-only (chmod 444) so that it stays as it is: the export's rename
    would have replaced it, whatever its mode and even for a normal user, with a writable
    file of other contents. Refused naming it, before anything is written; the JSON's
    companion file (r-constituencies.json) is asked about first too."""
    folder = tmp_path / "out"
    folder.mkdir()
    kept = folder / name
    kept.write_text("the desk's copy", encoding="utf-8")
    kept.chmod(0o444)
    command = ("export", "seats") if name.endswith(".png") else ("export", "results")
    out = folder / ("s.png" if name.endswith(".png") else "r.json")
    refused(run_cli(*command, "--db", night_db, "--out", out), f"{kept} is read-only",
            "make it writable, or give another name")
    assert kept.read_text(encoding="utf-8") == "the desk's copy"
    assert _mode(kept) == 0o444
    assert sorted(p.name for p in folder.iterdir()) == [name]


def test_results_export_under_a_file(night_db, tmp_path):
    """A path through a file (not a folder): what a read-only location looks like to root
    too, since root writes through permissions."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    refused(run_cli("export", "results", "--db", night_db, "--out", blocker / "r.csv"),
            str(blocker), "not a folder")
    assert blocker.read_text() == "not a folder"


@contextlib.contextmanager
def read_only_folder(folder: Path):
    """A folder nobody may write into: chmod 0o555 for a normal user; as root (who ignores
    permissions) the immutable flag, or skip saying why."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True) \
        if shutil.which("chattr") else None
    if made is None or made.returncode != 0:
        pytest.skip("running as root, where chmod 0o555 does not stop writes, and chattr +i "
                    "is not available here; test_results_export_under_a_file covers a "
                    "location nobody can write to")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_results_export_into_a_read_only_folder(night_db, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only_folder(folder):
        with pytest.raises(OSError):
            (folder / "probe").write_text("x")  # really read-only, whoever runs this
        refused(run_cli("export", "results", "--db", night_db, "--out", folder / "r.csv"),
                str(folder / "r.csv"), "not allowed to write")
        assert not list(folder.iterdir())


def test_audit_export_into_a_folder_that_does_not_exist(night_db, tmp_path):
    out = Path("/nodir-resultsdesk-test") / "a.csv"
    refused(run_cli("audit", "--db", night_db, "--out", out), str(out.parent), "does not exist")


def test_graphic_onto_an_existing_folder(night_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("dir.png").mkdir()
    refused(run_cli("export", "seats", "--db", night_db, "--out", "dir.png"),
            "dir.png", "is a folder")
    no_leftovers(tmp_path)


def test_backup_onto_an_existing_folder(night_db, tmp_path):
    folder = tmp_path / "somedir"
    folder.mkdir()
    before = dbcheck.digest(night_db)
    refused(run_cli("backup", "--db", night_db, "--out", folder), str(folder), "is a folder")
    assert not list(folder.iterdir())
    assert dbcheck.digest(night_db) == before
    no_leftovers(tmp_path)


# --- a backup over the live file ------------------------------------------------------------


def _same_file_spellings(db: Path, tmp_path: Path, monkeypatch) -> list[str]:
    link = tmp_path / "link.db"
    link.symlink_to(db)
    monkeypatch.chdir(db.parent)
    return [str(db), str(link), db.name, f"./{db.name}", f"{db.parent}/../{db.parent.name}/"
            f"{db.name}", f"{db}-wal"]


def test_backup_over_the_live_database_is_refused(night_db, tmp_path, monkeypatch):
    with Store(night_db) as store:  # a desk has it open
        before = dbcheck.counts(night_db)
        for out in _same_file_spellings(night_db, tmp_path, monkeypatch):
            refused(run_cli("backup", "--db", night_db, "--out", out),
                    "is the database itself")
        assert store.scalar("SELECT count(*) FROM declarations") == before["declarations"]
    assert dbcheck.counts(night_db) == before and dbcheck.integrity(night_db) == "ok"


def test_restore_onto_the_backup_itself_is_refused(night_db):
    before = dbcheck.digest(night_db)
    refused(run_cli("restore", night_db, "--db", night_db), "is the database itself")
    assert dbcheck.digest(night_db) == before


# --- restore while another program writes -------------------------------------------------


def test_restore_while_another_connection_writes_says_locked(night_db, tmp_path):
    backup = tmp_path / "b.db"
    assert run_cli("backup", "--db", night_db, "--out", backup)[0] == 0
    holder = sqlite3.connect(night_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE election SET name = 'Being renamed'")
    try:
        env = {**os.environ, BUSY_TIMEOUT_ENV: "500"}
        code, out, err, took = run_process("restore", backup, "--db", night_db, env=env,
                                           timeout=30)
        refused((code, out, err), str(night_db), "is locked", "nothing was restored")
        assert took < 30
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert dbcheck.integrity(night_db) == "ok"
    assert run_cli("restore", backup, "--db", night_db)[0] == 0  # once free, it works


# --- what an import reads -------------------------------------------------------------------


def test_import_of_a_device_is_refused(nominations_db, tmp_path):
    """/dev/zero never ends: reading it whole ran out of memory. Refused before reading,
    with a memory limit so a regression fails instead of taking the machine down."""
    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    before = dbcheck.digest(nominations_db)
    code, out, err, _ = run_process("import", "results", "/dev/zero", "--db", nominations_db,
                                    preexec=limit_memory)
    refused((code, out, err), "zero", "not a regular file")
    assert dbcheck.digest(nominations_db) == before


def test_import_of_a_fifo_is_refused(nominations_db, tmp_path):
    fifo = tmp_path / "results.csv"
    os.mkfifo(fifo)
    code, out, err, took = run_process("import", "results", fifo, "--db", nominations_db,
                                       timeout=30)
    refused((code, out, err), "results.csv", "not a regular file")
    assert took < 30


def test_import_of_a_huge_file_is_refused_without_reading_it(nominations_db, tmp_path):
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as fh:  # sparse: no disk space, nothing to read
        fh.write(GE2024.read_bytes()[:2000])
        fh.truncate(csvfile.MAX_IMPORT_BYTES + 1)
    before = dbcheck.digest(nominations_db)
    line = refused(run_cli("import", "results", huge, "--db", nominations_db),
                   "huge.csv", "50 MB")
    assert "NUL" not in line
    assert dbcheck.digest(nominations_db) == before


def test_the_size_cap_is_checked_before_and_while_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_IMPORT_BYTES", 1000)
    path = tmp_path / "r.csv"
    path.write_text("a,b\r\n" + "1,2\r\n" * 300)
    with pytest.raises(csvfile.ImportFailure, match=r"r\.csv: is 1,505 bytes: larger than "
                       "1,000 bytes"):
        csvfile.read_rows(path, ("a", "b"))
    path.write_text("a,b\r\n1,2\r\n")
    assert [r.values for r in csvfile.read_rows(path, ("a", "b"))[1]] == [{"a": "1", "b": "2"}]
    # A file whose size says 0 but which has more to read (as /proc's do, or one still
    # being written): only limit + 1 bytes are read, then it is refused.
    proc = Path("/proc/self/maps")
    if proc.is_file() and proc.stat().st_size == 0:
        with pytest.raises(csvfile.ImportFailure, match="maps: is larger than 1,000 bytes"):
            csvfile.read_limited(proc)


# --- file modes: what a desk publishes is readable like any new file; backups are not -------


@contextlib.contextmanager
def umask(value: int):
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_published_files_follow_the_umask_and_backups_stay_private(night_db, tmp_path, mask):
    watch = tmp_path / "watch"
    watch.mkdir()
    with umask(mask):
        assert run_cli("export", "results", "--db", night_db, "--out", tmp_path / "r.json")[0] == 0
        assert run_cli("export", "results", "--db", night_db, "--out", tmp_path / "r.csv")[0] == 0
        assert run_cli("audit", "--db", night_db, "--out", tmp_path / "a.csv")[0] == 0
        assert run_cli("export", "seats", "--db", night_db, "--out", tmp_path / "s.png")[0] == 0
        with Store(night_db) as store:
            publish(store, PublishSettings(watch, kinds=("seats",)), HENDON)
        assert run_cli("backup", "--db", night_db, "--out", tmp_path / "b.db")[0] == 0
    public = 0o666 & ~mask
    for path in (tmp_path / "r.json", tmp_path / "r-constituencies.json", tmp_path / "r.csv",
                 tmp_path / "a.csv", tmp_path / "s.png", watch / FEED_NAME, watch / "seats.png"):
        assert _mode(path) == public, (path.name, oct(_mode(path)))
    assert _mode(tmp_path / "b.db") == 0o600


# --- no display ---------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [[], ["demo"]])
def test_no_display_says_so_instead_of_aborting(tmp_path, argv):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env |= {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
            "HOME": str(tmp_path)}
    code, out, err, _ = run_process(*argv, env=env)
    refused((code, out, err), "no display: run it on the desktop, or use the command line",
            "resultsdesk summary")
    assert not (tmp_path / "data" / "ResultsDesk" / "election.db").exists()


# --- results as JSON are data, not a spreadsheet ------------------------------------------


def test_json_results_keep_text_as_it_is_and_csv_neutralises(nominations_db, tmp_path):
    with Store(nominations_db) as store:
        store._conn.execute("UPDATE candidates SET first_name = '=x' WHERE id = (SELECT c.id "
                           "FROM candidates c JOIN constituencies k ON k.id = c.constituency_id"
                           " WHERE k.code = ? ORDER BY c.ballot_order LIMIT 1)", (HENDON,))
        sheet = dk.load_sheet(store, HENDON)
        votes = [1000 + 37 * i for i in range(len(sheet.candidates))]
        dk.declare(store, HENDON, user="a", figures=Figures(votes, 0),
                   overrides=["low_turnout", "recount_range"])
        dk.verify(store, HENDON, user="b", votes=votes, invalid=0)
    assert run_cli("export", "results", "--db", nominations_db, "--out",
                   tmp_path / "r.json")[0] == 0
    rows = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert "=x" in [r["Candidate first name"] for r in rows]
    assert not any(str(v).startswith("'") for r in rows for v in r.values())
    assert run_cli("export", "results", "--db", nominations_db, "--out",
                   tmp_path / "r.csv")[0] == 0
    assert ",'=x," in (tmp_path / "r.csv").read_text(encoding="utf-8")
    copy = tmp_path / "copy.db"
    assert run_cli("init", "--db", copy, "--name", "copy")[0] == 0
    assert run_cli("import", "results", tmp_path / "r.json", "--db", copy)[0] == 0
    with Store(copy) as store:
        assert store.scalar("SELECT count(*) FROM candidates WHERE first_name = '=x'") == 1


def test_drafts_stay_private_and_a_failed_draft_save_is_an_oserror(tmp_path):
    from resultsdesk.desk.drafts import Draft, save_draft
    from resultsdesk.domain.errors import FileProblem

    with umask(0o022):
        save_draft(tmp_path / "d.draft.json", Draft(HENDON, "declare", 0))
    assert _mode(tmp_path / "d.draft.json") == 0o600
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OSError):  # what the form guards its draft saves with
        save_draft(blocker / "d.draft.json", Draft(HENDON, "declare", 0))
    from resultsdesk.io.safe_csv import atomic_write_text

    with pytest.raises(OSError) as info:
        atomic_write_text(blocker / "d.draft.json", "{}", private=True)
    assert isinstance(info.value, FileProblem) and "not a folder" in str(info.value)
