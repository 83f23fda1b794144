"""A team desk's main window in a test, on the throw-away server (`desk_target.server_fixture`):
one person's window signed in (the sign-in dialog's own tests type it), the server's
administrator's statements, a seat found by keys, and a row's status, shared by the team
window tests."""

from __future__ import annotations

import psycopg
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from resultsdesk.desk.accounts import server_account
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow


def team_window(qtbot, t, short: str) -> MainWindow:
    """`short`'s window on the server `t`, shown, its first audit check done."""
    application()
    desk = t.open(short)
    win = MainWindow(t.target, user=server_account(desk), desk=desk)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.audit.result is not None, timeout=10_000)
    return win


def as_dba(t, sql: str, *params) -> None:
    """`sql` run by the server's administrator (outside the app's accounts)."""
    with psycopg.connect(str(t.admin_target), autocommit=True) as conn:
        conn.execute(sql, params)


def database_read_only(t, on: bool) -> None:
    """The election's database read-only (or not) for sessions that begin from now, as a
    hot standby or a DBA's maintenance has it (the administrator's own session writes)."""
    database = str(t.target).rsplit("/", 1)[1]
    with psycopg.connect(str(t.admin_target), autocommit=True,
                         options="-c default_transaction_read_only=off") as conn:
        conn.execute(f'ALTER DATABASE "{database}" '
                     + ("SET default_transaction_read_only = on" if on
                        else "RESET default_transaction_read_only"))


def enter_on(win: MainWindow, name: str) -> None:
    """`name` typed into Find (what it held replaced), then Enter."""
    win.focus_search()
    QTest.keyClick(win.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(win.search, name)
    QTest.keyClick(win.search, Qt.Key.Key_Return)


def status_of(win: MainWindow, code: str) -> str:
    """The status of seat `code`'s row in the window's results table."""
    return win.model.row_at(win.model._index[code]).status.value
