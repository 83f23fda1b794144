"""`rehearse` killed (kill -9, a terminal closed: no stop recorded) mid practise rehearsal and
run again an hour later: README says the practise report's read-out-to-verified times count
none of the time the app (or command) was gone, "held over the gap ... from when its driver
was last seen, or when the next read-out fell due with nobody to send it". A window opening
the file holds it (`rehearsal_resume.resume_on_opening`); the command run again did not:
`rh.start` rewound the clock to the last delivery but recorded no hold, and the hour the
command was dead counted against whoever keyed the read-out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers.cli import run
from helpers.rehearsal import WALL, build
from test_practise_desk_day import OVERRIDES, Clock

import resultsdesk.desk.local_writes as local_writes
import resultsdesk.store.database as database
from resultsdesk.cli import rehearse
from resultsdesk.desk import declarations as dk
from resultsdesk.desk import practise as pr
from resultsdesk.desk import rehearsal as rh
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store

HOUGHTON = "E14000754"


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock(WALL)
    monkeypatch.setattr(local_writes, "now_iso", fake.iso)
    monkeypatch.setattr(database, "now_iso", fake.iso)
    monkeypatch.setattr(rehearse, "now", lambda: fake.now)
    monkeypatch.setattr(rehearse, "sleep", lambda s: fake(max(s, 1e-6)))
    return fake


def test_the_command_killed_and_run_again_an_hour_later_is_not_the_desk_being_slow(
        capsys, tmp_path, clock):
    db = build(tmp_path / "practise.db", mode="practise", speed=6)
    with Store(db) as desk:  # the first `rehearse` run, as it stood when it was killed
        rh.start(desk, clock())
        rh.step(desk, clock(20))  # 23:27 and 23:29 read out; 23:32 due at 50 s
        (houghton,) = [r for r in pr.readouts(desk) if r.code == HOUGHTON]
        assert pr.mark_shown(desk, HOUGHTON, clock(), user="alice")
        dk.declare(desk, HOUGHTON, Figures([line.votes for line in houghton.lines],
                                           houghton.invalid_votes),
                   user="carol", overrides=OVERRIDES)
        clock(5)
    clock(3600)  # killed; run again an hour later
    code, _, err = run(capsys, "rehearse", "--db", db, "--until", "23:30")
    assert code == 0, err
    with Store(db) as desk:
        clock(10)
        assert dk.verify(desk, HOUGHTON, user="alice",
                         votes=[line.votes for line in houghton.lines],
                         invalid=houghton.invalid_votes).verified
        (seat,) = [s for s in pr.practised_seats(desk) if s.code == HOUGHTON]
    # at most the 30 s until 23:32 fell due with nobody to send it, plus the 10 s after the
    # command came back; never the hour it was dead
    assert seat.seconds is not None and seat.seconds <= 40, seat.seconds


def test_the_command_killed_and_run_again_with_a_new_speed_goes_on_from_its_last_delivery(
        capsys, tmp_path, clock):
    """`rehearse --speed 60` run again an hour after the command was killed: the new speed
    was set first, on the clock as if it had run on all the hour the command was dead, and
    start then went on from there, not from the last delivery: every seat up to the until
    arrived in one burst, as the README says a killed process never does."""
    db = build(tmp_path / "watch.db", speed=60)
    with Store(db) as desk:  # the first run, killed after the first seat
        rh.start(desk, clock())
        assert len(rh.step(desk, clock(1)).delivered) == 1  # 23:27
    clock(3600)
    back = clock()
    code, _, err = run(capsys, "rehearse", "--db", db, "--speed", 60, "--until", "00:30")
    assert code == 0, err
    with Store(db) as desk:
        state = rh.rehearsal_state(desk, clock())
    assert state.finished and state.delivered > 5
    # 23:27 to 00:30 at a minute a second: about a minute of wall time, not a burst
    assert clock.now - back >= timedelta(seconds=55), clock.now - back
