"""Ctrl+Z in the lot's note, reached by Enter after figures that tie: the form's last step
is taken back (the figure just mistyped), as from a figure field. The empty note took the
key for its own empty history and nothing happened. Once a note is typed, Ctrl+Z takes
back the note's typing first, as a text box does. Keyed with real key presses."""

from __future__ import annotations

from helpers.form_dialogs import shown_form
from helpers.seats import HENDON, TIED
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _focus():
    return QApplication.focusWidget()


def test_undo_from_the_empty_lot_note_takes_back_the_last_figure(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dialog = shown_form(qtbot, store, HENDON, "alice", Mode.ENTER)
        form = dialog.form
        for value in [*TIED, 500]:  # the rejected ballots misheard: 500 for 50
            qtbot.keyClicks(_focus(), str(value))
            qtbot.keyClick(_focus(), Qt.Key.Key_Return)
        qtbot.keyClick(_focus(), Qt.Key.Key_Tab)  # past the total, to the lot
        assert _focus() is form.tie_combo
        qtbot.keyClick(_focus(), Qt.Key.Key_Return)  # on to the lot's note
        assert _focus() is form.tie_note

        qtbot.keyClick(form.tie_note, Qt.Key.Key_Z, CTRL)
        assert form.invalid_edit.text() == ""  # the figure typed last, taken back
        assert _focus() is form.invalid_edit
        qtbot.keyClick(_focus(), Qt.Key.Key_Z, CTRL | SHIFT)
        assert form.invalid_edit.text() == "500"


def test_undo_in_a_typed_lot_note_takes_back_the_note_first(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dialog = shown_form(qtbot, store, HENDON, "alice", Mode.ENTER)
        form = dialog.form
        for value in [*TIED, 50]:
            qtbot.keyClicks(_focus(), str(value))
            qtbot.keyClick(_focus(), Qt.Key.Key_Return)
        form.tie_note.setFocus()
        qtbot.waitUntil(lambda: _focus() is form.tie_note)
        qtbot.keyClicks(form.tie_note, "from a hat")
        qtbot.keyClick(form.tie_note, Qt.Key.Key_Z, CTRL)
        assert form.tie_note.text() == ""
        assert form.invalid_edit.text() == "50"  # the figures as keyed
        assert _focus() is form.tie_note
