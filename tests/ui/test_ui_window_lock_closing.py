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
from PySide6.QtGui import QGuiApplication
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
    armed = [True]  # only while this test's handler is installed

    def signal_at_the_sign_in() -> None:  # bob at Switch user's sign-in (its own loop)
        if not armed[0]:
            # the test ended without the sign-in (failed): a SIGTERM now, in a later
            # test, with no handler, would kill the pytest worker itself
            return
        if not isinstance(QApplication.activeModalWidget(), SignInDialog):
            QTimer.singleShot(10, QApplication.instance(), signal_at_the_sign_in)
            return
        armed[0] = False
        os.kill(os.getpid(), signal.SIGTERM)

    QTimer.singleShot(0, QApplication.instance(), signal_at_the_sign_in)
    try:
        qtbot.keyClick(win.locker.dialog.switch_button, Qt.Key.Key_Space)
        assert terminator.received == [signal.SIGTERM]
    finally:
        armed[0] = False
        terminator.uninstall()
        terminator.deleteLater()
    assert not win.isVisible()
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == []


@pytest.mark.skipif(sys.platform == "win32", reason="Windows delivers no SIGTERM to an app")
def test_a_signal_keeps_a_floating_dock_the_lock_hid_in_the_layout(qtbot, on_file):
    """The Recount watch floated onto a second screen, hidden by the lock as it covers the
    window: the layout saved as the signal closed the window had it closed, and it was gone
    at the next start. Saved as it is when unlocked, and never shown meanwhile."""
    win = alice_window(qtbot, on_file)
    dock = win.recount_dock
    dock.setFloating(True)
    dock.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is win.windowHandle())
    press_on_screen(qtbot, Qt.Key.Key_L, CTRL)
    assert win.locker.locked and not dock.isVisible()
    exposed: list[bool] = []
    dock.windowHandle().visibleChanged.connect(exposed.append)  # on screen, even a moment
    terminator = close_on_terminate(QApplication.instance())
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not win.isVisible())
    finally:
        terminator.uninstall()
        terminator.deleteLater()
    assert True not in exposed
    again = alice_window(qtbot, on_file)  # the next start
    assert again.recount_dock.isFloating() and again.recount_dock.isVisible()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows delivers no SIGTERM to an app")
def test_a_signal_at_switch_users_sign_in_keeps_the_floating_dock_too(qtbot, on_file):
    """File > Switch user's cover hides a floating dock the same way until the next person
    has said who they are: a signal at that sign-in saved the layout without it."""
    win = alice_window(qtbot, on_file)
    dock = win.recount_dock
    dock.setFloating(True)
    dock.show()
    qtbot.waitUntil(dock.isVisible)
    terminator = close_on_terminate(QApplication.instance())
    armed = [True]  # only while this test's handler is installed (as above)

    def signal_at_the_sign_in() -> None:
        if not armed[0]:
            return
        if not isinstance(QApplication.activeModalWidget(), SignInDialog):
            QTimer.singleShot(10, QApplication.instance(), signal_at_the_sign_in)
            return
        armed[0] = False
        os.kill(os.getpid(), signal.SIGTERM)

    QTimer.singleShot(0, QApplication.instance(), signal_at_the_sign_in)
    try:
        win.switch_user()  # File > Switch user (its sign-in: its own loop)
        assert terminator.received == [signal.SIGTERM]
    finally:
        armed[0] = False
        terminator.uninstall()
        terminator.deleteLater()
    assert not win.isVisible()
    again = alice_window(qtbot, on_file)  # the next start
    assert again.recount_dock.isFloating() and again.recount_dock.isVisible()
