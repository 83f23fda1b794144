"""A check box whose words wrap at its width, for the declaration form's warnings.

A QCheckBox draws its text on one line and asks its layout for that line's width: a
warning naming four candidates on 0 widened the form to 1,138 pixels at 9 pt and to 1,938
at 16 pt, its Save button past a laptop screen's right edge. This one asks for little width
and the height its words take at the width it is given (height-for-width, which the form's
fitting to the screen counts: ballot_area.wrapped); its text stays its own (`text()`, the
name a screen reader says, Space ticking it, the style sheet's colours and focus ring).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)

LEAST_CHARS = 24  # the narrowest it goes: a few words a line, never a word a line
_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap \
    | Qt.TextFlag.TextShowMnemonic


class WrappingCheckBox(QCheckBox):
    """A QCheckBox that wraps its text instead of widening its window for it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        # as tall as its lines: a Fixed box (QCheckBox's own) was given one line's height
        # in the middle of the room its layout kept for all of them
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _option(self, width: int) -> QStyleOptionButton:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.rect = QRect(0, 0, width, max(self.height(), 1))
        return option

    def _text_rect(self, width: int) -> QRect:
        """Where the words go in a box `width` wide: right of the tick, inside the padding."""
        option = self._option(width)
        return self.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, self)

    def _text_height(self, width: int) -> int:
        room = max(self._text_rect(width).width(), 1)
        return self.fontMetrics().boundingRect(QRect(0, 0, room, 100_000), _FLAGS,
                                               self.text()).height()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        one_line = super().sizeHint().height()
        return one_line + max(0, self._text_height(width) - self.fontMetrics().height())

    def minimumSizeHint(self) -> QSize:
        whole = super().minimumSizeHint()
        least = whole.width() - self.fontMetrics().horizontalAdvance(self.text()) \
            + self.fontMetrics().averageCharWidth() * LEAST_CHARS
        return QSize(min(whole.width(), least), whole.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()  # one line: as wide as that, if its window has room
        return QSize(hint.width(), self.heightForWidth(hint.width()))

    def hitButton(self, pos: QPoint) -> bool:
        """A click on the tick or on any line of the words: Qt's box takes one only in the
        strip one line of them would fill, mid-box, and a click on the first or last line
        of a wrapped warning did nothing."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        style = self.style()
        tick = style.subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, self)
        place = style.subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, self)
        words = self.fontMetrics().boundingRect(place, int(_FLAGS), self.text())
        return tick.united(words).contains(pos)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Qt's own box, tick, focus ring and background with no text; the words wrapped
        # after it, in the colour the style sheet gave the box.
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        text = option.text
        option.text = ""
        painter.drawControl(QStyle.ControlElement.CE_CheckBox, option)
        option.text = text
        place = self.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(place, int(_FLAGS), text)
