"""A correction whose figures tie shows "Winner drawn by lot" with its note, as the entry
does (Enter on the winner moves to the note), and will not save a winner chosen without a
note ("Add a note on how the lot was drawn."). The note typed was then dropped: a
correction has no note (`desk.declarations.correct`, and a team server's correct(), took
none), so the words the desk was made to type were lost. It is kept in the correction's
reason, which is hidden from the verifier as the lot is."""

from __future__ import annotations

from helpers.seats import HENDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NOTE = "Drawn from a hat by the returning officer"


def focused():
    return QApplication.focusWidget()


def test_the_lot_note_a_correction_asks_for_is_saved(qtbot, main_window, night_db):
    window = main_window(night_db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, "Hendon")
    qtbot.keyClick(window.search, Qt.Key.Key_C, CTRL | SHIFT)  # Declaration > Correct
    qtbot.waitUntil(lambda: window.active_dialog is not None)
    dialog = window.active_dialog
    form = dialog.form
    qtbot.waitUntil(lambda: focused() is form.vote_edits[0])
    for _ in range(3):  # to Jogia (Con), prefilled 15840: restated as 15855, Labour's
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.keyClicks(focused(), "15855")
    for _ in range(6):
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert focused() is form.total_edit and form.tie_row.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.tie_combo
    qtbot.keyClick(form.tie_combo, Qt.Key.Key_Down)  # the first of the tied: Jogia
    drawn = form.tie_combo.currentData()
    qtbot.keyClick(form.tie_combo, Qt.Key.Key_Return)
    assert focused() is form.tie_note  # the lot's note, as on an entry
    qtbot.keyClick(form.tie_note, Qt.Key.Key_Return)  # none typed: asked for
    assert focused() is form.reason_edit  # (the correction's reason asked for first)
    qtbot.keyClicks(form.reason_edit, "Returning officer restated the Con figure")
    qtbot.keyClick(form.reason_edit, Qt.Key.Key_S, CTRL)
    # the note next, before the tie's warning: its "then Ctrl+S" then saves
    assert "note" in form.message_label.text() and focused() is form.tie_note
    qtbot.keyClicks(form.tie_note, NOTE)
    qtbot.keyClick(form.tie_note, Qt.Key.Key_S, CTRL)
    assert "then Ctrl+S" in form.message_label.text()
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # the tie's warning ticked
    with qtbot.waitSignal(form.saved):
        qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
    pending = dk.load_sheet(window.desk, HENDON).pending
    assert (pending.kind, pending.tie_winner_id) == ("correction", drawn)
    # what the form made the desk type, after the reason
    assert pending.reason == f"Returning officer restated the Con figure; lot drawn: {NOTE}"
