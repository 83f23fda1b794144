"""The window covered while the next person at the desk says who they are.

File > Switch user asked over the window as it stood: bob, come to re-key Hendon blind,
read alice's "Hendon (prov.) 15 · Lab · Con" in the recount watch behind the prompt. The
cover hides everything the window shows (its docks too, a floating one hidden until the
question is answered) without touching what the window has read: the alerts already told
stay told, and nothing is read again for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QVBoxLayout, QWidget

COVER_TEXT = "Who is at the desk? The figures come back once they have said."
# Marks a floating dock `covered` hid, for the layout saved if the window closes meanwhile
# (SIGTERM at the sign-in): `WindowLocker.docks_as_uncovered`.
HIDDEN_BY_COVER = "hiddenByCover"


class ScreenCover(QWidget):
    """An opaque child of the window, over all of it, following its size."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("screenCover")
        self.setAutoFillBackground(True)  # the palette's window colour: nothing shows through
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = QLabel(COVER_TEXT, self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        window.installEventFilter(self)
        self.setGeometry(window.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(watched.rect())
        return super().eventFilter(watched, event)


@contextmanager
def covered(window: QMainWindow) -> Iterator[ScreenCover]:
    """The window covered for the length of the block (floating docks hidden), then as it
    was."""
    cover = ScreenCover(window)
    cover.show()
    cover.raise_()
    floating = [d for d in window.findChildren(QDockWidget) if d.isFloating() and d.isVisible()]
    for dock in floating:
        dock.setProperty(HIDDEN_BY_COVER, True)
        dock.hide()
    try:
        yield cover
    finally:
        for dock in floating:
            dock.setProperty(HIDDEN_BY_COVER, None)  # (None removes it)
            dock.show()
        window.removeEventFilter(cover)
        cover.hide()
        cover.deleteLater()
