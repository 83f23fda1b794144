"""A rehearsal's speed as a desk writes it: "×3600", "×0.25", "60 × real time"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from .decimal_box import DecimalBox, decimal_point_read


class SpeedBox(DecimalBox):
    """A spin box for a rehearsal's speed (the toolbar's, File > Rehearsal…'s) that shows
    no decimal it does not need: a spin box's own text has every one it keeps ("×3600.0"),
    and one decimal rounded a quarter speed to "×0.3". Two decimals kept.

    `refused` says a speed typed out of range (0.05, under the least 0.1), in the words
    the command line uses, as the box puts the speed it had back: in silence, File >
    Rehearsal…'s Enter then started the rehearsal at ×60 unsaid."""

    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(2)

    def textFromValue(self, value: float) -> str:  # (Qt's name: the text shown for `value`)
        text = super().textFromValue(value)  # the box's digits and decimal point (C's)
        point = self.locale().decimalPoint()
        if point in text:
            text = text.rstrip("0").removesuffix(point)
        return text

    def fixup(self, text: str) -> str:
        """(Qt's name: called with text the box cannot take, before it puts its value back.)"""
        typed = decimal_point_read(
            text.removeprefix(self.prefix()).removesuffix(self.suffix()).strip())
        number, ok = self.locale().toDouble(typed)
        if ok and not self.minimum() <= number <= self.maximum():
            from ..domain.replay import check_speed  # (the replay's rules: a rehearsal's)

            try:
                check_speed(number)
            except ValueError as exc:
                said = str(exc).replace(f"speed {number}", f"speed {typed}", 1)
                self.refused.emit(f"The {said}: the speed stays "
                                  f"{self.prefix()}{self.textFromValue(self.value())}"
                                  f"{self.suffix()}.")
        return super().fixup(text)
