"""One person with two windows on one file (a second PC on the shared drive, or the app
opened twice by mistake), signed in as the same name in both: a change made in one window
reaches the form open on that seat in the other as the person's own, never as "someone
else's". Told "Hendon was changed by someone else" of an entry she had just saved
herself, a tired operator went looking for a colleague keying her seat."""

from __future__ import annotations

from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode

OWN = "changed since you opened it, by you (alice)"


def _keyed(form, figures=CLEAN, invalid: str = "50") -> None:
    """The sheet typed as the keyboard contract has it: Enter between the fields."""
    for edit, votes in zip(form.vote_edits, figures, strict=True):
        QTest.keyClicks(edit, f"{votes:,}")
        QTest.keyClick(edit, Qt.Key.Key_Return)
    QTest.keyClicks(form.invalid_edit, invalid)
    QTest.keyClick(form.invalid_edit, Qt.Key.Key_Return)


def _ctrl_s(form) -> None:
    QTest.keyClick(form.vote_edits[0], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_an_entry_saved_in_her_other_window_is_hers(qtbot, main_window, nominations_db):
    left = main_window(nominations_db, user="alice")
    right = main_window(nominations_db, user="alice")
    waiting = right.open_form(HENDON, Mode.ENTER).form
    QTest.keyClicks(waiting.vote_edits[0], f"{CLEAN[0]}")
    keying = left.open_form(HENDON, Mode.ENTER).form
    _keyed(keying)
    QTest.keyClick(keying.total_edit, Qt.Key.Key_Return)  # saved in the left window
    assert left.active_dialog is None

    qtbot.waitUntil(lambda: "alice" in waiting.message_label.text())
    said = waiting.message_label.text()
    assert said.startswith(f"Hendon was {OWN}: version 1 (provisional declaration"), said
    assert "someone else" not in said, said
    _ctrl_s(waiting)  # the save says the same
    assert waiting.message_label.text() == said


def test_a_correction_saved_in_her_other_window_is_hers(qtbot, main_window, nominations_db):
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="bob")
        dk.verify(desk, HENDON, user="carol", votes=CLEAN, invalid=50)
    right = main_window(nominations_db, user="alice")
    waiting = right.open_form(HENDON, Mode.CORRECT).form
    with Store(nominations_db) as other:  # her other window's correction
        dk.correct(other, HENDON, Figures(CLEAN, 60), user="alice", reason="RO restated")
    qtbot.waitUntil(lambda: "alice" in waiting.message_label.text())
    said = waiting.message_label.text()
    assert said.startswith(f"Hendon was {OWN}"), said
    assert "someone else" not in said.split("leave it for")[0], said


def test_a_rekey_form_hears_her_own_entry_as_hers(qtbot, main_window, nominations_db):
    """carol re-keys bob's entry in one window; in the other she rejects it and keys the
    seat herself: the re-key form says the new version is hers."""
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="bob")
    right = main_window(nominations_db, user="carol")
    rekey = right.open_form(HENDON, Mode.REKEY).form
    with Store(nominations_db) as other:
        dk.reject(other, HENDON, user="carol", comment="Green figure?")
        dk.declare(other, HENDON, Figures(CLEAN, 60), user="carol")
    qtbot.waitUntil(lambda: "version 2" in rekey.message_label.text())
    said = rekey.message_label.text()
    assert said.startswith("Hendon was changed since you opened it, by you (carol)"), said
    assert "someone else" not in said, said


def test_someone_elses_change_is_still_theirs(nominations_db):
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="bob")
        dk.withdraw(desk, HENDON, user="bob")
        try:
            dk.declare(desk, HENDON, Figures(CLEAN, 50), user="alice", expected_version=0)
        except dk.Conflict as refused:
            assert str(refused).startswith("Hendon was changed by someone else since you "
                                           "opened it: version 1"), refused
        else:
            raise AssertionError("saved over bob's change")
