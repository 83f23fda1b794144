"""A label whose text changes with every verification ("326 of 650 declared") without
laying the window out again each time.

`QLabel.setText` tells the layout it sits in that its size may have changed, whatever the
new text: the layout above it, the dock's, then the main window's, are worked out again
and the window repaints the gaps between its docks (a millisecond or two a label, on
every update). `LabelHolder` stands between a label and its layout: it takes the label's
sizes as its own and passes a change on only when one of them really changed. The label
itself repaints as ever.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QWidget


class LabelHolder(QWidget):
    """Holds `label` (made its child, filling it): what a layout is given instead."""

    def __init__(self, label: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else label.parentWidget())
        self.label = label
        label.setParent(self)
        self.setSizePolicy(label.sizePolicy())
        self.setMinimumSize(label.minimumSize())
        # The least width a layout may give it (None: the label's own least, its whole
        # text): set where the owner shortens the text to what it is given.
        self.least_width: int | None = None
        self._told = self._sizes()

    def _sizes(self) -> tuple:
        label = self.label
        return (label.sizeHint(), label.minimumSizeHint(), label.sizePolicy(),
                label.isHidden(), label.heightForWidth(self.width())
                if label.hasHeightForWidth() else None)

    # The label's own sizes, always (a layout asks these only when told something changed).
    def sizeHint(self) -> QSize:
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:
        hint = self.label.minimumSizeHint()
        if self.least_width is not None and self.least_width < hint.width():
            return QSize(self.least_width, hint.height())
        return hint

    def hasHeightForWidth(self) -> bool:
        return self.label.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        return self.label.heightForWidth(width)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())

    def event(self, event) -> bool:
        # A label with a parent but no layout asks its parent to lay out (LayoutRequest)
        # when its text changes: passed on to the real layout only if a size changed.
        if event.type() == QEvent.Type.LayoutRequest:
            sizes = self._sizes()
            if sizes != self._told:
                self._told = sizes
                self.setSizePolicy(self.label.sizePolicy())
                self.updateGeometry()
            return True
        return super().event(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._told = self._sizes()
        self.updateGeometry()  # a text set while hidden asked no one
