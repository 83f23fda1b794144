"""File > Switch user on a team desk's window: the server signs the next person in, with
their own password, on a connection of their own. The window's connection signed nobody
else in and checked no password: bob, come to alice's PC to verify her entry as README
says, was refused ("Sign-in failed for bob"), and alice was taken back with any password,
also one an admin had just changed."""

from __future__ import annotations

from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.key_typing import type_text
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.ui.app import application
from resultsdesk.ui.form_checks import Mode
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.sign_in import SignInDialog, form_refusal


def _window(qtbot, t, short: str) -> MainWindow:
    application()
    desk = t.open(short)
    win = MainWindow(t.target, user=acc.server_account(desk), desk=desk)
    qtbot.addWidget(win)
    win.show()
    return win


def _switch_user(qtbot, win: MainWindow, name: str, password: str) -> str | None:
    """Ctrl+Shift+U, then name, Tab, password, Enter in the sign-in dialog; the dialog's
    error line if it stayed open (then closed with Esc), else None."""
    said: list[str | None] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):  # the shortcut's slot has not opened it yet
            QTimer.singleShot(10, QApplication.instance(), answer)
            return
        type_text(dialog.name_edit, name)
        QTest.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
        type_text(dialog.password_edit, password)
        QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        if dialog.isVisible():
            said.append(dialog.error_label.text())
            QTest.keyClick(dialog.password_edit, Qt.Key.Key_Escape)
        else:
            said.append(None)

    QTimer.singleShot(0, QApplication.instance(), answer)
    win.activateWindow()  # (again, once a dialog has closed)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.focus_search()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(win.search, Qt.Key.Key_U, ctrl_shift)
    assert said, f"no sign-in dialog: {win.statusBar().currentMessage()}"
    return said[0]


def test_bob_signs_in_at_alices_window_to_verify_her_entry(qtbot, server):
    t = server
    win = _window(qtbot, t, "alice")
    dk.declare(win.desk, HENDON, Figures(CLEAN, 50), user=win.account)
    assert form_refusal(win.desk, win.account, HENDON, Mode.REKEY) is not None  # hers

    assert _switch_user(qtbot, win, t.name("bob"), t.passwords["bob"]) is None
    assert win.account.name == t.name("bob") and win.account.role == "desk"
    assert "Signed in: <b>" + t.name("bob") in win.user_label.text()
    assert form_refusal(win.desk, win.account, HENDON, Mode.REKEY) is None
    verified = dk.verify(win.desk, HENDON, user=win.account, votes=CLEAN, invalid=50).version
    assert (verified.status.value, verified.entered_by, verified.verified_by) == \
        ("verified", t.name("alice"), t.name("bob"))
    assert win.feed.pushed  # the window listens on bob's connection now
    with qtbot.waitSignal(win.refreshed, timeout=10_000):
        dk.mark_recount(t.open("ann"), HENDON, user=t.name("ann"))


def test_switch_user_asks_the_server_for_the_password(qtbot, server):
    """An admin changed alice's password: the server ended her window's sessions (migration
    65) and the window is signed out. Typing her name with the old password, or any other,
    at File > Switch user signs nobody in; with the new one, she is back."""
    t = server
    win = _window(qtbot, t, "alice")
    acc.change_password(t.open("ann"), t.name("alice"), "changed by ann", by=t.name("ann"),
                        kdf=acc.KdfParams(n=2 ** 10, r=8, p=1))
    qtbot.waitUntil(lambda: win.account.disabled and win.connection_bar.isVisible(),
                    timeout=10_000)
    said = _switch_user(qtbot, win, t.name("alice"), t.passwords["alice"])
    assert said is not None and "wrong name or password, or the account" in said, said
    assert "\n" not in said.strip()
    assert _switch_user(qtbot, win, t.name("alice"), "changed by ann") is None
    assert win.account.name == t.name("alice") and not win.account.disabled


def test_a_window_the_server_signed_out_lets_someone_else_sign_in(qtbot, server):
    """An admin disables alice while her window is open: the server ends its sessions and
    refuses her sign-in, and the bar says to sign in again (File > Switch user). Switch user
    said "cannot reach the server (the red bar above)" instead, for as long as the window
    stayed open: the server is there, it refuses one account, and bob signs in."""
    from resultsdesk.ui.connection_bar import REFUSED_TEXT

    t = server
    win = _window(qtbot, t, "alice")
    acc.disable_account(t.open("ann"), t.name("alice"), admin=t.name("ann"))
    qtbot.waitUntil(lambda: win.account.disabled
                    and win.connection_bar.text().startswith(REFUSED_TEXT), timeout=10_000)
    assert _switch_user(qtbot, win, t.name("bob"), t.passwords["bob"]) is None
    assert win.account.name == t.name("bob") and not win.account.disabled
    assert win.connection_bar.isHidden()
    qtbot.waitUntil(lambda: win.feed.pushed, timeout=10_000)  # listening as bob
