"""Shift+F10 on the results table and the Recount watch opens the menu a right-click there
opens (Export result card…, Export recount watch…), at the row the keyboard is on: a Linux
desktop and the offscreen platform send no context-menu event for Shift+F10 (Windows does),
so those menus were the mouse's alone. A plain F10, or Shift with another key, opens none."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu


def _menu_after(qtbot, widget, key, modifier) -> tuple[list[str], object]:
    """The texts of the popup menu `key` opens on `widget` (closed at once, Esc), and where
    it opened; ([], None) if none opened."""
    seen: dict = {}

    def close() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen["texts"] = [a.text() for a in menu.actions()]
            seen["at"] = menu.pos()
            qtbot.keyClick(menu, Qt.Key.Key_Escape)

    QTimer.singleShot(0, QApplication.instance(), close)
    qtbot.keyClick(widget, key, modifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    return seen.get("texts", []), seen.get("at")


def test_shift_f10_opens_the_results_tables_menu_at_its_row(qtbot, main_window, night_db):
    window = main_window(night_db, user="editor")
    qtbot.waitExposed(window)
    table = window.table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)
    for _ in range(3):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    row = table.visualRect(table.currentIndex())
    texts, at = _menu_after(qtbot, table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert texts == ["&Export result card…"]
    # at the current row, not the table's corner nor the mouse's place
    assert abs(at.y() - table.viewport().mapToGlobal(row.center()).y()) <= row.height()
    window.activateWindow()  # (offscreen, the closed popup had been the active window)
    qtbot.waitUntil(table.hasFocus)  # the keyboard back where it was once the menu closed


def test_shift_f10_opens_the_recount_watchs_menu(qtbot, main_window, night_db):
    window = main_window(night_db, user="editor")
    qtbot.waitExposed(window)
    window.recount_dock.show()
    window.recount_dock.raise_()
    table = window.recount_table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)
    texts, _ = _menu_after(qtbot, table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert texts == ["&Export recount watch…"]


def test_f10_alone_opens_no_menu(qtbot, main_window, night_db):
    window = main_window(night_db, user="editor")
    qtbot.waitExposed(window)
    table = window.table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)
    texts, _ = _menu_after(qtbot, table, Qt.Key.Key_F10, Qt.KeyboardModifier.NoModifier)
    assert texts == []
