"""The main window at 1900 × 1000 with its docks narrow: room in the results table for
every column (the tests of the table's widths start from it)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow


def wide_window(qtbot, db, *, table_over: int = 1200) -> MainWindow:
    """The window on `db`, signed in as alice, shown once the table's viewport is wider
    than `table_over` pixels."""
    application()
    win = MainWindow(db, user="alice")
    qtbot.addWidget(win)
    win.show()
    win.showNormal()
    win.resize(1900, 1000)
    win.resizeDocks([win.summary_dock], [300], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: win.table.viewport().width() > table_over)
    return win
