"""Figures keyed at the desk in a rehearsal with no read-out's time to take: a recount of a
seat the feed delivered (watch mode), a seat keyed before its read-out came (practise). The
seat's declaration time was the wall time it went on air, years after the night replayed:
the Timeline drew 122,391 half hours from 2019 to the day of the rehearsal, and the table's
Declared column the wall clock's time. README: the Declared column, `majority_reached` and
the Timeline use the night's times; in a rehearsal the night's time is its clock's."""

from __future__ import annotations

from helpers import rehearsal as helper
from helpers.rehearsal import WALL, build

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.live import NightState
from resultsdesk.desk.overview import rows_of
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.store import rehearsal as rows

_watch_2019, watch_db = helper._watch_2019, helper.watch_db

NEWCASTLE_CENTRAL, ABERAVON = "E14000831", "W07000049"
OVERRIDES = ["low_turnout", "recount_range", "zero_votes"]


def _declared(desk, code: str) -> str | None:
    night = NightState(desk)
    night.refresh()
    return {r.code: r for r in rows_of(night)}[code].declared_at


def _figures(desk, position: int) -> Figures:
    seat = rows.planned_seat(desk, position)
    return Figures([r["votes"] for r in rows.planned_votes(desk, position)],
                   seat["invalid_votes"])


def _paused_at_0030(desk) -> None:
    """Every seat to 00:30 delivered, the clock held at 00:30 (whatever the wall clock)."""
    rh.jump_to(desk, "00:30", WALL)
    rh.start(desk, WALL)
    rh.step(desk, WALL)
    rh.pause(desk, WALL)


def test_a_recount_keyed_in_a_watch_rehearsal_is_declared_at_the_nights_clock(watch_db):
    with Store(watch_db) as desk:
        _paused_at_0030(desk)
        assert _declared(desk, NEWCASTLE_CENTRAL) == "2019-12-12T23:27:00+00:00"
        dk.mark_recount(desk, NEWCASTLE_CENTRAL, user="alice")
        figures = _figures(desk, 1)
        dk.declare(desk, NEWCASTLE_CENTRAL, figures, user="alice", overrides=OVERRIDES)
        assert dk.verify(desk, NEWCASTLE_CENTRAL, user="bob", votes=figures.votes,
                         invalid=figures.invalid).verified
        assert _declared(desk, NEWCASTLE_CENTRAL) == "2019-12-13T00:30:00+00:00"


def test_a_seat_keyed_before_its_readout_is_declared_at_the_nights_clock(tmp_path):
    with Store(build(tmp_path / "practise.db", mode="practise", speed=60)) as desk:
        _paused_at_0030(desk)
        aberavon = next(s["position"] for s in rows.plan(desk) if s["code"] == ABERAVON)
        figures = _figures(desk, aberavon)  # read out at 02:30: the desk keyed it early
        dk.declare(desk, ABERAVON, figures, user="alice", overrides=OVERRIDES)
        assert dk.verify(desk, ABERAVON, user="bob", votes=figures.votes,
                         invalid=figures.invalid).verified
        assert _declared(desk, ABERAVON) == "2019-12-13T00:30:00+00:00"
