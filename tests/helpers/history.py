"""A seat's History opened as a person opens it (Ctrl+H in the main window), with `act` run
on the dialog once it is up: the shortcut's slot opens it modally, so `act` is run from the
event loop, polling until the dialog is there; the dialog is closed after, whatever `act`
did, so the test goes on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from resultsdesk.ui.history_dialog import HistoryDialog


def on_history(qtbot, window, act: Callable[[HistoryDialog], None]) -> None:
    """Ctrl+H in `window`'s find box, `act(dialog)` on the History it opens, then closed."""
    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, HistoryDialog):
            QTimer.singleShot(10, window, drive)
            return
        try:
            act(dialog)
        finally:
            dialog.reject()

    QTimer.singleShot(0, window, drive)
    qtbot.keyClick(window.search, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
