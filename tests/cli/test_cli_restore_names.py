"""`restore --user NAME` is recorded as the restore's author in the restored log: checked as
every command checks a typed name (`accounts.open_desk_user`) wherever nobody signs in. A
restore into a new file (the backup put back on another PC) or over a damaged one recorded
it as typed: an escape sequence, a right-to-left override or a blank name went into the
audit log, where every other command normalises them (or refuses a blank)."""

from __future__ import annotations

import sqlite3

import pytest
from helpers.cli import run_cli

from resultsdesk.desk import accounts as acc


def _author(path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT user FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0]


@pytest.mark.parametrize("name, recorded", [
    ("Eve\x1b[2J", "Eve[2J"), ("\u202emallory", "mallory"), ("  Carol\u200b ", "Carol")])
def test_a_name_restoring_into_a_new_file_is_recorded_as_every_command_records_it(
        nominations_db, tmp_path, name, recorded):
    backup, target = tmp_path / "b.db", tmp_path / "elsewhere.db"
    assert run_cli("backup", "--db", nominations_db, "--out", backup)[0] == 0
    code, _, err = run_cli("restore", backup, "--db", target, "--user", name)
    assert code == 0, err
    assert _author(target) == recorded == acc.open_desk_user(name).name


def test_a_blank_name_is_refused_restoring_into_a_new_file(nominations_db, tmp_path):
    backup, target = tmp_path / "b.db", tmp_path / "elsewhere.db"
    assert run_cli("backup", "--db", nominations_db, "--out", backup)[0] == 0
    code, _, err = run_cli("restore", backup, "--db", target, "--user", "   ")
    assert code == 1, err
    assert "Traceback" not in err
    assert not target.exists()


def test_a_name_restoring_over_a_damaged_database_is_checked_too(nominations_db, tmp_path):
    backup = tmp_path / "b.db"
    assert run_cli("backup", "--db", nominations_db, "--out", backup)[0] == 0
    with open(nominations_db, "r+b") as f:  # a bad page: refused on opening as damaged
        f.seek(4096 * 3)
        f.write(b"\xff" * 4096)
    code, _, err = run_cli("restore", backup, "--db", nominations_db, "--user", " \u202eCarol ")
    assert code == 0, err
    assert _author(nominations_db) == "Carol"
