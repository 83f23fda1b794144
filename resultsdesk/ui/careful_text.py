"""A box that asks for a line of text (the lot's note, a rejection's comment) and whose Esc
(or close button) asks first once something is typed: "Keep typing", the safe answer to
Enter or Esc, leaves the box open, the text as typed and the cursor in it. With nothing
typed Esc cancels at once. `QInputDialog.getText` gave nothing back on Esc: a stray key
at 3 a.m. lost what was typed, without a word."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QInputDialog, QWidget

from .form_keys import ask_first


@dataclass(frozen=True)
class DiscardQuestion:
    """What Esc asks once text is typed: the question box's object name, title and
    text, and its buttons (throwing the text away, and keeping on typing)."""

    name: str
    title: str
    text: str
    buttons: tuple[str, str]


class CarefulTextBox(QInputDialog):
    """A `QInputDialog` for text whose Esc asks `question` first once text is typed."""

    def __init__(self, parent: QWidget | None, title: str, label: str,
                 question: DiscardQuestion) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setLabelText(label)
        self.question = question

    def reject(self) -> None:
        if not self.textValue().strip():  # nothing typed to lose: Esc cancels at once
            super().reject()
            return
        q = self.question
        ask_first(self, q.name, q.title, q.text, q.buttons,
                  lambda: QInputDialog.reject(self))


def ask_text(box: CarefulTextBox) -> str | None:
    """What was typed in `box` once accepted, or None when the person cancels (or chose
    to discard what they had typed); the box deleted either way."""
    try:
        return box.textValue() if box.exec() == QDialog.DialogCode.Accepted else None
    finally:
        box.deleteLater()
