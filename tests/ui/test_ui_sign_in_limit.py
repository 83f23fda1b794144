"""The sign-in dialog once a name is locked out by failed sign-ins (desk/sign_in_limit.py),
driven with real key presses."""

from __future__ import annotations

from datetime import datetime

import pytest
from helpers.accounts import FAST, shown_sign_in
from PySide6.QtCore import Qt

from resultsdesk.desk import accounts as acc
from resultsdesk.desk.sign_in_limit import LOCKOUT, MAX_FAILED_SIGN_INS, try_again_at
from resultsdesk.store import Store


@pytest.fixture
def accounts_db(nominations_db):
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        acc.add_account(store, "carol", "desk", "carol-password", admin="root", kdf=FAST)
    return nominations_db


def entries(db) -> list[tuple[str, str]]:
    with Store(db) as store:
        return [(e["action"], e["at"]) for e in store.query(
            "SELECT action, at FROM audit_log WHERE action LIKE 'sign-in%' ORDER BY id")]


def test_a_locked_out_name_is_told_until_when_and_not_signed_in(qtbot, accounts_db,
                                                                 qt_settings):
    with Store(accounts_db) as store:
        dialog = shown_sign_in(qtbot, store)
        qtbot.keyClicks(dialog.name_edit, "Carol")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
        for _ in range(MAX_FAILED_SIGN_INS):
            qtbot.keyClicks(dialog.password_edit, "not-her-password")
            qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
            assert "Sign-in failed for Carol" in dialog.error_label.text()
            assert dialog.password_edit.hasFocus() and dialog.password_edit.text() == ""

        # Now even her own password is refused, saying why and until when.
        qtbot.keyClicks(dialog.password_edit, "carol-password")
        with qtbot.assertNotEmitted(dialog.accepted):
            qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.account is None
        assert dialog.password_edit.text() == ""
        assert dialog.error_label.isVisible()
        fifth = datetime.fromisoformat(entries(accounts_db)[MAX_FAILED_SIGN_INS - 1][1])
        assert dialog.error_label.text() == (
            "Too many failed sign-ins for Carol.\nTry again at "
            f"{try_again_at(fifth + LOCKOUT)} (UK time), or ask an admin to unlock it.")
        assert [a for a, _ in entries(accounts_db)] == (
            ["sign-in failed"] * MAX_FAILED_SIGN_INS + ["sign-in refused: locked"])

        # Unlocked by an admin, she signs in at the same dialog.
        acc.unlock_sign_in(store, "carol", admin="root")
        qtbot.keyClicks(dialog.password_edit, "carol-password")
        with qtbot.waitSignal(dialog.accepted):
            qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        assert dialog.account.name == "carol"

