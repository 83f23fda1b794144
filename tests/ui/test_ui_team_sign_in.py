"""Signing in to a team desk's server: a login the server signs in but the election has
no account for is refused in the dialog's error line (it escaped the slot: a traceback, the
dialog saying nothing, the connection left open); and `resultsdesk --db
postgresql://alice@dbhost/ge2024` offers alice, as app.open_window says (the name was
blank)."""

from __future__ import annotations

import psycopg
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.key_typing import type_text
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from resultsdesk.ui.app import application, open_window
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.sign_in import SignInDialog


def _dialog(qtbot, url: str, name: str = "") -> SignInDialog:
    application()
    dialog = SignInDialog(None, target=url, name=name)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_login_with_no_account_in_the_election_is_refused_in_the_dialog(qtbot, server):
    t = server
    database = str(t.target).rsplit("/", 1)[1]
    stranger = f"{database}_stranger"
    with psycopg.connect(str(t.admin_target), autocommit=True) as conn:
        # the DBA's own doing: a login put in the desk group by hand, never `users add`
        conn.execute(f"CREATE ROLE \"{stranger}\" LOGIN PASSWORD 'stranger pw' "
                     f"IN ROLE \"{database}_desk\"")
    dialog = _dialog(qtbot, str(t.target))
    type_text(dialog.name_edit, stranger)
    QTest.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
    type_text(dialog.password_edit, "stranger pw")
    QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.account is None and dialog.desk is None
    said = dialog.error_label.text()
    assert said.startswith(stranger) and "no account" in said and "\n" not in said, said



def test_the_urls_user_is_the_name_offered(qtbot, server):
    """`resultsdesk --db postgresql://alice@dbhost/ge2024`: the dialog offers alice, the
    focus in the password (the name was blank, and Enter said "Type your account name")."""
    t = server
    url = str(t.target).replace("://", f"://{t.name('alice')}@", 1)
    application()
    offered: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):  # not open yet
            QTimer.singleShot(10, QApplication.instance(), answer)
            return
        offered.append(dialog.name_edit.text())
        type_text(dialog.password_edit, t.passwords["alice"])
        QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        if dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, QApplication.instance(), answer)
    win = open_window(url)
    assert offered == [t.name("alice")]
    assert isinstance(win, MainWindow), win
    qtbot.addWidget(win)
    assert win.account.name == t.name("alice")
