"""An export is the same file every run: nothing in it may depend on the order Python
happens to give a set in that process (string hashing is seeded per process)."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers.locations import ROOT

SEEDS = ("1", "2", "5")  # on each of these the order of the parties' set differed


def test_the_summary_graphic_data_is_the_same_whatever_the_hash_seed(night_db, tmp_path):
    files = []
    for seed in SEEDS:
        out = tmp_path / f"summary-{seed}.json"
        proc = subprocess.run([sys.executable, "-m", "resultsdesk", "export", "summary",
                               "--db", str(night_db), "--out", str(out)], cwd=ROOT,
                              env={**os.environ, "PYTHONHASHSEED": seed},
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        files.append(out.read_bytes())
    assert b'"Others"' in files[0]  # the folded parties' shares are added up
    assert files[1] == files[0] and files[2] == files[0]
