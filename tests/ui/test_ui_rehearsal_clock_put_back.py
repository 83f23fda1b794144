"""A window's clock put back (NTP stepping the computer's clock, a clock changed by hand)
while a step delivers: the window did not look for a gap while a step ran, and the step's
end took its clock's new reading as the last, so the put-back went unseen and the
rehearsal's clock, anchored in what was now the future, stood still as long as the clock
went back (`desk.rehearsal_resume.hold_if_put_back`)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from helpers.rehearsal import build

from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.sheets import audit_log


@pytest.mark.parametrize("tick_mid_step", [True, False])
def test_a_clock_put_back_while_a_step_runs_is_kept(qtbot, main_window, tmp_path,
                                                    monkeypatch, tick_mid_step):
    db = build(tmp_path / "watch.db", speed=60)
    with rh.open_rehearsal(db) as desk:
        rh.start(desk)
        rh.pause(desk)
    win = main_window(db, user="alice")
    qtbot.waitUntil(lambda: not win.rehearsal_stepper.busy, timeout=20_000)
    ahead = datetime.now(UTC) + timedelta(hours=1)  # then the clock was put back an hour
    rh.start(win.desk, ahead, user="alice")
    win._last_tick = ahead
    release, step = threading.Event(), rh.step

    def held(desk, *args, **kwargs):
        assert release.wait(20)
        return step(desk, *args, **kwargs)

    monkeypatch.setattr(rh, "step", held)
    win.rehearsal_stepper.step(win.db_path)
    if tick_mid_step:
        win.rehearsal_tick()  # the timer's read, mid-step
    release.set()
    qtbot.waitUntil(lambda: any(e["action"] == "rehearsal clock set"
                                for e in audit_log(win.desk)), timeout=10_000)
    state = rh.rehearsal_state(win.desk)
    assert state.state is rh.ReplayState.RUNNING
    assert state.next_due_wall - datetime.now(UTC) < timedelta(minutes=5)  # not an hour
