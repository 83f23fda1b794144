"""The app closed while its window is locked: the desk PC's session ends at the change of
shift (a service manager's SIGTERM), alice's window idle-locked, her form half typed. The
lock's box refused to close (Esc and the close button do nothing there), and closing the
app's windows starts with the top modal one: nothing closed, and the app ran on until it
was killed. It closes as it does unlocked, her figures kept in her draft; and so it does
with bob half way through Switch user on her lock, whose sign-in, cancelled by the closing,
put the lock's box back up, alone on screen once every window had closed."""

from __future__ import annotations

import os
import signal
import sys

import pytest
from helpers.desk_target import copy_target
from helpers.seats import CLEAN
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from test_ui_window_lock import CTRL, alice_window, open_hendon_typed, press_on_screen

from resultsdesk.desk.drafts import abandoned_slot, load_draft
from resultsdesk.ui.sign_in import SignInDialog
from resultsdesk.ui.terminate import close_on_terminate
from resultsdesk.ui.window_lock import UnlockDialog


@pytest.fixture
def on_file(_sqlite_desk_target, tmp_path):
    """The small election with accounts (alice and bob desk staff), a file of its own."""
    target = copy_target(_sqlite_desk_target, tmp_path)
    yield target
    target.close()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows delivers no SIGTERM to an app")
def test_a_signal_closes_a_locked_window_and_keeps_the_figures_typed(qtbot, on_file):
    win = alice_window(qtbot, on_file)
    open_hendon_typed(qtbot, win)
    press_on_screen(qtbot, Qt.Key.Key_L, CTRL)  # (the idle lock locks the same way)
    assert win.locker.locked
    folder, where = win._draft_place()
    terminator = close_on_terminate(QApplication.instance())  # as the app's start does
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: terminator.received == [signal.SIGTERM])
        qtbot.waitUntil(lambda: not win.isVisible())
    finally:
        terminator.uninstall()
        terminator.deleteLater()
    assert [w for w in QApplication.topLevelWidgets()
            if w.isVisible() and isinstance(w, UnlockDialog)] == []
    slot = abandoned_slot(folder, where, "alice")  # offered at her next start, as a crash's
    assert slot is not None
    assert load_draft(slot.path).fields == {f"votes_{n}": str(v)
                                            for n, v in enumerate(CLEAN[:3])}
    slot.release()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows delivers no SIGTERM to an app")
def test_a_signal_while_someone_signs_in_on_the_lock_leaves_no_lock_up(qtbot, on_file):
    win = alice_window(qtbot, on_file)
    open_hendon_typed(qtbot, win)
    press_on_screen(qtbot, Qt.Key.Key_L, CTRL)
    terminator = close_on_terminate(QApplication.instance())

    def signal_at_the_sign_in() -> None:  # bob at Switch user's sign-in (its own loop)
        if not isinstance(QApplication.activeModalWidget(), SignInDialog):
            QTimer.singleShot(10, QApplication.instance(), signal_at_the_sign_in)
            return
        os.kill(os.getpid(), signal.SIGTERM)

    QTimer.singleShot(0, QApplication.instance(), signal_at_the_sign_in)
    try:
        qtbot.keyClick(win.locker.dialog.switch_button, Qt.Key.Key_Space)
        assert terminator.received == [signal.SIGTERM]
    finally:
        terminator.uninstall()
        terminator.deleteLater()
    assert not win.isVisible()
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == []
