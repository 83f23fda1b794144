"""File > Open database starts beside the election open, but never in the demo's
throw-away folder: there the dialog showed a temporary folder holding only
`demo-2024.db`, the demo itself, which goes when the demo does. Found by a first walk
through the demo at 1366 × 768 (Ctrl+O)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QFileDialog

from resultsdesk.desk.election import DEMO_FILE, DEMO_FOLDER_PREFIX
from resultsdesk.paths import user_data_dir


@pytest.fixture
def start_folder(monkeypatch) -> list[str]:
    """The folder each File > Open database dialog was opened in (it is then cancelled)."""
    started: list[str] = []

    def asked(_parent, _title, folder, _filter):
        started.append(folder)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", asked)
    return started


def test_the_demo_opens_files_from_the_data_folder(main_window, night_db, tmp_path,
                                                   start_folder):
    demo = tmp_path / f"{DEMO_FOLDER_PREFIX}x1y2" / DEMO_FILE
    demo.parent.mkdir()
    shutil.copy(night_db, demo)
    window = main_window(demo, label="demo", demo=True)
    window.choose_database()
    # where the desk's own election is, as File > Rehearsal offers its new database
    assert start_folder == [str(user_data_dir())]


def test_an_election_of_ones_own_opens_files_beside_it(main_window, night_db, start_folder):
    window = main_window(night_db, user="alice")
    window.choose_database()
    assert start_folder == [str(night_db.parent)]
