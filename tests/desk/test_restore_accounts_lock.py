"""A restore keeping the desk's accounts checked the whole audit log of the database it
replaced while holding that database's write lock: seconds on a night of tens of thousands
of seats (about 4 s on 25,000 entries), every desk's save waiting meanwhile, and failing
"locked" past the busy timeout. The check is made before the lock now; under it, only that
the accounts and the entries about them are still those checked (else checked there)."""

from __future__ import annotations

import sqlite3

import pytest
from helpers.accounts import FAST
from helpers.tampering import raw

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import audit, session
from resultsdesk.desk.audit import check_database
from resultsdesk.store import Store


def _locked(path) -> bool:
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


@pytest.fixture
def walks(monkeypatch, nominations_db):
    """Whether the live file's write lock was held at each walk of an audit chain."""
    seen: list[bool] = []
    original = audit._walk_chain

    def walk(*args, **kwargs):
        seen.append(_locked(nominations_db))
        return original(*args, **kwargs)

    monkeypatch.setattr(audit, "_walk_chain", walk)
    return seen


def _accounts(path) -> list[tuple]:
    with Store(path) as store:
        return [(a.name, a.role, a.disabled) for a in acc.list_accounts(store)]


def _with_accounts(nominations_db, backup) -> None:
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        acc.add_account(store, "carol", "desk", "carol-password", admin="root", kdf=FAST)
        session.backup(store, backup)
        acc.disable_account(store, "carol", admin="root")
        acc.sign_in(store, "root", "root-password")


def test_the_replaced_log_is_not_checked_under_the_restores_lock(
        nominations_db, tmp_path, walks):
    backup = tmp_path / "earlier.db"
    _with_accounts(nominations_db, backup)
    before = _accounts(nominations_db)
    session.restore(backup, nominations_db, user="root")
    assert walks and not any(walks), walks
    assert _accounts(nominations_db) == before
    assert check_database(nominations_db).intact


@pytest.mark.parametrize("forged", [False, True])
def test_accounts_changed_between_the_check_and_the_lock_are_checked_again(
        nominations_db, tmp_path, monkeypatch, forged):
    """What a desk (or someone with the file) changes after the early check is not taken
    as checked: an admin's change is kept, a forged one is not."""
    from resultsdesk.desk import restore_accounts

    backup = tmp_path / "earlier.db"
    _with_accounts(nominations_db, backup)
    early = restore_accounts.checked_beforehand

    def then_changed(path):
        checked = early(path)
        with Store(nominations_db) as store:
            acc.add_account(store, "dan", "desk", "dan-password", admin="root", kdf=FAST)
        if forged:
            conn = raw(nominations_db)
            conn.execute("UPDATE accounts SET role = 'admin' WHERE name = 'dan'")
            conn.close()
        return checked

    monkeypatch.setattr(restore_accounts, "checked_beforehand", then_changed)
    session.restore(backup, nominations_db, user="root")
    if forged:  # the backup's accounts, but carol, disabled since, stays so
        assert _accounts(nominations_db) == [
            (name, role, disabled or name == "carol") for name, role, disabled in
            _accounts(backup)]
    else:
        assert ("dan", "desk", False) in _accounts(nominations_db)
        assert ("carol", "desk", True) in _accounts(nominations_db)
    assert check_database(nominations_db).intact
