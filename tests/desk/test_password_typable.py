"""A new password is one a person can type at the sign-in box and at the terminal's prompt
(desk/passwords.py): a line break or another control character in it could be set only from
RESULTSDESK_NEW_PASSWORD (a file read whole, with its last line's end) and never typed again,
so the account signed in nowhere but where that variable was set."""

from __future__ import annotations

import pytest
from helpers.accounts import FAST

from resultsdesk.desk import accounts as acc
from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.store import Store


@pytest.mark.parametrize("password", [
    "carol-new-password\n",       # a file read whole (PowerShell's Get-Content -Raw)
    "carol-new-password\r\n",
    "carol new\tpassword",        # Tab moves to the next field in the sign-in box
    "carol-new-password\x1b",
    "carol-new\x85password",      # NEL, a C1 line break
])
def test_a_password_with_a_control_character_is_refused(nominations_db, password):
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        with pytest.raises(DeskRefusal, match="line break, tab or other control character"):
            acc.add_account(store, "carol", "desk", password, admin="root", kdf=FAST)
        acc.add_account(store, "carol", "desk", "carol-password", admin="root", kdf=FAST)
        with pytest.raises(DeskRefusal, match="line break, tab or other control character"):
            acc.change_password(store, "carol", password, by="root", kdf=FAST)
        assert acc.sign_in(store, "carol", "carol-password").name == "carol"


def test_spaces_and_other_scripts_stay_allowed(nominations_db):
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        acc.add_account(store, "carol", "desk", " pass phrase \u00e9\u4e2d\U0001f5f3 ",
                        admin="root", kdf=FAST)
        assert acc.sign_in(store, "carol", " pass phrase \u00e9\u4e2d\U0001f5f3 ").name == \
            "carol"
