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
# What a read-only command has no use for: other commands' modules, the account rules, the
# replay's rules, OpenSSL (loaded for a seal or a sign-in).
NOT_FOR_A_READ = ("resultsdesk.cli.rehearse", "resultsdesk.cli.exports",
                  "resultsdesk.cli.declarations", "resultsdesk.desk.accounts",
                  "resultsdesk.desk.backends", "resultsdesk.domain.replay", "_hashlib",
                  # an up-to-date file: no migration, so neither their text nor the audit
                  # chain's rules they seal with; nor the import's readers and rules
                  "resultsdesk.store.schema", "resultsdesk.store.audit_chain",
                  "resultsdesk.domain.audit_chain", "resultsdesk.desk.imports",
                  "resultsdesk.io.columns",
                  # the log rotates without logging.handlers (socket, pickle, queue); no
                  # backup code, no declaration writes, no password prompt
                  "logging.handlers", "resultsdesk.store.backup", "resultsdesk.files",
                  "resultsdesk.store.declarations", "getpass",
                  # the domain's values are records: no dataclasses, so no inspect either
                  "dataclasses", "inspect", "resultsdesk.domain.figures",
                  # the check for a network share reads the mount table: ctypes is for
                  # Windows and macOS only, and no program is run to ask
                  "ctypes", "subprocess")

RUN_AND_LIST = """
import runpy, sys, json
watched = json.loads(sys.argv[1])
sys.argv = ["resultsdesk", *sys.argv[2:]]
try:
    runpy.run_module("resultsdesk", run_name="__main__")
except SystemExit:
    pass
sys.stdout = sys.__stdout__
print(json.dumps(sorted(m for m in watched if m in sys.modules)))
"""


def heavy_modules_after(*argv: str, tmp_path: Path, watched: tuple[str, ...] = HEAVY
                        ) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST, json.dumps(watched), *argv],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_version_and_summary_load_no_heavy_library(night_db, tmp_path):
    assert heavy_modules_after("--version", tmp_path=tmp_path) == []
    assert heavy_modules_after("summary", "--db", str(night_db), "--json",
                               tmp_path=tmp_path) == []


def test_summary_loads_only_what_a_read_needs(night_db, tmp_path):
    assert heavy_modules_after("summary", "--db", str(night_db), "--json", tmp_path=tmp_path,
                               watched=NOT_FOR_A_READ) == []
