"""`resultsdesk restore` cut short (found by an attack on the command line in the
forty-fourth session):

- restored where no database is yet (the desk PC died; the backup is put back on another),
  a restore killed or interrupted part-way left at --db the file SQLite had begun to copy
  into: empty once its journal was rolled back, and every command then refused it, the
  restore run again too ("new.db is empty, not a ResultsDesk database"). As `init` does,
  nothing is at --db until it is whole, and the restore run again makes it;
- interrupted (Ctrl+C, SIGTERM) after writing its record into the copy it puts in, but
  before that copy was over the database, the command said "interrupted after saving: what
  it saved is kept" of a database it had not changed: the record's commit into its own
  temporary copy was counted as a write to the election."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest
from helpers.cli import run_cli
from helpers.locations import ROOT

from resultsdesk.store import backup as backups

# The command line in a process of its own, killed with SIGKILL at one moment of the
# restore: as its record is written, or as soon as the file the backup is copied into is
# opened (--db itself, or a database built beside it to be moved onto it).
KILLED_AT = """
import os, signal, sqlite3, sys
from resultsdesk import cli
from resultsdesk.store import backup
moment, copy, db = sys.argv[1:4]
def kill(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
if moment == "recording":
    backup._record_restore = kill
else:
    connect = sqlite3.connect
    def copied_into(path, *args, **kwargs):
        conn = connect(path, *args, **kwargs)
        if os.fspath(path) == db or os.path.basename(path).startswith(".building-"):
            kill()
        return conn
    sqlite3.connect = copied_into
cli.main(["restore", copy, "--db", db])
"""


def _summary(db) -> str:
    code, out, err = run_cli("summary", "--db", db, "--json")
    assert code == 0, err
    return out


@pytest.mark.skipif(not hasattr(os, "kill") or sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("moment", ["recording", "copying"])
def test_a_restore_onto_a_new_path_killed_part_way_leaves_nothing_at_it(moment, night_db,
                                                                       tmp_path):
    copy = tmp_path / "copy.db"
    assert run_cli("backup", "--db", night_db, "--out", copy)[0] == 0
    db = tmp_path / "new" / "night.db"
    db.parent.mkdir()
    done = subprocess.run([sys.executable, "-c", KILLED_AT, moment, str(copy), str(db)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == -9, done.stderr
    if db.exists():  # only ever the whole restored night
        assert _summary(db) == _summary(night_db)
    code, _out, err = run_cli("restore", copy, "--db", db)
    assert code == 0, err
    assert _summary(db) == _summary(night_db)


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_restore_interrupted_before_its_copy_is_in_says_nothing_was_kept(
        night_db, tmp_path, monkeypatch):
    copy = tmp_path / "copy.db"
    assert run_cli("backup", "--db", night_db, "--out", copy)[0] == 0
    before = _digest(night_db)
    real = backups.copy_pages

    def interrupted_once_its_record_is_written(*args, once_locked=None, **kwargs):
        if once_locked is None:
            return real(*args, **kwargs)

        def then_ctrl_c() -> None:
            once_locked()  # the current contents kept, the record written into the copy
            raise KeyboardInterrupt  # Ctrl+C before the copy over the database commits

        return real(*args, once_locked=then_ctrl_c, **kwargs)

    monkeypatch.setattr(backups, "copy_pages", interrupted_once_its_record_is_written)
    code, out, err = run_cli("restore", copy, "--db", night_db)
    assert (code, out, err) == (
        130, "", "resultsdesk: interrupted; nothing half-written was kept.\n")
    assert _digest(night_db) == before
