"""A rehearsal's clock in the window is the editor's (README, "Rehearsing the night"): for a
desk account its controls are greyed out with a tooltip saying why, and its keys (Alt+R,
then P) do nothing; nor does its window's closing stop the editor's night. Before, a desk
account's window paused, jumped, sped up or stopped the clock for everyone on the file."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpers.accounts import FAST
from helpers.rehearsal import build
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import rehearsal as rh
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow

CLOCK_ITEMS = ("rehearsalPause", "rehearsalResume", "rehearsalStop", "rehearsalJump",
               "rehearsalSpeed", "rehearsalUntil")
WHY = "to run the rehearsal's clock, sign in as an editor or an admin account"


@pytest.fixture
def running(tmp_path):
    """A watch rehearsal of 2019 at the night's own pace, with accounts, its clock started
    by ed (editor) just now: running, with a driver."""
    db = build(tmp_path / "watch.db", speed=1)
    with Store(db) as desk:
        acc.add_account(desk, "root", "admin", "root-password", admin=None, kdf=FAST)
        acc.add_account(desk, "ed", "editor", "ed-password", admin="root", kdf=FAST)
        acc.add_account(desk, "carol", "desk", "carol-password", admin="root", kdf=FAST)
        rh.start(desk, datetime.now(UTC), user="ed")
    return db


def _open(qtbot, db, user: str) -> MainWindow:
    application()
    win = MainWindow(db, user=user)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # Alt+R is the active window's
    return win


def _press_pause(qtbot, win: MainWindow) -> None:
    """Alt+R opens the Rehearsal menu, P is Pause; Esc closes what is left open."""
    qtbot.keyClick(win, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    menu = QApplication.activePopupWidget()
    assert menu.objectName() == "rehearsalMenu"
    qtbot.keyClick(menu, Qt.Key.Key_P)
    if QApplication.activePopupWidget() is not None:  # P found nothing to do
        qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def _state(db) -> rh.ReplayState:
    with rh.open_rehearsal(db) as desk:
        return rh.rehearsal_state(desk).state


def _clock_entries(db) -> list[tuple[str, str]]:
    with Store(db) as desk:
        return [(e["user"], e["action"]) for e in desk.query(
            "SELECT user, action FROM audit_log WHERE entity = 'rehearsal' ORDER BY id")]


def test_a_desk_account_cannot_pause_the_editors_night(qtbot, running):
    win = _open(qtbot, running, "carol")
    assert win.rehearsal_bar.isVisible()
    for name in CLOCK_ITEMS:
        action = win.findChild(QAction, name)
        assert not action.isEnabled(), name
        assert WHY in action.toolTip(), (name, action.toolTip())
    for box in (win.rehearsal_jump, win.rehearsal_speed):
        assert not box.isEnabled() and WHY in box.toolTip()
    before = _clock_entries(running)
    _press_pause(qtbot, win)
    win.rehearsal_tick()  # a tick reads the role again: never enables them
    assert _state(running) is rh.ReplayState.RUNNING
    assert not win.findChild(QAction, "rehearsalPause").isEnabled()
    win.close()  # carol's window goes: the editor's night goes on
    assert _state(running) is rh.ReplayState.RUNNING
    assert _clock_entries(running) == before


def test_the_editor_pauses_it_from_the_keyboard(qtbot, running):
    win = _open(qtbot, running, "carol")
    win.user = "ed"  # signed in as the editor: the controls follow at once
    pause = win.findChild(QAction, "rehearsalPause")
    assert pause.isEnabled() and WHY not in pause.toolTip()
    assert win.rehearsal_speed.isEnabled() and win.findChild(QAction, "rehearsalJump").isEnabled()
    _press_pause(qtbot, win)
    assert _state(running) is rh.ReplayState.PAUSED
    assert _clock_entries(running)[-1] == ("ed", "rehearsal paused")
    win.user = "carol"  # and back: greyed out again, Resume too
    assert not win.findChild(QAction, "rehearsalResume").isEnabled()
    assert not win.rehearsal_speed.isEnabled()


def test_a_desk_account_leaves_a_stopped_clock_stopped(qtbot, running):
    """The editor's window closed, stopping the clock to resume later: a desk account's
    window opening the file does not start it again for everyone; the status bar says why."""
    with rh.open_rehearsal(running) as desk:
        rh.stop(desk, user="ed")
    win = _open(qtbot, running, "carol")
    assert _state(running) is rh.ReplayState.STOPPED
    assert "cannot run the rehearsal's clock" in win.statusBar().currentMessage()
    assert not win.findChild(QAction, "rehearsalResume").isEnabled()
