"""A window locked (File > Lock, the idle lock) in the audit log of a file with accounts:
an entry of the sign-in kind, said in words, the chain whole; its unlock a sign-in that
counts like any other."""

from __future__ import annotations

import pytest
from helpers.desk_target import copy_target

from resultsdesk.desk import accounts as acc
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.audit_text import describe_entry
from resultsdesk.desk.screen_lock import check_unlock, record_lock
from resultsdesk.desk.sign_in_limit import FAILED, WINDOW_LOCKED
from resultsdesk.store import declarations as sql


@pytest.fixture
def on_file(_sqlite_desk_target, tmp_path):
    target = copy_target(_sqlite_desk_target, tmp_path)
    yield target
    target.close()


def test_the_lock_is_recorded_and_said(on_file):
    desk = on_file.open("alice")
    alice = acc.sign_in(desk, "alice", on_file.passwords["alice"])
    record_lock(desk, alice)
    record_lock(desk, alice, idle_minutes=10)
    locks = [e for e in sql.audit_entries(desk) if e["action"] == WINDOW_LOCKED]
    assert [describe_entry(e, {}) for e in locks] == [
        "alice's window was locked",
        "alice's window was locked after 10 minutes with no input"]
    check = check_audit_chain(desk)
    assert check.intact, check.summary()


def test_an_open_desk_records_no_lock(nominations_db):
    from resultsdesk.desk.session import open_desk

    with open_desk(nominations_db) as desk:
        before = len(sql.audit_entries(desk))
        record_lock(desk, acc.open_desk_user("alice"))
        check_unlock(desk, acc.open_desk_user("alice"), "", target=nominations_db)
        assert len(sql.audit_entries(desk)) == before


def test_a_wrong_unlock_is_a_failed_sign_in(on_file):
    desk = on_file.open("alice")
    alice = acc.sign_in(desk, "alice", on_file.passwords["alice"])
    with pytest.raises(acc.SignInFailed):
        check_unlock(desk, alice, "wrong", target=on_file.target)
    assert sql.audit_entries(desk)[-1]["action"] == FAILED
    check_unlock(desk, alice, on_file.passwords["alice"], target=on_file.target)
