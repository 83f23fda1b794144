"""`rehearse` waiting on a clock an editor paused, on a rehearsal with accounts: it waits
only while someone is left who could resume it (README). A desk account's window holds the
clock (it delivers what falls due) but cannot resume it: with the editor's window closed and
only the desk's left open, the command waited for ever, saying the desk's window "holds it"."""

from __future__ import annotations

from helpers.accounts import FAST
from helpers.cli import run
from helpers.rehearsal import build
from test_cli_rehearse_waits import Night, _waiting_lines

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk import rehearsal_holders as holders
from resultsdesk.store import Store


def _team(tmp_path):
    db = build(tmp_path / "rehearsal.db", speed=60, until="23:40")
    with Store(db) as desk:
        acc.add_account(desk, "root", "admin", "root-password", admin=None, kdf=FAST)
        acc.add_account(desk, "ed", "editor", "ed-password", admin="root", kdf=FAST)
        acc.add_account(desk, "carol", "desk", "carol-password", admin="root", kdf=FAST)
    return db


def test_a_desk_accounts_window_is_nobody_who_could_resume(capsys, monkeypatch, tmp_path):
    db = _team(tmp_path)
    windows: dict[str, int] = {}

    def during(n, app, wall):
        if n == 2:
            windows["ed"] = holders.hold(app, "window", "ed", wall)
            windows["carol"] = holders.hold(app, "window", "carol", wall)
        for holder in windows.values():
            holders.beat(app, holder, wall)  # each window's tick
        if n == 3:
            rh.pause(app, wall, user="ed")
        if n == 6:
            holders.release(app, windows.pop("ed"), wall)  # ed's window closed

    monkeypatch.setenv("RESULTSDESK_PASSWORD", "ed-password")
    night = Night(monkeypatch, db, during)
    code, out, err = run(capsys, "rehearse", "--db", db, "--user", "ed")
    assert code == 0, err
    assert night.sleeps < 12, out
    waiting = _waiting_lines(out)
    assert len(waiting) == 1 and "ed's window holds it" in waiting[0], out
    assert "carol" not in waiting[0]  # her window cannot resume it
    assert "nobody else holds the clock to resume it" in out, out
    with Store(db) as desk:
        assert rh.rehearsal_state(desk).state is rh.ReplayState.PAUSED  # as ed left it
