"""Driving the real declaration widgets: entry, blind re-key, corrections, recounts, ties."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app_crash import crash
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.declaration_form import DeclarationForm, Mode
from resultsdesk.ui.main_window import MainWindow

# Hendon 2024 in ballot order (surname A-Z): Bailey, Enderby, Gibson, Jogia (Con), Palekar,
# Pearl, Pinto-Duschinsky (Lab), Rend.
HENDON_VOTES = ["1,000", "2000", "3000", "19986", "400", "500", "20001", "600"]


def _form(qtbot, store, user, mode=Mode.ENTER, code=HENDON) -> DeclarationForm:
    application()
    form = DeclarationForm(store, code, user=user, mode=mode)
    qtbot.addWidget(form)
    form.show()
    return form


def _type(qtbot, form: DeclarationForm, votes, invalid: str | None = "120") -> None:
    """Key the figures as a desk would: type, then Tab to the next field."""
    for edit, value in zip(form.vote_edits, votes, strict=True):
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, value)
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
    if invalid is not None:
        form.invalid_edit.selectAll()
        qtbot.keyClicks(form.invalid_edit, invalid)


def test_enter_then_verify_with_a_mismatch_then_rekey(qtbot, nominations_db):
    with Store(nominations_db) as store:
        alice = _form(qtbot, store, "alice")
        _type(qtbot, alice, HENDON_VOTES)
        assert "Total valid <b>47,487</b>" in alice.live_label.text()
        assert "RECOUNT RANGE" in alice.live_label.text()  # majority 15
        with qtbot.assertNotEmitted(alice.saved):  # Enter on the last field saves
            qtbot.keyClick(alice.total_edit, Qt.Key.Key_Return)
        assert "Tick a warning" in alice.message_label.text()
        alice.override_boxes["recount_range"].setChecked(True)
        with qtbot.waitSignal(alice.saved) as saved:
            alice.submit()
        assert saved.args[0].status == "provisional"

        bob = _form(qtbot, store, "bob", Mode.REKEY)
        assert all(e.text() == "" for e in bob.vote_edits)  # blind: nothing shown
        wrong = list(HENDON_VOTES)
        wrong[6] = "20010"
        _type(qtbot, bob, wrong)
        with qtbot.assertNotEmitted(bob.saved):
            qtbot.keyClick(bob.total_edit, Qt.Key.Key_Return)  # Enter on the last field
        assert "David Pinto-Duschinsky" in bob.message_label.text()
        assert "#ffd6d6" in bob.vote_edits[6].styleSheet()
        assert "#ffd6d6" not in bob.vote_edits[0].styleSheet()
        assert dk.load_sheet(store, HENDON).pending is not None

        bob.vote_edits[6].selectAll()
        qtbot.keyClicks(bob.vote_edits[6], "20001")
        assert "#ffd6d6" not in bob.vote_edits[6].styleSheet()
        with qtbot.waitSignal(bob.saved) as verified:
            bob.submit()
        version = verified.args[0]
        assert (version.status, version.entered_by, version.verified_by) == \
            ("verified", "alice", "bob")
        assert national_summary(store).seats == {"Lab": 1}


def test_same_user_cannot_verify(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures([1000, 2000, 3000, 19000, 400, 500,
                                                       21000, 600], 10))
        form = _form(qtbot, store, "Alice ", Mode.REKEY)
        _type(qtbot, form, ["1000", "2000", "3000", "19000", "400", "500", "21000", "600"],
              "10")
        with qtbot.assertNotEmitted(form.saved):
            form.submit()
        assert "a second person must" in form.message_label.text()
        assert dk.load_sheet(store, HENDON).pending.status == "provisional"


def test_undo_and_redo_in_the_form(qtbot, nominations_db):
    with Store(nominations_db) as store:
        form = _form(qtbot, store, "alice")
        edit = form.vote_edits[0]
        edit.setFocus()
        qtbot.keyClicks(edit, "123")
        form.vote_edits[1].setFocus()
        qtbot.keyClicks(form.vote_edits[1], "45")
        form.undo_stack.undo()
        assert form.vote_edits[1].text() == ""
        assert edit.text() == "123"
        form.undo_stack.undo()
        assert edit.text() == ""
        form.undo_stack.redo()
        assert edit.text() == "123"
        assert "Total valid <b>123</b>" in form.live_label.text()


def test_validation_errors_block_saving(qtbot, nominations_db):
    with Store(nominations_db) as store:
        form = _form(qtbot, store, "alice")
        _type(qtbot, form, ["10", "20", "30", "40", "50", "60", "7x", "80"])
        assert "not a whole number" in form.errors_label.text()
        form.vote_edits[6].selectAll()
        qtbot.keyClicks(form.vote_edits[6], "70")
        form.total_edit.setFocus()
        qtbot.keyClicks(form.total_edit, "999")
        assert "not the 999 read out" in form.errors_label.text()
        with qtbot.assertNotEmitted(form.saved):
            form.submit()
        assert dk.load_sheet(store, HENDON).versions == ()


def test_correction_cycle(qtbot, night_db):
    with Store(night_db) as store:
        before = dk.load_sheet(store, HENDON).verified
        form = _form(qtbot, store, "editor", Mode.CORRECT)
        assert form.vote_edits[6].text() == str(before.votes[6])  # prefilled: verified figures
        form.vote_edits[6].selectAll()
        qtbot.keyClicks(form.vote_edits[6], str(before.votes[6] + 5))
        form.override_boxes["recount_range"].setChecked(True)
        form.submit()
        assert "reason" in form.message_label.text()
        qtbot.keyClicks(form.reason_edit, "Returning officer restated Lab total")
        with qtbot.waitSignal(form.saved):
            form.submit()
        sheet = dk.load_sheet(store, HENDON)
        assert sheet.correction_pending
        hendon = next(e for e in national_summary(store).recount_watch if e.code == HENDON)
        assert hendon.majority == 15  # the verified figures stay on air

        verifier = _form(qtbot, store, "checker", Mode.REKEY)
        assert all(e.text() == "" for e in verifier.vote_edits)  # blind: nothing shown
        assert "Returning officer" not in verifier.state_label.text()  # nor the reason
        corrected = [str(v) for v in before.votes]
        corrected[6] = str(before.votes[6] + 5)
        invalid = dk.load_sheet(store, HENDON).pending.invalid_votes
        _type(qtbot, verifier, corrected, None if invalid is None else str(invalid))
        with qtbot.waitSignal(verifier.saved) as verified:
            verifier.submit()
        assert verified.args[0].verification_mode == "rekey"
        hendon = next(e for e in national_summary(store).recount_watch if e.code == HENDON)
        assert hendon.majority == 20


def test_enter_on_a_seat_with_my_own_correction_opens_it_to_key_again_or_withdraw(
        qtbot, night_db, monkeypatch):
    """carol's correction of Hendon awaits verification. Enter on the seat told her "Hendon
    already has a verified result; change it with a correction" (she had), and the
    correction form (Declaration > Correct) said nothing of hers and could not withdraw it:
    only the command line could. Now Enter opens the correction form, which says it
    replaces hers and offers to withdraw it."""
    with Store(night_db) as store:
        verified = dk.load_sheet(store, HENDON).verified
        dk.correct(store, HENDON, user="carol", reason="restated", overrides=["recount_range"],
                   figures=Figures([v + 1 for v in verified.votes], verified.invalid_votes))
    refused = []  # what the window would say instead of opening a form (a blocking box)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: refused.append(a[2]))
    application()
    window = MainWindow(night_db, user="carol")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()  # as a window manager does (offscreen Qt does too; bare X does not)
    qtbot.waitUntil(window.isActiveWindow)
    window.select_code(HENDON)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert refused == []
    dialog = window.active_dialog
    assert dialog is not None and dialog.form.mode is Mode.CORRECT
    form = dialog.form
    assert "Replaces provisional version 2 (correction) by carol" in form.state_label.text()
    assert form.withdraw_button.isVisible()
    form.withdraw_button.setFocus()
    qtbot.keyClick(form.withdraw_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(form, "withdraw_box", None) is not None
                    and QApplication.activeWindow() is form.withdraw_box)
    with qtbot.waitSignal(window.refreshed):
        qtbot.keyClick(form.withdraw_box, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    with Store(night_db) as store:
        sheet = dk.load_sheet(store, HENDON)
        assert sheet.latest.status == "withdrawn" and not sheet.correction_pending
    assert "correction pending" not in window.model.row_at(window.model._index[HENDON]).status_text


def test_recount_with_three_counts(qtbot, nominations_db):
    code = "E14001077"  # Basildon and Billericay
    with Store(nominations_db) as store:
        n = len(dk.load_sheet(store, code).candidates)
        counts = [[1000 * (i + 1) for i in range(n)] for _ in range(3)]
        counts[1][0] += 7
        counts[2][0] += 3
        for number, figures in enumerate(counts):
            if number:
                dk.mark_recount(store, code, user="desk")
            form = _form(qtbot, store, "alice", code=code)
            if number:
                assert "RECOUNT UNDER WAY" in form.state_label.text()
            _type(qtbot, form, [str(v) for v in figures], "50")
            for box in form.override_boxes.values():
                box.setChecked(True)
            with qtbot.waitSignal(form.saved):
                form.submit()
        verifier = _form(qtbot, store, "bob", Mode.REKEY, code=code)
        _type(qtbot, verifier, [str(v) for v in counts[2]], "50")
        with qtbot.waitSignal(verifier.saved):
            verifier.submit()
        sheet = dk.load_sheet(store, code)
        assert [v.count_label for v in sheet.versions] == ["First count", "Recount 1",
                                                           "Recount 2"]
        assert [v.status for v in sheet.versions] == ["superseded", "superseded", "verified"]
        assert not sheet.recount_under_way
        assert national_summary(store).votes[sheet.candidates[0].party] >= counts[2][0]


def test_marking_a_recount_asks_first(qtbot, nominations_db):
    """Ctrl+Shift+R (beside Ctrl+Shift+E, Export graphic) on the seat in Find marked a
    recount at once: RECOUNT on the seat, and alice's entry awaiting verification no longer
    counted. Now it asks, saying so; Esc keeps everything as it was."""
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(list(CLEAN), 120))
    application()
    window = MainWindow(nominations_db, user="bob")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.focus_search()
    qtbot.keyClicks(window.search, "Hendon")  # the only row: the Declaration menu's seat
    qtbot.keyClick(window.search, Qt.Key.Key_R, ctrl_shift)
    qtbot.waitUntil(lambda: getattr(window, "recount_box", None) is not None
                    and QApplication.activeWindow() is window.recount_box)
    box = window.recount_box
    assert "alice's entry (version 1), awaiting verification, will no longer count" \
        in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)
    with Store(nominations_db) as store:
        sheet = dk.load_sheet(store, HENDON)
        assert not sheet.recount_under_way and sheet.pending.version == 1

    qtbot.keyClick(window.search, Qt.Key.Key_R, ctrl_shift)
    qtbot.waitUntil(lambda: window.recount_box is not box
                    and QApplication.activeWindow() is window.recount_box)
    with qtbot.waitSignal(window.refreshed):
        qtbot.keyClick(window.recount_box, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert "RECOUNT UNDER WAY" in window.statusBar().currentMessage()
    with Store(nominations_db) as store:
        sheet = dk.load_sheet(store, HENDON)
        assert sheet.recount_under_way and sheet.pending is None


def test_tie_decided_by_lot(qtbot, nominations_db):
    with Store(nominations_db) as store:
        form = _form(qtbot, store, "alice")
        _type(qtbot, form, ["100", "200", "300", "20000", "400", "500", "20000", "600"])
        assert form.tie_row.isVisible()
        assert "TIE" in form.live_label.text()
        form.override_boxes["tie"].setChecked(True)
        form.tie_combo.setCurrentIndex(form.tie_combo.findText("Ameet Jogia"))
        form.submit()
        assert "note" in form.message_label.text()
        qtbot.keyClicks(form.tie_note, "Drawn from a hat by the returning officer")
        with qtbot.waitSignal(form.saved):
            form.submit()
        dk.verify(store, HENDON, user="bob", votes=None)
        summary = national_summary(store)
        assert summary.seats == {"Con": 1}
        assert summary.ties == []  # decided: no longer awaiting a lot
        hendon = summary.recount_watch[0]
        assert (hendon.code, hendon.winner_party, hendon.majority) == (HENDON, "Con", 0)


def test_stale_version_conflict_between_two_desks(qtbot, nominations_db):
    with Store(nominations_db) as desk_one, Store(nominations_db) as desk_two:
        form = _form(qtbot, desk_one, "alice")
        dk.declare(desk_two, HENDON, user="zara",
                   figures=Figures([1, 2, 3, 20000, 5, 6, 19000, 8], 3))
        _type(qtbot, form, HENDON_VOTES)
        form.override_boxes["recount_range"].setChecked(True)
        with qtbot.assertNotEmitted(form.saved):
            form.submit()
        text = form.message_label.text()
        assert "zara" in text and "changed by someone else" in text
        assert len(dk.load_sheet(desk_one, HENDON).versions) == 1


def test_main_window_keyboard_flow_and_queue(qtbot, nominations_db):
    application()
    window = MainWindow(nominations_db, user="alice")
    qtbot.addWidget(window)
    window.show()
    window.focus_search()
    qtbot.keyClicks(window.search, "Hendon")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    dialog = window.active_dialog
    assert dialog is not None and dialog.form.mode is Mode.ENTER
    _type(qtbot, dialog.form, HENDON_VOTES)
    dialog.form.override_boxes["recount_range"].setChecked(True)
    with qtbot.waitSignal(window.refreshed):
        qtbot.keyClick(dialog.form.total_edit, Qt.Key.Key_Return)
    assert window.queue_model.rowCount() == 1
    assert window.declared_label.text() == "0 of 650 declared · 1 awaiting verification"

    window.user = "bob"
    window._verify_from_queue(window.queue_model.index(0, 0))
    verify = window.active_dialog
    assert verify.form.mode is Mode.REKEY
    _type(qtbot, verify.form, HENDON_VOTES)
    with qtbot.waitSignal(window.refreshed):
        verify.form.submit()
    assert window.queue_model.rowCount() == 0
    assert window.declared_label.text() == "1 of 650 declared"


def test_enter_on_a_row_opens_the_right_form(qtbot, night_db):
    application()
    window = MainWindow(night_db, user="carol")
    qtbot.addWidget(window)
    window.show()
    with Store(night_db) as other:
        sheet = dk.load_sheet(other, HENDON)
        dk.correct(other, HENDON, user="dave",
                   figures=Figures([v + 1 for v in sheet.verified.votes],
                                   sheet.verified.invalid_votes),
                   reason="restated", overrides=["recount_range"])
    window.refresh()
    window.select_code(HENDON)
    assert "correction pending" in window.proxy.index(
        window.table.currentIndex().row(), 4).data()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.active_dialog is not None
    assert window.active_dialog.form.mode is Mode.REKEY  # someone else's entry: verify it


def _crash_while_typing(qtbot, db) -> Path:
    """alice types Hendon's first three figures, then the app "crashes": the window goes
    away without the form being closed or saved. Returns her draft's file."""
    application()
    window = MainWindow(db, user="alice")
    qtbot.addWidget(window)
    dialog = window.open_form(HENDON, Mode.ENTER)
    for edit, value in zip(dialog.form.vote_edits[:3], HENDON_VOTES[:3], strict=True):
        qtbot.keyClicks(edit, value)
    draft_file = window.draft_file()
    assert draft_file.exists()  # written as they type, before any save
    crash(window, dialog)
    return draft_file


def test_draft_survives_a_crash_and_is_offered_back(qtbot, nominations_db, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    draft_file = _crash_while_typing(qtbot, nominations_db)

    second = MainWindow(nominations_db, user="alice")
    qtbot.addWidget(second)
    monkeypatch.setattr(MainWindow, "ask_to_restore",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    restored = second.offer_draft()
    assert [e.text() for e in restored.form.vote_edits[:3]] == HENDON_VOTES[:3]
    restored.discard()  # closing the form on purpose discards the draft
    assert not draft_file.exists()
    assert second.offer_draft() is None


def _restore_asked(monkeypatch) -> list[str]:
    """Every "Restore them?" asked from now on, answered Yes (restore)."""
    asked: list[str] = []

    def yes(self, text: str):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(MainWindow, "ask_to_restore", yes)
    return asked


def test_a_draft_left_on_another_database_is_offered_once_file_open_opens_it(
        qtbot, night_db, nominations_db, monkeypatch):
    """The app went down with alice's figures typed on a database opened with File > Open;
    started again, it opens the default one, and she opens hers with File > Open: the
    figures were offered only at a start on that very file, so never on this road back."""
    draft_file = _crash_while_typing(qtbot, nominations_db)
    asked = _restore_asked(monkeypatch)
    window = MainWindow(night_db, user="alice")  # the app started again, on another night
    qtbot.addWidget(window)
    window.show()
    assert window.offer_draft() is None  # nothing of hers typed on this one
    window.open_database(nominations_db)  # File > Open: where she was typing
    qtbot.waitUntil(lambda: window.active_dialog is not None, timeout=10_000)
    assert len(asked) == 1 and "Hendon" in asked[0]
    form = window.active_dialog.form
    assert [e.text() for e in form.vote_edits[:3]] == HENDON_VOTES[:3]
    window.active_dialog.discard()
    assert not draft_file.exists()


def test_a_draft_left_by_someone_else_is_offered_once_switch_user_signs_them_in(
        qtbot, nominations_db, monkeypatch):
    """alice's figures were left in a draft (the app went down as she typed); bob is the
    first at the desk after the start, and hands it to her with File > Switch user: hers
    were offered only at a start with her name given, never after a switch to her."""
    from helpers.switch_user import switch_open_desk_user

    draft_file = _crash_while_typing(qtbot, nominations_db)
    asked = _restore_asked(monkeypatch)
    window = MainWindow(nominations_db, user="bob")
    qtbot.addWidget(window)
    window.show()
    assert window.offer_draft() is None  # never offered to another name
    assert switch_open_desk_user(window, "alice")
    qtbot.waitUntil(lambda: window.active_dialog is not None, timeout=10_000)
    assert len(asked) == 1 and window.user == "alice"
    form = window.active_dialog.form
    assert [e.text() for e in form.vote_edits[:3]] == HENDON_VOTES[:3]
    window.active_dialog.discard()
    assert not draft_file.exists()



def test_esc_on_restore_them_brings_the_figures_back_and_never_throws_them_away(
        qtbot, nominations_db):
    """ "Restore them?" (Yes / Discard) ignored Esc: the question stayed. Esc now answers
    as Enter does, restoring: putting it off would not keep the figures either, the next
    form opened writing over the draft's file or clearing it. Throwing them away is
    Discard's alone, and the restored form's own Esc asks first."""
    draft_file = _crash_while_typing(qtbot, nominations_db)
    second = MainWindow(nominations_db, user="alice")
    qtbot.addWidget(second)
    second.show()
    asked: list[tuple[str, bool]] = []  # (the question, still up after Esc)

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, second, answer)
            return
        qtbot.keyClick(QApplication.focusWidget() or box, Qt.Key.Key_Escape)
        asked.append((box.text(), box.isVisible()))
        if box.isVisible():  # Esc did nothing: closed here, or the test would wait forever
            box.done(0)

    QTimer.singleShot(0, second, answer)
    restored = second.offer_draft()
    assert asked == [("alice was typing figures for Hendon when ResultsDesk closed "
                      "unexpectedly. Restore them?", False)]
    assert restored is not None and restored.isVisible()
    assert [e.text() for e in restored.form.vote_edits[:3]] == HENDON_VOTES[:3]
    assert draft_file.exists()  # still the crash's safety net until saved or discarded
    qtbot.waitUntil(lambda: restored.isActiveWindow() and QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # the form's Esc asks,
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    question = QApplication.activeModalWidget()
    assert question.objectName() == "discardBox"
    qtbot.keyClick(QApplication.focusWidget() or question, Qt.Key.Key_Escape)  # Esc: keep
    assert restored.isVisible() and draft_file.exists()
    assert [e.text() for e in restored.form.vote_edits[:3]] == HENDON_VOTES[:3]


def test_a_draft_is_offered_only_on_the_database_it_was_typed_in(qtbot, nominations_db,
                                                                  monkeypatch):
    """Two databases with the same file name in different folders (the desk's election.db
    and a copy on a stick): figures typed into one before a crash are never offered, or
    put into the form, on the other; nor does typing into the other replace them."""
    import shutil

    from PySide6.QtWidgets import QMessageBox

    other = nominations_db.parent / "elsewhere" / nominations_db.name
    other.parent.mkdir()
    shutil.copyfile(nominations_db, other)
    _crash_while_typing(qtbot, nominations_db)

    wrong = MainWindow(other, user="alice")
    qtbot.addWidget(wrong)
    monkeypatch.setattr(MainWindow, "ask_to_restore", lambda *a, **k: pytest.fail("offered"))
    assert wrong.offer_draft() is None
    typing = wrong.open_form(HENDON, Mode.ENTER)  # the other database's own typing
    qtbot.keyClicks(typing.form.vote_edits[0], "7")
    crash(wrong, typing)

    right = MainWindow(nominations_db, user="alice")
    qtbot.addWidget(right)
    monkeypatch.setattr(MainWindow, "ask_to_restore",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    restored = right.offer_draft()
    assert [e.text() for e in restored.form.vote_edits[:3]] == HENDON_VOTES[:3]


def test_a_draft_keeps_the_winner_drawn_by_lot_and_its_note(qtbot, nominations_db,
                                                            monkeypatch):
    """A tie keyed with its lot (the winner chosen, how it was drawn typed) and then a
    crash: the draft offered back holds all of it, not the figures alone."""
    from PySide6.QtWidgets import QMessageBox

    application()
    window = MainWindow(nominations_db, user="alice")
    qtbot.addWidget(window)
    dialog = window.open_form(HENDON, Mode.ENTER)
    dialog.show()
    form = dialog.form
    _type(qtbot, form, [*HENDON_VOTES[:3], "20001", *HENDON_VOTES[4:]])  # Jogia = Pinto-D.
    qtbot.waitUntil(form.tie_row.isVisible)
    form.tie_combo.setFocus()
    qtbot.keyClick(form.tie_combo, Qt.Key.Key_Down)
    chosen = form.tie_combo.currentData()
    assert chosen is not None
    qtbot.keyClicks(form.tie_note, "drawn by the RO, 04:10")
    crash(window, dialog)

    second = MainWindow(nominations_db, user="alice")
    qtbot.addWidget(second)
    monkeypatch.setattr(MainWindow, "ask_to_restore",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    restored = second.offer_draft().form
    assert restored.vote_edits[3].text() == "20001"
    assert restored.tie_row.isVisibleTo(restored)
    assert restored.tie_combo.currentData() == chosen
    assert restored.tie_note.text() == "drawn by the RO, 04:10"

def test_a_rejected_entry_says_why_where_it_is_keyed_again(qtbot, nominations_db):
    """Bob sends Alice's entry back with a comment; the form that keys the seat again says
    so (only History did: the form said "Awaiting declaration")."""
    with Store(nominations_db) as store:
        alice = _form(qtbot, store, "alice")
        _type(qtbot, alice, HENDON_VOTES)
        alice.override_boxes["recount_range"].setChecked(True)  # majority 15
        with qtbot.waitSignal(alice.saved):
            alice.submit()
        dk.reject(store, HENDON, user="bob", comment="Lab & Con <swapped> on the sheet")
        again = _form(qtbot, store, "alice")
        text = again.state_label.text()
        assert "Version 1 by alice was sent back" in text, text
        assert "Lab &amp; Con &lt;swapped&gt; on the sheet" in text  # shown as typed
        assert "Awaiting declaration" not in text
        assert all(e.text() == "" for e in again.vote_edits)  # keyed afresh


def test_a_form_that_could_not_be_saved_is_not_opened(qtbot, night_db, nominations_db,
                                                      monkeypatch):
    """Declaration > Enter on a verified seat, Verify with nothing awaiting it, Correct with
    nothing verified: the desk's refusal is said at once, not after a whole sheet is keyed
    (the form used to open blank, "Awaiting declaration", and refuse only the save)."""
    application()
    told: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information",
                        lambda _parent, _title, text: told.append(text))
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    cases = ((night_db, Qt.Key.Key_E, ctrl, "Hendon already has a verified result"),
             (night_db, Qt.Key.Key_V, ctrl | shift, "Hendon has nothing awaiting verification"),
             (nominations_db, Qt.Key.Key_C, ctrl | shift,
              "Hendon has no verified result to correct"))
    for db, key, modifiers, refusal in cases:
        window = MainWindow(db, user="carol")
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window.search, Qt.Key.Key_F, ctrl)
        qtbot.keyClicks(window.search, "Hendon")
        assert window.selected_code() == HENDON
        told.clear()
        qtbot.keyClick(window.search, key, modifiers)
        assert window.active_dialog is None
        assert len(told) == 1 and told[0].startswith(refusal), told
        window.close()

    # Where the save would go through, the form still opens: Enter on an awaiting seat.
    window = MainWindow(nominations_db, user="carol")
    qtbot.addWidget(window)
    window.show()
    window.select_code(HENDON)
    window.findChild(QAction, "enterAction").trigger()
    assert window.active_dialog is not None and window.active_dialog.form.mode is Mode.ENTER
    window.active_dialog.reject()


def test_a_draft_for_a_seat_verified_since_is_said_once_and_dropped(qtbot, nominations_db,
                                                                     monkeypatch):
    """alice's crash draft for Hendon, which bob then entered and carol verified: it could
    never be saved ("already verified"), yet was offered at every start, Yes only showing
    the refusal. Said once, with what was typed kept in the log; not offered again."""
    from PySide6.QtWidgets import QMessageBox

    _crash_while_typing(qtbot, nominations_db)
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, Figures(CLEAN, 50), user="bob")
        dk.verify(store, HENDON, user="carol", votes=CLEAN, invalid=50)

    told: list[str] = []
    monkeypatch.setattr(MainWindow, "ask_to_restore", lambda *a, **k: pytest.fail("offered"))
    monkeypatch.setattr(QMessageBox, "information", lambda _w, _t, text: told.append(text))
    second = MainWindow(nominations_db, user="alice")
    qtbot.addWidget(second)
    assert second.offer_draft() is None and second.active_dialog is None
    assert len(told) == 1 and "can no longer be saved" in told[0] and "log" in told[0]
    assert not second.draft_file().exists()
    assert second.offer_draft() is None and len(told) == 1  # not again
