"""A verifier whose connection dropped mid-verification (the server restarted, the DBA
ended it, the network went) before the server's answer came: the server cannot tell such
a try from one taken back on purpose to learn the figures, so it counts it, and the next
try compares nothing and names every field as differing (migrations 29, 41, 49). The
window said "Not verified: your figures differ for" all eight candidates, the rejected
ballots and the electorate, every field red, of a sheet keyed right; and the same
figures sent again were refused in the form as "Nothing re-keyed since your last try",
so the verifier could only doubt their sheet or reject a correct entry. Now it says that
nothing was compared, flags nothing, and the same figures verify at the next Enter."""

from __future__ import annotations

import psycopg
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON
from helpers.team_window import enter_on, status_of, team_window
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store.postgres import calls
from resultsdesk.ui.form_actions import DIFFERS
from resultsdesk.ui.form_checks import Mode


def _try_cut_off(t, short: str) -> None:
    """A try of `short`'s at Hendon's entry whose transaction never committed, as when the
    connection drops before the server's answer comes."""
    with psycopg.connect(str(t.target), user=t.name(short), password=t.passwords[short]) as c:
        calls.verify(c, HENDON, CLEAN, 50, expected_version=1)
        c.rollback()


def test_a_rekey_after_one_cut_off_says_nothing_was_compared_and_verifies_next(
        qtbot, server):
    t = server
    dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    _try_cut_off(t, "bob")
    bob = team_window(qtbot, t, "bob")
    enter_on(bob, "Hendon")
    form = bob.active_dialog.form
    assert form.mode is Mode.REKEY
    for edit, votes in zip(form.vote_edits, CLEAN, strict=True):
        QTest.keyClicks(edit, f"{votes:,}")
        QTest.keyClick(edit, Qt.Key.Key_Tab)
    QTest.keyClicks(form.invalid_edit, "50")

    with qtbot.assertNotEmitted(form.saved):
        QTest.keyClick(form.total_edit, Qt.Key.Key_Return)
    said = form.message_label.text()
    assert said.startswith("Not verified: 1 earlier try of yours at this version went "
                           "unanswered"), said
    assert "compared nothing" in said and "(1 try left)" in said, said
    assert "differ for" not in said, said
    fields = [*form.vote_edits, form.invalid_edit, form.electorate_edit]
    assert not [f for f in fields if f.accessibleDescription() == DIFFERS]

    with qtbot.waitSignal(form.saved):  # the same figures again: compared, and verified
        QTest.keyClick(form.total_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: status_of(bob, HENDON) == "verified")
    verified = dk.load_sheet(t.open("eve"), HENDON).verified
    assert (verified.version, verified.verified_by) == (1, t.name("bob"))
