"""On a team desk with no RESULTSDESK_PASSWORD nor libpq's (README, Team desk, "Connecting a
desk": "else asked on a terminal"), the command line asks for the password of the account
the server signs in: `--user`'s, else the one the URL names. `resultsdesk summary --db
postgresql://ge24_eve@dbhost/ge2024` asked "Password for the URL user:", leaving whoever
was at the terminal to work out which account's password it meant."""

from __future__ import annotations

import argparse
import sys

import pytest

from resultsdesk.cli import accounts
from resultsdesk.desk.session import PasswordNeeded


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    prompts: list[str] = []
    tries = iter([PasswordNeeded("sign-in failed: no password given"), object()])

    def open_desk(target, *, user=None, password=None, **_):
        outcome = next(tries)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    monkeypatch.delenv(accounts.PASSWORD_ENV, raising=False)
    monkeypatch.setattr(accounts, "open_desk", open_desk)
    monkeypatch.setattr(accounts, "_prompt", lambda text: prompts.append(text) or "secret")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    return prompts


@pytest.mark.parametrize(("db", "user", "prompt"), [
    ("postgresql://ge24_eve@dbhost/ge2024", None, "Password for ge24_eve: "),
    ("postgresql://dbhost/ge2024?user=ge24_eve", None, "Password for ge24_eve: "),
    ("postgresql://ge24_eve@dbhost/ge2024", "ge24_bob", "Password for ge24_bob: "),
    ("postgresql://dbhost/ge2024", None, "Password for the URL user: "),
])
def test_the_prompt_names_the_account_signing_in(asked, db, user, prompt):
    accounts.open_election(argparse.Namespace(db=db, user=user))
    assert asked == [prompt]
