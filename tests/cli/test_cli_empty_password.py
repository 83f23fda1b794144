"""RESULTSDESK_PASSWORD set but empty (a script's `export RESULTSDESK_PASSWORD=$PW` with PW
unset) is no sign-in attempt: no account has an empty password, so it is refused saying so,
as the app's sign-in box refuses an empty password, and nothing is recorded. It was checked
as a password and recorded as a failed sign-in, five such runs locking the admin out."""

from __future__ import annotations

import pytest
from helpers.accounts import FAST

from resultsdesk.cli import main
from resultsdesk.desk import accounts as acc
from resultsdesk.store import Store


@pytest.fixture
def db(nominations_db, monkeypatch):
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "")
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        acc.add_account(store, "carol", "desk", "carol-password", admin="root", kdf=FAST)
    return nominations_db


def audit_actions(db) -> list[str]:
    with Store(db) as store:
        return [r["action"] for r in store.query("SELECT action FROM audit_log ORDER BY id")]


@pytest.mark.parametrize("args", [
    ["users", "disable", "carol", "--admin", "root"],
    ["users", "password", "carol"],
])
def test_an_empty_password_variable_is_no_attempt(capsys, db, args):
    before = audit_actions(db)
    for _ in range(6):
        assert main([*args, "--db", str(db)]) == 1
        err = capsys.readouterr().err
        assert "RESULTSDESK_PASSWORD is set but empty" in err
        assert "sign-in failed" not in err and "Too many" not in err
    assert audit_actions(db) == before
