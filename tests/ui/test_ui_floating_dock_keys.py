"""The window's keys from a dock floated off it (the Recount watch on a second screen): a
window of its own, whose keyboard the main window's own focus does not follow.

Ctrl+F there left the keyboard in the watch (Find had the main window's focus, in a window
not active): the seat's name typed next jumped about the watch's rows, and Enter opened
the watch's seat, not the one typed. A dialog opened from there (Keyboard shortcuts,
History, Export graphic) and closed with Esc gave the keyboard to the main window, at
whatever it last held, not back to the watch's row it was opened from."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def watch(qtbot, main_window, night_db):
    """alice's window on the whole night, the Recount watch floated, its first row focused."""
    window = main_window(night_db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.recount_dock.setFloating(True)
    window.recount_dock.show()
    window.recount_dock.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window.recount_dock)
    table = window.recount_table
    assert window.recount_model.rowCount() > 1
    table.setFocus(Qt.FocusReason.TabFocusReason)
    table.setCurrentIndex(window.recount_model.index(1, 0))
    qtbot.waitUntil(table.hasFocus)
    return window


def test_ctrl_f_in_a_floating_watch_puts_the_keyboard_in_find(qtbot, watch):
    row = watch.recount_table.currentIndex().row()
    qtbot.keyClick(watch.recount_table, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is watch.search)
    assert QApplication.activeWindow() is watch
    QTest.keyClicks(QApplication.focusWidget(), "Hendon")  # typed where Find is
    assert watch.search.text() == "Hendon"
    assert watch.recount_table.currentIndex().row() == row  # the watch's row left alone


@pytest.mark.parametrize("keys", [
    (Qt.Key.Key_F1, NONE),  # Help > Keyboard shortcuts
    (Qt.Key.Key_H, CTRL),  # Declaration > History
    (Qt.Key.Key_E, CTRL | SHIFT),  # File > Export graphic
], ids=["shortcuts", "history", "export"])
def test_a_dialog_closed_gives_the_keyboard_back_to_the_floating_watch(qtbot, watch, keys):
    table = watch.recount_table
    row = table.currentIndex().row()
    answered: list[str] = []

    def esc_when_open() -> None:
        dialog, focus = QApplication.activeWindow(), QApplication.focusWidget()
        if dialog in (None, watch, watch.recount_dock) or focus is None \
                or focus.window() is not dialog:
            QTimer.singleShot(10, watch, esc_when_open)
            return
        answered.append(type(dialog).__name__)
        QTest.keyClick(focus, Qt.Key.Key_Escape)

    QTimer.singleShot(0, watch, esc_when_open)
    qtbot.keyClick(table, *keys)
    qtbot.waitUntil(lambda: bool(answered))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)  # where it was
    assert QApplication.activeWindow() is watch.recount_dock
    assert table.currentIndex().row() == row
