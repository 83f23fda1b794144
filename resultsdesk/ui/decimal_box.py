"""Spin boxes that read and show a figure as the desk writes it on any PC: "0.25", "1,000".

Qt's spin boxes follow the PC's locale: on a German, French or Polish desk they showed
"0,50 %" and "×0,25" where the README, the command line and every message write 0.50 and
×0.25, and Arabic-Indic digits on an Arabic one; and they drop what the locale calls a
thousands separator wherever it stands, so "0.25" typed on a German PC was ×25 and "0,5"
typed on a British one was 5 %, both unsaid. These boxes keep Qt's C locale (digits 0-9, a
dot for the decimal, a comma between thousands) and read a comma before one or two digits,
which groups no thousands, as the decimal comma it is."""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QWidget

# A lone comma (no other in the figure) between digits: a thousands comma only as one
# groups them, 1 to 3 digits not led by 0 before it and exactly three after ("3,600");
# else a decimal comma ("0,25", "1,5", ",5", and "0,250", which Qt's C locale, lenient
# about where a group stands, read as 250), or one being typed ("0,", which the C locale
# refuses as a keystroke; "1," on its way to "1,000" reads as 1 meanwhile).
_LONE_COMMA = re.compile(r"(?<![0-9,])([0-9]*),([0-9]*)(?![0-9,])")


def _point(match: re.Match[str]) -> str:
    whole, part = match.group(1), match.group(2)
    if 1 <= len(whole) <= 3 and not whole.startswith("0") and len(part) == 3:
        return match.group(0)  # thousands
    return f"{whole}.{part}"


def desk_figures(box: QAbstractSpinBox) -> None:
    """Show and read `box`'s figure as the desk writes it (digits 0-9, a dot for the
    decimal), whatever the PC's locale: for a whole-number box, Arabic-Indic digits and
    the locale's separators are not what the rest of the desk shows."""
    box.setLocale(QLocale.c())


def decimal_point_read(text: str) -> str:
    """`text` with a decimal comma made the dot the box reads (a thousands comma kept)."""
    return _LONE_COMMA.sub(_point, text)


class DecimalBox(QDoubleSpinBox):
    """A QDoubleSpinBox as the desk writes figures: see the module's docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        desk_figures(self)

    def validate(self, text: str, pos: int) -> object:  # (Qt's name)
        # Judged as read, but the text left as typed: replacing "1,5" by "1.5" as it is
        # typed would make the "1,500" being typed "1.500", which a box of two decimals
        # refuses.
        answer = super().validate(decimal_point_read(text), pos)
        state = answer[0] if isinstance(answer, tuple) else answer
        return QValidator.State(state), text, pos

    def valueFromText(self, text: str) -> float:  # (Qt's name)
        return super().valueFromText(decimal_point_read(text))

    def fixup(self, text: str) -> str:  # (Qt's name)
        return super().fixup(decimal_point_read(text))
