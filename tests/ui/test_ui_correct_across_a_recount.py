"""A Correct form open while a recount is called, or called off, on another desk still saves.

A correction is of the verified count (the form says so over a recount: "these figures
correct the verified count, not recount 1's"), and a recount called or called off moves no
verified count. The form said, in red, "recount 1 was called off since you opened it; the
figures typed were for it. Close the form and key the count the seat is at now", and saved
nothing: the supervisor closed it and keyed the same correction, reason and all, again.
Now the form stays usable and its save is the correction of the verified count (the
desk's side: tests/desk/test_correction_across_a_recount.py)."""

from __future__ import annotations

import pytest
from helpers.seats import CLEAN, HENDON
from PySide6.QtTest import QTest

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode

RESTATED = (CLEAN[0] + 100, *CLEAN[1:])  # the RO restated the first figure


@pytest.fixture
def verified_db(nominations_db):
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 120), user="alice")
        dk.verify(desk, HENDON, user="bob", votes=CLEAN, invalid=120)
    return nominations_db


def _keyed(form) -> None:
    QTest.keyClicks(form.reason_edit, "RO restated Green")
    for edit, votes in zip(form.vote_edits, RESTATED, strict=True):
        edit.selectAll()
        QTest.keyClicks(edit, str(votes))
    form.invalid_edit.selectAll()
    QTest.keyClicks(form.invalid_edit, "120")


def _saves_the_correction(qtbot, window, dialog) -> None:
    with qtbot.waitSignal(dialog.form.saved):
        dialog.form.submit()
    sheet = dk.load_sheet(window.desk, HENDON)
    assert (sheet.pending.kind, sheet.pending.count_number, sheet.pending.votes) == (
        "correction", 0, RESTATED)


@pytest.mark.parametrize("under_way", [True, False], ids=["called", "called-off"])
def test_a_recount_called_or_called_off_meanwhile_leaves_the_correction_to_save(
        qtbot, main_window, verified_db, under_way):
    if not under_way:  # the form opens with recount 1 under way, then it is called off
        with Store(verified_db) as other:
            dk.mark_recount(other, HENDON, user="carol")
    window = main_window(verified_db, user="alice")
    dialog = window.open_form(HENDON, Mode.CORRECT)
    form = dialog.form
    _keyed(form)
    with Store(verified_db) as other:  # carol, at the other desk
        dk.mark_recount(other, HENDON, user="carol", under_way=under_way)
    # heard: the refresh that reads it tells the open form in the same call
    qtbot.waitUntil(lambda: window.night.seats[HENDON].recount_under_way is under_way)
    assert "since you opened it" not in form.message_label.text()
    assert form.blocker() is None
    _saves_the_correction(qtbot, window, dialog)
