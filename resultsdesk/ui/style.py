"""Colours and small painted things shared by the widgets."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from ..domain.model import Status

STATUS_COLOURS = {
    Status.AWAITING: "#6b6b6b",
    Status.PROVISIONAL: "#b36b00",  # amber: on screen, not yet on air
    Status.VERIFIED: "#1b7f3b",
}
TIE_COLOUR = "#c0392b"
ALERT_COLOUR = TIE_COLOUR  # what must not be missed: banners, failures


def status_colour(status: Status, tie: bool = False) -> str:
    return TIE_COLOUR if tie else STATUS_COLOURS[status]


@lru_cache(maxsize=512)
def party_chip(colour: str, size: int = 12) -> QIcon:
    """A small rounded swatch in the party's colour, outlined so pale colours still show."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(QColor(0, 0, 0, 90))
    painter.drawRoundedRect(0.5, 0.5, size - 1, size - 1, 2, 2)
    painter.end()
    return QIcon(pixmap)
