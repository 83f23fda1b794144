"""One person's two windows on one election (two monitors, or the file opened twice), each
typing a declaration: each window's figures are its own draft. Neither window writes over,
clears or offers the other's; a window that goes down has its figures offered back, into
their own seat, once; two that go down together are both offered back, one after the other.
"""

from __future__ import annotations

import pytest
from helpers.app_crash import crash
from helpers.seats import BASILDON, CLEAN, HENDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from resultsdesk.ui.declaration_form import Mode
from resultsdesk.ui.main_window import MainWindow

HENDON_TYPED = [str(v) for v in CLEAN[:3]]
BASILDON_TYPED = ["11", "22"]


def _type(qtbot, window: MainWindow, code: str, figures: list[str]):
    """`window`'s form for `code` opened, `figures` typed into its first fields, key by key."""
    dialog = window.open_form(code, Mode.ENTER)
    qtbot.waitUntil(dialog.isVisible)
    for edit, value in zip(dialog.form.vote_edits, figures, strict=False):
        qtbot.keyClicks(edit, value)
    return dialog


def _typed(dialog) -> tuple[str, list[str]]:
    form = dialog.form
    return form.sheet.code, [e.text() for e in form.vote_edits if e.text()]


def _restore_says_yes(monkeypatch) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(MainWindow, "ask_to_restore", lambda self, text: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    return asked


def test_two_windows_that_go_down_together_both_give_their_figures_back(
        qtbot, main_window, nominations_db, monkeypatch):
    """alice keys Hendon on one monitor and Basildon on the other, and the PC loses power:
    Basildon's keystrokes had written over Hendon's draft (one file for both windows), so
    only Basildon's figures were offered back, and Hendon's were gone. Both come back, each
    into its own seat, one after the other."""
    left = main_window(nominations_db, user="alice")
    right = main_window(nominations_db, user="alice")
    hendon = _type(qtbot, left, HENDON, HENDON_TYPED)
    basildon = _type(qtbot, right, BASILDON, BASILDON_TYPED)
    crash(left, hendon)
    crash(right, basildon)

    asked = _restore_says_yes(monkeypatch)
    back = main_window(nominations_db, user="alice")
    first = back.offer_draft()
    assert _typed(first) == (HENDON, HENDON_TYPED)
    first.discard()  # (done with it: saved, or thrown away)
    qtbot.waitUntil(lambda: back.active_dialog is not None)  # the next, as the first closed
    assert _typed(back.active_dialog) == (BASILDON, BASILDON_TYPED)
    assert [text.split(" when ")[0] for text in asked] == [
        "alice was typing figures for Hendon",
        "alice was typing figures for Basildon and Billericay"]
    back.active_dialog.discard()
    assert back.offer_draft() is None  # each offered once


def test_a_form_closed_in_one_window_leaves_the_other_windows_draft(
        qtbot, main_window, nominations_db, monkeypatch):
    """alice keys Hendon in one window, opens Basildon's form in the other and closes it
    with Esc, nothing typed: that close deleted Hendon's draft, and when the first window
    went down nothing was offered back."""
    left = main_window(nominations_db, user="alice")
    right = main_window(nominations_db, user="alice")
    hendon = _type(qtbot, left, HENDON, HENDON_TYPED)
    basildon = right.open_form(BASILDON, Mode.ENTER)
    basildon.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is basildon.form.vote_edits[0])
    qtbot.keyClick(basildon.form.vote_edits[0], Qt.Key.Key_Escape)
    assert not basildon.isVisible() and right.active_dialog is None
    crash(left, hendon)

    _restore_says_yes(monkeypatch)
    back = main_window(nominations_db, user="alice")
    assert _typed(back.offer_draft()) == (HENDON, HENDON_TYPED)


def test_a_window_still_typing_is_not_offered_back_by_another(qtbot, main_window,
                                                             nominations_db, monkeypatch):
    """alice, keying Hendon, opens a second window: it asked "alice was typing figures for
    Hendon when ResultsDesk closed unexpectedly. Restore them?" of a form still open, and
    restored them into a second Hendon form. It asks nothing; once the first window goes
    down, the next window offers them."""
    left = main_window(nominations_db, user="alice")
    hendon = _type(qtbot, left, HENDON, HENDON_TYPED)
    monkeypatch.setattr(MainWindow, "ask_to_restore",
                        lambda *a, **k: pytest.fail("a live form's figures offered"))
    second = main_window(nominations_db, user="alice")
    assert second.offer_draft() is None and second.active_dialog is None
    qtbot.keyClicks(hendon.form.vote_edits[3], "4")  # typing on in the first
    crash(left, hendon)

    _restore_says_yes(monkeypatch)
    back = main_window(nominations_db, user="alice")
    assert _typed(back.offer_draft()) == (HENDON, [*HENDON_TYPED, "4"])


def test_a_data_folder_that_cannot_be_made_keeps_no_draft_and_opens_the_form(
        qtbot, main_window, nominations_db, tmp_path, monkeypatch):
    """The data folder not made (platformdirs': a file where one of its folders goes, a
    home that cannot be written): the form did not open, its OSError escaping the window's
    action as a bug. Drafts are kept only where they can be: the form opens without one."""
    (tmp_path / "home").write_text("a file where the data folder goes")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "share"))
    window = main_window(nominations_db, user="alice")
    assert window.offer_draft() is None
    dialog = _type(qtbot, window, HENDON, HENDON_TYPED)
    assert _typed(dialog) == (HENDON, HENDON_TYPED) and dialog.form.draft_file is None
    dialog.discard()  # (done with it: saved, or thrown away)
    assert window.active_dialog is None
