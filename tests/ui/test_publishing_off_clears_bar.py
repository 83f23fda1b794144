"""Publishing turned off (File > Publishing…, no folder) while the status bar stands on
the red "PUBLISHING FAILED" it falls back to: that failure is over, so the bar says it no
more. It stood there, in red and for good, over a desk that no longer publishes at all: the
window forgot the failure but left its line up, with no time of its own to run out."""

from __future__ import annotations

from helpers.seats import HENDON
from PySide6.QtWidgets import QDialog

from resultsdesk.desk.publishing import PublishSettings
from resultsdesk.ui import publish_dialog
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.publisher import save_publish_settings


def test_turning_publishing_off_takes_its_failure_off_the_bar(qtbot, night_db, tmp_path,
                                                              monkeypatch):
    application()
    save_publish_settings(PublishSettings(tmp_path / "gone", kinds=("seats",)))
    window = MainWindow(night_db, user="editor")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.publisher.failed, timeout=60_000):
        window.publisher.enqueue(HENDON)
    window.publisher._retry.stop()
    bar = window.statusBar()
    bar.showMessage("Hendon: version 2 is now verified.", 10)  # gone by: the bar falls back
    qtbot.waitUntil(lambda: bar.currentMessage().startswith("PUBLISHING FAILED"))

    class Off(publish_dialog.PublishDialog):
        def exec(self) -> int:
            return QDialog.DialogCode.Accepted

        def settings(self):
            return None  # publishing off

    monkeypatch.setattr(publish_dialog, "PublishDialog", Off)
    window.edit_publishing()
    qtbot.waitUntil(lambda: not bar.currentMessage().startswith("PUBLISHING FAILED"))
    assert not bar.alert
