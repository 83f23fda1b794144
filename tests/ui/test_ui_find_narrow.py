"""Find (Ctrl+F) in a window 800 pixels wide (an 800 × 600 screen, a projector, a window
beside another): the search box was squeezed to some 60 pixels by the Status and Nation
filters beside it, so a seat's name typed there showed as its last three or four letters
("icay" of "Basildon & Bilericay"), and a tired hand could not check what it typed before
Enter opened the best match. Where one row would squeeze it, the filters go under it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle, QToolButton, QWidget

CTRL = Qt.KeyboardModifier.ControlModifier
TYPED = "Basildon & Bilericay"  # README's own example of what Find is typed with


@pytest.mark.parametrize("width", [800, 1366])
def test_what_is_typed_in_find_shows_whole_in_a_narrow_window(qtbot, main_window,
                                                              nominations_db, width):
    window = main_window(nominations_db, user="alice")
    window.showNormal()
    window.resize(width, 600)
    qtbot.waitUntil(lambda: window.width() <= width)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, TYPED)
    assert window.selected_code() == "E14001077"  # found, selected: Enter would open it
    # The room for the text: from the box's left edge to its clear button (shown once
    # something is typed), less the frame and padding on the left.
    search = window.search
    clear = [b for b in search.findChildren(QToolButton) if b.isVisible()]
    room = min((b.x() for b in clear), default=search.width()) - search.style().pixelMetric(
        QStyle.PixelMetric.PM_DefaultFrameWidth) - 2
    needed = search.fontMetrics().horizontalAdvance(TYPED)
    assert needed <= room, f"Find has {room} px for '{TYPED}' ({needed} px): it is cut"
    row = window.findChild(QWidget, "filterRow")
    assert row.two_rows is (width == 800)  # one row wherever it fits (a laptop's width)
    # Tab's order is the same on two rows: Find, the Status filter, the Nation filter
    qtbot.keyClick(search, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.status_filter
    qtbot.keyClick(window.status_filter, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.nation_filter
