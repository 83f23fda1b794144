"""The practise report over a lost driver: a laptop asleep mid-rehearsal, or the app killed
and opened again later. The clock is held over the gap (`desk.rehearsal_resume`), and the
report's read-out-to-verified times count none of it against the desk, as they count no
pause and no stop (README: "counting only while the clock ran")."""

from __future__ import annotations

import pytest
from helpers.rehearsal import WALL, build
from test_practise_desk_day import OVERRIDES, Clock

import resultsdesk.desk.local_writes as local_writes
import resultsdesk.store.database as database
from resultsdesk.desk import declarations as dk
from resultsdesk.desk import practise as pr
from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.rehearsal_resume import hold_over_gap, resume_on_opening
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store

NEWCASTLE_CENTRAL, HOUGHTON = "E14000831", "E14000754"


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock(WALL)
    monkeypatch.setattr(local_writes, "now_iso", fake.iso)
    monkeypatch.setattr(database, "now_iso", fake.iso)
    return fake


@pytest.fixture
def desk(tmp_path, clock):
    # speed 6: the night's next read-outs (23:32, 23:38, ...) come every half minute or so
    with Store(build(tmp_path / "practise.db", mode="practise", speed=6)) as desk:
        yield desk


def _readouts(desk, clock: Clock) -> dict[str, pr.Readout]:
    rh.start(desk, clock(), user="bob")
    rh.step(desk, clock(20))  # 23:27 and 23:29 read out
    readouts = {r.code: r for r in pr.readouts(desk)}
    for code in (NEWCASTLE_CENTRAL, HOUGHTON):
        assert pr.mark_shown(desk, code, clock(), user="alice")
    return readouts


def _key(desk, readout: pr.Readout, user: str) -> None:
    dk.declare(desk, readout.code, Figures([line.votes for line in readout.lines],
                                           readout.invalid_votes),
               user=user, overrides=OVERRIDES)


def _rekey(desk, readout: pr.Readout, user: str) -> None:
    assert dk.verify(desk, readout.code, user=user,
                     votes=[line.votes for line in readout.lines],
                     invalid=readout.invalid_votes).verified


def test_a_laptop_asleep_an_hour_is_not_the_desk_being_slow(desk, clock):
    readouts = _readouts(desk, clock)
    clock(30)
    _key(desk, readouts[NEWCASTLE_CENTRAL], "alice")
    last_seen = clock(10)  # the lid closed: 40 s after the read-out was shown
    back = clock(3600)
    held = hold_over_gap(desk, last_seen, back, user="bob")
    assert held is not None and held.state is rh.ReplayState.RUNNING
    rh.step(desk, clock(5))
    clock(15)
    _rekey(desk, readouts[NEWCASTLE_CENTRAL], "bob")  # 40 + 20 s of the clock running
    seats = {s.code: s for s in pr.practised_seats(desk)}
    assert seats[NEWCASTLE_CENTRAL].seconds == 60
    people = {p.person: p for p in pr.practise_report_rows(desk)}
    assert people["alice"].mean_seconds == 60


def test_the_app_killed_and_opened_an_hour_later_is_not_the_desk_being_slow(desk, clock):
    readouts = _readouts(desk, clock)  # shown 20 s after the start; 23:32 due at 50 s
    clock(5)
    _key(desk, readouts[HOUGHTON], "carol")
    killed = rh.rehearsal_state(desk, clock(2))  # killed: no stop recorded
    assert killed.state is rh.ReplayState.RUNNING
    assert (killed.next_due_wall - WALL).total_seconds() == 50
    opened = clock(3600)  # opened again an hour later, by whoever is at the desk
    resumed = resume_on_opening(desk, opened, user="alice")
    assert (resumed.state, resumed.night_text) == (rh.ReplayState.RUNNING, "23:29")
    rh.step(desk, clock(10))
    _rekey(desk, readouts[HOUGHTON], "alice")
    # 30 s up to when 23:32 fell due and no driver was left to send it (held from then:
    # when the app died before that is not known), and 10 s after opening; not the hour
    (houghton,) = [s for s in pr.practised_seats(desk) if s.code == HOUGHTON]
    assert houghton.seconds == 40
    people = {p.person: p for p in pr.practise_report_rows(desk)}
    assert people["carol"].mean_seconds == 40
