"""A window's computer clock put forward under a running rehearsal by less than a gap's
minute (NTP correcting it, the clock set by hand): at 60x the night leapt on fifty minutes
and the window's next step delivered all of it at once. The window reads its computer's
monotonic clock beside the wall; the wall gone ahead of it is held over, and said so
(`desk.rehearsal_resume.hold_if_put_forward`)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from helpers.rehearsal import build

from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.audit_text import trail_lines
from resultsdesk.desk.rehearsal_resume import monotonic_origin

STEP = timedelta(seconds=50)


def test_a_window_holds_the_clock_over_its_clock_put_forward(qtbot, main_window, tmp_path):
    db = build(tmp_path / "watch.db", speed=60)
    with rh.open_rehearsal(db) as desk:
        rh.start(desk)
        rh.pause(desk)
    win = main_window(db, user="alice")
    now = datetime.now(UTC)
    rh.start(win.desk, now - STEP - timedelta(seconds=10), user="alice")  # 23:27 then
    # its last read: 50 s ago by the wall, but only a moment ago by the monotonic clock
    win._last_tick = now - STEP
    win._origin = monotonic_origin(now, time.monotonic()) - STEP
    win.rehearsal_tick()
    qtbot.waitUntil(lambda: not win.rehearsal_stepper.busy, timeout=60_000)
    state = rh.rehearsal_state(win.desk)
    assert state.state is rh.ReplayState.RUNNING
    assert "23:37" <= state.night_text < "23:50", state.night_text  # not 00:27 on
    said = [line.text for line in trail_lines(win.desk) if "put forward" in line.text]
    assert said == ["the computer's clock was put forward 50 seconds: alice's ResultsDesk "
                    "held the rehearsal's clock at 23:37 over it"], said
