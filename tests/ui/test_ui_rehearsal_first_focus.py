"""A rehearsal's window opens with the keyboard in the find box, as a live night's does
(README, Keyboard: the toolbar's Jump to and Speed boxes come last, just before the find
box). The rehearsal toolbar's boxes head the focus chain so that they come round just
before it, and the window took that head for its first focus: the desk chief typing a
seat's name ("Bolton") on opening a rehearsal typed it into Jump to instead."""

from __future__ import annotations

from helpers.rehearsal import build
from PySide6.QtWidgets import QApplication

from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow


def test_a_rehearsal_window_opens_with_the_keyboard_in_the_find_box(qtbot, tmp_path):
    application()
    win = MainWindow(build(tmp_path / "watch.db", speed=60), user="alice")
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert win.rehearsal_jump.isVisible()  # a rehearsal's toolbar is there
    assert QApplication.focusWidget() is win.search
    qtbot.keyClicks(QApplication.focusWidget(), "Bolt")
    assert win.search.text() == "Bolt"
    assert win.rehearsal_jump.text() == ""
