"""An account changed by an admin while its save waits for the file's write lock (a race
attack on one election file shared by several programs). bob's verification checked his
account (desk staff, enabled) before taking the lock; ann's window made him an editor, or
disabled him, and committed first; his verification then went on air under the lock all
the same: an editor verified a result (editors "never enter or verify"), and the audit
check of the file then called the whole chain BROKEN ("... is by an account that ... was
not desk or admin"), for a race, not a tampering. On a server the server checks again under
its lock (test_role_changed_while_verifying.py); on a file the desk must, in the same
transaction as the write.

The interleaving is forced: ann's change is committed, through a connection of her own,
in the instant between bob's check of his account and his write transaction."""

from __future__ import annotations

import pytest
from helpers.desk_target import copy_target
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.desk.session import open_desk
from resultsdesk.domain.model import DeclarationStatus, Figures

CHANGES = {
    "made an editor": lambda ann: acc.change_role(ann, "bob", "editor", admin="ann"),
    "disabled": lambda ann: acc.disable_account(ann, "bob", admin="ann"),
}


@pytest.fixture
def target(_sqlite_desk_target, tmp_path):
    target = copy_target(_sqlite_desk_target, tmp_path)
    yield target
    target.close()


def _change_before_the_lock(monkeypatch, path, change, *, module=dk,
                            who: str = "ann") -> list[str]:
    """Run `who`'s change through their own connection to `path` just before the next
    write lock of one of `module`'s use cases is taken; returns [who] once it has run."""
    real = module.writes_for
    done: list[str] = []

    def writes_for(store):
        if not done:
            with open_desk(path) as desk:
                change(desk)
            done.append(who)
        return real(store)

    monkeypatch.setattr(module, "writes_for", writes_for)
    return done


@pytest.mark.parametrize("how", sorted(CHANGES))
def test_a_verifier_changed_meanwhile_verifies_nothing(target, monkeypatch, how):
    alice, bob = target.open("alice"), target.open("bob")
    dk.declare(alice, HENDON, Figures(CLEAN, 50), user="alice")
    done = _change_before_the_lock(monkeypatch, target.target, CHANGES[how])
    with pytest.raises(DeskRefusal):
        dk.verify(bob, HENDON, user="bob", votes=CLEAN, invalid=50)
    assert done == ["ann"]
    eve = target.open("eve")
    assert [v.status for v in dk.load_sheet(eve, HENDON).versions] == [
        DeclarationStatus.PROVISIONAL]
    check = check_audit_chain(eve)
    assert check.intact, check.summary()


@pytest.mark.parametrize("how", sorted(CHANGES))
def test_an_entry_by_someone_changed_meanwhile_is_not_saved(target, monkeypatch, how):
    bob = target.open("bob")
    done = _change_before_the_lock(monkeypatch, target.target, CHANGES[how])
    with pytest.raises(DeskRefusal):
        dk.declare(bob, HENDON, Figures(CLEAN, 50), user="bob")
    assert done == ["ann"]
    eve = target.open("eve")
    assert not dk.load_sheet(eve, HENDON).versions
    check = check_audit_chain(eve)
    assert check.intact, check.summary()


def test_an_open_desk_name_acts_no_more_once_the_first_account_is_added(nominations_db,
                                                                         monkeypatch):
    """An open desk (no accounts): bob's typed name was checked as the desk had no
    accounts; the first account (an admin) was added before his verification took the
    lock, after which only signed-in accounts may verify."""
    with open_desk(nominations_db) as alice:
        dk.declare(alice, HENDON, Figures(CLEAN, 50), user="alice")
    done = _change_before_the_lock(monkeypatch, nominations_db, lambda ann: acc.add_account(
        ann, "ann", "admin", "ann's long password", admin=None,
        kdf=acc.KdfParams(n=2 ** 10, r=8, p=1)))
    with open_desk(nominations_db) as bob:
        with pytest.raises(DeskRefusal):
            dk.verify(bob, HENDON, user="bob", votes=CLEAN, invalid=50)
        assert done == ["ann"]
        assert [v.status for v in dk.load_sheet(bob, HENDON).versions] == [
            DeclarationStatus.PROVISIONAL]
        check = check_audit_chain(bob)
        assert check.intact, check.summary()


def test_an_import_by_an_admin_changed_meanwhile_imports_nothing(target, monkeypatch):
    """ann's import of results (every seat verified on arrival, in her name) checked her
    role before its transaction; zed made her an editor in between."""
    from resultsdesk.desk import imports

    with open_desk(target.target) as ann:
        acc.add_account(ann, "zed", "admin", "zed's long password", admin="ann",
                        kdf=acc.KdfParams(n=2 ** 10, r=8, p=1))
    results = target.target.parent / "candidates.csv"  # the HoC file: its votes too
    done = _change_before_the_lock(
        monkeypatch, target.target,
        lambda zed: acc.change_role(zed, "ann", "editor", admin="zed"), module=imports, who="zed")
    ann = target.open("ann")
    with pytest.raises(DeskRefusal):
        imports.import_results(ann, results, user="ann")
    assert done == ["zed"]
    assert not dk.load_sheet(ann, HENDON).versions
    check = check_audit_chain(ann)
    assert check.intact, check.summary()


def test_a_chamber_order_by_an_admin_changed_meanwhile_is_not_saved(target, monkeypatch):
    """File > Chamber order: ann's role checked before the transaction, zed made her an
    editor in between."""
    from resultsdesk.desk import parties
    from resultsdesk.store import repository as repo

    with open_desk(target.target) as ann:
        acc.add_account(ann, "zed", "admin", "zed's long password", admin="ann",
                        kdf=acc.KdfParams(n=2 ** 10, r=8, p=1))
        before = sorted((r["political_order"], r["abbreviation"]) for r in repo.party_rows(ann))
    done = _change_before_the_lock(
        monkeypatch, target.target,
        lambda zed: acc.change_role(zed, "ann", "editor", admin="zed"), module=parties, who="zed")
    ann = target.open("ann")
    with pytest.raises(DeskRefusal):
        parties.set_political_order(ann, [a for _, a in reversed(before)], user="ann")
    assert done == ["zed"]
    assert sorted((r["political_order"], r["abbreviation"]) for r in repo.party_rows(ann)) \
        == before
    check = check_audit_chain(ann)
    assert check.intact, check.summary()
