"""A form open when an admin disables the account signed in at that window (3 a.m., a
desk account taken away mid-entry): the save is refused in the window's words, never as a
sign-in that failed, which nobody at the desk attempted."""

from __future__ import annotations

import pytest
from helpers.desk_target import copy_target
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SEEN_WITHIN_MS = 10_000  # a file is polled every 1.5 s


@pytest.fixture
def on_file(_sqlite_desk_target, tmp_path):
    """The small election with accounts (ann admin, alice and bob desk), a file of its own."""
    target = copy_target(_sqlite_desk_target, tmp_path)
    yield target
    target.close()


def test_a_save_after_the_account_was_disabled_says_it_is_signed_out(qtbot, on_file):
    t = on_file
    application()
    desk = t.open("alice")
    win = MainWindow(t.target, user=acc.sign_in(desk, "alice", t.passwords["alice"]), desk=desk)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    win.focus_search()
    qtbot.keyClicks(win.search, "Hendon")
    qtbot.keyClick(win.search, Qt.Key.Key_Return)
    form = win.active_dialog.form
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.vote_edits[0])
    for value in CLEAN:
        qtbot.keyClicks(QApplication.focusWidget(), str(value))
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClicks(form.invalid_edit, "100")
    acc.disable_account(t.open("ann"), "alice", admin="ann")
    qtbot.waitUntil(lambda: win.account.disabled, timeout=SEEN_WITHIN_MS)
    with qtbot.assertNotEmitted(form.saved):
        qtbot.keyClick(form.invalid_edit, Qt.Key.Key_S, CTRL)
    said = form.message_label.text()
    assert "sign-in failed" not in said
    assert said == ("alice is signed out (the account was disabled, or the server no longer "
                    "signs it in): sign in again (File > Switch user).")
    assert dk.load_sheet(desk, HENDON).versions == ()
