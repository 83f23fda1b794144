"""A right-click menu is freed once it has closed: after the tenth opening the window holds
what it held after the first. A chart's menu (right-click or Shift+F10: Export…, Show
provisional) and the results table's column menu (right-click a header: a checkable action
for each column) were made as the chart's or window's children and never deleted, so an
editor's window kept every menu opened over the night, each a top-level widget of the
application (the column menu with its 14 actions and their slots).
"""
from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

TIMES = 10


def _children(window) -> Counter:
    return Counter(type(child).__name__ for child in window.findChildren(QObject))


def _menus() -> int:
    return sum(isinstance(w, QMenu) for w in QApplication.topLevelWidgets())


def _esc_when_open(qtbot) -> None:
    """Esc in the popup menu as soon as it is open: the menu runs its own event loop, so
    the key is queued before the menu is asked for."""

    def close() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, QApplication.instance(), close)
            return
        qtbot.keyClick(menu, Qt.Key.Key_Escape)

    QTimer.singleShot(0, QApplication.instance(), close)


def _chart_menu(qtbot, window) -> None:
    """Shift+F10 (the keyboard's right-click) on the chart in front: its menu, then Esc."""
    canvas = next(c for c in window.chart_canvases()[:4] if c.on_screen())
    window.activateWindow()  # (back from the menu before: the popup had been the active one)
    qtbot.waitUntil(window.isActiveWindow)
    canvas.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(canvas.hasFocus)
    _esc_when_open(qtbot)
    qtbot.keyClick(canvas, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)


def _column_menu(qtbot, window) -> None:
    """A right-click on the results table's header: the column menu, then Esc."""
    header = window.table.horizontalHeader()
    place = QPoint(10, header.height() // 2)
    _esc_when_open(qtbot)
    QApplication.sendEvent(header.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, place, header.viewport().mapToGlobal(place)))


def _after(qtbot, window, open_menu) -> tuple[Counter, int]:
    open_menu(qtbot, window)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    # what the closing left to the event loop (deleteLater), done now, not at some turn
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return _children(window), _menus()


def test_a_menu_opened_again_and_again_leaves_nothing_behind(qtbot, main_window,
                                                             nominations_db):
    window = main_window(nominations_db)
    qtbot.waitExposed(window)
    for open_menu in (_chart_menu, _column_menu):
        after_one = _after(qtbot, window, open_menu)
        for _ in range(TIMES - 1):
            after = _after(qtbot, window, open_menu)
        assert after[0] - after_one[0] == Counter()
        assert after[1] == after_one[1]
