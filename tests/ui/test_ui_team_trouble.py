"""A team desk's window when the night goes wrong: the server away while someone works
(every action says why it did nothing, in one line, rather than a traceback in the log)."""

from __future__ import annotations

from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from resultsdesk.desk.accounts import server_account
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow


def _window(qtbot, t, short: str) -> MainWindow:
    """`short`'s window on the server, signed in (the sign-in dialog's own tests type it)."""
    application()
    desk = t.open(short)
    win = MainWindow(t.target, user=server_account(desk), desk=desk)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.audit.result is not None, timeout=10_000)
    return win


def _enter_on(win: MainWindow, name: str) -> None:
    win.focus_search()
    QTest.keyClick(win.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(win.search, name)
    QTest.keyClick(win.search, Qt.Key.Key_Return)


def test_actions_while_the_server_is_down_say_why_and_work_once_it_is_back(
        qtbot, server, pg_cluster):
    """Enter on a seat, History and Mark recount while the server is stopped: each says in
    the status bar that the server cannot be reached (pytest-qt fails the test on an
    exception escaping a slot, as one did: a traceback in the log and nothing on screen);
    once the server is back the same Enter opens the form."""
    win = _window(qtbot, server, "alice")
    pg_cluster.stop("fast")
    try:
        qtbot.waitUntil(win.connection_bar.isVisible, timeout=10_000)
        _enter_on(win, "Hendon")
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
    _enter_on(win, "Hendon")
    assert win.active_dialog is not None and win.active_dialog.isVisible()
    win.active_dialog.discard()

