"""A seat's History (Ctrl+H) is freed once closed: each opening made a dialog parented to
the window that was never deleted, so a desk checking seats all night piled them up (two
still alive after three openings, found exploring the flows by keyboard)."""

from __future__ import annotations

from helpers.history import on_history
from helpers.seats import HENDON

from resultsdesk.ui.history_dialog import HistoryDialog


def test_each_history_closed_is_deleted(qtbot, main_window, night_db):
    window = main_window(night_db)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.select_code(HENDON)
    opened: list[HistoryDialog] = []
    for n in range(1, 4):
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        on_history(qtbot, window, opened.append)
        qtbot.waitUntil(lambda n=n: len(opened) == n)
    assert len(opened) == 3
    qtbot.waitUntil(lambda: not window.findChildren(HistoryDialog))
