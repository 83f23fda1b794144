"""`rehearse` run again on a rehearsal with several changes at once (`--speed`, `--until`,
`--start`): one refused leaves the rehearsal as it was, not half changed."""

from __future__ import annotations

import pytest
from helpers.cli import refused, run
from test_cli_rehearse import FakeClock

from resultsdesk.desk import rehearsal as rh


@pytest.fixture
def db(capsys, monkeypatch, tmp_path):
    """The 2019 night delivered up to 01:00, finished there."""
    FakeClock(monkeypatch)
    db = tmp_path / "r.db"
    assert run(capsys, "rehearse", "--db", db, "--speed", 3600, "--until", "01:00")[0] == 0
    return db


def _clock(db) -> tuple:
    with rh.open_rehearsal(db) as desk:
        state = rh.rehearsal_state(desk)
        entries = desk.scalar("SELECT count(*) FROM audit_log")
    return state.state, state.speed, state.until, state.night, state.delivered, entries


@pytest.mark.parametrize("argv, fragment", [
    (["--speed", 7, "--until", "06:00", "--start", "00:30"], "cannot go back to 00:30"),
    (["--speed", 7, "--until", "00:30"], "cannot deliver only until 00:30"),
    (["--speed", 7, "--until", "02:00", "--start", "03:00"],
     "until 02:00 is before the start 03:00"),
    (["--start", "17:26"], "is after the night's last declaration"),  # would finish it
])
def test_a_refused_change_leaves_the_rehearsal_as_it_was(capsys, db, argv, fragment):
    before = _clock(db)
    assert before[0] is rh.ReplayState.FINISHED
    refused(run(capsys, "rehearse", "--db", db, *argv), fragment)
    assert _clock(db) == before  # no new speed, no new until, not paused: nothing written


def test_changes_all_allowed_are_made(capsys, db):
    code, out, _ = run(capsys, "rehearse", "--db", db, "--speed", 100000, "--until", "03:00",
                       "--start", "02:00")
    assert code == 0, out
    state, speed, until, night, _, _ = _clock(db)
    assert (state, speed) == (rh.ReplayState.FINISHED, 100000)
    assert (until.strftime("%H:%M"), night.strftime("%H:%M")) == ("03:00", "03:00")
