"""The Correct form its author reopened says at once that her correction was verified
meanwhile, and saves no new correction over it (the desk's side:
tests/desk/test_correction_verified_meanwhile.py).

alice pressed Enter on Hendon, her correction awaiting verification, to key it afresh;
bob verified it on another desk. Her form said nothing: no version number had moved. She
typed on and Ctrl+S saved "version 3 as provisional", a correction of the figures she had
opened the form to replace, which were on air."""

from __future__ import annotations

from helpers.seats import CLEAN, CON, HENDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode

CORRECTED = list(CLEAN)
CORRECTED[CON] += 10


def test_a_reopened_correction_verified_meanwhile_is_said_and_not_saved_over(
        qtbot, main_window, nominations_db):
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(CLEAN, 120))
        dk.verify(desk, HENDON, user="bob", votes=CLEAN, invalid=120)
        dk.correct(desk, HENDON, user="alice", figures=Figures(CORRECTED, 120),
                   reason="Con +10")
    win = main_window(nominations_db, user="alice")
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    qtbot.keyClick(QApplication.focusWidget() or win, Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(win.search.hasFocus)
    qtbot.keyClicks(win.search, "Hendon")
    qtbot.keyClick(win.search, Qt.Key.Key_Return)  # her correction, to key it afresh
    qtbot.waitUntil(lambda: win.active_dialog is not None)
    form = win.active_dialog.form
    assert form.mode is Mode.CORRECT
    with Store(nominations_db) as other:  # bob, at the other desk
        dk.verify(other, HENDON, user="bob", votes=CORRECTED, invalid=120)
    qtbot.waitUntil(lambda: "version 2 was verified by bob" in form.message_label.text())
    assert "correct that version instead" in form.message_label.text()
    qtbot.keyClicks(form.reason_edit, "Con +100")
    form.vote_edits[CON].selectAll()
    qtbot.keyClicks(form.vote_edits[CON], str(CLEAN[CON] + 100))
    qtbot.keyClick(form.vote_edits[CON], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "version 2 was verified by bob" in form.message_label.text()
    sheet = dk.load_sheet(win.desk, HENDON)
    assert (sheet.current_version, sheet.pending) == (2, None)  # nothing saved over it
    win.active_dialog.discard()
