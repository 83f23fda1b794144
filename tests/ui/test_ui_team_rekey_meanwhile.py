"""Two desks re-keying the same entry, each in their own window on the team desk's server:
the one whose Enter comes second is told who verified it and when. It was told only
"Hendon has nothing awaiting verification", a seat they had just re-keyed from the queue,
with nothing to say whether it had gone on air, been withdrawn or been sent back: the
same bare line for an entry withdrawn, rejected or replaced by a recount while its re-key
form was open (those: tests/desk/test_rekey_meanwhile.py). And it is told at once, as the
other desk's change reaches the window, not at the Enter of a whole sheet re-keyed for
nothing, as a form already hears a recount called meanwhile (test_ui_form_count_moved.py)."""

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


def _meanwhile(t, what: str) -> None:
    """Another desk's change to Hendon's entry awaiting verification (alice's version 1)."""
    if what == "verified":
        dk.verify(t.open("ann"), HENDON, user=t.name("ann"), votes=CLEAN, invalid=50)
    elif what == "withdrawn":
        dk.withdraw(t.open("alice"), HENDON, user=t.name("alice"))
    elif what == "rejected":
        dk.reject(t.open("ann"), HENDON, user=t.name("ann"), comment="Lab misread")
    elif what == "recount":
        dk.mark_recount(t.open("ann"), HENDON, user=t.name("ann"))
    else:  # alice keys it again over her own entry: version 2 awaits verification
        dk.declare(t.open("alice"), HENDON, Figures([v + 1 for v in CLEAN], 50),
                   user=t.name("alice"), expected_version=1)


@pytest.mark.parametrize(("what", "told"), [
    ("verified", "nothing awaiting verification: version 1 was verified by {ann} at "),
    ("withdrawn", "nothing awaiting verification: {alice}, who entered version 1, withdrew"),
    ("rejected", "nothing awaiting verification: version 1 was sent back to {alice}'s desk"),
    ("recount", "nothing awaiting verification: recount 1 was called, so version 1 no "),
    ("replaced", "was changed by someone else since you opened it: version 2 (provisional "),
])
def test_an_open_rekey_hears_at_once_what_became_of_its_entry(qtbot, server, what, told):
    t = server
    dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    bob = team_window(qtbot, t, "bob")
    enter_on(bob, "Hendon")
    form = bob.active_dialog.form
    assert form.mode is Mode.REKEY
    _rekeyed(form)  # all but the total, the last field, whose Enter saves

    _meanwhile(t, what)
    told = told.format(ann=t.name("ann"), alice=t.name("alice"))
    qtbot.waitUntil(lambda: told in form.message_label.text())  # before any Enter
    said = form.message_label.text()
    assert said.startswith("Hendon ") and "\n" not in said, said
    assert "figures hidden until verified" in said or what != "replaced", said  # blind

    with qtbot.assertNotEmitted(form.saved):
        QTest.keyClick(form.total_edit, Qt.Key.Key_Return)
    assert form.message_label.text() == said  # the line the save is refused with
    with pytest.raises(dk.DeskRefusal) as refused:  # as the desk itself says it
        dk.verify(bob.desk, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50,
                  expected_version=1)
    assert str(refused.value) == said
    assert bob.active_dialog is not None  # the figures stay until bob closes it
