"""A restore puts the night back, never the desk's accounts: who may sign in, in which role,
with which password, stays as the admins last left it. A backup made before the first
account was added turned the desk back into an open desk (anyone working under any name,
no sign-in, four-eyes by typed names); an older one enabled again an account disabled
since, gave back admin to one demoted since and the old password to one reset since
(a leaked one), and dropped an admin added since, who had just signed in to restore it."""

from __future__ import annotations

import pytest
from helpers.accounts import FAST
from helpers.cli import run_cli
from helpers.seats import CLEAN, HENDON
from helpers.tampering import raw

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk import session
from resultsdesk.desk.audit import check_database
from resultsdesk.desk.permissions import Permission
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store


def _accounts(path) -> list[tuple]:
    with Store(path) as store:
        return [(a.name, a.role, a.disabled) for a in acc.list_accounts(store)]


def _first_accounts(store) -> None:
    acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
    acc.add_account(store, "carol", "desk", "carol-password", admin="root", kdf=FAST)
    acc.add_account(store, "bob", "admin", "bob-password", admin="root", kdf=FAST)


def test_a_backup_from_before_the_first_account_leaves_the_desk_signing_in(
        nominations_db, tmp_path):
    backup = tmp_path / "open.db"
    with Store(nominations_db) as store:
        session.backup(store, backup)
        _first_accounts(store)
    before = _accounts(nominations_db)
    session.restore(backup, nominations_db, user="root")
    assert _accounts(nominations_db) == before
    with Store(nominations_db) as store:
        assert acc.has_accounts(store)
        with pytest.raises(acc.SignInFailed):
            acc.sign_in(store, "carol", "wrong-password")
    assert check_database(nominations_db).intact, check_database(nominations_db).summary()
    # Nobody works under a typed name: signing in as someone with no account fails.
    with Store(nominations_db) as store, pytest.raises(acc.SignInFailed):
        acc.signed_in_name(store, "mallory", lambda: "any-password", Permission.DECLARE)


def test_disabled_demoted_and_reset_accounts_stay_as_the_admins_left_them(
        nominations_db, tmp_path):
    backup = tmp_path / "earlier.db"
    with Store(nominations_db) as store:
        _first_accounts(store)
        session.backup(store, backup)
        acc.disable_account(store, "carol", admin="root")
        acc.change_role(store, "bob", "desk", admin="root")
        acc.change_password(store, "bob", "bob-new-password", by="root")
        acc.add_account(store, "ann", "admin", "ann-password", admin="root", kdf=FAST)
    before = _accounts(nominations_db)
    session.restore(backup, nominations_db, user="ann")
    assert _accounts(nominations_db) == before
    with Store(nominations_db) as store:
        with pytest.raises(acc.SignInFailed):
            acc.sign_in(store, "carol", "carol-password")  # still disabled
        with pytest.raises(acc.SignInFailed):
            acc.sign_in(store, "bob", "bob-password")  # the password reset since
        assert acc.sign_in(store, "bob", "bob-new-password").role == "desk"
        assert acc.sign_in(store, "ann", "ann-password").role == "admin"
    checked = check_database(nominations_db)
    assert checked.intact, checked.summary()


def test_accounts_changed_by_hand_after_such_a_restore_are_still_found(
        nominations_db, tmp_path):
    backup = tmp_path / "earlier.db"
    with Store(nominations_db) as store:
        _first_accounts(store)
        session.backup(store, backup)
        acc.disable_account(store, "carol", admin="root")
    session.restore(backup, nominations_db, user="root")
    conn = raw(nominations_db)
    conn.execute("UPDATE accounts SET disabled = 0 WHERE name = 'carol'")
    conn.commit()
    conn.close()
    checked = check_database(nominations_db)
    assert not checked.intact
    assert "carol" in checked.summary()


def test_an_editor_made_desk_since_the_backup_verifies_nothing_read_as_an_editor(
        nominations_db, tmp_path):
    backup = tmp_path / "earlier.db"
    with Store(nominations_db) as store:
        _first_accounts(store)
        acc.add_account(store, "eve", "editor", "eve-password", admin="root", kdf=FAST)
        dk.declare(store, HENDON, Figures(CLEAN, 50), user="carol")
        session.backup(store, backup)
        acc.change_role(store, "eve", "desk", admin="root")
    session.restore(backup, nominations_db, user="root")
    with Store(nominations_db) as store, pytest.raises(dk.FourEyesRefusal,
                                                       match="was an editor account"):
        dk.verify(store, HENDON, user="eve", votes=CLEAN, invalid=50)


def test_the_restore_entry_says_the_accounts_were_kept(nominations_db, tmp_path):
    backup = tmp_path / "open.db"
    with Store(nominations_db) as store:
        session.backup(store, backup)
        _first_accounts(store)
    session.restore(backup, nominations_db, user="root")
    code, out, err = run_cli("audit", "--db", nominations_db)
    assert code == 0, err
    assert out.splitlines()[-1].endswith("; the desk's 3 accounts were kept as they were")


def test_an_open_desk_restoring_a_backup_with_accounts_takes_them(nominations_db, tmp_path):
    """The other way round nobody loses a sign-in: the backup's accounts come back."""
    before_accounts, with_accounts = tmp_path / "open.db", tmp_path / "with-accounts.db"
    with Store(nominations_db) as store:
        session.backup(store, before_accounts)
        _first_accounts(store)
        session.backup(store, with_accounts)
    open_desk = tmp_path / "elsewhere" / "night.db"
    open_desk.parent.mkdir()
    session.restore(before_accounts, open_desk, user="root")
    assert _accounts(open_desk) == []
    session.restore(with_accounts, open_desk, user="someone")
    assert [a[0] for a in _accounts(open_desk)] == ["bob", "carol", "root"]
    assert check_database(open_desk).intact


def test_a_backup_from_a_version_before_accounts_leaves_them_too(nominations_db, tmp_path):
    """A backup from before this app had accounts at all (schema 4), brought up to date on
    restore, came in with an empty accounts table: the same open desk."""
    import shutil
    import sqlite3

    from helpers.rehearsal import (
        undo_leaner_inserts_migration,
        undo_rehearsal_holders_migration,
        undo_rehearsal_migration,
    )

    old = tmp_path / "old-version.db"
    shutil.copy(nominations_db, old)
    conn = sqlite3.connect(old)
    conn.execute("DROP TABLE accounts")
    undo_rehearsal_holders_migration(conn)
    undo_rehearsal_migration(conn)
    undo_leaner_inserts_migration(conn)
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with Store(nominations_db) as store:
        _first_accounts(store)
    before = _accounts(nominations_db)
    session.restore(old, nominations_db, user="root")
    assert _accounts(nominations_db) == before
    assert check_database(nominations_db).intact


def test_the_command_keeps_the_accounts_of_a_desk_restored_from_an_open_one(
        nominations_db, tmp_path, monkeypatch):
    backup = tmp_path / "open.db"
    assert run_cli("backup", "--db", nominations_db, "--out", backup)[0] == 0
    with Store(nominations_db) as store:
        _first_accounts(store)
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "root-password")
    code, _, err = run_cli("restore", backup, "--db", nominations_db, "--user", "root")
    assert code == 0, err
    code, out, err = run_cli("users", "list", "--db", nominations_db)
    assert code == 0, err
    assert [line.split()[:3] for line in out.splitlines()[1:]] == [
        ["bob", "admin", "active"], ["carol", "desk", "active"], ["root", "admin", "active"]]


def test_an_editor_only_between_the_backup_and_the_restore_still_counts(
        nominations_db, tmp_path):
    """eve was desk staff in the backup and is again, but was an editor in between, when
    she could read carol's Hendon figures (keyed before the backup, still unverified)."""
    backup = tmp_path / "earlier.db"
    with Store(nominations_db) as store:
        _first_accounts(store)
        acc.add_account(store, "eve", "desk", "eve-password", admin="root", kdf=FAST)
        dk.declare(store, HENDON, Figures(CLEAN, 50), user="carol")
        session.backup(store, backup)
        acc.change_role(store, "eve", "editor", admin="root")
        acc.change_role(store, "eve", "desk", admin="root")
    session.restore(backup, nominations_db, user="root")
    assert check_database(nominations_db).intact
    with Store(nominations_db) as store, pytest.raises(dk.FourEyesRefusal,
                                                       match="was an editor account"):
        dk.verify(store, HENDON, user="eve", votes=CLEAN, invalid=50)


def test_another_elections_backup_keeps_this_desks_admin(nominations_db, tmp_path):
    """A backup of another election restored on purpose (--other-election) brings its own
    accounts: this desk's stay, and the other's come in disabled (its admin, whose password
    this desk never set, signs in to nothing)."""
    other = tmp_path / "other" / "night.db"
    other.parent.mkdir()
    code, _, err = run_cli("init", "--db", other, "--name", "Another election")
    assert code == 0, err
    with Store(other) as store:
        acc.add_account(store, "mallory", "admin", "mallory-password", admin=None, kdf=FAST)
    with Store(nominations_db) as store:
        _first_accounts(store)
    session.restore(other, nominations_db, user="root", other_election=True)
    assert _accounts(nominations_db) == [("bob", "admin", False), ("carol", "desk", False),
                                         ("mallory", "admin", True), ("root", "admin", False)]
    with Store(nominations_db) as store, pytest.raises(acc.SignInFailed):
        acc.sign_in(store, "mallory", "mallory-password")
    checked = check_database(nominations_db)
    assert checked.intact, checked.summary()


_FORGED = ("INSERT INTO accounts (name, name_key, skeleton, role, kdf, kdf_n, kdf_r, kdf_p, "
           "salt, password_hash, created_at, created_by) SELECT 'mallory', 'mallory', "
           "'mallory', 'admin', kdf, kdf_n, kdf_r, kdf_p, salt, password_hash, created_at, "
           "'root' FROM accounts WHERE name = 'carol'")


@pytest.mark.parametrize("tamper", [
    _FORGED, "UPDATE accounts SET role = 'admin' WHERE name = 'carol'",
    "UPDATE accounts SET disabled = 0 WHERE name = 'carol'"])
def test_accounts_changed_by_hand_are_what_the_restore_undoes_never_keeps(
        nominations_db, tmp_path, tamper):
    """The audit check says an account was forged or changed outside the app: restoring
    the backup is the remedy. Keeping the accounts then wrote the forged admin into the
    restored log as one an admin added, and the check said "intact"."""
    backup = tmp_path / "earlier.db"
    with Store(nominations_db) as store:
        _first_accounts(store)
        acc.disable_account(store, "carol", admin="root")
        session.backup(store, backup)
    conn = raw(nominations_db)
    conn.execute(tamper)
    conn.close()
    assert not check_database(nominations_db).intact
    session.restore(backup, nominations_db, user="root")
    assert _accounts(nominations_db) == _accounts(backup)
    checked = check_database(nominations_db)
    assert checked.intact, checked.summary()
    code, out, err = run_cli("audit", "--db", nominations_db)
    assert code == 0, err
    assert "; the accounts it replaced were not kept (its audit chain BROKEN" in \
        out.splitlines()[-1]
    assert out.splitlines()[-1].endswith("): the backup's came in")


def test_accounts_holding_text_that_is_not_utf8_do_not_stop_the_restore(
        nominations_db, tmp_path):
    """ResultsDesk tells whoever meets such an account to restore from a backup."""
    backup = tmp_path / "earlier.db"
    with Store(nominations_db) as store:
        _first_accounts(store)
        session.backup(store, backup)
    conn = raw(nominations_db)
    conn.execute("UPDATE accounts SET name = CAST(X'6361726F6CFF' AS TEXT) "
                 "WHERE name = 'carol'")
    conn.close()
    session.restore(backup, nominations_db, user="root")
    assert _accounts(nominations_db) == _accounts(backup)


def test_the_command_says_when_the_accounts_it_replaced_were_not_kept(
        nominations_db, tmp_path, monkeypatch):
    backup = tmp_path / "open.db"
    assert run_cli("backup", "--db", nominations_db, "--out", backup)[0] == 0
    with Store(nominations_db) as store:
        _first_accounts(store)
    conn = raw(nominations_db)
    conn.execute(_FORGED)
    conn.close()
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "root-password")
    code, _, err = run_cli("restore", backup, "--db", nominations_db, "--user", "root")
    assert code == 0, err
    assert (f"resultsdesk: warning: the accounts {nominations_db} had were not kept (its "
            "audit chain BROKEN: account \"mallory\" (admin) has no audit entry recording who "
            "added it): the backup's came in") in err
    assert _accounts(nominations_db) == []  # the backup's: what the admin put back


def test_an_account_added_by_an_entry_slipped_into_the_log_is_not_kept(
        nominations_db, tmp_path):
    """The forger writes the entry adding their admin too: the account then has its entry,
    but the chain is broken there, and the restore run to undo it kept the admin, written
    into the restored log as an admin's change, "intact"."""
    from helpers.tampering import drop_triggers, put_back_triggers

    backup = tmp_path / "earlier.db"
    with Store(nominations_db) as store:
        _first_accounts(store)
        session.backup(store, backup)
    conn = raw(nominations_db)
    saved = drop_triggers(conn)
    conn.execute(_FORGED)
    conn.execute("INSERT INTO audit_log (at, user, action, entity, entity_key, details, "
                 "prev_hash, hash) SELECT at, 'root', 'add account', 'account', 'mallory', "
                 "'{\"role\": \"admin\"}', hash, hash FROM audit_log ORDER BY id DESC LIMIT 1")
    put_back_triggers(conn, saved)
    conn.close()
    assert not check_database(nominations_db).intact
    session.restore(backup, nominations_db, user="root")
    assert _accounts(nominations_db) == _accounts(backup)
    assert check_database(nominations_db).intact
