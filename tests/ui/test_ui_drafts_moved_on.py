"""A crash draft whose seat moved on while the app was down: said before anything is
restored, what was typed kept in the log, never put back into a form that cannot save it.

Typed for recount 1, offered back once recount 2 was called, it was restored under "these
figures are recount 2" and refused only after the whole sheet was keyed; typed before
someone else entered (and withdrew) the seat, it was restored into a form whose every save
was refused ("changed by someone else"); typed for a seat a restore or an import took away,
it was deleted without a word and what was typed went with it."""

from __future__ import annotations

import logging

import pytest
from helpers.app_crash import crash
from helpers.seats import CLEAN, HENDON
from PySide6.QtWidgets import QMessageBox

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import session
from resultsdesk.desk.drafts import Draft, save_draft
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode
from resultsdesk.ui.main_window import MainWindow

TYPED = ["2667", "1966", "13"]


def _crash_while_typing(qtbot, main_window, db) -> None:
    window = main_window(db, user="alice")
    dialog = window.open_form(HENDON, Mode.ENTER)
    qtbot.waitUntil(dialog.isVisible)
    for edit, value in zip(dialog.form.vote_edits, TYPED, strict=False):
        qtbot.keyClicks(edit, value)
    crash(window, dialog)


def _started_again(main_window, db, monkeypatch) -> tuple[MainWindow, list[str]]:
    """alice's window started again, every box that only tells recorded; a "Restore
    them?" fails the test."""
    told: list[str] = []
    monkeypatch.setattr(MainWindow, "ask_to_restore", lambda *a, **k: pytest.fail("offered"))
    monkeypatch.setattr(QMessageBox, "information", lambda _w, _t, text: told.append(text))
    return main_window(db, user="alice"), told


def test_a_draft_for_a_count_the_seat_has_left_is_said_not_restored(
        qtbot, main_window, nominations_db, monkeypatch, caplog):
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="bob")
        dk.verify(desk, HENDON, user="carol", votes=CLEAN, invalid=50)
        dk.mark_recount(desk, HENDON, user="carol")
    _crash_while_typing(qtbot, main_window, nominations_db)  # recount 1's figures
    with Store(nominations_db) as desk:  # meanwhile recount 1 keyed, verified, and another
        dk.declare(desk, HENDON, Figures(CLEAN, 60), user="bob")
        dk.verify(desk, HENDON, user="carol", votes=CLEAN, invalid=60)
        dk.mark_recount(desk, HENDON, user="carol")

    caplog.set_level(logging.WARNING)
    window, told = _started_again(main_window, nominations_db, monkeypatch)
    assert window.offer_draft() is None and window.active_dialog is None
    assert len(told) == 1 and "can no longer be saved" in told[0]
    assert "Hendon is at recount 2; they were typed for recount 1" in told[0]
    assert "2667" in caplog.text  # what was typed is in the log
    assert window.offer_draft() is None and len(told) == 1  # said once


def test_a_draft_for_a_seat_someone_else_changed_since_is_said_not_restored(
        qtbot, main_window, nominations_db, monkeypatch, caplog):
    _crash_while_typing(qtbot, main_window, nominations_db)
    with Store(nominations_db) as desk:  # bob's entry, then withdrawn: version 1 is his
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="bob")
        dk.withdraw(desk, HENDON, user="bob")

    caplog.set_level(logging.WARNING)
    window, told = _started_again(main_window, nominations_db, monkeypatch)
    assert window.offer_draft() is None and window.active_dialog is None
    assert len(told) == 1 and "can no longer be saved" in told[0] and "bob" in told[0]
    assert "1966" in caplog.text
    assert window.offer_draft() is None and len(told) == 1


def test_a_draft_for_a_seat_no_longer_in_the_database_is_said_not_dropped_unsaid(
        main_window, nominations_db, monkeypatch, caplog):
    """A seat added by an import, typed for, then taken away by restoring a backup from
    before the import: its draft went without a word."""
    window = main_window(nominations_db, user="alice")
    save_draft(window.draft_file(), Draft("E14999999", Mode.ENTER.value, 0,
                                          {"votes_0": "4242"}, [], 0))
    window.release_draft_slot()  # (the window that typed it gone)

    caplog.set_level(logging.WARNING)
    again, told = _started_again(main_window, nominations_db, monkeypatch)
    assert again.offer_draft() is None and again.active_dialog is None
    assert len(told) == 1 and "E14999999 is no longer in this election" in told[0]
    assert "log" in told[0]
    assert "4242" in caplog.text
    assert again.offer_draft() is None and len(told) == 1


def test_a_draft_typed_over_a_version_a_restore_took_away_is_said_not_restored(
        qtbot, main_window, nominations_db, monkeypatch, caplog, tmp_path):
    """alice keys Hendon again over her own entry (version 1) when the PC goes down; an
    admin then restores a backup from before that entry: restored, the form's every save
    was refused ("changed since you opened it")."""
    backup = tmp_path / "before.db"
    with Store(nominations_db) as desk:
        session.backup(desk, backup)
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="alice")
    _crash_while_typing(qtbot, main_window, nominations_db)
    session.restore(backup, nominations_db, user="carol")

    caplog.set_level(logging.WARNING)
    window, told = _started_again(main_window, nominations_db, monkeypatch)
    assert window.offer_draft() is None and window.active_dialog is None
    assert len(told) == 1 and "a backup restored since" in told[0]
    assert "2667" in caplog.text


def _electorates(folder, hendon: int):
    """The 2024 by-constituency file with Hendon's electorate given as `hendon`."""
    import csv

    from resultsdesk.paths import CONSTITUENCIES_2024, data_file

    with data_file(CONSTITUENCIES_2024).open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["ONS ID"] == HENDON:
            row["Electorate"] = str(hendon)
    path = folder / "constituencies.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_draft_brings_back_the_electorate_only_where_it_was_typed(
        qtbot, main_window, nominations_db, monkeypatch, tmp_path):
    """alice keys Hendon's votes, never touching the electorate the form started from
    (74,865); while the app is down an import gives Hendon 80,000. The draft had kept the
    old figure as if typed: restored and saved, version 1 went on air with 74,865, which
    nobody keyed (and the verifier's form, starting from 80,000, then differed)."""
    from resultsdesk.desk.imports import import_candidates
    from resultsdesk.paths import ELECTION_2024, data_file

    _crash_while_typing(qtbot, main_window, nominations_db)
    with Store(nominations_db) as desk:
        import_candidates(desk, data_file(ELECTION_2024),
                          constituencies=_electorates(tmp_path, 80_000), user="ann")

    monkeypatch.setattr(MainWindow, "ask_to_restore",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    window = main_window(nominations_db, user="alice")
    form = window.offer_draft().form
    assert [e.text() for e in form.vote_edits[:3]] == TYPED
    assert form.electorate_edit.text() == "80000"
    assert form.figures()[3] == 80_000


def test_an_electorate_typed_is_kept_in_the_draft(qtbot, main_window, nominations_db,
                                                   monkeypatch):
    window = main_window(nominations_db, user="alice")
    dialog = window.open_form(HENDON, Mode.ENTER)
    qtbot.waitUntil(dialog.isVisible)
    edit = dialog.form.electorate_edit
    edit.selectAll()
    qtbot.keyClicks(edit, "74900")  # the returning officer's own figure
    qtbot.keyClicks(dialog.form.vote_edits[0], "2667")
    crash(window, dialog)

    monkeypatch.setattr(MainWindow, "ask_to_restore",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    form = main_window(nominations_db, user="alice").offer_draft().form
    assert form.electorate_edit.text() == "74900"
    assert form.vote_edits[0].text() == "2667"


def test_a_restored_draft_goes_on_where_the_typing_stopped(qtbot, main_window,
                                                           nominations_db, monkeypatch):
    """Restored, the form had the focus in the first candidate's field, its figure
    selected: the next figure read out, typed on, replaced the first one restored."""
    from PySide6.QtWidgets import QApplication

    _crash_while_typing(qtbot, main_window, nominations_db)
    monkeypatch.setattr(MainWindow, "ask_to_restore",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = main_window(nominations_db, user="alice").offer_draft()
    form = dialog.form
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.vote_edits[3])
    qtbot.keyClicks(form.vote_edits[3], "12000")
    assert [e.text() for e in form.vote_edits[:4]] == [*TYPED, "12000"]


def test_a_restored_form_hears_an_entry_saved_on_another_desk(qtbot, main_window,
                                                              nominations_db, monkeypatch):
    """Restored as the seat stood when it was typed, the form is told at once of bob's
    entry saved afterwards, as any open form is (test_ui_form_entry_meanwhile.py): it
    heard nothing until the whole sheet was keyed and saved, taking any change for its
    own save landed before the crash, which (the seat unchanged when it came back) there
    can have been none of."""
    _crash_while_typing(qtbot, main_window, nominations_db)
    monkeypatch.setattr(MainWindow, "ask_to_restore",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    form = main_window(nominations_db, user="alice").offer_draft().form
    with Store(nominations_db) as other:
        dk.declare(other, HENDON, Figures(CLEAN, 50), user="bob")
    qtbot.waitUntil(lambda: "bob" in form.message_label.text())
    assert "bob's entry now awaits verification" in form.message_label.text()


def test_a_correction_draft_outlives_a_recount_called_since(qtbot, main_window,
                                                            nominations_db, monkeypatch):
    """alice was typing a correction of Hendon's verified result when the PC went down;
    carol then called a recount. A correction is of the verified count, which a recount
    does not move (`declarations.correct` saves it): the draft was dropped all the same,
    "they were typed for the first count", what was typed left only in the log."""
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="bob")
        dk.verify(desk, HENDON, user="carol", votes=CLEAN, invalid=50)
    window = main_window(nominations_db, user="alice")
    dialog = window.open_form(HENDON, Mode.CORRECT)
    qtbot.waitUntil(dialog.isVisible)
    dialog.form.invalid_edit.selectAll()  # (a correction starts from the verified figures)
    qtbot.keyClicks(dialog.form.invalid_edit, "49")
    crash(window, dialog)
    with Store(nominations_db) as desk:
        dk.mark_recount(desk, HENDON, user="carol")

    offered: list[str] = []
    monkeypatch.setattr(MainWindow, "ask_to_restore",
                        lambda _w, text: offered.append(text) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _w, _t, text: pytest.fail(f"dropped: {text}"))
    restored = main_window(nominations_db, user="alice").offer_draft()
    assert restored is not None and len(offered) == 1
    assert restored.form.mode is Mode.CORRECT and restored.form.invalid_edit.text() == "49"
