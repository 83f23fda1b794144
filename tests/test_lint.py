"""The code base stays ruff-clean: a lint failure fails the build like any other test."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff not installed")
def test_ruff_clean():
    paths = [p for p in ("resultsdesk", "tests", "benchmarks", "packaging") if (ROOT / p).is_dir()]
    result = subprocess.run([sys.executable, "-m", "ruff", "check", *paths],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
