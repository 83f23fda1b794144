"""A save whose reply never came ("saved whole or not at all": a team desk's connection
cut, a file busy past its wait), the form left holding the figures, and the entry the
save did land verified by a second person before the person saves again: saved again,
it was refused as a change "by someone else" (or, once that was put right, "by you in
another window"): of her own save, from this very form, now on air. It is found and
reported done, once, as when it still awaits verification."""

from __future__ import annotations

from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode

RESTATED = (*CLEAN[:6], 18100, CLEAN[7])


def _keyed(form, figures=CLEAN, invalid: str = "50") -> None:
    for edit, votes in zip(form.vote_edits, figures, strict=True):
        QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(edit, f"{votes:,}")
        QTest.keyClick(edit, Qt.Key.Key_Return)
    QTest.keyClick(form.invalid_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(form.invalid_edit, invalid)  # (a correction's: over the verified one)
    QTest.keyClick(form.invalid_edit, Qt.Key.Key_Return)


def test_an_entry_verified_since_its_lost_reply_is_reported_saved(qtbot, main_window,
                                                                 nominations_db):
    window = main_window(nominations_db, user="alice")
    dialog = window.open_form(HENDON, Mode.ENTER)
    form = dialog.form
    _keyed(form)
    form._unsure = True  # as the lost reply leaves it: her entry landed
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="alice", expected_version=0)
        dk.verify(desk, HENDON, user="bob", votes=CLEAN, invalid=50)
    with qtbot.waitSignal(form.saved, raising=False) as saving:
        QTest.keyClick(form.total_edit, Qt.Key.Key_Return)  # saved again
    assert saving.signal_triggered, form.message_label.text()
    assert dialog.result_version.version == 1
    assert "verified" in window.statusBar().currentMessage()
    sheet = dk.load_sheet(window.desk, HENDON)
    assert [(v.version, v.status.value) for v in sheet.versions] == [(1, "verified")]


def test_a_correction_verified_since_its_lost_reply_is_reported_saved(qtbot, main_window,
                                                                     nominations_db):
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="bob")
        dk.verify(desk, HENDON, user="carol", votes=CLEAN, invalid=50)
    window = main_window(nominations_db, user="alice")
    dialog = window.open_form(HENDON, Mode.CORRECT)
    form = dialog.form
    QTest.keyClicks(form.reason_edit, "RO restated Lab")
    _keyed(form, RESTATED)
    form._unsure = True
    with Store(nominations_db) as desk:
        dk.correct(desk, HENDON, Figures(RESTATED, 50), user="alice", expected_version=1,
                   reason="RO restated Lab")
        dk.verify(desk, HENDON, user="bob", votes=RESTATED, invalid=50)
    with qtbot.waitSignal(form.saved, raising=False) as saving:
        QTest.keyClick(form.total_edit, Qt.Key.Key_Return)
    assert saving.signal_triggered, form.message_label.text()
    assert dialog.result_version.version == 2


def test_other_figures_verified_since_are_still_refused(qtbot, main_window, nominations_db):
    """Her landed entry holds other figures than the form's: not this save; refused."""
    window = main_window(nominations_db, user="alice")
    dialog = window.open_form(HENDON, Mode.ENTER)
    form = dialog.form
    _keyed(form)
    form._unsure = True
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 60), user="alice", expected_version=0)
        dk.verify(desk, HENDON, user="bob", votes=CLEAN, invalid=60)
    with qtbot.assertNotEmitted(form.saved):
        QTest.keyClick(form.total_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and "version 1" in form.message_label.text()


def test_the_command_line_still_refuses_over_a_verified_result(nominations_db):
    """No version to go by (a command run again): only an entry still awaiting
    verification is taken for its own save, as before."""
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="alice")
        dk.verify(desk, HENDON, user="bob", votes=CLEAN, invalid=50)
        try:
            dk.declare(desk, HENDON, Figures(CLEAN, 50), user="alice", retry=True)
        except dk.DeskRefusal as refused:
            assert "already has a verified result" in str(refused)
        else:
            raise AssertionError("taken for a save over a verified result")
