"""The results table sorted by keyboard: a click on a column header was the only way, and
no Tab reaches the header, so someone on the keyboard alone could not put the closest
majorities, or the latest declarations, first. View > Sort by (Alt+V, B) lists the columns
shown, the one sorted on ticked with its direction; choosing it again turns the order round,
as a second click on its header does, and the status bar says how the table is sorted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from resultsdesk.ui import constituency_model as cm

ALT = Qt.KeyboardModifier.AltModifier


def _popup() -> QMenu | None:
    popup = QApplication.activePopupWidget()
    return popup if isinstance(popup, QMenu) else None


def _sort_menu(qtbot, window) -> QMenu:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_V, ALT)
    qtbot.waitUntil(lambda: _popup() is not None)
    view = _popup()
    qtbot.keyClick(view, Qt.Key.Key_B)  # Sort &by
    qtbot.waitUntil(lambda: _popup() is not None and _popup() is not view)
    return _popup()


def _choose(qtbot, menu: QMenu, text: str) -> None:
    """Down to `text` with the arrow keys, then Enter."""
    for _ in menu.actions():
        if menu.activeAction() is not None and menu.activeAction().text().startswith(text):
            break
        qtbot.keyClick(menu, Qt.Key.Key_Down)
    assert menu.activeAction().text().startswith(text)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _popup() is None)


def _first_name(window) -> str:
    return window.proxy.index(0, cm.NAME).data()


def test_view_sort_by_sorts_and_turns_the_order_round(qtbot, main_window, night_db):
    window = main_window(night_db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    menu = _sort_menu(qtbot, window)
    shown = [a.text() for a in menu.actions()]
    assert shown[0] == "Constituency (ascending)"  # as the window opens: by name
    assert "Code" not in shown  # a hidden column is not offered
    assert [a.isChecked() for a in menu.actions()].count(True) == 1
    _choose(qtbot, menu, "Majority")
    header = window.table.horizontalHeader()
    assert header.sortIndicatorSection() == cm.MAJORITY
    assert _first_name(window) == "Hendon"  # Lab by 15: the closest first
    assert window.statusBar().currentMessage() == "Results sorted by Majority (ascending)"
    assert window.table.hasFocus()
    _choose(qtbot, _sort_menu(qtbot, window), "Majority")  # again: the other way round
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert _first_name(window) != "Hendon"
    assert window.statusBar().currentMessage() == "Results sorted by Majority (descending)"


def test_a_column_shown_as_a_sign_is_said_in_words(qtbot, main_window, night_db):
    window = main_window(night_db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    _choose(qtbot, _sort_menu(qtbot, window), "Maj %")
    assert window.table.horizontalHeader().sortIndicatorSection() == cm.MAJORITY_PCT
    assert window.statusBar().currentMessage() == (
        "Results sorted by Majority as a share of valid votes (ascending)")
