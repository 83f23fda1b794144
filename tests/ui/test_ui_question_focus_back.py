"""A question the desk's window asks (here: Mark recount under way, Ctrl+Shift+R)
answered by Alt and its letter: the keyboard is back where it was, in Find, so Enter opens
the seat's form. The focus was nowhere once the box had gone (the window manager left to
give it back, as none does on a bare X display): Enter and Ctrl+E did nothing at all."""

from __future__ import annotations

from helpers.seats import HENDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.ui.form_checks import Mode

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def test_after_alt_m_marks_a_recount_enter_opens_its_form(qtbot, main_window, night_db):
    window = main_window(night_db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, "Hendon")
    qtbot.keyClick(window.search, Qt.Key.Key_R, CTRL | SHIFT)
    qtbot.waitUntil(lambda: getattr(window, "recount_box", None) is not None
                    and QApplication.activeWindow() is window.recount_box)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M)  # a letter alone: nothing
    assert window.recount_box.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, ALT)
    qtbot.waitUntil(lambda: not window.recount_box.isVisible())
    assert dk.load_sheet(window.desk, HENDON).recount_under_way
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)

    qtbot.keyClick(window.search, Qt.Key.Key_Return)  # the recount's count, keyed next
    qtbot.waitUntil(lambda: window.active_dialog is not None)
    form = window.active_dialog.form
    assert (form.sheet.code, form.mode) == (HENDON, Mode.ENTER)
    assert "these figures are recount 1" in form.state_label.text()
