"""An installation without its `resources/` folder (a wheel built without its data, a folder
deleted) is said to be one, with what to do, in one line, exit 1: the command line called it
"a bug in ResultsDesk, not something you did" (found by a review)."""

from __future__ import annotations

import pytest
from helpers.cli import refused, run

from resultsdesk import paths


@pytest.fixture
def installed_without_resources(monkeypatch, tmp_path):
    """`paths` as if installed in a folder that has no resources beside or inside it."""
    package = tmp_path / "site-packages" / "resultsdesk"
    package.mkdir(parents=True)
    monkeypatch.setattr(paths, "__file__", str(package / "paths.py"))
    monkeypatch.delattr("sys._MEIPASS", raising=False)
    return package


def test_missing_resources_are_an_installation_problem(capsys, tmp_path,
                                                       installed_without_resources):
    """`rehearse` reads the bundled 2019 night from them (what is read once and kept, the
    map's layouts, may already be in this process: not a command to try it with)."""
    made = tmp_path / "made"
    made.mkdir()
    line = refused(run(capsys, "rehearse", "--db", made / "r.db"),
                   "ResultsDesk is not installed whole: its resources folder is missing "
                   f"(looked for {installed_without_resources.parent / 'resources'} or "
                   f"{installed_without_resources / '_resources'}); reinstall ResultsDesk.")
    assert "bug" not in line
    assert list(made.iterdir()) == []
