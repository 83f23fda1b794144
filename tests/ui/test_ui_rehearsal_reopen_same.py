"""File > Open of the rehearsal already open in the window (its file chosen again, a desk
opening "the rehearsal" once more): the window let go of the clock, and being the last
holder stopped it, as closing does; opening it again then left it stopped ("· stopped",
Resume to press), where opening it any other time (another file first, or a new window)
goes on where it stopped, as README says: "`rehearse --db` on the file (or opening the file)
again resumes where it stopped"."""

from __future__ import annotations

from helpers.rehearsal import build

from resultsdesk.desk import rehearsal as rh


def test_opening_the_rehearsal_already_open_keeps_its_clock_running(qtbot, main_window,
                                                                    tmp_path):
    db = build(tmp_path / "watch.db", speed=60)
    win = main_window(db, user="alice")
    win._rehearsal_do(rh.start)
    qtbot.waitUntil(lambda: rh.rehearsal_state(win.desk).delivered >= 1, timeout=20_000)
    win.open_database(db)  # File > Open, the same file
    state = rh.rehearsal_state(win.desk)
    assert state.state is rh.ReplayState.RUNNING, state.state
    qtbot.waitUntil(lambda: "· running" in win.rehearsal_clock.text(), timeout=5000)
