"""The command line starts without the heavy libraries: pandas and numpy (sqlite-utils
imported them at every start), matplotlib and Qt are loaded only by what draws."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers.locations import ROOT

HEAVY = ("pandas", "numpy", "matplotlib", "PySide6", "sqlite_utils")

RUN_AND_LIST = f"""
import runpy, sys, json
sys.argv = ["resultsdesk", *sys.argv[1:]]
try:
    runpy.run_module("resultsdesk", run_name="__main__")
except SystemExit:
    pass
sys.stdout = sys.__stdout__
print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))
"""


def heavy_modules_after(*argv: str, tmp_path: Path) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST, *argv], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_version_and_summary_load_no_heavy_library(night_db, tmp_path):
    assert heavy_modules_after("--version", tmp_path=tmp_path) == []
    assert heavy_modules_after("summary", "--db", str(night_db), "--json",
                               tmp_path=tmp_path) == []
