"""`resultsdesk rehearse` runs a rehearsal's clock, so on a rehearsal with accounts it needs
an editor or admin signed in (`--user`, its password), as `import` needs an admin: a desk
account ran, sped up or jumped the night for every window on the file. Refused: one line,
exit 1, the clock as it was (only the sign-in, which succeeded, is recorded)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers.accounts import FAST
from helpers.cli import refused, run
from helpers.rehearsal import WALL, build

from resultsdesk.cli import rehearse
from resultsdesk.desk import accounts as acc
from resultsdesk.store import Store

REFUSAL = ("resultsdesk: error: carol is a desk account and cannot run the rehearsal's "
           "clock: that needs an editor or an admin account.")


@pytest.fixture
def fake_clock(monkeypatch):
    """The loop's clock: each sleep moves it on, nobody waits."""
    wall = [WALL]

    def sleep(seconds: float) -> None:
        wall[0] += timedelta(seconds=seconds) if seconds else timedelta(microseconds=1)

    monkeypatch.setattr(rehearse, "now", lambda: wall[0])
    monkeypatch.setattr(rehearse, "sleep", sleep)


@pytest.fixture
def team_rehearsal(tmp_path):
    """Two seats of 2019 (until 23:29) at speed 3600, with root (admin), ed (editor) and
    carol (desk)."""
    db = build(tmp_path / "rehearsal.db", speed=3600, until="23:29")
    with Store(db) as desk:
        acc.add_account(desk, "root", "admin", "root-password", admin=None, kdf=FAST)
        acc.add_account(desk, "ed", "editor", "ed-password", admin="root", kdf=FAST)
        acc.add_account(desk, "carol", "desk", "carol-password", admin="root", kdf=FAST)
    return db


def _clock(db) -> tuple:
    with Store(db) as desk:
        return (tuple(desk.query("SELECT * FROM rehearsal")[0].values()),
                desk.scalar("SELECT count(*) FROM audit_log WHERE entity = 'rehearsal'"),
                desk.scalar("SELECT count(*) FROM rehearsal_seats "
                            "WHERE delivered_at IS NOT NULL"))


@pytest.mark.parametrize("options", [[], ["--speed", 120], ["--start", "00:30"],
                                     ["--until", "04:00"]],
                         ids=["run", "speed", "start", "until"])
def test_a_desk_account_cannot_run_the_clock(capsys, monkeypatch, fake_clock,
                                             team_rehearsal, options):
    before = _clock(team_rehearsal)
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "carol-password")
    line = refused(run(capsys, "rehearse", "--db", team_rehearsal, "--user", "carol",
                       *options))
    assert line == REFUSAL
    assert _clock(team_rehearsal) == before  # not started, nothing delivered
    with Store(team_rehearsal) as desk:  # the sign-in, which succeeded, is recorded
        last = desk.query("SELECT user, action FROM audit_log ORDER BY id DESC LIMIT 1")
    assert last == [{"user": "carol", "action": "sign in"}]


def test_a_rehearsal_with_accounts_asks_who_runs_it(capsys, fake_clock, team_rehearsal):
    before = _clock(team_rehearsal)
    refused(run(capsys, "rehearse", "--db", team_rehearsal),
            "This database has desk accounts: say who you are with --user NAME")
    assert _clock(team_rehearsal) == before


def test_the_editor_runs_the_night(capsys, monkeypatch, fake_clock, team_rehearsal):
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "ed-password")
    code, out, err = run(capsys, "rehearse", "--db", team_rehearsal, "--user", "ed",
                         "--speed", 7200)
    assert code == 0, err
    assert "Rehearsal finished at 23:29: 2 of 650 delivered" in out
    with Store(team_rehearsal) as desk:
        moved = desk.query("SELECT user, action FROM audit_log WHERE entity = 'rehearsal' "
                           "AND user <> 'rehearsal' ORDER BY id")
    assert moved == [{"user": "ed", "action": "rehearsal speed"},
                     {"user": "ed", "action": "rehearsal running"}]


def test_a_new_rehearsal_is_its_makers(capsys, fake_clock, tmp_path):
    """A new file has no accounts to ask: whoever makes it runs it (`--user` recorded)."""
    db = tmp_path / "new.db"
    code, _, err = run(capsys, "rehearse", "--db", db, "--user", "Ed ", "--speed", 3600,
                       "--until", "23:29")
    assert code == 0, err
    with Store(db) as desk:
        assert desk.scalar("SELECT user FROM audit_log WHERE action = 'rehearsal running'") \
            == "Ed"


def test_a_server_is_refused_before_anyone_signs_in(capsys, monkeypatch):
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "secret")
    refused(run(capsys, "rehearse", "--db", "postgresql://ann@dbhost:5432/ge2024", "--user",
                "ann"), "--db postgresql://ann@dbhost:5432/ge2024 is a team desk server")
