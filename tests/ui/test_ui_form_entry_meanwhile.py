"""An Enter form open on a single-file desk while another desk saves an entry for the same
seat hears it at once, as a re-key form hears its entry verified (test_ui_form_rekey_gone.py):
who saved which version, in red, in the form's own message line, and what to do (verify it,
or close); the figures typed stay, and a save refuses as before. It was told only at the
Enter of the whole sheet keyed for nothing."""

from __future__ import annotations

from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode


def _keyed(form, figures=CLEAN, invalid: str = "120") -> None:
    """The sheet typed as the keyboard contract has it: Enter between the fields."""
    for edit, votes in zip(form.vote_edits, figures, strict=True):
        QTest.keyClicks(edit, f"{votes:,}")
        QTest.keyClick(edit, Qt.Key.Key_Return)
    QTest.keyClicks(form.invalid_edit, invalid)
    QTest.keyClick(form.invalid_edit, Qt.Key.Key_Return)  # to the optional total: no save


def test_an_entry_saved_on_another_desk_is_told_to_the_open_enter_form(qtbot, main_window,
                                                                       nominations_db):
    window = main_window(nominations_db, user="bob")
    dialog = window.open_form(HENDON, Mode.ENTER)
    form = dialog.form
    QTest.keyClicks(form.vote_edits[0], f"{CLEAN[0]:,}")
    with Store(nominations_db) as other:  # alice, at the other PC, meanwhile
        dk.declare(other, HENDON, Figures(CLEAN, 120), user="alice")
    qtbot.waitUntil(lambda: "alice" in form.message_label.text())
    said = form.message_label.text()
    assert said.startswith("Hendon was changed by someone else since you opened it: "
                           "version 1 (provisional declaration"), said
    assert "alice's entry now awaits verification" in said, said
    assert "close it (Esc) and press Enter on Hendon to verify that entry instead" in said
    assert form.vote_edits[0].text() == f"{CLEAN[0]:,}"  # nothing typed is lost

    QTest.keyClick(form.vote_edits[0], Qt.Key.Key_Return)  # Enter still moves on
    assert form.vote_edits[1].hasFocus()
    _keyed(form)
    assert form.total_edit.hasFocus() and dialog.isVisible()
    assert form.message_label.text() == said  # still up as the sheet is keyed on
    with qtbot.assertNotEmitted(form.saved):
        QTest.keyClick(form.total_edit, Qt.Key.Key_Return)  # Enter in the last field
    assert form.message_label.text() == said
    assert dialog.isVisible() and dialog.result_version is None
    assert [v.entered_by for v in dk.load_sheet(window.desk, HENDON).versions] == ["alice"]


def test_an_entry_verified_meanwhile_is_told_too(qtbot, main_window, nominations_db):
    window = main_window(nominations_db, user="bob")
    dialog = window.open_form(HENDON, Mode.ENTER)
    form = dialog.form
    with Store(nominations_db) as other:  # entered and verified before the window looked
        dk.declare(other, HENDON, Figures(CLEAN, 120), user="alice")
        dk.verify(other, HENDON, user="carol", votes=CLEAN, invalid=120)
    qtbot.waitUntil(lambda: "verified" in form.message_label.text())
    said = form.message_label.text()
    assert "Version 1 is on air, verified by carol at " in said, said
    _keyed(form)
    with qtbot.assertNotEmitted(form.saved):
        QTest.keyClick(form.total_edit, Qt.Key.Key_Return)
    assert form.message_label.text() == said


def test_after_a_lost_reply_its_own_entry_is_not_said_saved_over(qtbot, main_window,
                                                                  nominations_db):
    """The save's reply never came, and the entry the window then hears of is the form's
    own: the save, tried again, finds it landed (`desk.repeats`), not refused."""
    window = main_window(nominations_db, user="bob")
    dialog = window.open_form(HENDON, Mode.ENTER)
    form = dialog.form
    _keyed(form)
    form._unsure = True  # as the lost reply leaves it: its entry landed
    with Store(nominations_db) as same_desk:
        dk.declare(same_desk, HENDON, Figures(CLEAN, 120), user="bob")
    qtbot.waitUntil(lambda: window.model.row_at(window.model._index[HENDON]).status.value
                    == "provisional")
    assert "someone else" not in form.message_label.text()

    QTest.keyClick(form.total_edit, Qt.Key.Key_Return)
    assert dialog.result_version is not None and dialog.result_version.version == 1


def test_a_recount_called_off_under_its_enter_form_says_the_saves_own_line(
        qtbot, main_window, nominations_db):
    """Opened for recount 1's figures, which another desk then calls off: the seat is
    verified again, but the save is refused for the count first, so the form says that
    line, not "on air…" until Ctrl+S put the count's in its place."""
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 120), user="alice")
        dk.verify(desk, HENDON, user="carol", votes=CLEAN, invalid=120)
        dk.mark_recount(desk, HENDON, user="carol")
    window = main_window(nominations_db, user="bob")
    dialog = window.open_form(HENDON, Mode.ENTER)
    form = dialog.form
    with Store(nominations_db) as other:
        dk.mark_recount(other, HENDON, user="carol", under_way=False)
    qtbot.waitUntil(lambda: "called off" in form.message_label.text())
    said = form.message_label.text()
    assert said.startswith("Hendon: recount 1 was called off since you opened it"), said
    _keyed(form)
    with qtbot.assertNotEmitted(form.saved):
        QTest.keyClick(form.total_edit, Qt.Key.Key_Return)
    assert form.message_label.text() == said and dialog.isVisible()

    with Store(nominations_db) as other:  # called again: recount 1, the count typed for
        dk.mark_recount(other, HENDON, user="carol")
    qtbot.waitUntil(lambda: "called off" not in form.message_label.text())
    assert form.blocker() is None or "since you opened it" not in form.blocker()[0]


def test_a_correction_saved_over_a_recounts_enter_form_is_named_a_correction(
        qtbot, main_window, nominations_db):
    """Under a recount a correction of the verified count may still be keyed: the Enter
    form for the recount's figures names it as what it is, to verify, not "alice's entry"."""
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 120), user="alice")
        dk.verify(desk, HENDON, user="carol", votes=CLEAN, invalid=120)
        dk.mark_recount(desk, HENDON, user="carol")
    window = main_window(nominations_db, user="bob")
    form = window.open_form(HENDON, Mode.ENTER).form
    with Store(nominations_db) as other:
        dk.correct(other, HENDON, Figures(CLEAN, 121), user="alice", reason="RO restated")
    qtbot.waitUntil(lambda: "alice" in form.message_label.text())
    said = form.message_label.text()
    assert "alice's correction now awaits verification" in said, said
    assert "to verify that correction instead" in said, said
