"""Typing any text into a widget by key presses, as a person (or an input method) would."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def type_text(widget, text: str) -> None:
    """A key press and release for each character: QTest's for ASCII, and for any other
    (QTest.keyClicks cannot map it to a key and aborts: the test accounts' passwords have
    an ä, a name may come full-width from a CJK input method) one carrying that text, as
    an input method sends it."""
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, char))
