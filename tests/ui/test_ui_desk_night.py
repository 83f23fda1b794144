"""The declaration workflow as a results desk meets it at 3 a.m., in the real main window,
driven by key presses: a seat opened from a side list while the find box holds another
search opens that seat, not the one the search left selected; figures one person typed
before a crash are never offered to another who signs in at that PC, and a warning ticked
before the crash, unticked once restored, stays unticked; figures keyed for a count are
never saved as a recount called while they were typed; a correction keyed during a recount
corrects the verified count and leaves the recount under way."""

from __future__ import annotations

import pytest
from helpers.app_crash import crash
from helpers.seats import CLEAN, HENDON, HENDON_2024
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode
from resultsdesk.ui.main_window import MainWindow


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
    crash(typing, dialog)  # the form never closed, nothing saved

    monkeypatch.setattr(MainWindow, "ask_to_restore", lambda *a, **k: pytest.fail(
        f"{typist}'s figures offered to {next_at_the_pc}"))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: pytest.fail(
        f"{typist}'s draft told of to {next_at_the_pc}"))
    other = main_window(nominations_db, user=next_at_the_pc)
    assert other.user == next_at_the_pc
    assert other.offer_draft() is None and other.active_dialog is None
    assert other.draft_file() != typing.draft_file()

    monkeypatch.setattr(MainWindow, "ask_to_restore",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    back = main_window(nominations_db, user=typist)  # still there for whoever typed them
    restored = back.offer_draft()
    assert [e.text() for e in restored.form.vote_edits[:3]] == [str(v) for v in CLEAN[:3]]
    restored.discard()


def _crash_with_the_warning_ticked(qtbot, main_window, db) -> None:
    """alice keys Hendon's 2024 figures (Lab by 15), ticks the recount-range warning with
    Space, and the app goes down before she saves."""
    window = main_window(db, user="alice")
    dialog = window.open_form(HENDON, Mode.ENTER)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.vote_edits[0])
    for votes in [*HENDON_2024, 120]:
        field = QApplication.focusWidget()
        qtbot.keyClicks(field, str(votes))
        qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # the save: blocked
    box = dialog.form.override_boxes["recount_range"]
    assert QApplication.focusWidget() is box
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()
    crash(window, dialog)


def test_a_restored_warning_unticked_stays_unticked(qtbot, main_window, nominations_db,
                                                    monkeypatch):
    """Restored after the crash, the warning is ticked as alice left it. She unticks it
    (Space) to check the figures again and types the total read out: every keystroke ticked
    it again, out of her sight, and Ctrl+S saved the entry with the warning recorded as
    accepted. It stays as she left it: unticked, and the save is refused until she ticks
    it."""
    _crash_with_the_warning_ticked(qtbot, main_window, nominations_db)
    monkeypatch.setattr(MainWindow, "ask_to_restore",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    window = main_window(nominations_db, user="alice")
    dialog = window.offer_draft()
    form = dialog.form
    box = form.override_boxes["recount_range"]
    assert box.isChecked()  # as it was before the crash
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    box.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert not box.isChecked()
    form.total_edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(form.total_edit.hasFocus)
    qtbot.keyClicks(form.total_edit, str(sum(HENDON_2024)))
    assert not box.isChecked()
    with qtbot.assertNotEmitted(form.saved):
        qtbot.keyClick(form.total_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "Tick a warning" in form.message_label.text()
    with Store(nominations_db) as desk:
        assert dk.load_sheet(desk, HENDON).versions == ()
    dialog.discard()


def _key_and_save(qtbot, dialog, figures) -> None:
    """Type `figures` (votes, then rejected ballots) with Enter between them, then Enter in
    the last field: the save."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.form.vote_edits[0].setFocus(Qt.FocusReason.OtherFocusReason)
    for value in figures:
        field = QApplication.focusWidget()
        qtbot.keyClicks(field, str(value))
        qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


@pytest.mark.parametrize("keyed_before", [False, True])
def test_figures_keyed_before_a_recount_is_called_are_not_saved_as_its_count(
        qtbot, main_window, nominations_db, keyed_before):
    """alice opens Hendon and keys the first count as read out (or re-keys her own entry
    of it). Meanwhile the returning officer grants a recount and carol, at the other desk,
    marks it under way. alice's save went through, recorded as recount 1's figures, and
    bob's verification of them would end the recount with the first count on air. The
    save is refused, saying why; nothing is written."""
    if keyed_before:
        with Store(nominations_db) as desk:
            dk.declare(desk, HENDON, user="alice", figures=Figures(list(CLEAN), 120))
    alice = main_window(nominations_db, user="alice")
    dialog = alice.open_form(HENDON, Mode.ENTER)
    carol = main_window(nominations_db, user="carol")  # the other desk
    carol.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is carol)
    carol.focus_search()
    qtbot.keyClicks(carol.search, "Hendon")
    qtbot.keyClick(carol.search, Qt.Key.Key_R,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: getattr(carol, "recount_box", None) is not None
                    and QApplication.activeWindow() is carol.recount_box)
    with qtbot.waitSignal(carol.refreshed):
        qtbot.keyClick(carol.recount_box, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    with Store(nominations_db) as desk:
        assert dk.load_sheet(desk, HENDON).recount_under_way
        before = dk.load_sheet(desk, HENDON).versions

    with qtbot.assertNotEmitted(dialog.form.saved):
        _key_and_save(qtbot, dialog, [*CLEAN, 120])
    said = dialog.form.message_label.text()
    assert "recount 1 was called since you opened it" in said, said
    with Store(nominations_db) as desk:
        assert dk.load_sheet(desk, HENDON).versions == before
    dialog.discard()


def test_a_correction_keyed_during_a_recount_leaves_it_under_way(qtbot, main_window,
                                                                 nominations_db):
    """Hendon verified, a recount called. carol finds Bailey keyed one short in the verified
    count: Ctrl+Shift+C, the figure, Ctrl+S, the reason, Ctrl+S. The form said "these
    figures are recount 1", and bob's verification of the correction ended the recount:
    RECOUNT gone from the table and the watch. The form says what it corrects, and the
    seat stays under recount."""
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(list(CLEAN), 120))
        dk.verify(desk, HENDON, user="bob", votes=list(CLEAN), invalid=120)
        dk.mark_recount(desk, HENDON, user="bob", under_way=True)
    carol = main_window(nominations_db, user="carol")
    carol.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is carol)
    carol.focus_search()
    qtbot.keyClicks(carol.search, "Hendon")
    qtbot.keyClick(carol.search, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: carol.active_dialog is not None)
    dialog = carol.active_dialog
    form = dialog.form
    assert form.mode is Mode.CORRECT
    said = form.state_label.text()
    assert "these figures are recount 1" not in said
    assert "correct the verified count, not recount 1" in said
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.vote_edits[0])
    qtbot.keyClicks(form.vote_edits[0], str(CLEAN[0] + 1))  # selected: typed over
    ctrl_s = (Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(form.vote_edits[0], *ctrl_s)
    assert QApplication.focusWidget() is form.reason_edit  # the reason, then
    qtbot.keyClicks(form.reason_edit, "Bailey keyed one short")
    with qtbot.waitSignal(form.saved):
        qtbot.keyClick(form.reason_edit, *ctrl_s)
    qtbot.waitUntil(lambda: carol.active_dialog is None)

    corrected = [CLEAN[0] + 1, *CLEAN[1:]]
    with Store(nominations_db) as desk:
        assert dk.verify(desk, HENDON, user="bob", votes=corrected, invalid=120).verified
    carol.refresh_if_changed()
    row = carol.model.row_at(carol.model._index[HENDON])
    assert row.recount_under_way and row.status_text.startswith("RECOUNT")
    assert carol.recount_model.row_at(0).recount_under_way


def test_a_recount_whose_count_awaits_verification_is_not_called_off_from_the_menu(
        qtbot, main_window, nominations_db, monkeypatch):
    """Hendon verified, recounted, and recount 1's figures keyed by alice. carol finds
    Hendon and presses Alt+D, N (Declaration > End recount (called off)): it ended, and
    recount 1's figures stayed to verify, to go on air for a recount called off. She is
    told why not and what to do; Hendon stays RECOUNT with its count to verify."""
    recount = list(CLEAN)
    recount[0] += 1
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(list(CLEAN), 120))
        dk.verify(desk, HENDON, user="bob", votes=list(CLEAN), invalid=120)
        dk.mark_recount(desk, HENDON, user="bob", under_way=True)
        dk.declare(desk, HENDON, user="alice", figures=Figures(recount, 120))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    carol = main_window(nominations_db, user="carol")
    carol.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is carol)
    carol.focus_search()
    qtbot.keyClicks(carol.search, "Hendon")
    qtbot.keyClick(carol.search, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_N)  # E&nd recount
    qtbot.waitUntil(lambda: warned != [])
    assert warned == [f"Hendon: recount 1's figures (version 2, entered by alice at "
                      f"{dk.local_time(dk.load_sheet(carol.desk, HENDON).latest.entered_at)})"
                      " await verification, so the recount cannot be called off: verify "
                      "them, which ends it, or reject them (or alice withdraws them) first."]
    with Store(nominations_db) as desk:
        sheet = dk.load_sheet(desk, HENDON)
    assert sheet.recount_under_way and sheet.pending.count_number == 1
