"""Two desks keying the same seat's first entry, each in their own window on the team desk's
server: the one whose Enter comes second is told as soon as their window hears of the
first's save, in the form's own message line (who saved which version, and to verify it
instead or close), not at the Enter of a whole sheet keyed for nothing; a re-key form
already hears its entry verified meanwhile (test_ui_team_rekey_meanwhile.py)."""

from __future__ import annotations

import pytest
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON
from helpers.team_window import enter_on, status_of, team_window
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.ui.form_checks import Mode


def _keyed(form) -> None:
    """The sheet typed, Enter between the fields; all but the total, whose Enter saves."""
    for edit, votes in zip(form.vote_edits, CLEAN, strict=True):
        QTest.keyClicks(edit, f"{votes:,}")
        QTest.keyClick(edit, Qt.Key.Key_Return)
    QTest.keyClicks(form.invalid_edit, "50")
    QTest.keyClick(form.invalid_edit, Qt.Key.Key_Return)


def test_the_second_of_two_entries_is_told_at_once(qtbot, server):
    t = server
    alice, bob = team_window(qtbot, t, "alice"), team_window(qtbot, t, "bob")
    enter_on(alice, "Hendon")
    enter_on(bob, "Hendon")
    alice_form, bob_form = alice.active_dialog.form, bob.active_dialog.form
    assert alice_form.mode is Mode.ENTER and bob_form.mode is Mode.ENTER
    QTest.keyClicks(bob_form.vote_edits[0], f"{CLEAN[0]:,}")  # bob has begun

    _keyed(alice_form)
    QTest.keyClick(alice_form.total_edit, Qt.Key.Key_Return)  # alice's Enter first
    assert alice.active_dialog is None
    qtbot.waitUntil(lambda: status_of(bob, HENDON) == "provisional")
    said = bob_form.message_label.text()  # before bob keys on
    assert f"{t.name('alice')}'s entry now awaits verification" in said, said
    assert "figures hidden until verified" in said, said  # blind, as the refusal is
    assert bob_form.vote_edits[0].text() == f"{CLEAN[0]:,}"

    QTest.keyClick(bob_form.vote_edits[0], Qt.Key.Key_Return)  # (focus: the file test)
    for edit, votes in zip(bob_form.vote_edits[1:], CLEAN[1:], strict=True):
        QTest.keyClicks(edit, f"{votes:,}")
        QTest.keyClick(edit, Qt.Key.Key_Return)
    QTest.keyClicks(bob_form.invalid_edit, "50")
    QTest.keyClick(bob_form.invalid_edit, Qt.Key.Key_Return)
    with qtbot.assertNotEmitted(bob_form.saved):
        QTest.keyClick(bob_form.total_edit, Qt.Key.Key_Return)
    assert bob_form.message_label.text() == said
    with pytest.raises(dk.Conflict) as refused:  # the desk's own refusal leads it
        dk.declare(bob.desk, HENDON, Figures(CLEAN, 50), user=t.name("bob"),
                   expected_version=bob_form.expected_version)
    assert said.startswith(str(refused.value) + " "), said
    assert bob.active_dialog is not None  # the figures stay until bob closes it
    assert [v.entered_by for v in dk.load_sheet(bob.desk, HENDON).versions] \
        == [t.name("alice")]
