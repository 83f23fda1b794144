"""A draft set aside at Switch user is offered back as that ("when someone else signed in
at this PC"), and only while it is: restored into a form, it is that form's crash draft
again, and a crash then is offered back as a crash. A set-aside draft that can no longer be
saved is said as set aside too, not as a crash nobody had."""

from __future__ import annotations

import pytest
from helpers.app_crash import crash
from helpers.seats import HENDON
from PySide6.QtWidgets import QMessageBox

from resultsdesk.desk.drafts import Draft, save_draft
from resultsdesk.ui.declaration_form import Mode
from resultsdesk.ui.main_window import MainWindow

SET_ASIDE = "when someone else signed in at this PC"
CRASHED = "when ResultsDesk closed unexpectedly"


def _left_aside(main_window, db, code: str = HENDON) -> None:
    """alice's Hendon figures, left in her draft as the lock's Switch user leaves them."""
    window = main_window(db, user="alice")
    save_draft(window.draft_file(), Draft(code, Mode.ENTER.value, 0, {"votes_0": "2667"},
                                          [], None, set_aside=True))
    window.release_draft_slot()  # (bob signed in: the draft is no longer that window's)


def _asked(monkeypatch) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(MainWindow, "ask_to_restore", lambda self, text: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    return asked


def test_a_set_aside_draft_restored_then_lost_in_a_crash_is_offered_as_a_crash(
        qtbot, main_window, nominations_db, monkeypatch):
    """alice signs in again, restores her figures, and the PC loses power before she types
    another key: the next start told her someone else had signed in at the PC."""
    _left_aside(main_window, nominations_db)
    asked = _asked(monkeypatch)
    back = main_window(nominations_db, user="alice")
    restored = back.offer_draft()
    assert restored is not None and asked == [
        f"alice was typing figures for Hendon {SET_ASIDE}. Restore them?"]
    crash(back, restored)  # not a key typed since the restore

    again = main_window(nominations_db, user="alice")
    assert again.offer_draft() is not None
    assert asked[-1] == f"alice was typing figures for Hendon {CRASHED}. Restore them?"


def test_a_set_aside_draft_that_can_no_longer_be_saved_says_it_was_set_aside(
        main_window, nominations_db, monkeypatch):
    """Its seat gone meanwhile (a backup restored): said once, as it was left."""
    _left_aside(main_window, nominations_db, code="E14999999")
    told: list[str] = []
    monkeypatch.setattr(MainWindow, "ask_to_restore", lambda *a, **k: pytest.fail("offered"))
    monkeypatch.setattr(QMessageBox, "information", lambda _w, _t, text: told.append(text))
    again = main_window(nominations_db, user="alice")
    assert again.offer_draft() is None
    assert len(told) == 1 and SET_ASIDE in told[0] and "unexpectedly" not in told[0]


def test_a_crash_draft_is_still_offered_as_a_crash(qtbot, main_window, nominations_db,
                                                   monkeypatch):
    window = main_window(nominations_db, user="alice")
    dialog = window.open_form(HENDON, Mode.ENTER)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.form.vote_edits[0], "2667")
    crash(window, dialog)
    asked = _asked(monkeypatch)
    assert main_window(nominations_db, user="alice").offer_draft() is not None
    assert asked == [f"alice was typing figures for Hendon {CRASHED}. Restore them?"]
