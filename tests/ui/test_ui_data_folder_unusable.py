"""The data folder (platformdirs: your own database, backups, drafts, the log) that cannot
be made: a file where a folder belongs, a profile folder not mounted, one not writable.
The app started without --db (from a desktop icon, no terminal open) closed at once with
nothing on screen; its only word was "resultsdesk: error: …/share: File exists" on
standard error. It says so in a box, naming the folder and what to do."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from resultsdesk.domain.errors import FileProblem
from resultsdesk.paths import user_data_dir
from resultsdesk.ui.app import application, open_window


@pytest.fixture
def data_home_is_a_file(tmp_path, monkeypatch):
    blocker = tmp_path / "share"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    return blocker


def test_the_folder_that_cannot_be_made_is_named_in_one_known_error(data_home_is_a_file):
    with pytest.raises(FileProblem) as raised:
        user_data_dir()
    text = str(raised.value)
    assert text.startswith(f"Cannot make ResultsDesk's data folder {data_home_is_a_file}")
    assert "a file stands where a folder belongs" in text
    assert "--db PATH" in text
    assert isinstance(raised.value, OSError)  # (callers guarding file work still catch it)


def test_the_app_without_db_says_so_on_screen(qtbot, data_home_is_a_file, monkeypatch):
    application()
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda parent, title, text, *a: shown.append((title, text))))
    assert open_window(None, user="alice") is None
    assert len(shown) == 1
    assert "data folder" in shown[0][1] and str(data_home_is_a_file) in shown[0][1]
