"""A declaration's draft whose save landed before the app went down (a team desk's reply
lost on the way, then the PC off) and which a second person has verified since: offered
back at the next start, it was "they can no longer be saved: Hendon already has a
verified result; change it with a correction", and the operator, taking her figures for
lost, keyed a correction of a result that was hers and right. She is told it was saved
and verified: nothing more to do (as a re-key's draft whose verification landed is)."""

from __future__ import annotations

import pytest
from helpers.app_crash import crash
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.drafts import load_draft
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode
from resultsdesk.ui.main_window import MainWindow


def _keyed_then_down(qtbot, main_window, db, mode: Mode = Mode.ENTER, invalid: str = "50"):
    """alice's form keyed whole, by keyboard, and the app gone before the save's end."""
    window = main_window(db, user="alice")
    dialog = window.open_form(HENDON, mode)
    qtbot.waitUntil(dialog.isVisible)
    form = dialog.form
    for edit, votes in zip(form.vote_edits, CLEAN, strict=True):
        QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(edit, f"{votes:,}")
    QTest.keyClick(form.invalid_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(form.invalid_edit, invalid)
    if mode is Mode.CORRECT:
        QTest.keyClicks(form.reason_edit, "RO restated the rejected ballots")
    assert load_draft(window.draft_file()) is not None
    crash(window, dialog)


def _started_again(main_window, db, monkeypatch) -> tuple[MainWindow, list[str]]:
    told: list[str] = []
    monkeypatch.setattr(MainWindow, "ask_to_restore", lambda *a, **k: pytest.fail("offered"))
    monkeypatch.setattr(QMessageBox, "information", lambda _w, _t, text: told.append(text))
    return main_window(db, user="alice"), told


def test_an_entry_saved_and_verified_since_is_said_done(qtbot, main_window, nominations_db,
                                                        monkeypatch):
    _keyed_then_down(qtbot, main_window, nominations_db)
    with Store(nominations_db) as desk:  # her save had landed; bob verified it since
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="alice", expected_version=0)
        dk.verify(desk, HENDON, user="bob", votes=CLEAN, invalid=50)

    window, told = _started_again(main_window, nominations_db, monkeypatch)
    assert window.offer_draft() is None and window.active_dialog is None
    assert len(told) == 1, told
    assert "can no longer be saved" not in told[0] and "correction" not in told[0], told[0]
    assert "they were saved (version 1, entered by alice at " in told[0], told[0]
    assert "verified by bob at " in told[0] and "nothing more to do" in told[0], told[0]
    assert window.offer_draft() is None and len(told) == 1  # said once


def test_a_correction_saved_and_verified_since_is_said_done(qtbot, main_window,
                                                            nominations_db, monkeypatch):
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="bob")
        dk.verify(desk, HENDON, user="carol", votes=CLEAN, invalid=50)
    _keyed_then_down(qtbot, main_window, nominations_db, Mode.CORRECT, invalid="70")
    with Store(nominations_db) as desk:
        dk.correct(desk, HENDON, Figures(CLEAN, 70), user="alice", expected_version=1,
                   reason="RO restated the rejected ballots")
        dk.verify(desk, HENDON, user="bob", votes=CLEAN, invalid=70)

    window, told = _started_again(main_window, nominations_db, monkeypatch)
    assert window.offer_draft() is None and window.active_dialog is None
    assert len(told) == 1 and "they were saved (version 2, entered by alice at " in told[0], told


def test_other_figures_of_hers_verified_since_are_not_these(qtbot, main_window,
                                                            nominations_db, monkeypatch):
    """Her verified entry holds other figures than the draft's: the draft was not saved,
    and is said to be unsaveable as before."""
    _keyed_then_down(qtbot, main_window, nominations_db)
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 60), user="alice", expected_version=0)
        dk.verify(desk, HENDON, user="bob", votes=CLEAN, invalid=60)

    window, told = _started_again(main_window, nominations_db, monkeypatch)
    assert window.offer_draft() is None
    assert len(told) == 1 and "can no longer be saved" in told[0], told
