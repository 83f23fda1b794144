"""The demo's throw-away copy goes even when no window ever opens on it (README: "made in
the temporary folder and removed when its window closes"): the name prompt cancelled left
the whole 2024 night, 1.3 MB, in the temporary folder for good."""

from __future__ import annotations

import tempfile

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog

from resultsdesk.desk.election import DEMO_FOLDER_PREFIX
from resultsdesk.ui.app import NOBODY, application, open_window


def _demo_folders(folder) -> list:
    return [p for p in folder.iterdir() if p.name.startswith(DEMO_FOLDER_PREFIX)]


def test_the_demo_copy_goes_when_nobody_says_who_they_are(qtbot, qt_settings, tmp_path,
                                                          monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    application()
    context = QApplication.instance()
    asked = []

    def cancel():  # the open desk's "Who is at the desk?" prompt: Esc
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(10, context, cancel)
            return
        asked.append(_demo_folders(tmp_path))  # the copy is there while it asks
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, context, cancel)
    assert open_window(demo=True) is NOBODY
    assert len(asked) == 1 and len(asked[0]) == 1
    assert _demo_folders(tmp_path) == []
