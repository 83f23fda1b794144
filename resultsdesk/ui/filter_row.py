"""The row above the results table: Find, then the Status and Nation filters; on two rows
where one would squeeze Find.

In a window 800 pixels wide the docks keep their own least width, and the filters beside
it squeezed Find to some 60 pixels: a seat's name typed there showed as its last letters
("icay" of "Basildon & Bilericay"), and a tired hand could not check what it typed before
Enter opened the best match. Where Find and the filters do not fit one row with room for
a long name, the filters go under it; the widgets, their order and Tab's order are the same.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

# Find's least room: a long seat name as typed, with the clear button beside it.
LONG_NAME = "Basildon and Billericay"
CLEAR_BUTTON_PX = 40  # the clear button, the frame and the padding


class FilterRow(QWidget):
    """`search` and the filter widgets (label, combo box, label, combo box) after it."""

    def __init__(self, parent: QWidget, search: QLineEdit, filters: list[QWidget]) -> None:
        super().__init__(parent)
        self.setObjectName("filterRow")
        self.search, self.filters = search, filters
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.two_rows: bool | None = None
        for w in (search, *filters):
            w.setParent(self)
        self._arrange(False)
        # Never wider than the two rows need: one row is chosen only where it fits (the
        # layout's own least width for one row held the window wider than an 800 px screen)
        self.setMinimumWidth(self._two_rows_width())

    def find_room(self) -> int:
        """Find's least width: a long seat name shows whole."""
        return self.search.fontMetrics().horizontalAdvance(LONG_NAME) + CLEAR_BUTTON_PX

    def _one_row_width(self) -> int:
        gap = self.grid.horizontalSpacing()
        return self.find_room() + sum(w.sizeHint().width() + gap for w in self.filters)

    def _two_rows_width(self) -> int:
        gap = self.grid.horizontalSpacing()
        filters = sum(w.minimumSizeHint().width() for w in self.filters) \
            + gap * (len(self.filters) - 1)
        return max(self.find_room(), filters)

    def _arrange(self, two_rows: bool) -> None:
        if two_rows == self.two_rows:
            return
        self.two_rows = two_rows
        grid = self.grid
        for w in (self.search, *self.filters):
            grid.removeWidget(w)
        last = len(self.filters)
        if two_rows:
            grid.addWidget(self.search, 0, 0, 1, last + 1)
            for col, w in enumerate(self.filters):
                grid.addWidget(w, 1, col)
            stretches = [0] * last + [1]  # the filters to the left, the room after them
        else:
            grid.addWidget(self.search, 0, 0)
            for col, w in enumerate(self.filters, start=1):
                grid.addWidget(w, 0, col)
            stretches = [1] + [0] * last
        for col, stretch in enumerate(stretches):
            grid.setColumnStretch(col, stretch)

    def _fit(self, width: int) -> None:
        self._arrange(width < self._one_row_width())

    def resizeEvent(self, event) -> None:
        self._fit(event.size().width())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        # A filter's items changed its width (the nations are filled in once the night is
        # read, after the window's first size): the rows are chosen again, no resize needed.
        if event.type() == QEvent.Type.LayoutRequest:
            self.setMinimumWidth(self._two_rows_width())
            self._fit(self.width())
        return super().event(event)
