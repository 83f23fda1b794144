"""Signing in at the desk (ui/sign_in.py), driven with real key presses."""

from __future__ import annotations

import pytest
from helpers.accounts import FAST, shown_sign_in
from helpers.key_typing import type_text
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.app import NOBODY, application, open_window
from resultsdesk.ui.declaration_form import Mode
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.sign_in import SignInDialog, ask_open_desk_name


@pytest.fixture
def accounts_db(nominations_db):
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        for name, role in (("carol", "desk"), ("bob", "desk"), ("ed", "editor")):
            acc.add_account(store, name, role, f"{name}-password", admin="root", kdf=FAST)
    return nominations_db


def failed_attempts(db) -> list[dict]:
    with Store(db) as store:
        return store.query("SELECT user, details FROM audit_log "
                           "WHERE action = 'sign-in failed' ORDER BY id")


def sign_in_when_asked(context, name: str | None, password: str) -> list[str]:
    """Type into the modal sign-in dialog as soon as it is open (it runs its own loop)."""
    seen = []

    def fill():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            QTimer.singleShot(10, context, fill)
            return
        seen.append(dialog.name_edit.text())
        if name is not None:
            dialog.name_edit.setFocus()
            QTest.keyClick(dialog.name_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            QTest.keyClicks(dialog.name_edit, name)
            QTest.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
        QTest.keyClicks(dialog.password_edit, password)
        QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, context, fill)
    return seen


def test_sign_in_dialog_by_keyboard(qtbot, accounts_db, qt_settings):
    with Store(accounts_db) as store:
        dialog = shown_sign_in(qtbot, store)
        assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
        qtbot.keyClicks(dialog.name_edit, "Carol")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
        assert dialog.password_edit.hasFocus()
        qtbot.keyClicks(dialog.password_edit, "not-her-password")
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        # Refused: still open, password cleared, why shown, the attempt recorded.
        assert dialog.isVisible() and dialog.account is None
        assert dialog.password_edit.text() == ""
        assert dialog.error_label.isVisible()
        assert "Sign-in failed for Carol" in dialog.error_label.text()
        assert [a["user"] for a in failed_attempts(accounts_db)] == ["Carol"]

        qtbot.keyClicks(dialog.password_edit, "carol-password")
        with qtbot.waitSignal(dialog.accepted):
            qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        assert (dialog.account.name, dialog.account.role) == ("carol", "desk")
        assert dialog.password_edit.text() == ""  # not kept in the widget after use


def test_enter_after_the_name_asks_for_the_password(qtbot, accounts_db, qt_settings):
    """Enter in the name field (the completer's list open) is no sign-in attempt: no
    "Sign-in failed", nothing in the audit log; the password field has the focus."""
    with Store(accounts_db) as store:
        dialog = shown_sign_in(qtbot, store)
        qtbot.keyClicks(dialog.name_edit, "ed")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.account is None
        assert failed_attempts(accounts_db) == []
        assert dialog.error_label.text() == "Type your password."
        qtbot.waitUntil(lambda: dialog.password_edit.hasFocus())
        qtbot.keyClicks(dialog.password_edit, "ed-password")
        with qtbot.waitSignal(dialog.accepted):
            qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        assert dialog.account.name == "ed"
        assert failed_attempts(accounts_db) == []


def test_user_option_preselects_the_name(qtbot, accounts_db, qt_settings):
    application()
    context = QApplication.instance()
    seen = sign_in_when_asked(context, None, "bob-password")
    window = open_window(accounts_db, user="bob")  # `resultsdesk --db PATH --user bob`
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert seen == ["bob"]
    assert (window.account.name, window.account.role, window.user) == ("bob", "desk", "bob")
    assert "Signed in: <b>bob</b> (desk)" in window.user_label.text()


def test_cancelled_sign_in_opens_nothing(qtbot, accounts_db, qt_settings):
    application()
    context = QApplication.instance()

    def cancel():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            QTimer.singleShot(10, context, cancel)
            return
        QTest.keyClick(dialog.name_edit, Qt.Key.Key_Escape)

    QTimer.singleShot(0, context, cancel)
    assert open_window(accounts_db) is NOBODY


def test_roles_shape_the_main_window(qtbot, accounts_db, qt_settings, monkeypatch):
    with Store(accounts_db) as store:
        editor = acc.find_account(store, "ed")
    window = MainWindow(accounts_db, user=editor)
    qtbot.addWidget(window)
    window.show()
    enter = window.findChild(QAction, "enterAction")
    for name in ("enterAction", "verifyAction", "correctAction", "recountAction",
                 "lotAction", "importResults", "partyOrder"):
        action = window.findChild(QAction, name)
        assert not action.isEnabled(), name
    assert "ed is signed in as editor" in enter.toolTip()
    assert "sign in as a desk or an admin account" in enter.toolTip()

    # File > Switch user (Ctrl+Shift+U): bob signs in; the desk actions come back, the
    # admin's stay off.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.search.setFocus()
    sign_in_when_asked(window, "bob", "bob-password")
    qtbot.keyClick(window.search, Qt.Key.Key_U,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.user == "bob")
    assert window.findChild(QAction, "enterAction").isEnabled()
    assert not window.findChild(QAction, "partyOrder").isEnabled()
    assert not window.findChild(QAction, "importResults").isEnabled()
    assert not window.findChild(QAction, "publishing").isEnabled()

    sign_in_when_asked(window, "root", "root-password")
    window.findChild(QAction, "switchUser").trigger()
    qtbot.waitUntil(lambda: window.user == "root")
    assert window.findChild(QAction, "partyOrder").isEnabled()
    assert window.findChild(QAction, "importResults").isEnabled()


def test_author_is_sent_to_switch_user_to_verify(qtbot, accounts_db, qt_settings,
                                                 monkeypatch):
    with Store(accounts_db) as store:
        dk.declare(store, HENDON, user="carol", figures=Figures(CLEAN, 120))
        carol = acc.find_account(store, "carol")
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window = MainWindow(accounts_db, user=carol)
    qtbot.addWidget(window)
    assert window.open_form(HENDON, Mode.REKEY) is None
    assert "a second person must verify it" in told[0] and "Switch user" in told[0]

    sign_in_when_asked(window, "bob", "bob-password")
    window.switch_user()
    assert window.user == "bob"
    dialog = window.open_form(HENDON, Mode.REKEY)
    assert dialog is not None and dialog.form.mode is Mode.REKEY
    dialog.reject()




def test_open_desk_name_is_normalised(qtbot, nominations_db, qt_settings, monkeypatch):
    application()
    context = QApplication.instance()

    def type_name():
        dialog = QApplication.activeModalWidget()
        line = QApplication.focusWidget()
        if not isinstance(dialog, QInputDialog) or not isinstance(line, QLineEdit):
            QTimer.singleShot(10, context, type_name)
            return
        type_text(line, "  ＣＡＲＯＬ ")  # full-width, as a CJK input method types it
        QTest.keyClick(line, Qt.Key.Key_Return)

    QTimer.singleShot(0, context, type_name)
    assert ask_open_desk_name(None) == "CAROL"  # NFKC, trimmed; the case is kept for show


def test_a_name_typed_at_an_open_desk_cannot_act_once_accounts_exist(qtbot, nominations_db,
                                                                    qt_settings, monkeypatch):
    """Someone adds the first account mid-night while a window is open on the open desk
    under the typed name 'root': that window never signed in, so it may not act as the
    new admin account 'root' (nor as anyone): not from a form already open, nor a new one."""
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="carol", figures=Figures(CLEAN, 120))
    window = MainWindow(nominations_db, user="root")
    qtbot.addWidget(window)
    assert window.account.is_open_desk
    dialog = window.open_form(HENDON, Mode.REKEY)  # opened while the desk is open
    assert dialog is not None
    with Store(nominations_db) as store:  # another desk adds the first account
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)

    form = dialog.form
    for edit, value in zip(form.vote_edits, CLEAN, strict=True):
        edit.setFocus()
        qtbot.keyClicks(edit, str(value))
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.invalid_edit, "120")
    with qtbot.assertNotEmitted(form.saved):
        qtbot.keyClick(form.total_edit, Qt.Key.Key_Return)  # Enter on the last field
    assert "must sign in" in form.message_label.text()
    dialog.reject()
    with Store(nominations_db) as store:
        assert dk.load_sheet(store, HENDON).pending is not None  # nothing verified
        assert dk.load_sheet(store, HENDON).verified is None

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    assert window.open_form(HENDON, Mode.REKEY) is None
    assert "must sign in" in told[0] and "Switch user" in told[0]


def test_a_sign_in_the_file_cannot_record_says_so_in_the_dialog(qtbot, accounts_db,
                                                                 qt_settings, monkeypatch):
    """A sign-in is written to the audit log, the right password's too: a file another
    program holds locked (or a full disk) refuses the entry. The dialog caught only the
    desk's refusals, not the store's, so the StoreError escaped its slot, a bug, and the
    dialog sat there saying nothing. Now it says why, in one line, and stays open."""
    import sqlite3

    monkeypatch.setenv("RESULTSDESK_BUSY_TIMEOUT_MS", "50")
    with Store(accounts_db) as store:
        dialog = shown_sign_in(qtbot, store)
        qtbot.keyClicks(dialog.name_edit, "carol")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.password_edit, "carol-password")
        other = sqlite3.connect(accounts_db, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # another program's write, under way
            qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        finally:
            other.close()
        assert dialog.isVisible() and dialog.account is None
        assert "locked" in dialog.error_label.text(), dialog.error_label.text()
        with qtbot.waitSignal(dialog.accepted):  # the lock gone: signed in
            qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        assert dialog.account.name == "carol"


@pytest.mark.parametrize("password, pasted", [
    ("\U0001f5f3" * 600, "\U0001f5f3" * 600),  # 600 characters, 1,200 UTF-16 units
    ("\u00e9" * 600, "e\u0301" * 600),  # set composed, pasted decomposed
], ids=["ballot-boxes", "decomposed"])
def test_any_password_the_desk_takes_can_be_pasted_whole(qtbot, accounts_db, qt_settings,
                                                         password, pasted):
    """A long password the command line set (at most 1,024 characters, counted as the desk
    counts them) signs in from the dialog too: the field cut a paste at 1,024 UTF-16 units,
    half of 600 characters outside the BMP or of 600 decomposed accents, so the right
    password was refused as wrong, with nothing said of the cut."""
    with Store(accounts_db) as store:
        acc.change_password(store, "carol", password, by="carol", kdf=FAST)
        dialog = shown_sign_in(qtbot, store)
        qtbot.keyClicks(dialog.name_edit, "carol")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
        QApplication.clipboard().setText(pasted)
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert dialog.password_edit.text() == pasted
        with qtbot.waitSignal(dialog.accepted):
            qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        assert dialog.account.name == "carol"
