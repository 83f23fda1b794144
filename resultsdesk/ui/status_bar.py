"""The main window's status bar: a message too long for the room left of the permanent
widgets ends in "…", so a cut-off list of seats ("Recount range: Hendon 15, Poole 18, …")
says there is more, which Qt's own bar does not (it clips mid-word). The whole text stays
`currentMessage()`, and the window puts it in the tooltip while it is an alert.

An alert is drawn here too, red and semi-bold (`set_alert`), not by a style sheet: setting
or clearing one restyled the bar and each of its permanent widgets and laid them out again,
~1 ms each time a close result turned the bar red or "Backed up to …" turned it plain, on
verifications that were already the night's slowest to show."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QStatusBar, QStyle, QStyleOption, QWidget

from .style import colours

# QStatusBar's own margins for its message (QStatusBarPrivate::messageRect), so the text
# sits where Qt puts it.
_LEFT = 6
_RIGHT = 12
_GAP = 2


class ElidingStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self._permanent: list[QWidget] = []
        self._alert = False

    @property
    def alert(self) -> bool:
        """Whether the message is drawn as an alert (red, semi-bold)."""
        return self._alert

    def set_alert(self, alert: bool) -> None:
        if alert != self._alert:
            self._alert = alert
            self.update()

    def message_font(self) -> QFont:
        """The font the message is drawn in: the bar's, semi-bold for an alert (the weight
        the alert's style sheet gave it)."""
        font = QFont(self.font())
        if self._alert:
            font.setWeight(QFont.Weight.DemiBold)
        return font

    def addPermanentWidget(self, widget: QWidget, stretch: int = 0) -> None:
        self._permanent.append(widget)
        super().addPermanentWidget(widget, stretch)

    def message_rect(self) -> QRect:
        """Where the message is drawn: from the left margin to the first permanent widget
        in sight (in a right-to-left layout, mirrored)."""
        left, right = _LEFT, self.width() - _RIGHT
        shown = [w for w in self._permanent if w.isVisible()]
        if shown:
            if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
                left = max(left, max(w.geometry().right() for w in shown) + 1 + _GAP)
            else:
                right = min(right, min(w.x() for w in shown) - _GAP)
        return QRect(left, 0, max(right - left, 0), self.height())

    def shown_message(self) -> str:
        """The message as drawn: whole if it fits, else cut with "…" at the end."""
        return QFontMetrics(self.message_font()).elidedText(
            self.currentMessage(), Qt.TextElideMode.ElideRight, self.message_rect().width())

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.currentMessage():
            super().paintEvent(event)
            return
        # What QStatusBar.paintEvent does with a message, but with the text elided (Qt has
        # no elide mode for it). Its permanent widgets paint themselves.
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter,
                                   self)
        painter.setFont(self.message_font())
        painter.setPen(QColor(colours().alert) if self._alert
                       else self.palette().windowText().color())
        painter.drawText(self.message_rect(), Qt.AlignmentFlag.AlignLeading
                         | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine,
                         self.shown_message())
        painter.end()
