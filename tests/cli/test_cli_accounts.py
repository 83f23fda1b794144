"""`resultsdesk users ...` and signing in from the command line, run in-process.

Passwords come from RESULTSDESK_PASSWORD / RESULTSDESK_NEW_PASSWORD or a no-echo prompt
(getpass, replaced here), never from argv. A failed sign-in exits 1 with "sign-in failed for
NAME" and writes nothing but the audit entry of the attempt.
"""

from __future__ import annotations

import pytest
from helpers.accounts import FAST
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.names import CAROL_VARIANTS
from helpers.seats import CLEAN, HENDON, PARTIES

from resultsdesk.cli import build_parser, main
from resultsdesk.desk import accounts as acc
from resultsdesk.paths import NOTIONAL_2019, data_file
from resultsdesk.store import Store


def run(capsys, *args, password=None, new_password=None, monkeypatch=None):
    if monkeypatch is not None:
        for var, value in (("RESULTSDESK_PASSWORD", password),
                           ("RESULTSDESK_NEW_PASSWORD", new_password)):
            if value is None:
                monkeypatch.delenv(var, raising=False)
            else:
                monkeypatch.setenv(var, value)
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def figures() -> list[str]:
    args = ["--invalid", "120"]
    for key, n in zip(PARTIES, CLEAN, strict=True):
        args += ["--vote", f"{key}={n}"]
    return args


def rows(db) -> dict[str, list[dict]]:
    with Store(db) as store:
        return {t: store.query(f"SELECT * FROM {t} ORDER BY 1")
                for t in ("declarations", "declaration_votes", "audit_log", "accounts",
                          "constituencies", "baseline_votes")}


def rows_of(desk) -> dict[str, list[dict]]:
    """What a refused command must leave as it was, read through a handle on either store."""
    return {t: desk.query(f"SELECT * FROM {t} ORDER BY 1")
            for t in ("declarations", "declaration_votes", "audit_log", "accounts",
                      "constituencies", "baseline_votes")}


def unchanged_but_sign_ins(t, before: dict[str, list[dict]], *users: str) -> None:
    """Refused commands left everything as `before`, save (on a file) the audit entries of
    their sign-ins, which succeeded before the refusal: one for each of `users`, in order.
    On a server the server signs accounts in, and ResultsDesk records nothing."""
    after = rows_of(t.ann)
    kept = len(before["audit_log"])
    assert {**after, "audit_log": after["audit_log"][:kept]} == before
    added = [(a["user"], a["action"], a["entity_key"]) for a in after["audit_log"][kept:]]
    assert added == ([] if t.target.on_server
                     else [(t.name(u), "sign in", t.name(u)) for u in users])


def with_accounts(db) -> None:
    """root (admin), carol and bob (desk), ed (editor), dan (desk, disabled)."""
    with Store(db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        for name, role in (("carol", "desk"), ("bob", "desk"), ("ed", "editor"),
                           ("dan", "desk")):
            acc.add_account(store, name, role, f"{name}-password", admin="root", kdf=FAST)
        acc.disable_account(store, "dan", admin="root")


def assert_refused(result, *fragments) -> None:
    code, out, err = result
    assert code == 1 and out == "" and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("resultsdesk: error: "), err
    for fragment in fragments:
        assert fragment in lines[0]


def test_passwords_are_never_options():
    parser = build_parser()
    options = set()
    stack = [parser]
    while stack:
        p = stack.pop()
        for action in p._actions:
            options.update(action.option_strings)
            if hasattr(action, "choices") and isinstance(action.choices, dict):
                stack.extend(action.choices.values())
    assert not [o for o in options if "pass" in o.lower()]


# --- users add / list / disable / password -------------------------------------------------

def test_users_add_list_disable_password(capsys, monkeypatch, nominations_db):
    db = nominations_db
    r = run(capsys, "users", "list", "--db", db)
    assert r[0] == 0 and "No accounts: this is an open desk" in r[1]

    r = run(capsys, "users", "add", "carol", "--db", db, "--role", "desk",
            new_password="carol-password", monkeypatch=monkeypatch)
    assert_refused(r, "first account of a database must be an admin")
    assert rows(db)["accounts"] == []

    r = run(capsys, "users", "add", "root", "--db", db, new_password="root-password",
            monkeypatch=monkeypatch)
    assert r[0] == 0 and "Added admin account root (the first account" in r[1]

    r = run(capsys, "users", "add", "carol", "--db", db, "--role", "desk",
            new_password="carol-password", monkeypatch=monkeypatch)
    assert_refused(r, "an admin must sign in (--admin ADMIN)")
    r = run(capsys, "users", "add", "carol", "--db", db, "--role", "desk", "--admin", "root",
            password="root-password", new_password="carol-password", monkeypatch=monkeypatch)
    assert r[0] == 0 and "Added desk account carol." in r[1]
    r = run(capsys, "users", "add", "ed", "--db", db, "--role", "editor", "--admin", "carol",
            password="carol-password", new_password="ed-password1", monkeypatch=monkeypatch)
    assert_refused(r, "carol is a desk account and cannot manage accounts")

    code, out, _ = run(capsys, "users", "list", "--db", db)
    assert code == 0
    listed = [line.split()[:3] for line in out.splitlines()[1:]]
    assert listed == [["carol", "desk", "active"], ["root", "admin", "active"]]

    # Her own password: she signs in with the old one.
    r = run(capsys, "users", "password", "carol", "--db", db, password="carol-password",
            new_password="carol-new-pw", monkeypatch=monkeypatch)
    # A file has no sessions to end: the line alone, as before (the server's are ended).
    assert r[0] == 0 and r[1].splitlines() == ["Changed the password of carol."]
    r = run(capsys, "users", "password", "carol", "--db", db, password="carol-password",
            new_password="whatever-pw", monkeypatch=monkeypatch)
    assert_refused(r, "sign-in failed for carol")

    r = run(capsys, "users", "disable", "carol", "--db", db, "--admin", "root",
            password="root-password", monkeypatch=monkeypatch)
    assert r[0] == 0 and "Disabled carol" in r[1]
    assert "disabled" in run(capsys, "users", "list", "--db", db)[1]
    r = run(capsys, "declare", "--db", db, "--constituency", HENDON, "--user", "carol",
            *figures(), password="carol-new-pw", monkeypatch=monkeypatch)
    assert_refused(r, "sign-in failed for carol")

    audit = [(a["user"], a["action"], a["entity_key"]) for a in rows(db)["audit_log"]
             if a["entity"] == "account"]
    # Each sign-in is recorded, the successful ones too (carol's, refused her role after).
    assert audit == [("root", "add account", "root"),
                     ("root", "sign in", "root"), ("root", "add account", "carol"),
                     ("carol", "sign in", "carol"),
                     ("carol", "sign in", "carol"), ("carol", "change password", "carol"),
                     ("carol", "sign-in failed", "carol"),
                     ("root", "sign in", "root"), ("root", "disable account", "carol"),
                     ("carol", "sign-in failed", "carol")]
    text = repr(rows(db))
    for secret in ("root-password", "carol-password", "carol-new-pw"):
        assert secret not in text


def test_passwords_are_prompted_without_echo(capsys, monkeypatch, nominations_db):
    answers = iter(["root-password", "root-password"])
    prompts = []

    def fake_getpass(prompt):
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    monkeypatch.setattr("resultsdesk.cli.accounts._terminal", lambda: True)  # a user's

    code, out, _ = run(capsys, "users", "add", "root", "--db", nominations_db)
    assert code == 0 and prompts == ["New password for root: ",
                                     "New password for root again: "]
    assert "root-password" not in out

    answers = iter(["root-password", "bob-password", "bob-passwrd"])
    r = run(capsys, "users", "add", "bob", "--db", nominations_db, "--role", "desk",
            "--admin", "root")
    assert_refused(r, "The two passwords differ; nothing was changed.")
    assert len(rows(nominations_db)["accounts"]) == 1

    def closed(prompt):  # the terminal closed (Ctrl+D)
        raise EOFError

    monkeypatch.setattr("getpass.getpass", closed)
    before = rows(nominations_db)
    r = run(capsys, "declare", "--db", nominations_db, "--constituency", HENDON,
            "--user", "root", *figures())
    # at a terminal, not told to run it from one (the prompt was there: it was ended)
    assert_refused(r, "No password given: the prompt was ended (Ctrl+D); nothing was done.")
    assert rows(nominations_db) == before

    def asked(prompt):
        raise AssertionError("getpass was called with no terminal to ask on")

    monkeypatch.setattr("getpass.getpass", asked)  # no terminal: not even asked
    monkeypatch.setattr("resultsdesk.cli.accounts._terminal", lambda: False)
    r = run(capsys, "declare", "--db", nominations_db, "--constituency", HENDON,
            "--user", "root", *figures())
    assert_refused(r, "No password given: set RESULTSDESK_PASSWORD")
    assert rows(nominations_db) == before


# --- sign-in failures -----------------------------------------------------------------------

@pytest.mark.parametrize("user, password, reason", [
    ("carol", "not-her-password", "wrong password"),
    ("nobody", "carol-password", "unknown account"),
    ("dan", "dan-password", "account disabled"),
    ("c\u0430rol", "carol-password", "unknown account"),  # a look-alike is not carol
])
@pytest.mark.parametrize("command", ["declare", "verify", "import", "restore", "users"])
def test_failed_sign_in_writes_only_the_attempt(capsys, monkeypatch, nominations_db, tmp_path,
                                                user, password, reason, command):
    db = nominations_db
    with_accounts(db)
    args = {
        "declare": ["declare", "--db", db, "--constituency", HENDON, "--user", user,
                    *figures()],
        "verify": ["verify", "--db", db, "--constituency", HENDON, "--user", user,
                   *figures()],
        "import": ["import", "baseline", data_file(NOTIONAL_2019), "--db", db,
                   "--user", user],
        "restore": ["restore", tmp_path / "nothing.db", "--db", db, "--user", user],
        "users": ["users", "add", "eve", "--db", db, "--role", "desk", "--admin", user],
    }[command]
    before = rows(db)
    r = run(capsys, *args, password=password, new_password="eve-password",
            monkeypatch=monkeypatch)
    assert_refused(r, f"sign-in failed for {user}")
    assert reason not in r[2]  # the caller learns nothing about which part was wrong
    after = rows(db)
    assert {t: v for t, v in after.items() if t != "audit_log"} == \
        {t: v for t, v in before.items() if t != "audit_log"}
    new = after["audit_log"][len(before["audit_log"]):]
    assert [(a["user"], a["action"]) for a in new] == [(user, "sign-in failed")]
    assert reason in new[0]["details"] and password not in new[0]["details"]


def test_a_database_with_accounts_needs_a_user(capsys, monkeypatch, nominations_db):
    with_accounts(nominations_db)
    before = rows(nominations_db)
    r = run(capsys, "import", "baseline", data_file(NOTIONAL_2019), "--db", nominations_db,
            password="root-password", monkeypatch=monkeypatch)
    assert_refused(r, "This database has desk accounts: say who you are with --user NAME")
    assert rows(nominations_db) == before


@pytest.mark.parametrize("user, args, message", [
    ("eve", ["declare", "--constituency", HENDON, *figures()],
     "{eve} is an editor account and cannot enter, verify or correct declarations"),
    ("eve", ["recount", "--constituency", HENDON], "{eve} is an editor account"),
    ("alice", ["import", "baseline", str(data_file(NOTIONAL_2019))],
     "{alice} is a desk account and cannot import files"),
    ("bob", ["restore", "backup.db"], "{bob} is a desk account and cannot restore"),
    ("eve", ["users", "add", "{prefix}newcomer", "--role", "desk"],
     "{eve} is an editor account and cannot manage accounts"),
])
def test_roles_are_refused(capsys, monkeypatch, team, user, args, message):
    """On a file and on a server alike, except a restore: on a server that is the
    server's own job, refused for everyone with the pg_dump recipe."""
    t = team
    names = {short: t.name(short) for short in ("alice", "bob", "eve")}
    names["prefix"] = t.name("ann").removesuffix("ann")
    args = [a.format(**names) for a in args]
    before = rows_of(t.ann)
    if args[0] == "users":
        full = [*args, "--db", t.target.target, "--admin", t.name(user)]
    else:
        full = [*args, "--db", t.target.target, "--user", t.name(user)]
    r = run(capsys, *full, password=t.target.passwords[user], new_password="newcomer password",
            monkeypatch=monkeypatch)
    if args[0] == "restore" and t.target.on_server:
        code, out, err = r
        assert code == 1 and out == "" and "the server's job" in err and "pg_restore" in err
    else:
        assert_refused(r, message.format(**names))
    unchanged_but_sign_ins(t, before, user)


def test_signed_in_desk_users_enter_and_verify(capsys, monkeypatch, nominations_db):
    db = nominations_db
    with_accounts(db)
    r = run(capsys, "declare", "--db", db, "--constituency", HENDON, "--user", "CAROL",
            *figures(), password="carol-password", monkeypatch=monkeypatch)
    assert r[0] == 0 and "PROVISIONAL by carol" in r[1]
    # Carol signs in under another spelling of her own name: still carol, still refused.
    for variant in ("carol\u200b", "ｃａｒｏｌ", "car\u00adol", " Carol "):
        r = run(capsys, "verify", "--db", db, "--constituency", HENDON, "--user", variant,
                *figures(), password="carol-password", monkeypatch=monkeypatch)
        assert_refused(r, "carol entered the figures of version 1 of Hendon")
    r = run(capsys, "verify", "--db", db, "--constituency", HENDON, "--user", "bob",
            *figures(), password="bob-password", monkeypatch=monkeypatch)
    assert r[0] == 0 and "VERIFIED by bob (entered by carol)" in r[1]


# --- the open desk --------------------------------------------------------------------------

@pytest.mark.parametrize("variant", [*CAROL_VARIANTS.values(), "Jose\u0301"],
                         ids=[*CAROL_VARIANTS, "NFD accent"])
def test_open_desk_refuses_every_variant_of_the_author(capsys, nominations_db, variant):
    author = "José" if variant == "Jose\u0301" else "carol"
    r = run(capsys, "declare", "--db", nominations_db, "--constituency", HENDON,
            "--user", author, *figures())
    assert r[0] == 0
    before = rows(nominations_db)
    for command, extra in (("verify", figures()), ("reject", ["--comment", "check"])):
        r = run(capsys, command, "--db", nominations_db, "--constituency", HENDON,
                "--user", variant, *extra)
        assert_refused(r, f"{author} entered the figures of version 1 of Hendon",
                       "a second person must")
    assert rows(nominations_db) == before


def test_open_desk_names_are_one_line_and_normalised(capsys, nominations_db):
    before = rows(nominations_db)
    forged = "mallory\n  v1 VERIFIED    declaration First count  entered by bob"
    r = run(capsys, "declare", "--db", nominations_db, "--constituency", HENDON,
            "--user", forged, *figures())
    assert_refused(r, "A name cannot contain a line break")
    r = run(capsys, "declare", "--db", nominations_db, "--constituency", HENDON,
            "--user", "m" * 65, *figures())
    assert_refused(r, "at most 64 characters")
    assert rows(nominations_db) == before

    r = run(capsys, "declare", "--db", nominations_db, "--constituency", HENDON,
            "--user", "ｃａｒｏｌ\u200b", *figures())
    assert r[0] == 0 and "PROVISIONAL by carol;" in r[1]
    r = run(capsys, "history", "--db", nominations_db, "--constituency", HENDON)
    assert "entered by carol " in r[1] and "\u200b" not in r[1]


def test_open_desk_imports_need_no_user(capsys, nominations_db):
    r = run(capsys, "import", "baseline", data_file(NOTIONAL_2019), "--db", nominations_db)
    assert r[0] == 0
    assert rows(nominations_db)["audit_log"][-1]["user"] == "import"


# --- users enable / role ----------------------------------------------------------------------

def test_users_enable_and_role(capsys, monkeypatch, team):
    """On a file and on a server: an admin enables an account disabled by mistake and
    changes roles; refusals are one line, exit 1 and change nothing; the chain stays
    intact."""
    from resultsdesk.desk.audit import check_audit_chain

    t = team
    db = t.target.target
    ann, alice, bob, eve = (t.name(s) for s in ("ann", "alice", "bob", "eve"))

    def users(*args, by="ann"):
        return run(capsys, "users", *args, "--db", db, "--admin", t.name(by),
                   password=t.target.passwords[by], monkeypatch=monkeypatch)

    before = rows_of(t.ann)
    for result, message in (
        (users("enable", bob), f"{bob} is not disabled: it can sign in already."),
        (users("enable", t.name("ann") + "x"), "No account"),
        (users("role", eve, "editor"), f"{eve} is an editor account already."),
        (users("role", ann, "desk"), f"{ann} is the only enabled admin; add another admin "
                                     "before taking admin away from it."),
        (users("enable", bob, by="alice"), f"{alice} is a desk account and cannot manage "
                                           "accounts"),
        (users("role", alice, "admin", by="alice"), f"{alice} is a desk account and cannot "
                                                    "manage accounts"),
        (users("role", eve, "admin", by="eve"), f"{eve} is an editor account and cannot "
                                                "manage accounts"),
    ):
        assert_refused(result, message)
    unchanged_but_sign_ins(t, before, *["ann"] * 4, "alice", "alice", "eve")

    assert users("disable", bob)[0] == 0
    code, out, _ = users("enable", bob)
    assert code == 0 and out == f"Enabled {bob}: it can sign in again, as a desk account.\n"
    code, out, _ = users("role", eve, "desk")
    assert code == 0 and out == f"{eve} is now a desk account (was editor).\n"
    code, out, _ = users("role", alice, "admin")
    assert code == 0 and out == f"{alice} is now an admin account (was desk).\n"
    code, out, _ = users("role", ann, "editor", by="alice")  # two admins: ann may lose it
    assert code == 0 and out == f"{ann} is now an editor account (was admin).\n"
    assert_refused(users("role", alice, "desk", by="alice"), "only enabled admin")

    code, out, _ = run(capsys, "users", "list", "--db", db, "--user", eve,
                       password=t.target.passwords["eve"], monkeypatch=monkeypatch)
    listed = {line.split()[0]: line.split()[1:3] for line in out.splitlines()[1:]}
    assert code == 0 and listed[eve] == ["desk", "active"] and listed[bob] == ["desk", "active"]
    assert listed[alice] == ["admin", "active"] and listed[ann] == ["editor", "active"]
    audit = [(a["user"], a["action"], a["entity_key"]) for a in rows_of(t.alice)["audit_log"]
             if a["action"] in ("disable account", "enable account", "change role")]
    assert audit == [(ann, "disable account", bob), (ann, "enable account", bob),
                     (ann, "change role", eve), (ann, "change role", alice),
                     (alice, "change role", ann)]
    assert check_audit_chain(t.eve).intact


def test_users_enable_and_role_need_an_admin(capsys, monkeypatch, nominations_db):
    """As `users disable`: --admin is required, and an open desk has no accounts."""
    for args in (["enable", "carol"], ["role", "carol", "editor"]):
        r = run(capsys, "users", *args, "--db", nominations_db, "--admin", "root",
                password="root-password", monkeypatch=monkeypatch)
        assert_refused(r, "This database has no accounts (an open desk).")
        with pytest.raises(SystemExit):
            main(["users", *args, "--db", str(nominations_db)])
        assert "the following arguments are required: --admin" in capsys.readouterr().err
    with_accounts(nominations_db)
    r = run(capsys, "users", "enable", "dan", "--db", nominations_db, "--admin", "root",
            password="wrong-password", monkeypatch=monkeypatch)
    assert_refused(r, "sign-in failed for root")
    assert acc_state(nominations_db, "dan") == ("desk", 1)


def acc_state(db, name: str) -> tuple[str, int]:
    account = rows(db)["accounts"]
    row = next(a for a in account if a["name"] == name)
    return row["role"], row["disabled"]


def test_no_password_and_no_terminal_is_one_line_of_its_own(nominations_db):
    """Run where nobody can be asked (no terminal, nothing on standard input), getpass still
    writes its prompt, with no newline: the refusal ran on after it ("New password for
    root: resultsdesk: error: No password given…"), after a GetPassWarning that the
    password might be echoed. It now starts a line of its own, with no warning."""
    import os
    import subprocess
    import sys

    from helpers.locations import ROOT

    env = {k: v for k, v in os.environ.items() if not k.startswith("RESULTSDESK_")}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, "-m", "resultsdesk", "users", "add", "root",
                           "--db", str(nominations_db)], env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60,
                          start_new_session=True)  # no controlling terminal to ask on
    assert done.returncode != 0
    lines = done.stderr.splitlines()
    assert lines[-1].startswith("resultsdesk: error: No password given"), done.stderr
    assert "Traceback" not in done.stderr and "Warning" not in done.stderr  # getpass's
    assert rows(nominations_db)["accounts"] == []
