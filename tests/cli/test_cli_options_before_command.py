"""`--db` and `--user` before the command word, where the main usage line shows them
(`resultsdesk [--db PATH] [--user NAME] COMMAND`): `resultsdesk --db night.db summary` exited 2
with "resultsdesk summary: error: the following arguments are required: --db", the main
parser's --db (the app's) never reaching the command's parser. Either side is the command's
own now; both sides with two values are a usage error naming both; neither is still "required"."""

from __future__ import annotations

import sqlite3

import pytest
from helpers.cli import run, usage_refused

from resultsdesk import cli


@pytest.mark.parametrize("argv", [
    ["--db", "{db}", "summary", "--json"],
    ["--db={db}", "summary", "--json"],
    ["--db", "{db}", "summary", "--json", "--db", "{db}"],  # the same file twice: no doubt
])
def test_db_before_the_command_is_the_commands(capsys, night_db, argv):
    expected = run(capsys, "summary", "--db", night_db, "--json")
    assert expected[0] == 0 and expected[1].startswith("{")
    assert run(capsys, *(a.format(db=night_db) for a in argv)) == expected


def test_db_before_a_command_word_of_a_command(capsys, night_db):
    """`users list`: the command's --db is two parsers down."""
    assert run(capsys, "--db", night_db, "users", "list") == \
        run(capsys, "users", "list", "--db", night_db)


def test_user_before_the_command_signs_the_change(capsys, night_db):
    code, _out, err = run(capsys, "--user", "alice", "--db", night_db, "recount",
                          "--constituency", "Hendon")
    assert code == 0, err
    with sqlite3.connect(night_db) as conn:
        last = conn.execute("SELECT user, action FROM audit_log ORDER BY id DESC").fetchone()
    assert last[0] == "alice", last


@pytest.mark.parametrize(("argv", "fragments"), [
    (["--db", "{db}", "summary", "--db", "{other}"],
     ["--db is given twice", "night-2024.db' before", "other.db' after"]),
    (["--user", "ann", "summary", "--db", "{db}", "--user", "bob"],
     ["--user is given twice, as 'ann' before the command and as 'bob' after it"]),
])
def test_two_values_either_side_are_a_usage_error_naming_both(capsys, night_db, tmp_path,
                                                             argv, fragments):
    line = usage_refused(capsys, *(a.format(db=night_db, other=tmp_path / "other.db")
                                   for a in argv))
    assert line.startswith("resultsdesk summary: error: "), line
    for fragment in fragments:
        assert fragment in line, line


def test_without_db_either_side_it_is_still_required(capsys):
    assert usage_refused(capsys, "summary", "--json") == \
        "resultsdesk summary: error: the following arguments are required: --db"


def test_an_option_before_a_command_that_has_none_is_refused(capsys, monkeypatch, night_db):
    """`demo` opens its own copy: a --db typed for it was ignored without a word."""
    from resultsdesk.ui import app

    monkeypatch.setattr(app, "run_app", lambda **_: pytest.fail("the demo started"))
    line = usage_refused(capsys, "--db", night_db, "demo")
    assert line == "resultsdesk demo: error: --db (given before the command) is not one of " \
                   "its options"


def test_a_parser_given_db_before_the_command_still_requires_it_next_time():
    parser = cli.build_parser()
    assert str(parser.parse_args(["--db", "a.db", "summary"]).db) == "a.db"
    with pytest.raises(SystemExit):
        parser.parse_args(["summary"])
