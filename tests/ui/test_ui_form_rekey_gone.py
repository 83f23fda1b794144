"""A re-key form open on a single-file desk while another desk verifies its entry hears it
at once, as a team desk's does (tests/ui/test_ui_team_rekey_meanwhile.py): which version,
by whom, in red, and Ctrl+S verifies nothing; it was told only at the save."""

from __future__ import annotations

from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode


def test_an_entry_verified_on_another_desk_is_told_to_the_open_rekey(qtbot, main_window,
                                                                     nominations_db):
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 120), user="alice")
    window = main_window(nominations_db, user="bob")
    dialog = window.open_form(HENDON, Mode.REKEY)
    form = dialog.form
    qtbot.keyClicks(form.vote_edits[0], f"{CLEAN[0]:,}")
    with Store(nominations_db) as other:  # carol, at another desk, meanwhile
        dk.verify(other, HENDON, user="carol", votes=CLEAN, invalid=120)
    qtbot.waitUntil(lambda: "version 1 was verified by carol at "
                    in form.message_label.text())
    said = form.message_label.text()
    assert said.startswith("Hendon has nothing awaiting verification: "), said

    qtbot.keyClick(form.vote_edits[0], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.message_label.text() == said  # not "Enter votes for ..."
    assert dialog.isVisible() and dialog.result_version is None
    assert dk.load_sheet(window.desk, HENDON).verified.verified_by == "carol"  # once


def test_after_a_lost_reply_its_own_verification_is_not_said_gone(qtbot, main_window,
                                                                  nominations_db):
    """The save's reply never came ("saved whole or not at all"), and the verification
    the window then hears of is the form's own: the save, tried again, finds it landed
    (`desk.repeats`) rather than being stopped as verified "meanwhile"."""
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 120), user="alice")
    window = main_window(nominations_db, user="bob")
    dialog = window.open_form(HENDON, Mode.REKEY)
    form = dialog.form
    for edit, votes in zip(form.vote_edits, CLEAN, strict=True):
        qtbot.keyClicks(edit, f"{votes:,}")
    qtbot.keyClicks(form.invalid_edit, "120")
    form._unsure = True  # as the lost reply leaves it: its verification landed
    with Store(nominations_db) as same_desk:
        dk.verify(same_desk, HENDON, user="bob", votes=CLEAN, invalid=120)
    qtbot.waitUntil(lambda: window.model.row_at(window.model._index[HENDON]).status.value
                    == "verified")
    assert "meanwhile" not in form.message_label.text()

    qtbot.keyClick(form.vote_edits[0], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result_version is not None and dialog.result_version.version == 1
