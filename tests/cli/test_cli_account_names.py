"""`users add` with a name that shows nothing (found by an attack on the command line): the
admin had signed in with --admin, and was told "Say who you are: a name is needed", the
words for a missing --user, about the new account's name."""

from __future__ import annotations

import pytest
from helpers.accounts import FAST
from helpers.cli import assert_one_error_line, run

from resultsdesk.desk import accounts as acc
from resultsdesk.store import Store


@pytest.mark.parametrize("name", ["", "   ", "\u200b"])
def test_a_new_account_without_a_name_is_told_so(nominations_db, monkeypatch, capsys, name):
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "root-password")
    monkeypatch.setenv("RESULTSDESK_NEW_PASSWORD", "carol-password")
    code, out, err = run(capsys, "users", "add", name, "--role", "desk", "--db",
                         nominations_db, "--admin", "root")
    assert_one_error_line(code, out, err, "new account needs a name")
    assert "Say who you are" not in err
    with Store(nominations_db) as store:
        assert [a.name for a in acc.list_accounts(store)] == ["root"]


@pytest.mark.parametrize("name", [
    pytest.param("\u0302", id="a-circumflex-alone"),
    pytest.param("\u0302\u0302", id="two-circumflexes"),
    pytest.param(" \u0301 \u20dd ", id="marks-and-spaces"),
])
def test_a_name_of_marks_alone_names_nobody(nominations_db, monkeypatch, capsys, name):
    """Accents with no letter to sit on passed as a person: `recount --user $'\\u0302'`
    was recorded as " ̂ marked a recount under way in Hendon", and two circumflexes were
    someone else; a title of them "shows nothing" (`validation.title_problem`). Refused as
    an empty name is, nothing written; a new account's as a new account's."""
    from helpers import dbcheck

    before = dbcheck.digest(nominations_db)
    code, out, err = run(capsys, "recount", "--db", nominations_db, "--constituency",
                         "Hendon", "--user", name)
    assert_one_error_line(code, out, err, "Say who you are: a name is needed")
    monkeypatch.setenv("RESULTSDESK_NEW_PASSWORD", "carol-password")
    code, out, err = run(capsys, "users", "add", name, "--db", nominations_db)
    assert_one_error_line(code, out, err, "new account needs a name")
    assert dbcheck.digest(nominations_db) == before
    code, out, err = run(capsys, "recount", "--db", nominations_db, "--constituency",
                         "Hendon", "--user", "Sio\u0302n")  # a mark on a letter: a name
    assert code == 0, err
