"""A driver back after a gap (a laptop asleep, a window frozen) in a quiet part of the night:
nothing fell due for over a minute of the gap, so nothing is "abandoned" (overdue), yet
nobody drove the clock meanwhile. It was not held: the clock ran on through the gap (at 60x,
seven minutes asleep after Arundel at 08:09 took it from 08:10 to 14:52) and St Ives was
delivered at once on waking. README: on waking the clock is held over the gap, with nobody
delivering meanwhile, and goes on at the night's pace."""

from __future__ import annotations

from datetime import timedelta

from helpers import rehearsal as helper
from helpers.rehearsal import WALL

from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk import rehearsal_holders as holders
from resultsdesk.desk.rehearsal_resume import hold_over_gap
from resultsdesk.store import Store

_watch_2019, watch_db = helper._watch_2019, helper.watch_db

def _at_arundel(desk) -> None:
    """Every seat to Arundel (08:09) delivered, at 60x, the clock at 08:10: St Ives
    (14:52) is 6 min 42 s of wall time away."""
    rh.set_speed(desk, 60, WALL)
    rh.jump_to(desk, "08:10", WALL)
    rh.start(desk, WALL)
    assert len(rh.step(desk, WALL).delivered) == 649


def test_a_gap_in_a_quiet_part_of_the_night_is_held_over(watch_db):
    with Store(watch_db) as desk:
        _at_arundel(desk)
        back = WALL + timedelta(minutes=7)  # asleep seven minutes; St Ives due 18 s ago
        held = hold_over_gap(desk, WALL, back)
        assert held is not None and held.state is rh.ReplayState.RUNNING
        assert held.night_text == "08:10"  # where it was left, not 15:10
        result = rh.step(desk, back)
        assert result.delivered == () and not result.finished  # St Ives at its pace
        assert result.next_due_wall - back == timedelta(minutes=6, seconds=42)


def test_a_gap_with_nothing_due_is_held_over_too(watch_db):
    with Store(watch_db) as desk:
        _at_arundel(desk)
        back = WALL + timedelta(minutes=2)  # nothing falls due: the clock still jumped
        assert hold_over_gap(desk, WALL, back).night_text == "08:10"  # not 10:10


def test_a_gap_another_driver_held_the_clock_through_is_left_as_it_is(watch_db):
    """Another window beat all the while (nothing fell due for it to deliver): the clock
    ran for everyone, and stays as it is."""
    with Store(watch_db) as desk:
        _at_arundel(desk)
        other = holders.hold(desk, "window", "bob", WALL)
        back = WALL + timedelta(minutes=2)
        holders.beat(desk, other, back - timedelta(seconds=10))
        assert hold_over_gap(desk, WALL, back) is None
        assert rh.rehearsal_state(desk, back).night_text == "10:10"
