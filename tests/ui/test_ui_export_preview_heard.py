"""File > Export graphic's preview heard in words: what goes to air was a picture named
"Preview" and nothing more, so someone on a screen reader could not check the graphic
before saving it into the watch folder. The preview says what it shows as the window's
charts do (`charts.describe`), following the graphic chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible


def _description(widget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Description)


def test_the_preview_says_what_it_shows_and_follows_the_choice(qtbot, main_window, night_db):
    win = main_window(night_db, user="presenter")
    dialog = win.export_graphic("seats")
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Preview"), timeout=30_000)
    assert _description(dialog.preview).startswith("Seats: 650 of 650 declared. Lab 411 (+")
    assert _description(dialog.preview).endswith("326 for a majority.")
    dialog.kind.setFocus()
    qtbot.waitUntil(dialog.kind.hasFocus)
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)  # the next graphic: the chamber
    assert dialog.kind.currentData() == "hemicycle"
    qtbot.waitUntil(lambda: _description(dialog.preview).startswith("The chamber: Lab 411"),
                    timeout=30_000)
    # a graphic with no words of its own (a seat's result card) says none, not the last one's
    dialog.kind.setCurrentIndex(dialog.kind.findData("card"))
    qtbot.waitUntil(lambda: _description(dialog.preview) == "", timeout=30_000)
