"""A team desk's window when the night goes wrong: the server away while someone works
(every action says why it did nothing, in one line, rather than a traceback in the log),
and an account the server no longer signs in (disabled, or its password changed) told
apart from a server that is merely unreachable."""

from __future__ import annotations

from helpers.desk_target import (
    PUSH_WITHIN_MS,
    server_fixture,  # noqa: F401  (fixture)
)
from helpers.team_window import enter_on, team_window
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from resultsdesk.desk.accounts import disable_account
from resultsdesk.desk.changes import change_source
from resultsdesk.ui import connection_bar
from resultsdesk.ui.app import application
from resultsdesk.ui.connection_bar import LOST_TEXT, ConnectionBar
from resultsdesk.ui.live_feed import LiveFeed


def test_actions_while_the_server_is_down_say_why_and_work_once_it_is_back(
        qtbot, server, pg_cluster):
    """Enter on a seat, History and Mark recount while the server is stopped: each says in
    the status bar that the server cannot be reached (pytest-qt fails the test on an
    exception escaping a slot, as one did: a traceback in the log and nothing on screen);
    once the server is back the same Enter opens the form."""
    win = team_window(qtbot, server, "alice")
    pg_cluster.stop("fast")
    try:
        qtbot.waitUntil(win.connection_bar.isVisible, timeout=10_000)
        enter_on(win, "Hendon")
        assert win.active_dialog is None
        said = win.statusBar().currentMessage()
        assert said.startswith("Not done: cannot reach the server") and "\n" not in said
        win.statusBar().clearMessage()
        win.show_history()
        assert "cannot reach the server" in win.statusBar().currentMessage()
        win.statusBar().clearMessage()
        win.mark_recount(True)
        assert "cannot reach the server" in win.statusBar().currentMessage()
    finally:
        pg_cluster.resume()
    qtbot.waitUntil(win.connection_bar.isHidden, timeout=15_000)
    enter_on(win, "Hendon")
    assert win.active_dialog is not None and win.active_dialog.isVisible()
    win.active_dialog.discard()


def test_an_account_disabled_mid_session_is_told_apart_from_a_lost_server(
        qtbot, server, pg_cluster):
    """An admin disables alice while her window is open: the server ends her sessions at
    once (migration 20), her live feed's too, and her desk cannot come back (the server no
    longer signs her in): the bar says so, with the server's reason, instead of "Server
    unreachable: reconnecting…" for ever; a server restart meanwhile changes nothing."""
    t = server
    application()
    feed = LiveFeed(change_source(t.open("alice")), retry_ms=50)
    bar = ConnectionBar()
    qtbot.addWidget(bar)
    bar.attach(feed)
    with qtbot.waitSignal(feed.connection_lost, timeout=PUSH_WITHIN_MS):
        disable_account(t.open("ann"), t.name("alice"), admin=t.name("ann"))
    qtbot.waitUntil(lambda: "or the account is disabled" in bar.text(), timeout=10_000)
    assert bar.isVisible() and not bar.text().startswith(LOST_TEXT)
    assert bar.text().startswith(connection_bar.REFUSED_TEXT)
    pg_cluster.restart()
    with qtbot.assertNotEmitted(feed.refused, wait=300):  # said once, not every retry
        pass
    assert feed.lost and bar.isVisible()
    feed.stop()


def test_an_account_enabled_again_leaves_its_window_saying_it_is_signed_out(qtbot, server):
    """An admin disables alice while her window is open (the bar says the server no longer
    signs her in), then enables her again. Her live feed signs in again and the red bar
    went, while the window stayed signed out, every action greyed, with nothing across it
    to say why or what to do. Now the bar says she is signed out until someone signs in
    (File > Switch user), as it does on a file."""
    from resultsdesk.desk.accounts import enable_account

    t = server
    win = team_window(qtbot, t, "alice")
    disable_account(t.open("ann"), t.name("alice"), admin=t.name("ann"))
    qtbot.waitUntil(lambda: win.account.disabled and win.connection_bar.text().startswith(
        connection_bar.REFUSED_TEXT), timeout=10_000)
    with qtbot.waitSignal(win.feed.reconnected, timeout=20_000):
        enable_account(t.open("ann"), t.name("alice"), admin=t.name("ann"))
    assert win.account.disabled  # still signed out: only signing in again brings it back
    assert win.connection_bar.isVisible() and win.connection_bar.signed_out
    assert "sign in again (File > Switch user)" in win.connection_bar.text()


def test_a_password_reset_signs_out_the_window_left_open_with_the_old_one(qtbot, server):
    """An admin resets alice's password at 3 a.m. while her window is open on another PC
    (or in someone else's hands): the server ends its sessions, the live feed's too
    (migration 65), and neither signs in again with the old password, so the window is
    signed out and says the server no longer signs her in. Before, PostgreSQL ended no
    connection on a password change: the window read and wrote as alice until closed."""
    from resultsdesk.desk.accounts import change_password

    t = server
    win = team_window(qtbot, t, "alice")
    change_password(t.open("ann"), t.name("alice"), "reset at 3 a.m.", by=t.name("ann"))
    qtbot.waitUntil(lambda: win.account.disabled and win.connection_bar.text().startswith(
        connection_bar.REFUSED_TEXT), timeout=10_000)
    assert "wrong name or password, or the account" in win.connection_bar.text()
    enter_on(win, "Hendon")
    assert win.active_dialog is None


def test_a_server_lost_as_a_change_arrives_is_caught_up_on_once_back(qtbot, server,
                                                                     pg_cluster):
    """The server dies just after the window heard of another desk's commit, before it
    could read it: the refresh fails (it raised out of the feed's slot before), the bar
    shows, and once the server is back the window shows that commit."""
    from helpers.seats import CLEAN, HENDON

    from resultsdesk.desk import declarations as dk
    from resultsdesk.domain.model import Figures

    t = server
    win = team_window(qtbot, t, "eve")
    heard = win.feed.source.changed

    def heard_then_server_dies() -> bool:
        news = heard()
        if news:
            pg_cluster.stop("immediate")
        return news

    win.feed.source.changed = heard_then_server_dies
    try:
        dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
        qtbot.waitUntil(win.connection_bar.isVisible, timeout=10_000)
    finally:
        win.feed.source.changed = heard
        pg_cluster.resume()
    qtbot.waitUntil(lambda: win.model.row_at(win.model._index[HENDON]).status.value
                    == "provisional", timeout=15_000)
    assert win.connection_bar.isHidden()


def test_while_the_bar_is_up_an_action_does_not_wait_on_the_dead_connection(
        qtbot, server, monkeypatch):
    """Where the network drops packets, each query on the dead connection waited out its
    timeout (up to 30 s) with the window frozen, only to say the server cannot be reached:
    while the bar says so already, an action says it at once and asks nothing."""
    win = team_window(qtbot, server, "alice")
    with qtbot.waitSignal(win.feed.connection_lost, timeout=5000):
        win.feed._lose("server unreachable (test)")
    asked: list[str] = []
    real = win.desk._execute
    monkeypatch.setattr(win.desk, "_execute",
                        lambda sql, params=(): asked.append(sql) or real(sql, params))
    enter_on(win, "Hendon")
    assert asked == [] and win.active_dialog is None
    assert win.statusBar().currentMessage().startswith("Not done: cannot reach the server")


def test_a_form_closed_while_the_server_is_away_gives_the_focus_back_to_find(
        qtbot, server, pg_cluster):
    """alice is keying Hendon when the server goes away; she gives up and closes the form
    (Esc, Discard figures). The window's refresh after a form raised out of its slot (a
    traceback in the log; pytest-qt fails the test on it) and the focus was left nowhere;
    now the focus is back in Find, and the window catches up once the server is back."""
    win = team_window(qtbot, server, "alice")
    win.activateWindow()
    enter_on(win, "Hendon")
    dialog = win.active_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.vote_edits[0])
    QTest.keyClicks(dialog.form.vote_edits[0], "2667")
    pg_cluster.stop("fast")
    try:
        qtbot.waitUntil(win.connection_bar.isVisible, timeout=10_000)
        QTest.keyClick(dialog.form.vote_edits[0], Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: getattr(dialog, "discard_box", None) is not None
                        and QApplication.activeWindow() is dialog.discard_box)
        QTest.keyClick(dialog.discard_box, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        qtbot.waitUntil(lambda: QApplication.focusWidget() is win.search)
        assert win.active_dialog is None
    finally:
        pg_cluster.resume()
    qtbot.waitUntil(win.connection_bar.isHidden, timeout=15_000)


def test_refresh_and_switch_user_while_the_server_is_down_say_why(qtbot, server, pg_cluster):
    """F5 (View > Refresh) and Ctrl+Shift+U (File > Switch user), the first keys pressed
    when the red bar is up, raised out of their slots (a traceback in the log, nothing on
    screen). Each says in the status bar that the server cannot be reached; once it is
    back F5 reads it again."""
    win = team_window(qtbot, server, "alice")
    pg_cluster.stop("fast")
    try:
        qtbot.waitUntil(win.connection_bar.isVisible, timeout=10_000)
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
        win.focus_search()
        ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        for key, modifiers in ((Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier),
                               (Qt.Key.Key_U, ctrl_shift)):
            win.statusBar().clearMessage()
            qtbot.keyClick(win.search, key, modifiers)
            said = win.statusBar().currentMessage()
            assert said.startswith("Not done: cannot reach the server"), said
    finally:
        pg_cluster.resume()
    qtbot.waitUntil(win.connection_bar.isHidden, timeout=15_000)
    with qtbot.waitSignal(win.refreshed):
        qtbot.keyClick(win.search, Qt.Key.Key_F5)


class _AcceptedPreferences:
    """The Preferences dialog as someone who pressed OK without changing anything."""

    def __init__(self, prefs, parent) -> None:
        self._prefs = prefs

    def exec(self) -> int:
        return 1

    def preferences(self):
        return self._prefs


def test_preferences_and_chamber_order_while_the_server_is_down_say_why(
        qtbot, server, pg_cluster, monkeypatch):
    """Preferences (kept on this PC) still save while the red bar is up, and the night is
    read again once the server is back; the chamber order (the server's) is not asked for
    at all. Both raised out of their slots: OK in Preferences reached the server to read
    the night again, and the chamber order read and wrote it."""
    monkeypatch.setattr("resultsdesk.ui.main_window.PreferencesDialog", _AcceptedPreferences)
    win = team_window(qtbot, server, "alice")
    pg_cluster.stop("fast")
    try:
        qtbot.waitUntil(win.connection_bar.isVisible, timeout=10_000)
        for action in (win.edit_preferences, win.edit_party_order):
            win.statusBar().clearMessage()
            action()  # raised StoreError before
            said = win.statusBar().currentMessage()
            assert said.startswith("Not done: cannot reach the server"), said
    finally:
        pg_cluster.resume()
    qtbot.waitUntil(win.connection_bar.isHidden, timeout=15_000)
