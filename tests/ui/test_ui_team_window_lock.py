"""File > Lock on a team desk's window: the server checks alice's password to unlock, on a
connection opened for that alone; the window's own connection (its server session, its
live feed, her open form's) stays as it was, and bob's Switch user from the lock is the
server's sign-in, on a connection of his own."""

from __future__ import annotations

from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.key_typing import type_text
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.domain.records import replace
from resultsdesk.store.server import ServerUnreachable
from resultsdesk.ui import window_lock
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.preferences import IDLE_LOCK_KEY
from resultsdesk.ui.sign_in import SignInDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def _window(qtbot, t, short: str) -> MainWindow:
    application()
    desk = t.open(short)
    win = MainWindow(t.target, user=acc.server_account(desk), desk=desk)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: win.locker.listening)  # from the first paint
    return win


def _type_into_lock(qtbot, win: MainWindow, text: str) -> None:
    box = win.locker.dialog.password_edit
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    type_text(box, text)  # (a server's passwords are not all ASCII)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_the_server_checks_the_password_and_the_session_stays(qtbot, server):
    t = server
    win = _window(qtbot, t, "alice")
    desk = win.desk
    qtbot.keyClick(win.search, Qt.Key.Key_L, CTRL)
    assert win.locker.locked
    _type_into_lock(qtbot, win, "not her password")
    assert win.locker.locked
    assert win.locker.dialog.error_label.text().startswith("Still locked:")
    _type_into_lock(qtbot, win, t.passwords["alice"])
    assert not win.locker.locked
    assert win.desk is desk and win.account.name == t.name("alice")
    with qtbot.waitSignal(win.refreshed, timeout=10_000):  # still listening on her session
        dk.declare(t.open("bob"), HENDON, Figures(CLEAN, 50), user=t.name("bob"))


def test_bob_switches_user_from_the_lock(qtbot, server):
    t = server
    win = _window(qtbot, t, "alice")
    qtbot.keyClick(win.search, Qt.Key.Key_L, CTRL)

    def bob_signs_in() -> None:
        sign_in = QApplication.activeModalWidget()
        if not isinstance(sign_in, SignInDialog):
            QTimer.singleShot(10, QApplication.instance(), bob_signs_in)
            return
        type_text(sign_in.name_edit, t.name("bob"))
        type_text(sign_in.password_edit, t.passwords["bob"])
        qtbot.keyClick(sign_in.password_edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, QApplication.instance(), bob_signs_in)
    qtbot.keyClick(win.locker.dialog.switch_button, Qt.Key.Key_Space)
    assert not win.locker.locked
    assert win.account.name == t.name("bob")


def test_the_idle_lock_comes_with_the_server_away(qtbot, server, monkeypatch):
    """A network drop while alice is away from her desk: the window, still showing the
    night, locked itself only once the server answered again (it asked the server whether
    the desk has accounts, which a server's always has)."""
    monkeypatch.setattr(window_lock, "MS_PER_MINUTE", 30)  # a "minute" of 30 ms
    QSettings().setValue(IDLE_LOCK_KEY, 0)  # (off until the server is away)
    win = _window(qtbot, server, "alice")

    def unreachable(store):
        raise ServerUnreachable("cannot reach the server: connection timed out")

    monkeypatch.setattr(acc, "has_accounts", unreachable)
    win.prefs = replace(win.prefs, idle_lock_minutes=1)  # as Preferences' OK applies it
    win.locker.apply_preferences()
    qtbot.waitUntil(lambda: win.locker.locked, timeout=5_000)
