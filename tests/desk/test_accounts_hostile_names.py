"""Names and sign-ins a hostile colleague tried on a file desk (found from outside, each a
reproduction): a name padded with a character drawn as nothing, or an `i` given a second
dot, passed for someone else and verified its own entry; a name padded past what the lock
counts reached a locked account with fresh tries; the audit log told a disabled account's
right password from a wrong one; a new password of bytes that are no text was an
unexpected error; `users password` asked a locked name for its password."""

from __future__ import annotations

import json

import pytest
from helpers.accounts import FAST
from helpers.cli import run_cli
from helpers.seats import HENDON

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.domain.identity import display_name, same_person
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store

HENDON_VOTES = [139, 233, 1518, 1966, 2667, 3038, 15840, 15855]
# Drawn as nothing (the braille blank, the object replacement character), or a dot drawn
# on the i's own dot (after an i, after a dotless i), and the Turkish capital dotted I.
TWINS = ("alice\u2800", "a\ufffclice", "ali\u0307ce", "al\u0131\u0307ce", "AL\u0130CE")


@pytest.mark.parametrize("twin", TWINS)
def test_a_name_that_looks_like_alice_is_alice(twin):
    assert same_person("alice", twin) and same_person(twin, "alice")


# A dot above after a mark drawn below (canonical order puts that first), and a dotless j
# with a dot above: as drawn, the names on the left.
DOTTED_TWINS = (("Nguyen Thị Lan", "Nguyen Thị\u0307 Lan"), ("alįce", "alį\u0307ce"),
                ("alɨce", "alɨ\u0307ce"), ("jo", "\u0237\u0307o"))


@pytest.mark.parametrize(("name", "twin"), DOTTED_TWINS)
def test_a_dot_on_a_dotted_letter_is_none_behind_other_marks(name, twin):
    assert same_person(name, twin) and same_person(twin, name)


def test_the_marks_a_dot_may_come_after_are_those_not_above():
    """`identity.BELOW_OR_THROUGH` (the server's migrations 50 and 61 write the same
    class): every combining mark of U+0300-U+036F whose class is not "above", and only
    those."""
    import re
    import unicodedata
    from pathlib import Path

    import resultsdesk.store.postgres as pg
    from resultsdesk.domain.identity import BELOW_OR_THROUGH

    within = {chr(c) for c in range(0x300, 0x370)
              if re.fullmatch(f"[{BELOW_OR_THROUGH}]", chr(c))}
    assert within == {chr(c) for c in range(0x300, 0x370)
                      if unicodedata.combining(chr(c)) not in (0, 230)}
    for migration in ("050_dot_on_a_dotted_letter.sql",
                      "061_marks_in_order_after_look_alikes.sql"):
        sql = (Path(pg.__file__).parent / "sql" / migration).read_text()
        assert "".join(sql.split("'\n               '")).count(BELOW_OR_THROUGH) == 1


def test_accents_still_tell_people_apart():
    assert not same_person("José", "Jose")
    assert not same_person("\u017baneta", "Zaneta")  # a dot above a Z is seen
    assert display_name("alice\u2800") == "alice"  # recorded without what draws nothing


@pytest.mark.parametrize("twin", TWINS)
def test_nobody_verifies_their_own_entry_under_a_twin_of_their_name(nominations_db, twin):
    with Store(nominations_db) as store:
        sheet = dk.load_sheet(store, HENDON)
        votes = HENDON_VOTES[:len(sheet.candidates)]
        dk.declare(store, HENDON, user="alice", figures=Figures(votes, 187),
                   overrides=["recount_range"])
        with pytest.raises(DeskRefusal, match="second person"):
            dk.verify(store, HENDON, user=twin, votes=votes, invalid=187)


@pytest.fixture
def desk(nominations_db):
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        for name in ("alice", "bob", "carol"):
            acc.add_account(store, name, "desk", f"{name}-password", admin="root", kdf=FAST)
        yield store


@pytest.mark.parametrize("twin", TWINS)
def test_no_second_account_under_a_twin_of_a_name(desk, twin):
    with pytest.raises(DeskRefusal, match="alice"):
        acc.add_account(desk, twin, "desk", "another-password", admin="root", kdf=FAST)


def _reasons(store, name: str) -> list[str]:
    return [json.loads(r["details"])["reason"] for r in store.query(
        "SELECT details FROM audit_log WHERE action = 'sign-in failed' AND user = ? "
        "ORDER BY id", (name,))]


def test_a_name_padded_past_the_lock_reaches_no_account(desk):
    for _ in range(5):
        with pytest.raises(acc.SignInFailed):
            acc.sign_in(desk, "bob", "not-the-password")
    with pytest.raises(acc.SignInLocked):
        acc.sign_in(desk, "bob", "bob-password")
    before = desk.scalar("SELECT max(id) FROM audit_log")
    for padding in (996, 997, 998, 999, 1_000, 5_000):  # from bob's own to past any name
        padded = "\u200b" * padding + "bob"
        with pytest.raises(acc.SignInLocked, match="for bob:"):
            acc.sign_in(desk, padded, "bob-password")  # bob's right password: still locked
    assert [(r["user"], r["action"]) for r in desk.query(
        "SELECT user, action FROM audit_log WHERE id > ?", (before,))] == \
        [("bob", "sign-in refused: locked")] * 6  # each refused, and as bob's


def test_a_name_past_any_accounts_length_signs_in_to_nothing(desk):
    """Counted as the name it prints as, and never looked up: no account has such a name."""
    padded = "\u200b" * 5_000 + "bob"
    with pytest.raises(acc.SignInFailed):
        acc.sign_in(desk, padded, "bob-password")  # bob's right password
    assert _reasons(desk, "bob") == ["unknown account"]
    assert desk.query("SELECT id FROM audit_log WHERE action = 'sign in'") == []


def test_a_disabled_accounts_password_is_not_told_by_the_audit_log(desk):
    acc.disable_account(desk, "carol", admin="root")
    for password in ("a-wrong-guess", "carol-password"):
        with pytest.raises(acc.SignInFailed):
            acc.sign_in(desk, "carol", password)
    assert _reasons(desk, "carol") == ["account disabled", "account disabled"]


def test_no_account_named_as_a_sign_in_under_no_name_is_recorded(desk):
    with pytest.raises(DeskRefusal, match="no name"):
        acc.add_account(desk, "(No name)", "desk", "some-password", admin="root", kdf=FAST)


def test_a_new_password_of_bytes_that_are_no_text_is_refused_in_one_line(
        desk, nominations_db, monkeypatch):
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "root-password")
    monkeypatch.setenv("RESULTSDESK_NEW_PASSWORD", "\udcff\udcfe\udcfdabcdefgh")
    code, _out, err = run_cli("users", "add", "dave", "--db", nominations_db, "--role",
                              "desk", "--admin", "root")
    assert code == 1 and err.startswith("resultsdesk: error: RESULTSDESK_NEW_PASSWORD holds "
                                        "bytes that are not UTF-8 text")
    assert len(err.splitlines()) == 1


def test_users_password_asks_a_locked_name_for_nothing(desk, nominations_db, monkeypatch):
    for _ in range(5):
        with pytest.raises(acc.SignInFailed):
            acc.sign_in(desk, "bob", "not-the-password")
    monkeypatch.delenv("RESULTSDESK_PASSWORD", raising=False)
    code, _out, err = run_cli("users", "password", "bob", "--db", nominations_db)
    assert code == 1 and "Too many failed sign-ins for bob" in err  # not "No password given"


def _impostor_made_before(store, name: str) -> None:
    """An account `name` as the desk before this rule stored it (its key and skeleton
    were the name itself, the braille blank kept): copied from alice's row, by SQL."""
    alice = store.query("SELECT * FROM accounts WHERE name = 'alice'")[0]
    row = {**alice, "name": name, "name_key": name, "skeleton": name}
    del row["id"]
    with store.write():
        store.insert_values("accounts", list(row), [tuple(row.values())])


def test_an_account_that_looks_like_another_is_found_only_by_its_exact_name(desk):
    """`users disable alice⠀`, after an upgrade, found alice (the key of `alice⠀` is now
    hers) and would have disabled her, not the look-alike account made before."""
    _impostor_made_before(desk, "alice\u2800")
    assert acc.find_account(desk, "alice\u2800").name == "alice\u2800"
    assert acc.find_account(desk, "alice").name == "alice"
    with pytest.raises(DeskRefusal, match="looks like 2 accounts"):
        acc.find_account(desk, "ALICE")  # either: neither picked
    disabled = acc.disable_account(desk, "alice\u2800", admin="root")
    assert disabled.name == "alice\u2800"
    assert not acc.find_account(desk, "alice").disabled


def test_an_account_made_before_under_such_a_name_still_signs_in_by_it(desk):
    """`dave⠀`, made before the braille blank counted as nothing, is stored under its own
    key; typed, the name's key is now `dave`'s, which no account holds: it signed in as
    nobody. Named exactly, it signs in; an `alice⠀` beside alice still signs in as alice's
    key says, never as itself."""
    _impostor_made_before(desk, "dave\u2800")  # alice's password, copied with her row
    assert acc.sign_in(desk, "dave\u2800", "alice-password").name == "dave\u2800"
    _impostor_made_before(desk, "alice\u2800")
    assert acc.sign_in(desk, "alice\u2800", "alice-password").name == "alice"


def test_no_account_looks_like_a_sign_in_under_no_name(desk):
    with pytest.raises(DeskRefusal, match="no name"):
        acc.add_account(desk, "(no n\u0430me)", "desk", "some-password", admin="root",
                        kdf=FAST)  # a Cyrillic а


def test_an_account_cannot_set_the_password_of_a_look_alike_made_before(desk):
    """`users password alice⠀` (no --admin) signs in as alice (the name's key is hers) and
    then changed the password of the other account, `alice⠀`, as if it were her own, its
    audit entry naming `alice⠀` as who changed it: only the account itself or an admin may."""
    _impostor_made_before(desk, "alice\u2800")
    with pytest.raises(DeskRefusal, match="alice"):
        acc.change_password(desk, "alice\u2800", "a-new-password", by="alice", kdf=FAST)
    # The admin's reset, and alice's own change, still work.
    acc.change_password(desk, "alice\u2800", "a-new-password", by="root", kdf=FAST)
    acc.change_password(desk, "alice", "alices-new-password", by="alice", kdf=FAST)
    entries = desk.query("SELECT user, entity_key FROM audit_log WHERE action = ? "
                         "ORDER BY id", ("change password",))
    assert [(e["user"], e["entity_key"]) for e in entries][-2:] == [
        ("root", "alice\u2800"), ("alice", "alice")]
