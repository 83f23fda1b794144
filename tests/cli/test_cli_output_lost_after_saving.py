"""A command that writes, whose report could not be written (`> /dev/full`, standard output
closed in a cron job): the write was committed, yet the one line said "run the command
again", and a script doing so marked the recount twice, or recorded every seat of an
import as its next version. README: a command stopped after saving says what it saved is
kept; so does one whose output was lost after saving, still exit 1."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from helpers.locations import ROOT
from helpers.seats import HENDON

SAVED = ("resultsdesk: error: could not write the output (No space left on device) after "
         "saving: what it saved is kept (see the audit log, 'resultsdesk audit', before "
         "running it again).")


def _recounts(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM audit_log WHERE action LIKE '%recount%'"
                            ).fetchone()[0]


def _to_full(*argv: str) -> subprocess.CompletedProcess:
    with open("/dev/full", "w") as full:
        return subprocess.run([sys.executable, "-m", "resultsdesk", *argv], cwd=ROOT,
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_a_write_whose_report_is_lost_says_it_was_saved(night_db):
    before = _recounts(night_db)
    done = _to_full("recount", "--db", str(night_db), "--constituency", HENDON,
                    "--user", "alice")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [SAVED]
    assert _recounts(night_db) == before + 1


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_a_read_whose_output_is_lost_still_says_run_it_again(night_db):
    done = _to_full("summary", "--db", str(night_db))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "resultsdesk: error: could not write the output (No space left on device); run the "
        "command again with its output going somewhere it fits"]
