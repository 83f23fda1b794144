"""A practise rehearsal whose app was killed part-way (no Stop recorded: the database still
says running) opened again: the clock goes on from its last read-out, as `rehearse` run
again does, instead of having run on all the while nobody drove it and handing the desk the
rest of the night at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from helpers.rehearsal import build

from resultsdesk.desk import practise
from resultsdesk.desk import rehearsal as rh
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow

NEWCASTLE_CENTRAL, HOUGHTON, BLYTH_VALLEY = "E14000831", "E14000754", "E14000575"


def test_a_killed_practise_desk_reopened_goes_on_from_its_last_readout(qtbot, tmp_path):
    db = build(tmp_path / "practise.db", mode="practise", speed=60)
    killed_at = datetime.now(UTC) - timedelta(minutes=10)  # ten hours of the night ago
    with rh.open_rehearsal(db) as desk:
        rh.start(desk, killed_at - timedelta(seconds=3))
        rh.step(desk, killed_at)  # 23:27 and 23:29 read out; then the app was killed
        assert rh.rehearsal_state(desk).state is rh.ReplayState.RUNNING
    application()
    win = MainWindow(db, user="alice")
    qtbot.addWidget(win)
    win.show()
    state = rh.rehearsal_state(win.desk)
    assert state.state is rh.ReplayState.RUNNING
    assert state.night < state.first + timedelta(minutes=10), state.night_text  # not 09:27
    # the next read-out comes at its time, three night minutes on (3 s at speed 60)
    qtbot.waitUntil(lambda: len(win.readout_panel.codes()) == 3, timeout=20_000)
    assert win.readout_panel.codes() == [NEWCASTLE_CENTRAL, HOUGHTON, BLYTH_VALLEY]
    assert len(practise.readouts(win.desk)) == 3
    # started again: the window's doing, in alice's name
    assert win.desk.scalar("SELECT count(*) FROM audit_log WHERE user = 'alice' "
                           "AND action = 'rehearsal running'") == 1
