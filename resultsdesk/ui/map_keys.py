"""The map by keyboard (`MapKeys`, on the Map dock's canvas; listed in `keys.MAP_KEYS`):
reached by Tab, the canvas rings a "current seat" (`charts.map_cursor`: the seat chosen in
the results table, else the middle of the map), which the arrow keys move to the touching
hex that way; Enter does what a click on it does (selects it in the results table, the
keyboard staying on the map); Esc clears it. The seat in words (as hover says it) stands
beside the Zoom list (`SeatLine`) and is the canvas's accessible description, so a screen
reader says where the keys are. Only the ring is drawn again on a key press.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from .keys import ENTER_KEYS
from .style import as_written

if TYPE_CHECKING:
    from ..charts.map_cursor import MapCursor
    from .map_view import MapView

ARROWS = {Qt.Key.Key_Left: "left", Qt.Key.Key_Right: "right", Qt.Key.Key_Up: "up",
          Qt.Key.Key_Down: "down"}
KEYS = (*ARROWS, *ENTER_KEYS, Qt.Key.Key_Escape)


def _plain(event: QKeyEvent) -> bool:
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() in KEYS and modifiers == Qt.KeyboardModifier.NoModifier


class SeatLine(QLabel):
    """One line, the current seat's words, cut with "…" to the room the bar leaves (the
    whole of them on hover): never widening the dock, as a long result would."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapCurrentSeat")
        self.setTextFormat(Qt.TextFormat.PlainText)  # a seat's name as written
        # one line high: free to grow down, the bar took half the dock from the map
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.full = ""

    def say(self, text: str) -> None:
        self.full = text
        self.setToolTip(as_written(text) if text else "")
        self._fit()

    def _fit(self) -> None:
        self.setText(self.fontMetrics().elidedText(self.full, Qt.TextElideMode.ElideRight,
                                                   max(0, self.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


class MapKeys(QObject):
    """An event filter on `view`'s canvas: the keys above, and the ring shown while the
    canvas has the keyboard (a ring that stayed after the keyboard left would say the
    keys still act there)."""

    def __init__(self, view: MapView) -> None:
        super().__init__(view)
        self.view = view
        self.line = SeatLine(view)
        view.canvas.installEventFilter(self)

    @property
    def cursor(self) -> MapCursor:
        return self.view.chart.cursor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            self._show(True)
        elif kind == QEvent.Type.FocusOut:
            self._show(False)
        elif (kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
              and isinstance(event, QKeyEvent) and _plain(event) and self._has_map()):
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()  # ours while the map has the keyboard, whatever a menu binds
                return True
            self._key(event.key())
            return True
        return False

    def _has_map(self) -> bool:
        return self.view.chart.cursor.artist is not None and self.view.canvas.isVisible()

    def _key(self, key: Qt.Key) -> None:
        cursor = self.cursor
        if key in ARROWS:
            changed = cursor.step(ARROWS[key])
        elif key == Qt.Key.Key_Escape:
            changed = cursor.set(None)
        else:  # Enter: as a click on the hex (from nowhere: the seat the keys start on)
            if cursor.seat() is None:
                self._changed(cursor.set(cursor.start()))
            if cursor.code is not None and cursor.seat() is not None:
                self.view.seat_clicked.emit(cursor.code)
            return
        self._changed(changed)

    def _show(self, on: bool) -> None:
        cursor = self.cursor
        changed = cursor.show(on)
        if on and cursor.seat() is None:  # the keys' start ringed as the map is reached
            changed = cursor.set(cursor.start()) or changed
        self._changed(changed)

    def _changed(self, changed: bool) -> None:
        if changed:
            self.view.canvas.draw_idle()  # the ring's places only (FrameCanvas)
        self.say()

    def set_current(self, code: str) -> None:
        """A seat clicked while the map has the keyboard: the keys go on from there."""
        if self.view.canvas.hasFocus():
            self._changed(self.cursor.set(code))

    def say(self) -> None:
        """The current seat in words beside Zoom and to a screen reader (while the map has
        the keyboard), else the chart's own description."""
        text = self.cursor.text() if self.cursor.shown else ""
        self.line.say(text)
        self.view.describe_current(text)
