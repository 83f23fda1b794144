"""Declaration actions from the Recount watch, beyond the docked watch's own tests
(test_ui_seat_list_shortcuts): the watch floated off the window, and a seat clicked on the
map while the keyboard is in the watch."""

from __future__ import annotations

from helpers.seats import BASILDON, HENDON
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _watch_on(qtbot, window, code: str):
    """The focus in the watch (as Tab leaves it), moved down to `code`'s row by arrows."""
    table = window.recount_table
    qtbot.waitUntil(table.isVisible)
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Home)
    model = window.recount_model
    for _ in range(next(i for i in range(model.rowCount()) if model.row_at(i).code == code)):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    return table


def test_a_form_from_a_floating_watch_gives_the_focus_back_to_its_row(qtbot, main_window,
                                                                       night_db):
    """The floating watch is a window of its own: the focus went back to Find in the main
    window (whose own focus widget the watch's row never was), as the README says it no
    longer does."""
    window = main_window(night_db, user="alice")
    window.recount_dock.setFloating(True)
    window.recount_dock.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window.recount_dock)
    table = _watch_on(qtbot, window, HENDON)
    qtbot.keyClick(table, Qt.Key.Key_C, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.active_dialog is not None)
    dialog = window.active_dialog
    assert dialog.form.sheet.code == HENDON
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.vote_edits[0])
    qtbot.keyClick(dialog.form.vote_edits[0], Qt.Key.Key_Escape)  # nothing typed: closes
    qtbot.waitUntil(lambda: window.active_dialog is None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table, timeout=2000)
    assert window.recount_model.row_at(table.currentIndex().row()).code == HENDON


def test_a_seat_clicked_on_the_map_is_the_one_declaration_shortcuts_act_on(qtbot, main_window,
                                                                           night_db):
    """The map's canvas takes no focus on a click: the keyboard stayed on the watch's row,
    and Ctrl+Shift+R after clicking Basildon on the map asked about Hendon, the watch's row,
    while the results table showed Basildon chosen."""
    from test_ui_map import _map_on_screen, _point_of

    window = main_window(night_db, user="alice")
    window.activateWindow()  # as a window manager does (offscreen Qt does too; bare X does not)
    qtbot.waitUntil(window.isActiveWindow)
    view = _map_on_screen(qtbot, window)
    window.recount_dock.raise_()
    qtbot.waitUntil(lambda: view.on_screen() and window.recount_table.isVisible())
    table = _watch_on(qtbot, window, HENDON)
    QTest.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=_point_of(view, BASILDON))
    qtbot.waitUntil(lambda: window.selected_code() == BASILDON)
    qtbot.keyClick(QApplication.focusWidget() or table, Qt.Key.Key_R, CTRL_SHIFT)
    qtbot.waitUntil(lambda: getattr(window, "recount_box", None) is not None)
    assert "for Basildon and Billericay?" in window.recount_box.text()
    window.recount_box.reject()
