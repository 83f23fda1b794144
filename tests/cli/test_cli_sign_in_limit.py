"""Signing in from the command line once a name is locked out by failed sign-ins, and
`resultsdesk users unlock` (desk/sign_in_limit.py), run in-process with the password
prompt (getpass) answered here."""

from __future__ import annotations

from datetime import datetime

import pytest
from helpers.accounts import FAST
from helpers.seats import CLEAN, HENDON, PARTIES

from resultsdesk.cli import main
from resultsdesk.desk import accounts as acc
from resultsdesk.desk.sign_in_limit import LOCKOUT, MAX_FAILED_SIGN_INS, try_again_at
from resultsdesk.store import Store


@pytest.fixture
def db(nominations_db, monkeypatch):
    monkeypatch.delenv("RESULTSDESK_PASSWORD", raising=False)
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        acc.add_account(store, "carol", "desk", "carol-password", admin="root", kdf=FAST)
    return nominations_db


class Prompt:
    """The no-echo password prompt: answers what `typed` holds, keeps what it `asked`."""

    def __init__(self) -> None:
        self.typed: list[str] = []
        self.asked: list[str] = []

    def __call__(self, text: str) -> str:
        self.asked.append(text)
        return self.typed.pop(0)


@pytest.fixture
def prompt(monkeypatch) -> Prompt:
    fake = Prompt()
    monkeypatch.setattr("getpass.getpass", fake)
    monkeypatch.setattr("resultsdesk.cli.accounts._terminal", lambda: True)
    return fake


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def declare(capsys, db) -> tuple[int, str, str]:
    figures = ["--invalid", "120"]
    for key, n in zip(PARTIES, CLEAN, strict=True):
        figures += ["--vote", f"{key}={n}"]
    return run(capsys, "declare", "--db", db, "--constituency", HENDON, "--user", "carol",
               *figures)


def refused_with(result) -> str:
    code, out, err = result
    assert code == 1 and out == "" and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("resultsdesk: error: "), err
    return lines[0].removeprefix("resultsdesk: error: ")


def audit(db) -> list[dict]:
    with Store(db) as store:
        return store.query("SELECT user, action, entity_key, at, details FROM audit_log "
                           "WHERE entity = 'account' ORDER BY id")


def test_a_locked_out_name_is_refused_in_one_line_until_an_admin_unlocks_it(capsys, db,
                                                                           prompt):
    for _ in range(MAX_FAILED_SIGN_INS):
        prompt.typed.append("not-her-password")
        assert refused_with(declare(capsys, db)) == "sign-in failed for carol"
    fifth = datetime.fromisoformat(audit(db)[-1]["at"])

    # Locked: refused before her password is even asked for; nothing declared.
    prompt.asked.clear()
    prompt.typed.append("carol-password")
    assert refused_with(declare(capsys, db)) == (
        f"Too many failed sign-ins for carol: try again at {try_again_at(fifth + LOCKOUT)} "
        "(UK time), or ask an admin to unlock it.")
    assert prompt.asked == []
    with Store(db) as store:
        assert store.scalar("SELECT count(*) FROM declarations") == 0
    assert [(e["user"], e["action"]) for e in audit(db)][-1] == (
        "carol", "sign-in refused: locked")

    # The admin unlocks her (signing in themselves); unlocking again is refused.
    prompt.typed.clear()
    prompt.typed.append("root-password")
    code, out, err = run(capsys, "users", "unlock", "Carol", "--db", db, "--admin", "root")
    assert (code, out, err) == (0, "Unlocked carol: it can sign in again now.\n", "")
    assert [(e["user"], e["action"], e["entity_key"]) for e in audit(db)][-1] == (
        "root", "unlock sign-in", "carol")
    prompt.typed.append("root-password")
    assert refused_with(run(capsys, "users", "unlock", "carol", "--db", db, "--admin",
                            "root")) == "carol is not locked out: it can sign in already."

    prompt.typed.append("carol-password")
    code, _, err = declare(capsys, db)
    assert code == 0, err
    assert "carol-password" not in repr(audit(db)) and "not-her-password" not in repr(audit(db))


def test_a_sign_in_from_the_command_line_is_audited_and_the_chain_checks(capsys, db,
                                                                        prompt):
    """carol mistypes twice, declares (signing in), then mistypes three times: not locked
    out, since her sign-in started the count afresh; `audit` reads the sign-in as a
    sentence and `audit --check` still finds the chain intact."""
    prompt.typed += ["not-her-password", "not-her-password", "carol-password"]
    for _ in range(2):
        assert refused_with(declare(capsys, db)) == "sign-in failed for carol"
    code, _, err = declare(capsys, db)
    assert code == 0, err
    prompt.typed += ["not-her-password"] * 3
    for _ in range(3):
        assert refused_with(declare(capsys, db)) == "sign-in failed for carol"
    prompt.typed.append("carol-password")
    code, _, err = declare(capsys, db)  # not locked out: she signs in and declares again
    assert code == 0, err
    assert [(e["user"], e["action"]) for e in audit(db)][-7:] == [
        ("carol", "sign-in failed"), ("carol", "sign-in failed"), ("carol", "sign in"),
        *[("carol", "sign-in failed")] * 3, ("carol", "sign in")]

    code, out, _ = run(capsys, "audit", "--db", db)
    assert code == 0 and "carol signed in" in out
    assert "carol's sign-in failed: wrong password" in out
    code, out, _ = run(capsys, "audit", "--db", db, "--check")
    assert code == 0, out


def test_users_list_shows_who_is_locked_out_and_until_when(capsys, db, prompt):
    """The admin at 3 a.m. sees whom to `users unlock`: `users list` ends a locked account's
    line with the time its lock ends, as the refused sign-in says it; the columns before it
    read as ever, and the mark goes once the admin unlocks it."""
    for _ in range(MAX_FAILED_SIGN_INS):
        prompt.typed.append("not-her-password")
        assert refused_with(declare(capsys, db)) == "sign-in failed for carol"
    fifth = datetime.fromisoformat(audit(db)[-1]["at"])
    code, out, err = run(capsys, "users", "list", "--db", db)
    assert code == 0 and err == ""
    lines = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert lines["carol"].split()[:3] == ["carol", "desk", "active"]
    assert lines["carol"].endswith(f" by root  locked out until "
                                   f"{try_again_at(fifth + LOCKOUT)} (UK time)")
    assert "locked" not in lines["root"]

    prompt.typed.append("root-password")
    assert run(capsys, "users", "unlock", "carol", "--db", db, "--admin", "root")[0] == 0
    assert "locked" not in run(capsys, "users", "list", "--db", db)[1]
