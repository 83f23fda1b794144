"""Ctrl+C on a command waiting for another program's write lock stops it at once (found by
a review): SQLite's busy wait is one C call a signal cannot stop, so the command sat out
the rest of the busy timeout (27 s of a 30 s one, SIGINT sent at 3 s) before saying
"interrupted". As a real process: the signal must reach Python's own handler."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from helpers.locations import ROOT

from resultsdesk.paths import log_dir
from resultsdesk.store.database import BUSY_TIMEOUT_ENV

WAITING = "waiting for another program's write to finish"
LONG_WAIT_MS = 600_000  # the lock is never given up in this test's time
BOUND_S = 60  # every wait of the test: far under LONG_WAIT_MS, far over a loaded machine


def _recount_under_way(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM constituencies "
                            "WHERE recount_under_way").fetchone()[0]


def _wait_for_log(proc: subprocess.Popen, words: str) -> None:
    """Until the command's log says `words`: a poll on the process, bounded (it never
    ends by itself here)."""
    log = log_dir() / "resultsdesk.log"
    deadline = time.monotonic() + BOUND_S
    while not (log.exists() and words in log.read_text(encoding="utf-8", errors="replace")):
        assert time.monotonic() < deadline, f"the command never logged {words!r}"
        try:
            proc.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            continue
        pytest.fail(f"the command ended ({proc.returncode}) before it logged {words!r}: "
                    f"{proc.stderr.read() if proc.stderr else ''}")


@pytest.mark.skipif(os.name == "nt", reason="SIGINT is POSIX's")
def test_ctrl_c_while_waiting_for_a_locked_database_stops_at_once(night_db):
    assert _recount_under_way(night_db) == 0
    holder = sqlite3.connect(night_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program, mid-write
    proc = subprocess.Popen(
        [sys.executable, "-m", "resultsdesk", "recount", "--db", str(night_db),
         "--constituency", "Hendon", "--user", "alice"],
        cwd=ROOT, env={**os.environ, BUSY_TIMEOUT_ENV: str(LONG_WAIT_MS)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_log(proc, WAITING)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=BOUND_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        holder.rollback()
        holder.close()
    assert proc.returncode == 130, (out, err)
    assert (out, err) == ("", "resultsdesk: interrupted; nothing half-written was kept.\n")
    assert _recount_under_way(night_db) == 0  # nothing written, and the file writable
    with sqlite3.connect(night_db, timeout=BOUND_S) as conn:
        conn.execute("BEGIN IMMEDIATE")
