"""The signed-in person's window when an admin changes their account at 3 a.m., on a file
and on a server: re-roled, the window allows what the new role may do and says so in the
status bar; disabled, it says so and stops acting until someone signs in again. Found on
the window's next refresh (the change it hears of), never by waiting a fixed time."""

from __future__ import annotations

from helpers.desk_target import desk_target_fixture  # noqa: F401  (fixture)
from helpers.seats import HENDON
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest

from resultsdesk.desk import accounts as acc
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow

SEEN_WITHIN_MS = 10_000  # a file is polled every 1.5 s; a server pushes


def _window(qtbot, t, short: str) -> MainWindow:
    """`short`'s window, signed in (the sign-in dialog's own tests type it)."""
    application()
    desk = t.open(short)
    win = MainWindow(t.target, user=acc.sign_in(desk, t.name(short), t.passwords[short]),
                     desk=desk)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.audit.result is not None, timeout=SEEN_WITHIN_MS)
    return win


def _enabled(win: MainWindow, name: str) -> bool:
    return win.findChild(QAction, name).isEnabled()


def _press_enter_on(win: MainWindow, name: str) -> None:
    win.focus_search()
    QTest.keyClick(win.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(win.search, name)
    QTest.keyClick(win.search, Qt.Key.Key_Return)


def test_a_re_roled_account_gets_its_new_roles_actions_and_is_told(qtbot, desk_target):
    t = desk_target
    win = _window(qtbot, t, "alice")
    assert _enabled(win, "enterAction") and not _enabled(win, "publishing")
    acc.change_role(t.open("ann"), t.name("alice"), "editor", admin=t.name("ann"))
    qtbot.waitUntil(lambda: "an editor account" in win.statusBar().currentMessage(),
                    timeout=SEEN_WITHIN_MS)
    said = win.statusBar().currentMessage()
    assert said.startswith(f"An admin made {t.name('alice')} an editor account (was desk)")
    assert not _enabled(win, "enterAction") and _enabled(win, "publishing")
    assert win.account.role == "editor" and "(editor)" in win.user_label.text()
    assert win.night.viewer.sees_all_provisional  # an editor sees every entry


def test_a_disabled_account_is_told_and_the_window_stops_acting(qtbot, desk_target):
    t = desk_target
    win = _window(qtbot, t, "alice")
    assert _enabled(win, "enterAction")
    acc.disable_account(t.open("ann"), t.name("alice"), admin=t.name("ann"))
    qtbot.waitUntil(lambda: win.account.disabled, timeout=SEEN_WITHIN_MS)
    said = win.statusBar().currentMessage()
    assert f"{t.name('alice')} can no longer change anything" in said
    assert "sign in again (File > Switch user)" in said
    assert win.connection_bar.isVisible()
    if not t.on_server:  # a server's refusal is the bar's own text (test_ui_team_trouble)
        assert "An admin disabled" in win.connection_bar.text()
    assert not any(action.isEnabled() for action, _ in win._role_actions().values())
    assert "is signed out" in win.findChild(QAction, "enterAction").toolTip()
    # The status bar's corner says so too, at once and after the next refresh: not
    # "Signed in" beside the bar saying the account is signed out.
    assert win.user_label.text().startswith("Signed out:")
    if not t.on_server:  # a server no longer lets the account read at all
        win.refresh()
        assert win.user_label.text().startswith("Signed out:")
    win.statusBar().clearMessage()
    _press_enter_on(win, "Hendon")  # the keys still reach the window: nothing opens
    assert win.active_dialog is None
    assert win.statusBar().currentMessage().startswith(
        f"Not done: {t.name('alice')} is signed out")
    if t.on_server:
        return
    # Someone signs in at that window (File > Switch user's dialog has its own tests).
    win.set_account(acc.sign_in(win.desk, t.name("bob"), t.passwords["bob"]))
    assert win.connection_bar.isHidden() and _enabled(win, "enterAction")
    assert win.user_label.text().startswith("Signed in:") and "bob" in win.user_label.text()
    assert HENDON in {win.model.row_at(r).code for r in range(win.model.rowCount())}


def test_an_export_preview_open_through_a_re_role_is_drawn_again(qtbot, desk_target,
                                                                  monkeypatch):
    """An editor's export preview, open while an admin makes them a desk account, is drawn
    again for what they may see now: it kept unverified figures they may verify blind."""
    t = desk_target
    acc.change_role(t.open("ann"), t.name("alice"), "editor", admin=t.name("ann"))
    win = _window(qtbot, t, "alice")
    dialog = win.export_graphic("card")
    drawn: list[object] = []
    monkeypatch.setattr(dialog, "render_preview", lambda: drawn.append(win.viewer()))
    acc.change_role(t.open("ann"), t.name("alice"), "desk", admin=t.name("ann"))
    # drawn for the desk account she is now (a first drawing, as opened, may come before)
    qtbot.waitUntil(lambda: any(not v.sees_all_provisional for v in drawn),
                    timeout=SEEN_WITHIN_MS)
