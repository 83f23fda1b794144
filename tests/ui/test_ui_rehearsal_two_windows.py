"""Two windows open on one rehearsal (two desks, or an editor's and a desk account's), and
the `rehearse` command beside a window: the clock keeps running while any of them still
holds it. Closing one window hands the clock to the others rather than stopping it for
all of them (only the last holder's closing stops it, to resume later); a command started
while a window drives the clock goes on from where the clock is, not back to the last seat
delivered (the night never goes backwards)."""

from __future__ import annotations

from datetime import datetime, timedelta

from helpers.cli import run
from helpers.rehearsal import build

from resultsdesk.cli import rehearse
from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.rehearsal_feed import delivered_after
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow


def _window(qtbot, db, user: str = "alice") -> MainWindow:
    application()
    win = MainWindow(db, user=user)
    qtbot.addWidget(win)
    win.show()
    return win


def _state(win: MainWindow) -> rh.RehearsalState:
    return rh.rehearsal_state(win.desk)


def test_closing_one_of_two_windows_leaves_the_clock_running(qtbot, tmp_path):
    # speed 60: 23:27 is delivered at once, 23:29 two seconds later
    db = build(tmp_path / "watch.db", speed=60)
    first, second = _window(qtbot, db), _window(qtbot, db, "bob")
    rh.start(first.desk)  # the clock started with both open (each ticks every second)
    qtbot.waitUntil(lambda: _state(second).delivered >= 1, timeout=20_000)
    first.close()
    assert _state(second).state is rh.ReplayState.RUNNING  # not stopped for bob too
    # and bob's window goes on delivering the night at its pace
    qtbot.waitUntil(lambda: _state(second).delivered >= 2, timeout=20_000)
    assert second.rehearsal_clock.text().endswith("running")
    second.close()  # the last holder: its closing stops the clock, to resume later
    with rh.open_rehearsal(db) as desk:
        assert rh.rehearsal_state(desk).state is rh.ReplayState.STOPPED


def test_rehearse_started_beside_a_driving_window_keeps_the_clock(qtbot, capsys, monkeypatch,
                                                                 tmp_path):
    db = build(tmp_path / "watch.db", speed=60)
    win = _window(qtbot, db)
    rh.start(win.desk)  # from 23:27, delivered at once; the clock reads 23:28 a second on
    first = _state(win).first
    qtbot.waitUntil(lambda: _state(win).delivered >= 1
                    and _state(win).night >= first + timedelta(minutes=1), timeout=20_000)
    before = _state(win).night
    # later than the last seat delivered: what a command taking the clock for a killed
    # driver's sets it back to
    last = datetime.fromisoformat(delivered_after(win.desk, 0)[-1].declared_at)
    assert before > last

    def ctrl_c(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(rehearse, "sleep", ctrl_c)  # the command run, then Ctrl+C
    code, out, err = run(capsys, "rehearse", "--db", db)
    assert code == 130, err
    after = _state(win)
    # the clock went on from where the window had it, not back to 23:27 (the last seat
    # delivered); and the command's Ctrl+C left it running for the window still open
    assert after.night >= before, (after.night_text, out)
    assert after.state is rh.ReplayState.RUNNING, out


def test_opening_another_file_lets_go_of_the_clock_as_closing_does(qtbot, tmp_path,
                                                                    nominations_db):
    db = build(tmp_path / "watch.db", speed=60)
    first, second = _window(qtbot, db), _window(qtbot, db, "bob")
    rh.start(first.desk)
    qtbot.waitUntil(lambda: _state(second).delivered >= 1, timeout=20_000)
    first.open_database(nominations_db)  # File > Open: another election
    assert first.db_path == nominations_db
    assert _state(second).state is rh.ReplayState.RUNNING  # bob's window still holds it
    second.open_database(nominations_db)  # the last holder goes: stopped, to resume later,
    with rh.open_rehearsal(db) as desk:  # not left running with nobody delivering
        assert rh.rehearsal_state(desk).state is rh.ReplayState.STOPPED
        assert desk.scalar("SELECT count(*) FROM rehearsal_holders") == 0
