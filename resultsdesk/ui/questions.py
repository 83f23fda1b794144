"""Questions asked before something that cannot be taken back (withdraw an entry, throw
typed figures away, mark a recount, add seats, replace a baseline): answered by a click, by
Enter or Space on the focused button, or by Alt with a button's underlined letter; never by
that letter alone.

Qt's message box presses the button whose underlined letter is typed with no modifier, so
that "y" answers "&Yes". At a results desk figures and notes are typed fast and blind: a
letter typed on after a slip of Esc (the "d" of "drawn by lot" in the tie's note) threw the
figures away, and a "y" withdrew an entry. The same boxes keep every other key of Qt's
(Enter and Esc give the safe answer, as each question sets; Ctrl+C copies the text).

A box that only tells (one OK) is `messages.tell`'s.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QMessageBox

# A key typed with any of these is a chord, never a slip of typing.
CHORD_MODIFIERS = (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.MetaModifier)


def underlined_key(button: QAbstractButton) -> Qt.Key | None:
    """The key of the letter `button`'s text underlines ("&Yes": Y), if any."""
    shortcut = button.shortcut()
    return shortcut[0].key() if not shortcut.isEmpty() else None


class SteadyQuestion(QMessageBox):
    """A message box whose buttons a letter typed alone never presses (see the module). Its
    text is plain: the seats, files and people it names as written, never read as markup."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not event.modifiers() & CHORD_MODIFIERS and any(
                underlined_key(button) == event.key() for button in self.buttons()):
            event.accept()  # taken, so that it reaches no button and no window behind
            return
        super().keyPressEvent(event)

