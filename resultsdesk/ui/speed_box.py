"""A rehearsal's speed as a desk writes it: "×3600", "×0.25", "60 × real time"."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QWidget


class SpeedBox(QDoubleSpinBox):
    """A spin box for a rehearsal's speed (the toolbar's, File > Rehearsal…'s) that shows
    no decimal it does not need: a spin box's own text has every one it keeps ("×3600.0"),
    and one decimal rounded a quarter speed to "×0.3". Two decimals kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(2)

    def textFromValue(self, value: float) -> str:  # (Qt's name: the text shown for `value`)
        text = super().textFromValue(value)  # the locale's digits and decimal point
        point = self.locale().decimalPoint()
        if point in text:
            text = text.rstrip("0").removesuffix(point)
        return text
