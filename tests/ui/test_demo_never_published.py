"""The demo never reaches the watch folder.

`resultsdesk demo` opens a throw-away copy of the whole 2024 night with the desk's own
settings, publishing folder included. A correction made there, or the Publishing dialog
saved there (which publishes the night at once), wrote the demo's 650 results into the
live watch folder under the live names (seats.png, card.png, feed.json): a graphics system
reading it would have put a demo on air. The demo's window publishes nothing, says why when
its Publishing dialog is saved, and publishes again once another election is opened in it."""

from __future__ import annotations

import shutil

from PySide6.QtWidgets import QDialog

from resultsdesk.desk.publishing import PublishSettings
from resultsdesk.ui import publish_dialog
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.publisher import save_publish_settings


def _window(qtbot, db, **kwargs) -> MainWindow:
    application()
    window = MainWindow(db, user="alice", **kwargs)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_demo_publishes_nothing(qtbot, night_db, tmp_path, monkeypatch):
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("seats",))
    save_publish_settings(settings)
    demo = _window(qtbot, night_db, label="demo: a throw-away copy", demo=True)

    class Saved(QDialog):  # the Publishing dialog, saved as it was
        def __init__(self, before, parent=None):
            super().__init__(parent)

        def exec(self):
            return True

        def settings(self):
            return settings

    monkeypatch.setattr(publish_dialog, "PublishDialog", Saved)
    demo.edit_publishing()  # saved: a window on the night would publish it now
    demo.publisher.enqueue("E14001279")  # a seat verified or corrected in the demo
    assert demo.publisher.queue == [] and not demo.publisher._busy  # nothing under way
    assert "The demo publishes nothing" in demo.statusBar().currentMessage()
    assert list(folder.iterdir()) == []

    other = tmp_path / "night.db"  # File > Open of the desk's own election, in that window
    shutil.copyfile(night_db, other)
    demo.publisher.follow(other, None)
    with qtbot.waitSignal(demo.publisher.published, timeout=60_000):
        demo.publisher.enqueue(None)
    assert (folder / "seats.png").exists()
