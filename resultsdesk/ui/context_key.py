"""Shift+F10 and the Menu key on a table: its right-click menu, at the row the keyboard is
on. Windows turns either key into a context-menu event itself; a Linux desktop (xcb) and the
offscreen platform do not for Shift+F10, so the results table's and the Recount watch's
menus (Export result card…, Export recount watch…) were the mouse's alone there. The
charts do the same in `chart_view.FrameCanvas.keyPressEvent`."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication


def is_menu_key(event: QEvent) -> bool:
    """Shift+F10 (or Menu, where the platform left it a key press)."""
    if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
        return False
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return ((event.key() == Qt.Key.Key_F10 and modifiers == Qt.KeyboardModifier.ShiftModifier)
            or (event.key() == Qt.Key.Key_Menu and modifiers == Qt.KeyboardModifier.NoModifier))


class TableMenuKey(QObject):
    """An event filter on a table: the menu key opens its menu at its current row (the
    viewport's top left corner when it has none), as a right-click there would."""

    def __init__(self, table: QAbstractItemView) -> None:
        super().__init__(table)
        self.table = table
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.table or not is_menu_key(event):
            return False
        viewport = self.table.viewport()
        cell = self.table.visualRect(self.table.currentIndex())
        at = cell.center() if cell.isValid() and viewport.rect().intersects(cell) \
            else QPoint(4, 4)
        menu_event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, at,
                                       viewport.mapToGlobal(at), event.modifiers())
        # to the table itself: its ActionsContextMenu policy shows its actions
        QApplication.sendEvent(self.table, menu_event)
        return True
