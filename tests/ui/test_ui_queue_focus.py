"""Working down the Verification queue: after the form opened from it closes, the focus is
back in the queue on the row that is next now, not in Find (some fifteen key presses a
seat to get back to the queue at 3 a.m.); a form opened from Find goes back to Find."""

from __future__ import annotations

from helpers.form_dialogs import queue_in_sight, two_awaiting_verification
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt

from resultsdesk.ui.queue_model import NAME

BASILDON = "E14001077"


def test_after_a_form_from_the_queue_the_focus_is_back_on_its_next_row(qtbot, main_window,
                                                                       nominations_db):
    two_awaiting_verification(nominations_db, CLEAN, BASILDON)
    window = main_window(nominations_db, user="bob")
    table = queue_in_sight(qtbot, window, 2)
    window.activateWindow()
    table.setFocus()
    table.setCurrentIndex(window.queue_model.index(0, 0))
    first = window.queue_model.index(0, NAME).data()
    qtbot.keyClick(table, Qt.Key.Key_Return)  # the queue's row opens the blind re-key
    dialog = window.active_dialog
    assert dialog is not None and dialog.form.sheet.name == first
    second = window.queue_model.index(1, NAME).data()
    form = dialog.form  # the oldest first: Hendon, re-keyed blind and verified
    assert form.sheet.code == HENDON
    for edit, value in zip(form.vote_edits, CLEAN, strict=True):
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, str(value))
    form.invalid_edit.setFocus()
    form.invalid_edit.selectAll()
    qtbot.keyClicks(form.invalid_edit, "50")
    with qtbot.waitSignal(window.refreshed):
        form.submit()
    qtbot.waitUntil(lambda: table.hasFocus())
    assert window.queue_model.rowCount() == 1
    assert table.currentIndex().row() == 0
    assert window.queue_model.index(0, NAME).data() == second

    window.focus_search()  # from Find (a seat awaiting its figures), back to Find
    qtbot.keyClicks(window.search, "Aldershot")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.active_dialog.form.sheet.name == "Aldershot"
    window.active_dialog.reject()
    qtbot.waitUntil(lambda: window.search.hasFocus())
