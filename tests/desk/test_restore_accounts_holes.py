"""What a restore keeping the desk's accounts (`desk.restore_accounts`) still let through:
an editor added since the backup came back as never an editor (verifying "blind" figures it
had read), another election's account a look-alike of one kept was dropped and the audit
check then found it "gone from the file" all night (every later restore then kept none of
the accounts), a file whose every account was deleted by hand was restored as an open
desk's, nothing saying so, and a desk saving the moment the restore ended hid from the
command that the accounts were not kept."""

from __future__ import annotations

import pytest
from helpers.accounts import FAST
from helpers.cli import run_cli
from helpers.seats import CLEAN, HENDON
from helpers.tampering import by_hand, raw

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk import session
from resultsdesk.desk.audit import check_database
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store


def _accounts(path) -> list[tuple]:
    with Store(path) as store:
        return [(a.name, a.role, a.disabled) for a in acc.list_accounts(store)]


def _intact(path) -> None:
    checked = check_database(path)
    assert checked.intact, checked.summary()


def _first_accounts(store) -> None:
    acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
    acc.add_account(store, "carol", "desk", "carol-password", admin="root", kdf=FAST)


def test_an_editor_added_since_the_backup_verifies_nothing_it_read_as_one(
        nominations_db, tmp_path):
    """eve, added as an editor after the backup, read carol's Hendon figures (keyed before
    it, unverified), then was made desk staff: the restore wrote her added as desk staff,
    and she verified them "blind"."""
    backup = tmp_path / "earlier.db"
    with Store(nominations_db) as store:
        _first_accounts(store)
        dk.declare(store, HENDON, Figures(CLEAN, 50), user="carol")
        session.backup(store, backup)
        acc.add_account(store, "eve", "editor", "eve-password", admin="root", kdf=FAST)
        acc.change_role(store, "eve", "desk", admin="root")
    session.restore(backup, nominations_db, user="root")
    _intact(nominations_db)
    assert ("eve", "desk", False) in _accounts(nominations_db)
    with Store(nominations_db) as store, pytest.raises(dk.FourEyesRefusal,
                                                       match="was an editor account"):
        dk.verify(store, HENDON, user="eve", votes=CLEAN, invalid=50)


def _other_election(tmp_path, *names: str):
    other = tmp_path / "other" / "night.db"
    other.parent.mkdir()
    code, _, err = run_cli("init", "--db", other, "--name", "Another election")
    assert code == 0, err
    with Store(other) as store:
        acc.add_account(store, "boss", "admin", "boss-password", admin=None, kdf=FAST)
        for name in names:
            acc.add_account(store, name, "admin", "their-password", admin="boss", kdf=FAST)
    return other


def test_another_elections_look_alike_account_leaves_the_check_intact(
        nominations_db, tmp_path):
    """Its carol cannot come in beside this desk's caro1 (names are unique by skeleton):
    left out, the other log's entry adding her found her gone, and the check said BROKEN."""
    other = _other_election(tmp_path, "carol")
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        acc.add_account(store, "caro1", "desk", "caro1-password", admin="root", kdf=FAST)
    session.restore(other, nominations_db, user="root", other_election=True)
    assert _accounts(nominations_db) == [("boss", "admin", True), ("caro1", "desk", False),
                                         ("root", "admin", False)]
    _intact(nominations_db)
    code, out, err = run_cli("audit", "--db", nominations_db)
    assert code == 0, err
    assert ("root left out the backup's admin account carol, a look-alike of the desk's "
            "account caro1") in out
    # and so the next restore still keeps the desk's accounts
    session.restore(other, nominations_db, user="root", other_election=True)
    assert ("caro1", "desk", False) in _accounts(nominations_db)
    _intact(nominations_db)


def test_every_account_deleted_by_hand_is_said_as_not_kept(
        nominations_db, tmp_path, monkeypatch):
    """Removing every account turns the file into an open desk (the check finds them gone):
    the restore took it for one and said nothing, where any other account changed by hand
    is said at once."""
    backup = tmp_path / "open.db"
    assert run_cli("backup", "--db", nominations_db, "--out", backup)[0] == 0
    with Store(nominations_db) as store:
        _first_accounts(store)
    conn = raw(nominations_db)
    conn.execute("DELETE FROM accounts")
    conn.close()
    assert not check_database(nominations_db).intact
    code, _, err = run_cli("restore", backup, "--db", nominations_db, "--user", "root")
    assert code == 0, err
    assert (f"resultsdesk: warning: the accounts {nominations_db} had were not kept (its "
            "audit chain BROKEN") in err
    code, out, err = run_cli("audit", "--db", nominations_db)
    assert code == 0, err
    assert "; the accounts it replaced were not kept (its audit chain BROKEN" in \
        out.splitlines()[-1]


def test_a_desk_writing_as_the_restore_ends_does_not_hide_that_accounts_were_not_kept(
        nominations_db, tmp_path):
    """Desks waiting on the restore's lock write the moment it ends: the command read only
    the newest entry for the restore's, and so said nothing of the accounts not kept."""
    from resultsdesk.desk.restore_accounts import accounts_not_kept

    backup = tmp_path / "earlier.db"
    with Store(nominations_db) as store:
        _first_accounts(store)
        session.backup(store, backup)
    conn = raw(nominations_db)
    conn.execute("UPDATE accounts SET role = 'admin' WHERE name = 'carol'")
    conn.close()
    session.restore(backup, nominations_db, user="root")
    with Store(nominations_db) as store:  # a desk waiting meanwhile saves at once
        dk.declare(store, HENDON, Figures(CLEAN, 50), user="carol")
    why = accounts_not_kept(nominations_db)
    assert why is not None and why.startswith("its audit chain BROKEN")


def test_an_account_disabled_since_the_backup_stays_disabled_when_none_are_kept(
        nominations_db, tmp_path):
    """A replaced log that is not intact keeps none of its accounts: the backup's come in.
    So mallory, disabled since the backup, with the shared file in reach, broke the log (the
    time of an entry edited in sqlite3) and was let in again by the admin's restore. An
    account disabled there stays disabled whatever the log says: a disabling lets nobody in."""
    backup = tmp_path / "earlier.db"
    with Store(nominations_db) as store:
        _first_accounts(store)
        acc.add_account(store, "mallory", "desk", "mallory-password", admin="root", kdf=FAST)
        session.backup(store, backup)
        acc.disable_account(store, "mallory", admin="root")
    by_hand(nominations_db, "UPDATE audit_log SET at = '2024-07-04T21:00:00+00:00' "
            "WHERE id = 2").close()
    assert not check_database(nominations_db).intact
    session.restore(backup, nominations_db, user="root")
    _intact(nominations_db)
    assert ("mallory", "desk", True) in _accounts(nominations_db)
    assert ("carol", "desk", False) in _accounts(nominations_db)
