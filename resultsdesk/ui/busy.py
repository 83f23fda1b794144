"""Work the GUI thread cannot hand to a worker, said while it is under way: a whole night read
and shown (the window opening, File > Open), about 3 s at 50,000 seats in which the window
can paint nothing. Without a word the desk saw no window at all after signing in, or the
old night's window frozen after File > Open, and could not tell work from a hang.

`busy` shows the busy cursor and says what is being done: in the window's status bar,
painted before the work starts, or on the cover over it (Switch user on a team desk reads
the night again under `screen_cover`, which hides the status bar), or, with no window yet
(the app starting), on a small card of its own (a splash screen's window), gone with the
work. A screen reader is told too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QMainWindow

from .announce import announce
from .screen_cover import ScreenCover

READING = "Reading the night…"


@contextmanager
def busy(window: QMainWindow | None, message: str = READING) -> Iterator[None]:
    """The busy cursor, and `message` on screen, for the length of the block: in `window`'s
    status bar when it is shown (on its cover when one is up), else on a card of its own.
    Each is painted now (`repaint`): the block holds the event loop, where a paint would
    otherwise wait."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    card = None
    cover = _cover(window)
    before = cover.label.text() if cover is not None else ""
    try:
        if cover is not None:
            # Said where it is seen: the status bar is under the cover, and left as it
            # was there (an alarm stays after Switch user: `_signed_in_again`); it had
            # been replaced by this message and then cleared with it.
            cover.label.setText(message)
            cover.repaint()
            announce(cover.label, message)
        elif window is not None and window.isVisible():
            bar = window.statusBar()
            bar.showMessage(message)
            bar.repaint()
            announce(bar, message)
        else:
            card = _card(message)
        yield
    finally:
        if card is not None:
            card.close()
            card.deleteLater()
        elif cover is not None:
            cover.label.setText(before)
        elif window is not None and window.statusBar().currentMessage() == message:
            window.statusBar().clearMessage()  # (unless the work said something since)
        QApplication.restoreOverrideCursor()


def _cover(window: QMainWindow | None) -> ScreenCover | None:
    """The cover over `window` while the next person says who they are, if it is up."""
    if window is None or not window.isVisible():
        return None
    return next((c for c in window.findChildren(ScreenCover) if c.isVisible()), None)


def _card(message: str) -> QLabel:
    """A plain card saying `message`, in the middle of the screen, painted now. Not a
    `QSplashScreen`: its show() waits up to a second for the window system (a second
    added to every start, offscreen and on X11 alike)."""
    card = QLabel(message)
    card.setObjectName("busyCard")
    card.setWindowFlags(Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
    card.setTextFormat(Qt.TextFormat.PlainText)  # a file's name as written
    card.setAlignment(Qt.AlignmentFlag.AlignCenter)
    card.setFrameShape(QFrame.Shape.Box)
    card.setMargin(2 * card.fontMetrics().height())
    card.adjustSize()
    # Where the sign-in was: the screen with the pointer on it (the primary one failing that).
    screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
    if screen is not None:
        card.move(screen.availableGeometry().center() - card.rect().center())
    card.show()
    card.repaint()
    announce(card, message)
    return card
