"""The app killed mid-rehearsal (no Stop recorded, nobody left holding the clock: its process
is gone) and opened again half a minute later: the window took the clock as still driven,
because its next seat was not yet a minute overdue, and delivered everything the clock
would have run to meanwhile at once: at speed 600 (ten minutes a second) five hours of the
night in one burst. README: "a killed process loses nothing already delivered, and the app
or command started again after one goes on from its last delivery"; the `rehearse` command
run again does (`rehearsal.start`: nobody holds it), and a holder killed on this computer
"counts as gone at once, its process no longer there"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from helpers.rehearsal import build

from resultsdesk.desk import rehearsal as rh


def test_the_app_killed_and_opened_again_soon_goes_on_from_its_last_delivery(
        qtbot, main_window, tmp_path):
    db = build(tmp_path / "watch.db", speed=600)
    killed_at = datetime.now(UTC) - timedelta(seconds=30)
    with rh.open_rehearsal(db) as desk:
        rh.start(desk, killed_at)
        assert len(rh.step(desk, killed_at).delivered) == 1  # 23:27; then the app was killed
    win = main_window(db, user="alice")
    state = rh.rehearsal_state(win.desk)
    assert state.state is rh.ReplayState.RUNNING
    qtbot.waitUntil(lambda: not win.rehearsal_stepper.busy, timeout=20_000)
    # half a minute at ten night minutes a second would be 04:27: a burst of hundreds
    assert state.night < state.first + timedelta(minutes=30), state.night_text
    assert rh.rehearsal_state(win.desk).delivered < 20
