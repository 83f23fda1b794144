"""Desk accounts and four-eyes by identity (desk/accounts.py, desk/declarations.py).

The open desk (no accounts) compares typed names by their normalised form and skeleton; a
database with accounts signs people in, and the desk functions enforce each role. Tests
taking `team` run on a file and on a server (where accounts are login roles).
"""

from __future__ import annotations

import json
import sqlite3

import pytest
from helpers.accounts import FAST
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.names import CAROL_VARIANTS
from helpers.rehearsal import (
    undo_leaner_inserts_migration,
    undo_rehearsal_holders_migration,
    undo_rehearsal_migration,
)
from helpers.seats import CLEAN, HENDON
from helpers.tampering import check, raw

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.errors import StoreError
from resultsdesk.desk.imports import import_baseline
from resultsdesk.desk.parties import set_political_order
from resultsdesk.desk.session import open_desk
from resultsdesk.desk.visibility import can_see_provisional
from resultsdesk.domain.audit_chain import credential_seal
from resultsdesk.domain.model import Figures
from resultsdesk.paths import NOTIONAL_2019, data_file
from resultsdesk.store import Store


def declare(store, user="carol"):
    return dk.declare(store, HENDON, user=user, figures=Figures(CLEAN, 120))


def everything(store) -> tuple:
    return tuple(store.query(f"SELECT * FROM {t} ORDER BY 1")
                 for t in ("declarations", "declaration_votes", "audit_log", "accounts"))


def with_accounts(store) -> None:
    acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
    for name, role in (("carol", "desk"), ("bob", "desk"), ("ed", "editor")):
        acc.add_account(store, name, role, f"{name}-password", admin="root", kdf=FAST)


# --- the open desk: four-eyes by identity ----------------------------------------------------

@pytest.mark.parametrize("variant", [*CAROL_VARIANTS.values(), "Carol"],
                         ids=[*CAROL_VARIANTS.keys(), "capital"])
def test_open_desk_author_cannot_verify_under_another_spelling(nominations_store, variant):
    declare(nominations_store, "carol")
    before = everything(nominations_store)
    with pytest.raises(dk.FourEyesRefusal, match="carol entered the figures"):
        dk.verify(nominations_store, HENDON, user=variant, votes=CLEAN, invalid=120)
    with pytest.raises(dk.FourEyesRefusal):
        dk.reject(nominations_store, HENDON, user=variant, comment="looks wrong")
    assert everything(nominations_store) == before


def test_open_desk_refuses_a_look_alike_nfkc_would_record_as_another_person(
        nominations_store):
    """`ϲarol` (a Greek lunate sigma, a twin of c) was recorded as `ςarol` (NFKC makes it a
    final sigma), which is not carol: carol verified her own entry. Refused now, whatever
    she tries, and nothing is written; in a name of its own it is refused too."""
    declare(nominations_store, "carol")
    before = everything(nominations_store)
    for twin in ("\u03f2arol", "\u03f9arol", "\u03f9AROL"):
        with pytest.raises(dk.DeskRefusal, match=r"cannot hold .* \(GREEK (CAPITAL )?LUNATE SIGMA"):
            dk.verify(nominations_store, HENDON, user=twin, votes=CLEAN, invalid=120)
        with pytest.raises(dk.DeskRefusal, match="cannot hold"):
            dk.reject(nominations_store, HENDON, user=twin, comment="looks wrong")
    assert everything(nominations_store) == before
    with pytest.raises(dk.DeskRefusal, match="cannot hold \u017f"):
        declare(nominations_store, "\u017fam")  # a long s: looks like f, recorded as s


def test_open_desk_nfd_accents_are_one_person(nominations_store):
    declare(nominations_store, "Jos\u00e9")
    with pytest.raises(dk.FourEyesRefusal):
        dk.verify(nominations_store, HENDON, user="Jose\u0301", votes=CLEAN, invalid=120)
    result = dk.verify(nominations_store, HENDON, user="Jose", votes=CLEAN, invalid=120)
    assert result.verified and result.version.verified_by == "Jose"


def test_open_desk_records_the_normalised_name(nominations_store):
    v = declare(nominations_store, "  ｃａｒｏｌ\u200b ")
    assert v.entered_by == "carol"
    # The author withdraws under any spelling of her name; nobody else can.
    with pytest.raises(dk.DeskRefusal, match="Only carol"):
        dk.withdraw(nominations_store, HENDON, user="bob")
    assert dk.withdraw(nominations_store, HENDON, user="CAR\u00adOL").status == "withdrawn"


def test_a_newline_in_a_name_cannot_forge_history(nominations_store):
    before = everything(nominations_store)
    forged = "mallory\n  v1 VERIFIED declaration First count entered by bob"
    with pytest.raises(dk.DeskRefusal, match="line break"):
        declare(nominations_store, forged)
    with pytest.raises(dk.DeskRefusal, match="at most 64"):
        declare(nominations_store, "m" * 65)
    assert everything(nominations_store) == before


# --- accounts ----------------------------------------------------------------------------

def test_first_account_is_an_admin_and_later_ones_need_one(nominations_store):
    store = nominations_store
    assert not acc.has_accounts(store)
    with pytest.raises(dk.DeskRefusal, match="first account of a database must be an admin"):
        acc.add_account(store, "carol", "desk", "carol-password", admin=None, kdf=FAST)
    root = acc.add_account(store, "Root", "admin", "root-password", admin=None, kdf=FAST)
    assert (root.role, root.created_by) == ("admin", "Root") and acc.has_accounts(store)
    with pytest.raises(dk.DeskRefusal, match="an admin must add"):
        acc.add_account(store, "carol", "desk", "carol-password", admin=None, kdf=FAST)
    acc.add_account(store, "carol", "desk", "carol-password", admin="root", kdf=FAST)
    with pytest.raises(acc.RoleRefusal, match="carol is a desk account and cannot manage"):
        acc.add_account(store, "dave", "desk", "dave-password", admin="carol", kdf=FAST)
    assert [(a.name, a.role, a.created_by) for a in acc.list_accounts(store)] == \
        [("carol", "desk", "Root"), ("Root", "admin", "Root")]  # the account's own spelling
    audit = store.query("SELECT user, action, entity_key, details FROM audit_log "
                        "WHERE entity = 'account' ORDER BY id")
    assert [(a["user"], a["action"], a["entity_key"]) for a in audit] == \
        [("Root", "add account", "Root"), ("Root", "add account", "carol")]


@pytest.mark.parametrize("variant", list(CAROL_VARIANTS.values()), ids=list(CAROL_VARIANTS))
def test_no_account_can_pass_for_another(nominations_store, variant):
    with_accounts(nominations_store)
    before = everything(nominations_store)
    with pytest.raises(dk.DeskRefusal, match="as the existing account 'carol'"):
        acc.add_account(nominations_store, variant, "desk", "other-password", admin="root",
                        kdf=FAST)
    assert everything(nominations_store) == before


def test_a_capital_look_alike_account_cannot_be_added(nominations_store):
    """'Кate' (a Cyrillic capital Ka) reads as Kate: refused, though its skeleton, taken
    after folding case, differs (a small Ka looks like a small capital K)."""
    with_accounts(nominations_store)
    acc.add_account(nominations_store, "Kate", "desk", "kate-password", admin="root",
                    kdf=FAST)
    before = everything(nominations_store)
    with pytest.raises(dk.DeskRefusal, match="looks the same as the existing account 'Kate'"):
        acc.add_account(nominations_store, "\u041aate", "desk", "other-password",
                        admin="root", kdf=FAST)
    assert everything(nominations_store) == before


def test_a_lunate_sigma_account_cannot_be_added_beside_carol(nominations_store):
    """`ϲarol` beside carol was added (as `ςarol`, which NFKC makes of it): refused now."""
    with_accounts(nominations_store)
    before = everything(nominations_store)
    with pytest.raises(dk.DeskRefusal, match="GREEK LUNATE SIGMA SYMBOL"):
        acc.add_account(nominations_store, "\u03f2arol", "desk", "other-password",
                        admin="root", kdf=FAST)
    assert everything(nominations_store) == before


def test_passwords_are_salted_scrypt_hashes_never_stored_or_logged(nominations_store):
    store = nominations_store
    acc.add_account(store, "root", "admin", "same-password", admin=None)
    acc.add_account(store, "carol", "desk", "same-password", admin="root", kdf=FAST)
    rows = {r["name"]: r for r in store.query("SELECT * FROM accounts")}
    assert (rows["root"]["kdf"], rows["root"]["kdf_n"], rows["root"]["kdf_r"],
            rows["root"]["kdf_p"]) == ("scrypt", 2 ** 15, 8, 3)
    assert rows["root"]["salt"] != rows["carol"]["salt"]  # one salt per account
    assert rows["root"]["password_hash"] != rows["carol"]["password_hash"]
    dump = "\n".join(sqlite3.connect(store.path).iterdump())
    assert "same-password" not in dump and b"same-password".hex() not in dump
    assert acc.sign_in(store, "ROOT", "same-password").name == "root"
    # NFC: a decomposed accent in the password is the same password.
    acc.change_password(store, "carol", "caf\u00e9-latte", by="carol", kdf=FAST)
    assert acc.sign_in(store, "carol", "cafe\u0301-latte").name == "carol"


def test_a_password_is_measured_as_it_is_hashed_nfc_and_nfd_alike(nominations_store):
    """The same password typed with composed or decomposed accents is one password, at
    any length: measured as it is hashed (NFC), a long one set composed signs in typed
    decomposed (which has twice the code points), and the length rules refuse or accept
    both spellings alike."""
    store = nominations_store
    with_accounts(store)
    composed = "\u00e9" * 600  # 600 characters; decomposed, 1,200 code points
    decomposed = "e\u0301" * 600
    acc.change_password(store, "carol", composed, by="carol", kdf=FAST)
    assert acc.sign_in(store, "carol", decomposed).name == "carol"
    acc.change_password(store, "carol", decomposed, by="carol", kdf=FAST)
    assert acc.sign_in(store, "carol", composed).name == "carol"
    for short in ("\u00e9" * 7, "e\u0301" * 7):  # 7 characters either way
        with pytest.raises(dk.DeskRefusal, match="at least 8 characters"):
            acc.change_password(store, "carol", short, by="carol", kdf=FAST)
    for long in ("\u00e9" * 1025, "e\u0301" * 1025):
        with pytest.raises(dk.DeskRefusal, match="at most 1024 characters"):
            acc.change_password(store, "carol", long, by="carol", kdf=FAST)


@pytest.mark.parametrize("name, password, reason", [
    ("carol", "wrong-password", "wrong password"),
    ("nobody", "carol-password", "unknown account"),
    ("carol\u200b", "bad", "wrong password"),
])
def test_failed_sign_in_writes_only_its_audit_entry(nominations_store, name, password, reason):
    store = nominations_store
    with_accounts(store)
    before = everything(store)
    with pytest.raises(acc.SignInFailed, match=r"^sign-in failed for "):
        acc.sign_in(store, name, password)
    after = everything(store)
    assert after[:2] == before[:2] and after[3] == before[3]
    new = after[2][len(before[2]):]
    assert [(a["action"], a["entity"]) for a in new] == [("sign-in failed", "account")]
    assert reason in new[0]["details"] and password not in new[0]["details"]


@pytest.mark.parametrize("name", ["ca\u202erol\n", "\u202eroot\u2028", "x\u200b" * 900],
                         ids=["bidi-override-newline", "bidi-override-line-separator",
                              "long-zero-width"])
def test_a_failed_sign_in_records_no_invisible_characters(nominations_store, name):
    """A name that cannot be recorded as typed (a line break, too long) is still named by
    the failed attempt's audit entry and message: one line, without the bidi override or
    zero-width characters that would disguise it in the audit trail."""
    with_accounts(nominations_store)
    with pytest.raises(acc.SignInFailed) as refused:
        acc.sign_in(nominations_store, name, "wrong-password")
    entry = nominations_store.query("SELECT user, entity_key FROM audit_log "
                                    "WHERE action = 'sign-in failed'")[-1]
    for shown in (entry["user"], entry["entity_key"], refused.value.name):
        assert shown.isprintable() and len(shown) <= 64, repr(shown)
        assert not any(c in shown for c in "\u202e\u200b\u2028\n")


def test_an_open_desk_name_cannot_act_once_the_first_account_is_added(nominations_store):
    """A window holds the Account it signed in, or an open desk's typed name (id None). Once
    the database has accounts, the typed name was never signed in: it may not act as the
    account of that name, whatever the desk function."""
    declare(nominations_store)
    typed = acc.open_desk_user("root")
    assert acc.acting_user(nominations_store, typed, acc.Permission.DECLARE) == "root"
    acc.add_account(nominations_store, "root", "admin", "root-password", admin=None, kdf=FAST)
    before = everything(nominations_store)
    for attempt in (
            lambda: dk.verify(nominations_store, HENDON, user=typed, votes=CLEAN, invalid=120),
            lambda: dk.reject(nominations_store, HENDON, user=typed, comment="no"),
            lambda: dk.mark_recount(nominations_store, HENDON, user=typed),
            lambda: set_political_order(nominations_store, ["Lab", "Con"], user=typed),
            lambda: import_baseline(nominations_store, data_file(NOTIONAL_2019), user=typed)):
        with pytest.raises(acc.SignInNeeded, match="must sign in"):
            attempt()
    assert everything(nominations_store) == before
    # Signed in, the same person acts as the account.
    root = acc.sign_in(nominations_store, "root", "root-password")
    assert dk.verify(nominations_store, HENDON, user=root, votes=CLEAN, invalid=120).verified


def test_disabled_accounts_cannot_sign_in_or_act(nominations_store):
    store = nominations_store
    with_accounts(store)
    acc.disable_account(store, "carol", admin="root")
    with pytest.raises(acc.SignInFailed):
        acc.sign_in(store, "carol", "carol-password")
    with pytest.raises(acc.SignInFailed):
        declare(store, "carol")
    with pytest.raises(dk.DeskRefusal, match="only enabled admin"):
        acc.disable_account(store, "root", admin="root")
    details = store.query("SELECT details FROM audit_log WHERE action = 'sign-in failed'")
    assert "account disabled" in details[0]["details"]


def test_roles_are_enforced_by_the_desk_functions(team):
    """On a file and on a server (`team`): the same refusals, nothing written."""
    t = team
    before = everything(t.ann)
    with pytest.raises(acc.RoleRefusal,
                       match=f"{t.name('eve')} is an editor account and cannot enter"):
        declare(t.eve, t.name("eve"))
    with pytest.raises(acc.RoleRefusal,
                       match=f"{t.name('alice')} is a desk account and cannot import"):
        import_baseline(t.alice, data_file(NOTIONAL_2019), user=t.name("alice"))
    with pytest.raises(acc.RoleRefusal, match="change the parties"):
        set_political_order(t.bob, ["Lab"], user=t.name("bob"))
    if t.target.on_server:  # the account is the connection's: another name is refused
        with pytest.raises(dk.DeskRefusal, match="cannot act as mallory"):
            declare(t.alice, "mallory")
    else:  # the app signs people in: a name that is no account
        with pytest.raises(acc.SignInFailed):
            declare(t.alice, "mallory")
    assert everything(t.ann) == before

    v = declare(t.alice, t.name("alice").upper())
    assert v.entered_by == t.name("alice")  # recorded as the account's name
    with pytest.raises(acc.RoleRefusal):
        dk.verify(t.eve, HENDON, user=t.name("eve"), votes=CLEAN, invalid=120)
    with pytest.raises(dk.FourEyesRefusal):
        dk.verify(t.alice, HENDON, user=t.name("alice"), votes=CLEAN, invalid=120)
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120).verified
    set_political_order(t.ann, ["Lab"], user=t.name("ann"))


def test_a_disabled_account_cannot_act_on_either_store(team):
    """A file refuses the account's next sign-in; a server refuses its sign-in, and ends
    the session of a desk it signed in before it was disabled (migration 20), which then
    cannot sign in again for its next action."""
    t = team
    declare(t.bob, t.name("bob"))  # bob at work
    acc.disable_account(t.ann, t.name("bob"), admin=t.name("ann"))
    assert acc.find_account(t.eve, t.name("bob")).disabled
    with pytest.raises(dk.DeskRefusal, match="only enabled admin"):
        acc.disable_account(t.ann, t.name("ann"), admin=t.name("ann"))
    if t.target.on_server:
        # bob's right password and a wrong one are answered alike: the server's own words
        # ("is not permitted to log in" only after the right one) confirmed a disabled
        # account's password, which README says nothing does (found by the walk)
        said = []
        for password in (t.target.passwords["bob"], "a wrong guess"):
            with pytest.raises(StoreError, match=r"sign-in .* failed") as refused:
                open_desk(str(t.target.target), user=t.name("bob"), password=password)
            said.append(str(refused.value))
        assert said[0] == said[1] and said[0].endswith(
            "failed: wrong name or password, or the account is disabled.")
        with pytest.raises(StoreError, match="or the account is disabled"):  # ended
            dk.withdraw(t.bob, HENDON, user=t.name("bob"))
    else:
        with pytest.raises(acc.SignInFailed):
            acc.sign_in(t.bob, t.name("bob"), t.target.passwords["bob"])
        with pytest.raises(acc.SignInFailed):
            dk.withdraw(t.bob, HENDON, user=t.name("bob"))
    assert dk.load_sheet(t.eve, HENDON).pending.entered_by == t.name("bob")


def test_password_changes_by_self_or_admin_only(nominations_store):
    store = nominations_store
    with_accounts(store)
    with pytest.raises(acc.RoleRefusal):
        acc.change_password(store, "carol", "new-password", by="bob", kdf=FAST)
    with pytest.raises(dk.DeskRefusal, match="at least 8"):
        acc.change_password(store, "carol", "short", by="carol", kdf=FAST)
    acc.change_password(store, "carol", "new-password", by="root", kdf=FAST)
    with pytest.raises(acc.SignInFailed):
        acc.sign_in(store, "carol", "carol-password")
    assert acc.sign_in(store, "carol", "new-password").name == "carol"
    entries = store.query("SELECT user, details FROM audit_log WHERE action = "
                          "'change password'")
    # who, and a seal of the stored hash (`credential_seal`): nothing of the password
    row = store.query("SELECT kdf, kdf_n, kdf_r, kdf_p, salt, password_hash FROM accounts "
                      "WHERE name = 'carol'")[0]
    assert entries == [{"user": "root", "details": json.dumps(
        {"by_admin": True, "password_seal": credential_seal(row)})}]
    assert "new-password" not in entries[0]["details"]


def test_can_see_provisional(nominations_store):
    with_accounts(nominations_store)
    find = lambda name: acc.find_account(nominations_store, name)  # noqa: E731
    assert can_see_provisional(find("ed"), "carol")  # editor
    assert can_see_provisional(find("carol"), "carol")  # author
    assert can_see_provisional(find("carol"), "Carol\u200b")
    assert not can_see_provisional(find("bob"), "carol")  # a possible verifier
    assert not can_see_provisional(find("root"), "carol")  # admins verify too
    assert can_see_provisional(acc.open_desk_user("ｃａｒｏｌ"), "carol")
    assert not can_see_provisional(acc.open_desk_user("bob"), "carol")
    assert not can_see_provisional(None, "carol")


def test_migration_adds_accounts_to_an_existing_database(tmp_path, nominations_db):
    conn = sqlite3.connect(nominations_db)
    conn.execute("DROP TABLE accounts")
    undo_rehearsal_holders_migration(conn)  # the latest first
    undo_rehearsal_migration(conn)  # the ones after accounts
    undo_leaner_inserts_migration(conn)
    conn.execute("PRAGMA user_version = 4")  # just before accounts (migration 5)
    conn.commit()
    conn.close()
    with Store(nominations_db) as store:
        assert not acc.has_accounts(store)
        declare(store, "carol")


# --- the accounts and the audit check ---------------------------------------------------------

_FORGED = ("INSERT INTO accounts (name, name_key, skeleton, role, kdf, kdf_n, kdf_r, kdf_p, "
           "salt, password_hash, created_at, created_by) SELECT 'mallory', 'mallory', "
           "'mallory', 'admin', kdf, kdf_n, kdf_r, kdf_p, salt, password_hash, created_at, "
           "'root' FROM accounts WHERE name = 'carol'")


_COPIED_CREDENTIAL = ("UPDATE accounts SET (kdf, kdf_n, kdf_r, kdf_p, salt, password_hash) = "
                      "(SELECT kdf, kdf_n, kdf_r, kdf_p, salt, password_hash FROM accounts "
                      "WHERE name = 'root') WHERE name = '{into}'")


@pytest.mark.parametrize("tamper, words", [
    ("DELETE FROM accounts", "'root', added by this entry, is gone"),  # an open desk again
    (_FORGED, "'mallory' (admin) has no audit entry recording who added it"),
    ("UPDATE accounts SET role = 'admin' WHERE name = 'carol'",
     "'carol' is admin, but the entry adding it records desk"),
    ("UPDATE accounts SET disabled = 0 WHERE name = 'bob'", "'bob' was disabled, but can "
     "sign in again"),
    ("UPDATE accounts SET name = 'carla', name_key = 'carla', skeleton = 'carla' "
     "WHERE name = 'carol'", "'carla' (desk) has no audit entry"),
    # root's own password given to two accounts: root could sign in as either, and verify
    # as one what they declared as the other (the entries showing two people)
    (_COPIED_CREDENTIAL.format(into="ed"), "the password of account 'ed' is not the one "
     "the entry adding it sealed: it was changed outside ResultsDesk"),
    (_COPIED_CREDENTIAL.format(into="carol"), "the password of account 'carol' is not the "
     "one the entry last setting it sealed"),
    ("UPDATE accounts SET kdf_n = kdf_n * 2 WHERE name = 'ed'", "password of account 'ed'"),
], ids=["all-removed", "one-added", "role-raised", "enabled-again", "renamed",
        "password-copied", "changed-password-copied", "kdf-changed"])
def test_the_audit_check_finds_accounts_changed_outside_the_app(nominations_db, tamper, words):
    """README: whoever can write the file can add an account or remove them all, and the
    audit chain makes that detectable afterwards. The accounts table has no entries of its
    own to hash, so the check compares it with the entries that added and disabled them,
    and each password with the seal of the entry that set it."""
    with Store(nominations_db) as store:
        with_accounts(store)
        acc.disable_account(store, "bob", admin="root")
        acc.change_password(store, "carol", "carol-new-password", by="carol", kdf=FAST)
        declare(store)
    assert check(nominations_db).intact
    raw(nominations_db).execute(tamper)
    result = check(nominations_db)
    assert not result.intact
    assert words.replace("'", '"') in result.problem, result.problem


# --- enabling again and changing roles ----------------------------------------------------------

def _account_entries(desk, name: str) -> list[tuple[str, str, dict]]:
    import json

    return [(e["user"], e["action"], json.loads(e["details"]) if isinstance(e["details"], str)
             else e["details"])
            for e in desk.query('SELECT "user", action, details FROM audit_log WHERE '
                                "entity = 'account' AND entity_key = ? ORDER BY id", (name,))
            if e["action"] in ("disable account", "enable account", "change role")]


def test_an_admin_enables_an_account_again_on_either_store(team):
    """An account disabled by mistake signs in and works again, in its role, with an audit
    entry; the audit check follows it (a file's accounts against the entries)."""
    t = team
    bob, ann = t.name("bob"), t.name("ann")
    with pytest.raises(dk.DeskRefusal, match=f"{bob} is not disabled"):
        acc.enable_account(t.ann, bob, admin=ann)
    acc.disable_account(t.ann, bob, admin=ann)
    with pytest.raises(acc.RoleRefusal, match="is a desk account and cannot manage accounts"):
        acc.enable_account(t.alice, bob, admin=t.name("alice"))
    assert acc.find_account(t.eve, bob).disabled
    enabled = acc.enable_account(t.ann, bob, admin=ann)
    assert not enabled.disabled and enabled.role == "desk"
    if t.target.on_server:  # the server lets the login in again
        desk = t.target.open("bob")
    else:
        assert acc.sign_in(t.bob, bob, t.target.passwords["bob"]).name == bob
        desk = t.bob
    assert declare(desk, bob).entered_by == bob
    assert _account_entries(t.ann, bob) == [(ann, "disable account", {"role": "desk"}),
                                            (ann, "enable account", {"role": "desk"})]
    assert check_audit_chain(t.eve).intact


def test_an_admin_changes_roles_but_never_the_last_admins(team):
    """desk -> editor, editor -> desk, desk -> admin; the new role is what the account
    may do (on a server: the server's group, from its next sign-in); the last enabled
    admin keeps admin, as it cannot be disabled."""
    t = team
    ann, alice, eve = t.name("ann"), t.name("alice"), t.name("eve")
    before = everything(t.ann)
    with pytest.raises(dk.DeskRefusal, match=f"{ann} is the only enabled admin; add another "
                                             "admin before taking admin away from it"):
        acc.change_role(t.ann, ann, "desk", admin=ann)
    with pytest.raises(dk.DeskRefusal, match="'boss' is not a role: choose one of desk, "
                                             "editor, admin"):
        acc.change_role(t.ann, alice, "boss", admin=ann)
    with pytest.raises(dk.DeskRefusal, match=f"{eve} is an editor account already"):
        acc.change_role(t.ann, eve, "editor", admin=ann)
    with pytest.raises(acc.RoleRefusal, match="is a desk account and cannot manage accounts"):
        acc.change_role(t.alice, alice, "admin", admin=alice)
    with pytest.raises(acc.RoleRefusal, match="is an editor account and cannot manage"):
        acc.change_role(t.eve, eve, "admin", admin=eve)
    assert everything(t.ann) == before

    assert acc.change_role(t.ann, eve, "desk", admin=ann).role == "desk"
    assert acc.change_role(t.ann, alice, "admin", admin=ann).role == "admin"
    eve_desk = t.target.open("eve") if t.target.on_server else t.eve
    assert declare(eve_desk, eve).entered_by == eve  # an editor could not
    alice_desk = t.target.open("alice") if t.target.on_server else t.alice
    # Two admins now: alice takes admin away from ann, who then manages nothing.
    assert acc.change_role(alice_desk, ann, "editor", admin=alice).role == "editor"
    ann_desk = t.target.open("ann") if t.target.on_server else t.ann
    with pytest.raises(acc.RoleRefusal, match="is an editor account and cannot manage"):
        acc.enable_account(ann_desk, t.name("bob"), admin=ann)
    with pytest.raises(dk.DeskRefusal, match="only enabled admin"):
        acc.change_role(alice_desk, alice, "desk", admin=alice)
    assert _account_entries(t.ann, ann) == [(alice, "change role",
                                             {"old_role": "admin", "role": "editor"})]
    assert _account_entries(t.ann, eve) == [(ann, "change role",
                                             {"old_role": "editor", "role": "desk"})]
    assert check_audit_chain(alice_desk).intact


@pytest.mark.parametrize("tamper, words", [
    ("UPDATE accounts SET role = 'admin' WHERE name = 'carol'",
     "account 'carol' is admin, but the entry last changing its role records editor"),
    ("UPDATE accounts SET role = 'desk' WHERE name = 'ed'",
     "account 'ed' is desk, but the entry last changing its role records admin"),
    ("UPDATE accounts SET disabled = 0 WHERE name = 'dan'",
     "account 'dan' was disabled, but can sign in again"),
    # the verifier shut out at 2 a.m., with no entry saying who did it
    ("UPDATE accounts SET disabled = 1 WHERE name = 'carol'",
     "account 'carol' is disabled, but no audit entry leaves it disabled"),
    ("UPDATE accounts SET disabled = 1 WHERE name = 'bob'",
     "account 'bob' is disabled, but no audit entry leaves it disabled"),
], ids=["re-roled-by-hand", "demoted-by-hand", "enabled-again-by-hand", "disabled-by-hand",
        "disabled-again-by-hand"])
def test_accounts_changed_through_the_app_keep_the_audit_intact_but_not_by_hand(
        nominations_db, tamper, words):
    """Enabled again and re-roled with the app: intact. The same changes made in the file
    (sqlite3): BROKEN, naming the account."""
    with Store(nominations_db) as store:
        with_accounts(store)
        acc.add_account(store, "dan", "desk", "dan-password", admin="root", kdf=FAST)
        acc.disable_account(store, "bob", admin="root")
        acc.enable_account(store, "bob", admin="root")
        acc.disable_account(store, "dan", admin="root")
        acc.change_role(store, "carol", "editor", admin="root")
        acc.change_role(store, "ed", "admin", admin="root")
        acc.change_role(store, "root", "desk", admin="ed")
    assert check(nominations_db).intact
    raw(nominations_db).execute(tamper)
    result = check(nominations_db)
    assert not result.intact
    assert words.replace("'", '"') in result.problem, result.problem


@pytest.mark.parametrize("tamper, then, words", [
    ("UPDATE accounts SET role = 'admin' WHERE name = 'carol'",
     lambda store: acc.change_role(store, "carol", "desk", admin="root"),
     "it (change role) finds account 'carol' admin, but the entries before it leave it desk"),
    ("UPDATE accounts SET disabled = 0 WHERE name = 'bob'",
     lambda store: acc.disable_account(store, "bob", admin="root"),
     "it (disable account) finds account 'bob' enabled, but the entries before it leave it "
     "disabled"),
], ids=["raised-then-lowered", "enabled-then-disabled"])
def test_a_hand_change_the_app_later_undid_is_still_reported(nominations_db, tamper, then,
                                                            words):
    """Raised to admin by hand (and used), then put back with the app: the file ends as the
    entries say, but the entry putting it back found it changed, and the check says so."""
    with Store(nominations_db) as store:
        with_accounts(store)
        acc.disable_account(store, "bob", admin="root")
    raw(nominations_db).execute(tamper)
    with Store(nominations_db) as store:
        then(store)
    result = check(nominations_db)
    assert not result.intact
    assert words.replace("'", '"') in result.problem, result.problem
    assert result.entry_id is not None
