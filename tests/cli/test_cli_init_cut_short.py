"""`resultsdesk init` cut short: killed (kill -9, a power cut) or the disk filling up
part-way. The new database is made in a dozen schema steps and then given its election,
each committed on its own: cut short between them, it left a file at --db that every
command refused ("empty, not a ResultsDesk database") and `init` would not replace
("already exists; choose a new file name"), or an "Untitled election" with no "create
election" entry that the desk opened as if it were one. A full disk was called a file
"changed outside ResultsDesk ... Restore it from a backup". Now: nothing at --db until it
is whole, and `init` run again makes it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from helpers.cli import assert_one_error_line, run_cli
from helpers.locations import ROOT

from resultsdesk.store import schema

# The command line in a process of its own, killed with SIGKILL at one moment of the init.
KILLED_AT = """
import os, signal, sys
from resultsdesk import cli
from resultsdesk.store import repository, schema
moment = sys.argv[1]
calls = []
def kill(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
if moment == "mid-schema":
    real = schema.run_step
    def step(conn, s):
        calls.append(s)
        if len(calls) == 40:
            kill()
        return real(conn, s)
    schema.run_step = step
else:
    repository.set_election = kill
cli.main(["init", "--db", sys.argv[2], "--name", "GE 2029"])
"""


def election_in(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT name FROM election").fetchall()
    finally:
        conn.close()


@pytest.mark.skipif(not hasattr(os, "kill") or sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("moment", ["mid-schema", "before-the-election"])
def test_an_init_killed_part_way_leaves_nothing_at_its_path(moment, tmp_path):
    db = tmp_path / "night.db"
    done = subprocess.run([sys.executable, "-c", KILLED_AT, moment, str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == -9, done.stderr
    assert not db.exists()
    code, out, _ = run_cli("init", "--db", db, "--name", "GE 2029")
    assert code == 0, out
    assert election_in(db) == [("GE 2029",)]


def test_an_init_on_a_disk_that_fills_up_says_so_and_leaves_nothing(tmp_path, monkeypatch):
    db = tmp_path / "night.db"
    real = schema.run_step

    def on_a_small_disk(conn, step):  # the file may grow by a few pages more
        if not getattr(on_a_small_disk, "set", False):
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages + 8}")
            on_a_small_disk.set = True
        return real(conn, step)

    monkeypatch.setattr(schema, "run_step", on_a_small_disk)
    code, out, err = run_cli("init", "--db", db, "--name", "GE 2029")
    assert_one_error_line(code, out, err, f"The disk holding {db} is full", "nothing was saved")
    assert "outside ResultsDesk" not in err
    assert not db.exists()
    assert [p.name for p in tmp_path.iterdir()] == []  # nor half a build beside it
    monkeypatch.undo()
    assert run_cli("init", "--db", db, "--name", "GE 2029")[0] == 0
    assert election_in(db) == [("GE 2029",)]
