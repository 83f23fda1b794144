"""A script run from a terminal with its standard input redirected (`resultsdesk withdraw ...
< /dev/null`, `nohup resultsdesk declare ... < /dev/null &`) said it wants no questions: a
password it does not give in RESULTSDESK_PASSWORD is refused in one line, as on a team
desk's server. It was asked for on the controlling terminal (/dev/tty), and the script
waited there for ever (in the background, stopped by the terminal: SIGTTIN)."""

from __future__ import annotations

import os

import pytest
from helpers.accounts import FAST

from resultsdesk.cli import main
from resultsdesk.desk import accounts as acc
from resultsdesk.store import Store


@pytest.fixture
def db(nominations_db, monkeypatch):
    monkeypatch.delenv("RESULTSDESK_PASSWORD", raising=False)
    monkeypatch.delenv("RESULTSDESK_NEW_PASSWORD", raising=False)
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
    return nominations_db


@pytest.fixture
def controlling_terminal_but_stdin_from_dev_null(monkeypatch, tmp_path):
    """A controlling terminal the process could open (as in an interactive shell), while
    standard input is /dev/null; getpass must not be reached."""
    real_open = os.open
    stand_in = tmp_path / "tty"
    stand_in.write_text("")

    def fake_open(path, flags, *args, **kwargs):
        if os.fspath(path) == "/dev/tty":
            return real_open(stand_in, os.O_RDWR)
        return real_open(path, flags, *args, **kwargs)

    def asked(prompt):
        raise AssertionError(f"asked {prompt!r} with standard input not a terminal")

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr("getpass.getpass", asked)
    with open(os.devnull) as devnull:
        monkeypatch.setattr("sys.stdin", devnull)
        yield


@pytest.mark.parametrize("args", [
    ["users", "disable", "root", "--admin", "root"],
    ["users", "password", "root"],
    ["users", "add", "carol", "--role", "desk", "--admin", "root"],
    ["withdraw", "--constituency", "E14001279", "--user", "root"],
])
def test_no_prompt_when_stdin_is_not_a_terminal(capsys, db,
                                                controlling_terminal_but_stdin_from_dev_null,
                                                args):
    assert main([*args, "--db", str(db)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("resultsdesk: error: No password given: set RESULTSDESK_PASSWORD")


def test_the_refusal_says_standard_input_not_a_terminal(capsys, db,
                                                        controlling_terminal_but_stdin_from_dev_null):
    """Run from a terminal with standard input redirected, "run this in a terminal" told
    the user to do what they were doing: what to change is standard input."""
    assert main(["users", "disable", "root", "--admin", "root", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "standard input" in err and "redirected" in err, err
