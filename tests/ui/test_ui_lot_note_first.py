"""An entry whose figures tie, the winner drawn chosen: the form asks for the lot's note
before its warnings, so that the warning's "Tick a warning to accept it (Space), then
Ctrl+S" is true. Asked after them, the box ticked and Ctrl+S saved nothing: "Add a note on
how the lot was drawn.", the cursor sent back up to the note. The message follows the
form as it changes: a winner chosen while the warnings are said asks for the note."""

from __future__ import annotations

from helpers.form_dialogs import shown_form
from helpers.seats import HENDON, TIED
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.store import Store

CTRL = Qt.KeyboardModifier.ControlModifier
NOTE = "Drawn from a hat by the returning officer"


def focused():
    return QApplication.focusWidget()


def _tied_and_keyed(qtbot, form) -> None:
    """Hendon's figures typed, Con and Lab level, each with Enter: on to the total."""
    for value in [*TIED, 50]:
        qtbot.keyClicks(focused(), str(value))
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert form.tie_row.isVisible() and focused() is form.total_edit


def test_a_lot_drawn_asks_for_its_note_before_the_warnings(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dialog = shown_form(qtbot, store, HENDON, "alice")
        form = dialog.form
        _tied_and_keyed(qtbot, form)
        while focused() is not form.tie_combo:
            qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        qtbot.keyClick(form.tie_combo, Qt.Key.Key_Down)  # the first of the tied
        drawn = form.tie_combo.currentData()
        assert drawn is not None
        qtbot.keyClick(form.tie_combo, Qt.Key.Key_Return)
        assert focused() is form.tie_note
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(form.tie_note, Qt.Key.Key_Return)  # no note: asked for it
        assert focused() is form.tie_note
        assert "note on how the lot was drawn" in form.message_label.text()
        qtbot.keyClicks(form.tie_note, NOTE)
        said = form.message_label.text()  # what blocks now, once the note is typed
        assert "Tick a warning to accept it (Space), then Ctrl+S." in said, said
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(form.tie_note, Qt.Key.Key_S, CTRL)
        box = focused()
        assert box in form.override_boxes.values()
        qtbot.keyClick(box, Qt.Key.Key_Space)
        with qtbot.waitSignal(form.saved):  # "then Ctrl+S": it saves
            qtbot.keyClick(box, Qt.Key.Key_S, CTRL)
        pending = dk.load_sheet(store, HENDON).pending
        assert (pending.tie_winner_id, pending.note) == (drawn, NOTE)


def test_a_winner_chosen_while_the_warnings_are_said_asks_for_the_note(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dialog = shown_form(qtbot, store, HENDON, "alice")
        form = dialog.form
        _tied_and_keyed(qtbot, form)
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(form.total_edit, Qt.Key.Key_Return)  # the warnings said
        assert "then Ctrl+S" in form.message_label.text()
        box = focused()
        assert box in form.override_boxes.values()
        while focused() is not form.tie_combo:  # back up to the lot
            qtbot.keyClick(focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClick(form.tie_combo, Qt.Key.Key_Down)
        assert "note on how the lot was drawn" in form.message_label.text()
