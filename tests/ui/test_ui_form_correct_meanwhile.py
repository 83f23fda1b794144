"""A Correct form open on a single-file desk while another desk saves a correction for the
same seat, or a correction is verified there, hears it at once, as an Enter form hears an
entry saved meanwhile (test_ui_form_entry_meanwhile.py): the desk's own refusal of the save
(`correct`'s words), in red, in the form's message line, and what to do (verify it, or
close); the figures and reason typed stay, and a save refuses as before. It was told only
at the save of a whole corrected sheet, with its reason, keyed for nothing."""

from __future__ import annotations

import pytest
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt
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


def _open(qtbot, main_window, db, user="alice"):
    window = main_window(db, user=user)
    dialog = window.open_form(HENDON, Mode.CORRECT)
    form = dialog.form
    qtbot.waitUntil(form.vote_edits[0].hasFocus)
    QTest.keyClick(form.vote_edits[0], Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert form.reason_edit.hasFocus()  # above the ballot, as README has it
    QTest.keyClicks(form.reason_edit, "RO restated Lab")
    QTest.keyClick(form.reason_edit, Qt.Key.Key_Return)  # Enter moves on to the figures
    assert form.vote_edits[0].hasFocus()
    return window, dialog, form


def _keyed_on(form) -> None:
    """The corrected sheet keyed, Enter between the fields, up to the optional total."""
    for edit, votes in zip(form.vote_edits, RESTATED, strict=True):
        edit.setFocus()
        edit.selectAll()
        QTest.keyClicks(edit, f"{votes:,}")
        QTest.keyClick(edit, Qt.Key.Key_Return)
    QTest.keyClick(form.invalid_edit, Qt.Key.Key_Return)
    assert form.total_edit.hasFocus()


def test_a_correction_saved_on_another_desk_is_told_to_the_open_correct_form(
        qtbot, main_window, verified_db):
    window, dialog, form = _open(qtbot, main_window, verified_db)
    QTest.keyClicks(form.vote_edits[0], "9")  # begun
    typed = form.vote_edits[0].text()
    with Store(verified_db) as other:  # carol, at the other PC, meanwhile
        dk.correct(other, HENDON, Figures(RESTATED, 120), user="carol", reason="RO sheet")
    qtbot.waitUntil(lambda: "carol" in form.message_label.text())
    said = form.message_label.text()
    with pytest.raises(dk.Conflict) as refused:  # the desk's own refusal leads it
        dk.correct(window.desk, HENDON, Figures(RESTATED, 120), user="alice",
                   reason="RO restated Lab", expected_version=form.expected_version)
    assert said.startswith(str(refused.value) + " "), said
    assert "carol's correction now awaits verification" in said, said
    assert "press Enter on Hendon to verify that correction instead" in said, said
    assert form.vote_edits[0].text() == typed  # nothing typed is lost
    assert form.reason_edit.text() == "RO restated Lab"

    _keyed_on(form)  # Enter still moves on, field by field
    assert form.message_label.text() == said
    with qtbot.assertNotEmitted(form.saved):
        QTest.keyClick(form.total_edit, Qt.Key.Key_Return)  # Enter in the last field
    assert form.message_label.text() == said and dialog.isVisible()
    with qtbot.assertNotEmitted(form.saved):
        QTest.keyClick(form.total_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [v.entered_by for v in dk.load_sheet(window.desk, HENDON).versions] \
        == ["alice", "carol"]


def test_a_correction_verified_meanwhile_is_told_too(qtbot, main_window, verified_db):
    _, dialog, form = _open(qtbot, main_window, verified_db)
    with Store(verified_db) as other:  # corrected and verified before the window looked
        dk.correct(other, HENDON, Figures(RESTATED, 120), user="carol", reason="RO sheet")
        dk.verify(other, HENDON, user="dave", votes=RESTATED, invalid=120)
    qtbot.waitUntil(lambda: "dave" in form.message_label.text())
    said = form.message_label.text()
    assert "Version 2 is on air, verified by dave at " in said, said
    assert "close this form (Esc)" in said, said
    _keyed_on(form)
    with qtbot.assertNotEmitted(form.saved):
        QTest.keyClick(form.total_edit, Qt.Key.Key_Return)
    assert form.message_label.text() == said and dialog.isVisible()


def test_a_correction_withdrawn_meanwhile_says_to_correct_afresh(qtbot, main_window,
                                                                 verified_db):
    """Saved and withdrawn again before the window looked: the version corrected is still
    the one on air, so the form is not told to "correct that version instead"."""
    _, dialog, form = _open(qtbot, main_window, verified_db)
    with Store(verified_db) as other:
        dk.correct(other, HENDON, Figures(RESTATED, 120), user="carol", reason="RO sheet")
        dk.withdraw(other, HENDON, user="carol")
    qtbot.waitUntil(lambda: "carol" in form.message_label.text())
    said = form.message_label.text()
    assert "version 2 (withdrawn correction" in said, said
    assert said.endswith("Close this form (Esc) and correct Hendon again (Ctrl+Shift+C) to "
                         "key it as it stands now."), said
    assert "on air" not in said, said
    with qtbot.assertNotEmitted(form.saved):
        QTest.keyClick(form.vote_edits[0], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.message_label.text() == said and dialog.isVisible()


def test_after_a_lost_reply_its_own_correction_is_not_said_saved_over(qtbot, main_window,
                                                                       verified_db):
    """The save's reply never came, and the correction the window then hears of is the
    form's own: the save, tried again, finds it landed (`desk.repeats`), not refused."""
    window, dialog, form = _open(qtbot, main_window, verified_db)
    _keyed_on(form)
    form._unsure = True  # as the lost reply leaves it: its correction landed
    with Store(verified_db) as same_desk:
        dk.correct(same_desk, HENDON, Figures(RESTATED, 120), user="alice",
                   reason="RO restated Lab")
    qtbot.waitUntil(lambda: window.night.seats[HENDON].correction_pending)
    assert "someone else" not in form.message_label.text()
    QTest.keyClick(form.total_edit, Qt.Key.Key_Return)
    assert dialog.result_version is not None and dialog.result_version.version == 2
