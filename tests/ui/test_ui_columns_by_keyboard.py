"""The results table's hidden columns (Code, Nation, Region, Turnout ±) shown by keyboard:
the only way was a right-click on a column header, which Tab never reaches, so someone on
the keyboard alone could never show a seat's GSS code or its turnout change. View > Columns
(Alt+V, U) offers the same ticks as the header's menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from resultsdesk.ui import constituency_model as cm

ALT = Qt.KeyboardModifier.AltModifier


def _popup() -> QMenu | None:
    popup = QApplication.activePopupWidget()
    return popup if isinstance(popup, QMenu) else None


def test_view_columns_shows_a_hidden_column_by_keyboard(qtbot, main_window, night_db):
    window = main_window(night_db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.focus_search()
    qtbot.waitUntil(window.search.hasFocus)
    header = window.table.horizontalHeader()
    code = cm.COLUMNS.index("Code")
    assert header.isSectionHidden(code)
    qtbot.keyClick(window.search, Qt.Key.Key_V, ALT)
    qtbot.waitUntil(lambda: _popup() is not None)
    view = _popup()
    qtbot.keyClick(view, Qt.Key.Key_U)  # Col&umns
    qtbot.waitUntil(lambda: _popup() is not None and _popup() is not view)
    columns = _popup()
    ticks = {a.text(): a for a in columns.actions()}
    assert list(ticks) == list(cm.COLUMNS)
    assert not ticks["Code"].isChecked() and ticks["Status"].isChecked()
    assert not ticks["Constituency"].isEnabled()  # the names are never hidden
    assert columns.activeAction() is ticks["Code"]  # the first that can be ticked
    qtbot.keyClick(columns, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _popup() is None)
    assert not header.isSectionHidden(code)
    # and hidden again the same way, the tick following the column
    qtbot.keyClick(window.search, Qt.Key.Key_V, ALT)
    qtbot.waitUntil(lambda: _popup() is not None)
    view = _popup()
    qtbot.keyClick(view, Qt.Key.Key_U)
    qtbot.waitUntil(lambda: _popup() is not None and _popup() is not view)
    columns = _popup()
    assert columns.activeAction().text() == "Code" and columns.activeAction().isChecked()
    qtbot.keyClick(columns, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _popup() is None)
    assert header.isSectionHidden(code)
