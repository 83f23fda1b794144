"""A form open while the seat's count moves says so at once, and saves nothing.

A recount called (or called off) on another desk while figures are being typed makes them
figures for a count the seat has left. The save was refused, but only when it was tried:
the desk typed the whole sheet, ticked the warnings and pressed Ctrl+S before learning the
figures were for the wrong count. Now the window's next refresh tells the open form, which
shows the reason in red straight away, and a save says it again without trying; should the
count come back (a recount called, then called off), the form is usable again."""

from __future__ import annotations

from helpers.seats import HENDON
from PySide6.QtCore import Qt

from resultsdesk.desk import declarations as dk
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode


def test_a_recount_called_meanwhile_is_told_to_the_open_form(qtbot, main_window,
                                                             nominations_db):
    # An entry form (a correction is of the verified count, which no recount moves:
    # test_ui_correct_across_a_recount.py)
    window = main_window(nominations_db, user="alice")
    dialog = window.open_form(HENDON, Mode.ENTER)  # the first count's sheet
    form = dialog.form
    qtbot.keyClicks(form.vote_edits[0], "2667")
    with Store(nominations_db) as other:  # another desk, meanwhile
        dk.mark_recount(other, HENDON, user="carol")
    qtbot.waitUntil(lambda: "recount 1 was called since you opened it"
                    in form.message_label.text())
    assert "Close the form and key the count the seat is at now" in form.message_label.text()

    form.vote_edits[0].setFocus()
    qtbot.keyClick(form.vote_edits[0], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "recount 1 was called since you opened it" in form.message_label.text()
    assert dialog.isVisible() and dialog.result_version is None
    assert dk.load_sheet(window.desk, HENDON).versions == ()

    with Store(nominations_db) as other:  # called off again: the seat is back at the first
        dk.mark_recount(other, HENDON, user="carol", under_way=False)
    qtbot.waitUntil(lambda: "since you opened it" not in form.message_label.text())
    assert form.blocker() is None or "since you opened it" not in form.blocker()[0]
