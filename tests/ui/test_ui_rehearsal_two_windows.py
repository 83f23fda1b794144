"""Two windows open on one rehearsal (two desks, or an editor's and a desk account's), and
the `rehearse` command beside a window: the clock keeps running while any of them still
holds it. Closing one window hands the clock to the others rather than stopping it for
all of them (only the last holder's closing stops it, to resume later); a command started
while a window drives the clock goes on from where the clock is, not back to the last seat
delivered (the night never goes backwards)."""

from __future__ import annotations

from datetime import timedelta

from helpers.cli import run
from helpers.rehearsal import build

from resultsdesk.cli import rehearse
from resultsdesk.desk import rehearsal as rh
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
    with rh.open_rehearsal(db) as desk:
        rh.start(desk)
    first, second = _window(qtbot, db), _window(qtbot, db, "bob")
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
    with rh.open_rehearsal(db) as desk:
        rh.start(desk)  # from 23:27, delivered at once; the clock reads 23:28 a second on
    win = _window(qtbot, db)
    first = _state(win).first
    qtbot.waitUntil(lambda: _state(win).delivered == 1
                    and _state(win).night >= first + timedelta(minutes=1), timeout=20_000)
    before = _state(win).night

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
