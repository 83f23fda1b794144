"""The code base stays ruff-clean: a lint failure fails the build like any other test."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers.locations import ROOT


def test_ruff_clean():
    """Runs the ruff of this Python (`python3 -m ruff`, from the test extra), not whatever
    `ruff` is on PATH; a missing ruff fails the test instead of skipping it silently."""
    found = subprocess.run([sys.executable, "-m", "ruff", "--version"],
                           capture_output=True, text=True)
    if found.returncode != 0:
        pytest.fail(f"ruff is not installed for {sys.executable}: install the test extra "
                    f"(pip install -e '.[test]'). {found.stderr.strip()}")
    paths = [p for p in ("resultsdesk", "tests", "benchmarks", "packaging") if (ROOT / p).is_dir()]
    result = subprocess.run([sys.executable, "-m", "ruff", "check", *paths],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
