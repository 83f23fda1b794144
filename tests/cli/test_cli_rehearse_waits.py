"""`rehearse` when someone else holds the clock still: a window paused it (or stopped it).
The command said nothing and waited, a second at a time, for ever: now it says in one line
what it waits for and who holds it, goes on when they resume it, and stops waiting once
nobody is left who could (the window closed, or lost: unseen for `LOST_AFTER`)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers.cli import run
from helpers.rehearsal import WALL

from resultsdesk.cli import rehearse
from resultsdesk.desk import rehearsal as rh
from resultsdesk.store import Store

SLEEPS = 300  # far more than any of these nights needs: a command past it waits for ever


class Night:
    """The command's fake wall clock and sleep, and what "the app" does in each sleep
    (`during(n, app, wall)`, on its own handle on the file)."""

    def __init__(self, monkeypatch, db, during) -> None:
        self.wall, self.sleeps = WALL, 0
        self.db, self.during = db, during
        monkeypatch.setattr(rehearse, "now", lambda: self.wall)
        monkeypatch.setattr(rehearse, "sleep", self.sleep)

    def sleep(self, seconds: float) -> None:
        self.sleeps += 1
        if self.sleeps > SLEEPS:
            raise AssertionError("the command is still waiting")  # rather than hang the test
        self.wall += timedelta(seconds=seconds or 1e-6)
        if self.db.exists():
            with Store(self.db) as app:
                self.during(self.sleeps, app, self.wall)


def _waiting_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("Waiting")]


def test_a_pause_nobody_can_resume_is_said_and_not_waited_for(capsys, monkeypatch, tmp_path):
    """Paused by someone no longer there to resume it (an app of an older version, or one
    whose window since closed): the command says so and ends, the clock left paused."""
    db = tmp_path / "watch.db"

    def during(n, app, wall):
        if n == 3:
            rh.pause(app, wall, user="alice")

    night = Night(monkeypatch, db, during)
    code, out, err = run(capsys, "rehearse", "--db", db, "--speed", "60", "--until", "23:40")
    assert code == 0, err
    assert night.sleeps < 10
    assert "paused by alice" in out and "nobody else holds the clock" in out, out
    assert "To resume: resultsdesk rehearse --db" in out
    with Store(db) as desk:
        assert rh.rehearsal_state(desk).state is rh.ReplayState.PAUSED  # as alice left it


def test_the_command_says_once_that_it_waits_and_goes_on_when_resumed(
        capsys, monkeypatch, tmp_path):
    from resultsdesk.desk import rehearsal_holders as holders

    db = tmp_path / "watch.db"
    window: list[int] = []

    def during(n, app, wall):
        if n == 2:
            window.append(holders.hold(app, "window", "alice", wall))
        elif window:
            holders.beat(app, window[0], wall)  # the window's tick
        if n == 3:
            rh.pause(app, wall, user="alice")
        if n == 40:
            rh.resume(app, wall, user="alice")

    Night(monkeypatch, db, during)
    code, out, err = run(capsys, "rehearse", "--db", db, "--speed", "60", "--until", "23:40")
    assert code == 0, err
    waiting = _waiting_lines(out)
    assert len(waiting) == 1, out  # once, not a line a second
    assert "alice paused the clock" in waiting[0] and "Ctrl+C" in waiting[0]
    assert "alice resumed the clock" in out
    assert "Blyth Valley declared (3 of 650)" in out and "Rehearsal finished" in out, out


def test_the_wait_names_each_holder_once(capsys, monkeypatch, tmp_path):
    """Two windows signed in as one account (and a third person's): the line read
    "(desk's window, desk's window holds it)". Each is named once, with a count."""
    from resultsdesk.desk import rehearsal_holders as holders

    db = tmp_path / "watch.db"
    windows: list[int] = []

    def during(n, app, wall):
        if n == 2:
            windows.extend(holders.hold(app, "window", who, wall)
                           for who in ("desk", "desk", "alice"))
        for window in windows:
            holders.beat(app, window, wall)  # each window's tick
        if n == 3:
            rh.pause(app, wall, user="alice")
        if n == 6:
            rh.resume(app, wall, user="alice")

    Night(monkeypatch, db, during)
    code, out, err = run(capsys, "rehearse", "--db", db, "--speed", "60", "--until", "23:40")
    assert code == 0, err
    waiting = _waiting_lines(out)
    assert len(waiting) == 1, out
    assert "(desk's 2 windows and alice's window hold it)" in waiting[0], waiting[0]


@pytest.mark.parametrize("how", ["closed", "lost"])
def test_the_wait_ends_when_nobody_is_left_to_resume(capsys, monkeypatch, tmp_path, how):
    from resultsdesk.desk import rehearsal_holders as holders
    from resultsdesk.domain.replay import LOST_AFTER

    db = tmp_path / "watch.db"
    window: list[int] = []
    left: list = []

    def during(n, app, wall):
        if n == 2:
            window.append(holders.hold(app, "window", "alice", wall))
        elif window and n < 10:
            holders.beat(app, window[0], wall)
        if n == 3:
            rh.pause(app, wall, user="alice")
        if n == 9:
            left.append(wall)
            if how == "closed":
                holders.release(app, window[0], wall)
            # lost: the app killed; its last beat was at sleep 9

    night = Night(monkeypatch, db, during)
    code, out, err = run(capsys, "rehearse", "--db", db, "--speed", "60", "--until", "23:40")
    assert code == 0, err
    assert len(_waiting_lines(out)) == 1, out
    assert "nobody else holds the clock" in out and "To resume: resultsdesk rehearse --db" in out
    waited = night.wall - left[0]
    assert waited < timedelta(seconds=3) if how == "closed" else (
        LOST_AFTER <= waited < LOST_AFTER + timedelta(seconds=3)), waited
    with Store(db) as desk:
        assert rh.rehearsal_state(desk).state is rh.ReplayState.PAUSED


def test_ctrl_c_leaves_the_clock_running_for_a_window_still_open(capsys, monkeypatch,
                                                                  tmp_path):
    from resultsdesk.desk import rehearsal_holders as holders

    db = tmp_path / "watch.db"

    def during(n, app, wall):
        if n == 2:
            holders.hold(app, "window", "alice", wall)
        if n == 5:
            raise KeyboardInterrupt  # Ctrl+C in the command

    Night(monkeypatch, db, during)
    code, out, err = run(capsys, "rehearse", "--db", db, "--speed", "60")
    assert code == 130, err
    assert "Left the clock running at" in out and "to alice's window" in out, out
    assert "Stopped at" not in out
    with Store(db) as desk:  # (alone, Ctrl+C stops it as before: test_cli_rehearse.py)
        assert rh.rehearsal_state(desk).state is rh.ReplayState.RUNNING
