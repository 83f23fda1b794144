"""What a screen reader is told of a change nobody moved the focus to: a red bar that
appears, a recount alert, a form's "Not verified" answer. Without it such a text is only
on screen (and in colour): someone listening at 3 a.m. hears nothing of it.

`announce` is Qt's live region (an announcement event, 6.8+: AT-SPI on Linux, UI Automation
on Windows, VoiceOver on macOS). `LiveRegion` is a web page's aria-live="polite", for
messages that change as a form is typed in. `AlertLabel` is a banner a screen reader can find
again: named by what it is ("Recount alert"), its words as its description. A QLabel given a
name otherwise hides its text: the name is all Qt reports of it. Its text is plain: a banner
names seats, parties, people and files as written ('Tom & Jerry <b>Ind</b>' read as markup
came out bold, its tags gone)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QWidget


def plain(text: str, widget: QWidget | None = None) -> str:
    """`text` as `widget` shows it, in words: a rich-text label's without its markup; a
    plain-text label's, and the status bar's (drawn as written), whole: "Smith <Ind>" was
    said as "Smith"."""
    if not isinstance(widget, QLabel) or widget.textFormat() == Qt.TextFormat.PlainText:
        return text
    rich = (widget.textFormat() == Qt.TextFormat.RichText or QtGui.Qt.mightBeRichText(text))
    return QTextDocumentFragment.fromHtml(text).toPlainText() if rich else text


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Say `text` now, as from `widget`; assertive interrupts what is being read (a
    failure, a lost server), polite waits for it to finish."""
    if not text:
        return
    event = QAccessibleAnnouncementEvent(widget, plain(text, widget))
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


# The figures in a message follow what is typed ("not the 7 read out", then "not the 79 read
# out"): the same message still, about the same slip, not news.
_FIGURES = re.compile(r"\d+(?:[.,]\d+)*")


def gist(text: str) -> str:
    """What `text` says, its figures left out: whether a message changed into a new one."""
    return _FIGURES.sub("#", text)


class LiveRegion:
    """A form's messages as they change while it is typed in (aria-live="polite"): each said
    once, when it appears or says something new, after what is being read (the digits
    echoed), never over it. Said again on every keystroke, or assertively, they cut off
    each digit's echo; not said at all, someone listening heard of a warning or an error
    only by going to look for it. A message gone, or only its figures changed, is not news.
    Each place the form shows messages in (`place`: its warnings, its errors) is told
    apart, so that one not looked at for a while (warnings while an error stands) keeps
    what it showed: back unchanged, it is not news."""

    def __init__(self, widget: QWidget) -> None:
        self._widget = widget
        self._shown: dict[str, set[str]] = {}  # the gists of the messages on screen

    def showing(self, place: str, messages: Iterable[str]) -> None:
        """`messages`: every one `place` shows now (empty ones are none)."""
        now = {gist(text): text for text in messages if text}
        before = self._shown.get(place, set())
        self._shown[place] = set(now)
        # A form filled in before it opens (a correction's figures, a draft) says nothing:
        # what it shows then is read with it.
        if self._widget.isVisible():
            for key, text in now.items():
                if key not in before:
                    announce(self._widget, text)

    def said(self, place: str, text: str) -> None:
        """`text` in `place` was announced already (a refused save, at once): not news at
        the next keystroke."""
        if text:
            self._shown.setdefault(place, set()).add(gist(text))


class AlertLabel(QLabel):
    """A banner: `name` says what it is, its description what it says now. `speaks`: each
    new text is announced (off where the same words are announced elsewhere, as the
    recount alert's are by the status bar)."""

    def __init__(self, name: str, parent: QWidget | None = None, *, speaks: bool = True) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)  # names as written (the module)
        self._speaks = speaks

    def setText(self, text: str) -> None:  # Qt's name, so every caller sets both
        changed = text != self.text()
        super().setText(text)
        self.setAccessibleDescription(text)  # plain text: its words as they are
        if changed and self._speaks:
            announce(self, text, assertive=True)

    def clear(self) -> None:
        self.setText("")
