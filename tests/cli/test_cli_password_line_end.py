"""RESULTSDESK_PASSWORD holding the line end of the file it was read from (a Python
supervisor's `Path(secret).read_text()`, a Kubernetes secret made with `--from-file` from
`echo pw > f`): no password holds a line break (README: nobody could type one at the
sign-in), and the terminal's prompt drops the one a pasted line ends with. The variable
was checked with it, each run a failed sign-in recorded as "wrong password", and five such
runs of a cron job locked the admin out for 15 minutes."""

from __future__ import annotations

import pytest
from helpers.accounts import FAST

from resultsdesk.cli import main
from resultsdesk.desk import accounts as acc
from resultsdesk.store import Store


@pytest.fixture
def db(nominations_db):
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        acc.add_account(store, "carol", "desk", "carol-password", admin="root", kdf=FAST)
    return nominations_db


def _actions(db) -> list[str]:
    with Store(db) as store:
        return [r["action"] for r in store.query("SELECT action FROM audit_log ORDER BY id")]


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_a_password_read_with_its_line_end_signs_in(db, monkeypatch, capsys, line_end):
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "root-password" + line_end)
    assert main(["users", "disable", "carol", "--admin", "root", "--db", str(db)]) == 0
    assert "sign-in failed" not in capsys.readouterr().err
    assert "sign-in failed" not in _actions(db)


def test_a_line_end_alone_is_no_password(db, monkeypatch, capsys):
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "\n")
    before = _actions(db)
    assert main(["users", "disable", "carol", "--admin", "root", "--db", str(db)]) == 1
    assert "RESULTSDESK_PASSWORD is set but empty" in capsys.readouterr().err
    assert _actions(db) == before


def test_a_wrong_password_is_still_wrong(db, monkeypatch, capsys):
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "root-password\nx")
    assert main(["users", "disable", "carol", "--admin", "root", "--db", str(db)]) == 1
    assert "sign-in failed for root" in capsys.readouterr().err


def test_init_on_a_server_drops_the_line_end_too(pg_cluster, monkeypatch, capsys):
    # The server administrator's password for `init`, from the same variable: every other
    # command dropped its line end, `init` sent it, and the server refused the sign-in
    # ("password authentication failed"), the variable right for every command but this.
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "postgres-test\n")
    url = f"postgresql://postgres@127.0.0.1:{pg_cluster.port}/rd_cli_line_end"
    assert main(["init", "--db", url, "--name", "Line end"]) == 0, capsys.readouterr().err
