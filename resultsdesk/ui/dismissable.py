"""A banner that whoever has read it can take down: the recount alert. It stayed until the
next close result, with nothing to click and no key to press: "Recount range: Hendon: Lab
majority 15 (verified)" in red over the watch long after everyone had read it.

Its Dismiss button, at the banner's right end, is a button like every other: reached by Tab
(the watch's first stop, before its table), ringed when focused (the application's style
sheet), pressed by a click or Space; Esc there dismisses too, as a desktop app's
notification does. Esc nowhere else: it is the rehearsal boxes' and the dialogs' key.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QPushButton, QWidget

from .announce import AlertLabel
from .keys import plain_key

INSET_PX = 3  # between the button and the banner's edge: the banner's red all round it


class DismissButton(QPushButton):
    """Pressed by a click or Space; Esc presses it too (`plain_key`)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if plain_key(event, Qt.Key.Key_Escape):
            self.click()
            return
        super().keyPressEvent(event)


class DismissableAlert(AlertLabel):
    """An `AlertLabel` with a Dismiss button (`dismiss_button`); `dismissed` says it was
    pressed: the owner decides what goes, as it decides what the banner shows."""

    dismissed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None, *,
                 speaks: bool = True) -> None:
        super().__init__(name, parent, speaks=speaks)
        # No mnemonic: Alt+D is the Declaration menu's.
        self.dismiss_button = DismissButton("Dismiss", self)
        self.dismiss_button.setAccessibleName(f"Dismiss {name.lower()}")
        self.dismiss_button.setToolTip(f"Dismiss the {name.lower()} (Esc while this has the "
                                       "focus); its seats stay on the watch")
        self.dismiss_button.clicked.connect(self.dismissed)
        self._room_for_button()

    def _room_for_button(self) -> None:
        """The text wraps short of the button, and the banner is never lower than it.
        Measured with the button styled (its padding), and again whenever a style sheet
        is applied, which sets a label's margins from its padding: kept from before it, the
        room was Qt's unstyled button's, and at 16 pt "majority" ran under "Dismiss"."""
        self.dismiss_button.ensurePolished()
        hint = self.dismiss_button.sizeHint()
        margins = self.contentsMargins()
        margins.setRight(hint.width() + INSET_PX)
        if margins != self.contentsMargins():
            self.setContentsMargins(margins)
        self.setMinimumHeight(hint.height() + 2 * INSET_PX)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.Polish, QEvent.Type.StyleChange,
                            QEvent.Type.FontChange):
            self._room_for_button()
        return handled

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        hint = self.dismiss_button.sizeHint()
        # top right: beside the first line of a banner that wraps onto several
        self.dismiss_button.setGeometry(self.width() - hint.width() - INSET_PX, INSET_PX,
                                        hint.width(), hint.height())
