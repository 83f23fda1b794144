"""A password pasted into the sign-in box with the end of its line (copied from a text file
or a password sheet by a triple click) signs in, as the same line pasted at the terminal's
prompt does: no password holds a line break (desk/passwords.py), and such a paste was
refused as a wrong password, counting towards the lock-out."""

from __future__ import annotations

import pytest
from helpers.accounts import FAST, shown_sign_in
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import accounts as acc
from resultsdesk.store import Store


@pytest.mark.parametrize("pasted", ["carol-password\n", "carol-password\r\n"])
def test_a_pasted_line_signs_in(qtbot, nominations_db, qt_settings, pasted):
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        acc.add_account(store, "carol", "desk", "carol-password", admin="root", kdf=FAST)
        dialog = shown_sign_in(qtbot, store)
        qtbot.keyClicks(dialog.name_edit, "carol")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
        QApplication.clipboard().setText(pasted)
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert dialog.password_edit.text() == pasted  # the box keeps what was pasted
        with qtbot.waitSignal(dialog.accepted, timeout=2000):
            qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        assert dialog.account.name == "carol"
        failed = store.query("SELECT 1 FROM audit_log WHERE action = 'sign-in failed'")
        assert failed == []


def test_a_name_pasted_with_its_line_end_signs_in(qtbot, nominations_db, qt_settings):
    """The name too: `carol` copied from a list with its line's end was an unknown account,
    recorded as a failed sign-in for carol though her password was right."""
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        acc.add_account(store, "carol", "desk", "carol-password", admin="root", kdf=FAST)
        dialog = shown_sign_in(qtbot, store)
        QApplication.clipboard().setText("carol\r\n")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.password_edit, "carol-password")
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        assert dialog.account is not None and dialog.account.name == "carol", \
            dialog.error_label.text()
        assert store.query("SELECT 1 FROM audit_log WHERE action = 'sign-in failed'") == []
