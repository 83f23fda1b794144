"""The declaration workflow as a results desk meets it at 3 a.m., in the real main window,
driven by key presses: a seat opened from a side list while the find box holds another
search opens that seat, not the one the search left selected; figures one person typed
before a crash are never offered to another who signs in at that PC."""

from __future__ import annotations

import pytest
from helpers.seats import CLEAN, HENDON, HENDON_2024
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode


def test_enter_on_a_recount_watch_row_opens_that_seat_whatever_the_search(
        qtbot, main_window, nominations_db):
    """Hendon (Lab by 15) is verified, then a recount is called: it heads the recount watch.
    carol had typed "Basildon" in the find box (Basildon and Billericay selected), then went
    to the watch and pressed Enter on Hendon: the form that opened was Basildon and
    Billericay's, ready for Hendon's recount figures to be keyed into it. It must be
    Hendon's, and Hendon the seat the Declaration menu now works on."""
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(list(HENDON_2024), 120),
                   overrides=["recount_range"])
        dk.verify(desk, HENDON, user="bob", votes=list(HENDON_2024), invalid=120)
        dk.mark_recount(desk, HENDON, user="bob", under_way=True)
    win = main_window(nominations_db, user="carol")
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    qtbot.keyClick(QApplication.focusWidget() or win, Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(win.search.hasFocus)
    qtbot.keyClicks(win.search, "Basildon")
    assert win.selected_code() != HENDON  # the search's best match, Basildon
    assert win.recount_model.row_at(0).code == HENDON
    win.recount_dock.raise_()  # its tab chosen
    win.recount_table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(win.recount_table.hasFocus)
    qtbot.keyClick(win.recount_table, Qt.Key.Key_Down)  # Hendon, its only row, current
    assert win.recount_table.currentIndex().row() == 0
    qtbot.keyClick(win.recount_table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.active_dialog is not None)
    form = win.active_dialog.form
    assert (form.sheet.code, form.mode) == (HENDON, Mode.ENTER)  # the recount's count
    assert win.selected_code() == HENDON
    win.active_dialog.discard()


@pytest.mark.parametrize("typist, next_at_the_pc", [("Siân", "Siôn"), ("Jo Smith", "jo_smith")])
def test_a_crash_draft_is_offered_only_to_whoever_typed_it(qtbot, main_window, nominations_db,
                                                           monkeypatch, typist, next_at_the_pc):
    """Siân keys Hendon's figures and the app goes down before she saves. Siôn, another
    person to the desk (names differ), signs in at that PC next: he was asked "Siôn was
    typing figures for Hendon … Restore them?" (both names made the same draft file, every
    letter outside A-Z read as "_"), and Yes saved Siân's figures as his entry, which Siân
    could then verify herself. Only Siân is offered them."""
    typing = main_window(nominations_db, user=typist)
    dialog = typing.open_form(HENDON, Mode.ENTER)
    qtbot.waitUntil(lambda: dialog.isVisible())
    for edit, votes in zip(dialog.form.vote_edits[:3], CLEAN[:3], strict=True):
        qtbot.keyClicks(edit, str(votes))
    assert typing.draft_file().exists()  # kept as typed, for a crash
    dialog.setParent(None)  # the crash: the form never closed, nothing saved
    typing.desk.close()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail(
        f"{typist}'s figures offered to {next_at_the_pc}"))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: pytest.fail(
        f"{typist}'s draft told of to {next_at_the_pc}"))
    other = main_window(nominations_db, user=next_at_the_pc)
    assert other.user == next_at_the_pc
    assert other.offer_draft() is None and other.active_dialog is None
    assert other.draft_file() != typing.draft_file()

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    back = main_window(nominations_db, user=typist)  # still there for whoever typed them
    restored = back.offer_draft()
    assert [e.text() for e in restored.form.vote_edits[:3]] == [str(v) for v in CLEAN[:3]]
    restored.discard()
