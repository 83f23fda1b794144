"""`resultsdesk init --db postgresql://ADMIN@…` run again after upgrading ResultsDesk, as
README says and as the desks' message says ("its administrator runs 'resultsdesk init' again
to upgrade it"): the command stopped at "the following arguments are required: --name",
though the name of an election that has one is never changed by it. Found upgrading a team
desk's database made by an earlier release."""

from __future__ import annotations

import psycopg
import pytest

from resultsdesk.cli import main


def test_init_again_upgrades_a_server_without_a_name(pg_election, capsys):
    assert main(["init", "--db", pg_election.admin_url]) == 0
    out = capsys.readouterr().out
    assert "already at schema" in out
    admin = pg_election.admin()
    assert admin.execute("SELECT name FROM resultsdesk.election").fetchone() == (
        "Test election",)


def test_a_new_server_database_still_needs_a_name(pg_cluster, capsys):
    url = pg_cluster.superuser_url("rd_cli_unnamed")
    assert main(["init", "--db", url]) == 1
    err = capsys.readouterr().err
    assert err == ("resultsdesk: error: Database rd_cli_unnamed has no election yet: give it "
                   "a name (resultsdesk init --db URL --name NAME).\n")
    with psycopg.connect(pg_cluster.superuser_url("postgres"), autocommit=True) as conn:
        assert conn.execute("SELECT 1 FROM pg_database WHERE datname = 'rd_cli_unnamed'"
                            ).fetchone() is None  # nothing made


def test_a_new_file_still_needs_a_name(tmp_path, capsys):
    with pytest.raises(SystemExit) as ended:
        main(["init", "--db", str(tmp_path / "night.db")])
    assert ended.value.code != 0
    assert "--name" in capsys.readouterr().err
    assert not (tmp_path / "night.db").exists()
