"""Two desks re-keying the same entry, each in their own window on the team desk's server:
the one whose Enter comes second is told who verified it and when. It was told only
"Hendon has nothing awaiting verification", a seat they had just re-keyed from the queue,
with nothing to say whether it had gone on air, been withdrawn or been sent back: the
same bare line for an entry withdrawn, rejected or replaced by a recount while its re-key
form was open (those: tests/desk/test_rekey_meanwhile.py)."""

from __future__ import annotations

from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON
from helpers.team_window import enter_on, status_of, team_window
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.ui.form_checks import Mode


def _rekeyed(form) -> None:
    """Alice's figures typed again (Tab between fields); not saved."""
    for edit, votes in zip(form.vote_edits, CLEAN, strict=True):
        QTest.keyClicks(edit, f"{votes:,}")
        QTest.keyClick(edit, Qt.Key.Key_Tab)
    QTest.keyClicks(form.invalid_edit, "50")


def test_the_second_of_two_verifiers_is_told_who_verified_it(qtbot, server):
    t = server
    dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    bob, ann = team_window(qtbot, t, "bob"), team_window(qtbot, t, "ann")
    enter_on(bob, "Hendon")
    enter_on(ann, "Hendon")
    bob_form, ann_form = bob.active_dialog.form, ann.active_dialog.form
    assert bob_form.mode is Mode.REKEY and ann_form.mode is Mode.REKEY
    _rekeyed(bob_form)
    _rekeyed(ann_form)

    QTest.keyClick(bob_form.total_edit, Qt.Key.Key_Return)  # bob's Enter first: on air
    assert bob.active_dialog is None
    qtbot.waitUntil(lambda: status_of(ann, HENDON) == "verified")  # ann's window hears it
    with qtbot.assertNotEmitted(ann_form.saved):
        QTest.keyClick(ann_form.total_edit, Qt.Key.Key_Return)
    said = ann_form.message_label.text()
    assert said.startswith("Hendon has nothing awaiting verification: "), said
    assert f"verified by {t.name('bob')} at " in said and "version 1" in said, said
    assert ann.active_dialog is not None  # her figures stay until she closes it
    verified = dk.load_sheet(ann.desk, HENDON).verified
    assert (verified.version, verified.verified_by) == (1, t.name("bob"))  # once, by bob
