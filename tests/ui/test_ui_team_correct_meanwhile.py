"""A Correct form open in one person's window on the team desk's server while another saves
a correction of the same verified seat: told as soon as the window hears of it (the
server's `LISTEN`/`NOTIFY`), in the form's own message line, in `correct`'s words and with
what to do (verify that correction, or close), the reason and figures kept; not at the save
of a whole corrected sheet (test_ui_form_correct_meanwhile.py: the same on a file)."""

from __future__ import annotations

import pytest
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON
from helpers.team_window import team_window
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.ui.form_checks import Mode

RESTATED = (CLEAN[0] + 100, *CLEAN[1:])


def test_a_correction_saved_by_another_is_told_to_the_open_correct_form(qtbot, server):
    t = server
    alice_desk, bob_desk = t.open("alice"), t.open("bob")
    dk.declare(alice_desk, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    dk.verify(bob_desk, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50)
    alice = team_window(qtbot, t, "alice")
    dialog = alice.open_form(HENDON, Mode.CORRECT)
    form = dialog.form
    form.reason_edit.setFocus()
    QTest.keyClicks(form.reason_edit, "RO restated Lab")
    QTest.keyClick(form.reason_edit, Qt.Key.Key_Return)  # on to the figures
    QTest.keyClicks(form.vote_edits[0], "9")

    dk.correct(bob_desk, HENDON, Figures(RESTATED, 50), user=t.name("bob"), reason="RO")
    qtbot.waitUntil(lambda: "awaits verification" in form.message_label.text())
    said = form.message_label.text()
    with pytest.raises(dk.Conflict) as refused:  # the desk's own refusal leads it
        dk.correct(alice.desk, HENDON, Figures(RESTATED, 50), user=t.name("alice"),
                   reason="RO restated Lab", expected_version=form.expected_version)
    assert said.startswith(str(refused.value) + " "), said
    assert f"{t.name('bob')}'s correction now awaits verification" in said, said
    assert "figures hidden until verified" in said, said  # blind, as the refusal is
    assert form.reason_edit.text() == "RO restated Lab"

    with qtbot.assertNotEmitted(form.saved):
        QTest.keyClick(form.vote_edits[0], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.message_label.text() == said and dialog.isVisible()
    assert [v.entered_by for v in dk.load_sheet(alice.desk, HENDON).versions] \
        == [t.name("alice"), t.name("bob")]
