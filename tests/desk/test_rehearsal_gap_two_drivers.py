"""Two drivers of one rehearsal (two windows, or a window and the `rehearse` command, each
its own connection to the file) back together after the same quiet gap: a laptop woken with
both on it. Each found the clock undriven over the gap and held it: the second held it again
over the first one's hold, two audit pairs where one should be, and when it woke a moment
after the first, the clock lost that moment (at 60x, a second asleep was a minute of the
night gone). README: the hold over a gap is taken once, by whichever driver wakes first."""

from __future__ import annotations

from datetime import timedelta

from helpers import rehearsal as helper
from helpers.rehearsal import WALL

from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk import rehearsal_holders as holders
from resultsdesk.desk.rehearsal_resume import hold_over_gap
from resultsdesk.store import Store

_watch_2019, watch_db = helper._watch_2019, helper.watch_db
BACK = WALL + timedelta(minutes=7)  # both asleep seven minutes; St Ives due 18 s ago


def _two_drivers_at_arundel(path) -> tuple[Store, Store]:
    """Every seat to Arundel (08:09) delivered at 60x, the clock at 08:10, held by a window
    and the command, each with its own connection, both last seen at WALL."""
    window, command = Store(path), Store(path)
    rh.set_speed(window, 60, WALL)
    rh.jump_to(window, "08:10", WALL)
    rh.start(window, WALL)
    assert len(rh.step(window, WALL).delivered) == 649
    holders.hold(window, "window", "alice", WALL)
    holders.hold(command, "command", "bob", WALL)
    return window, command


def _gap_holds(desk: Store) -> int:
    """Audit entries of holds over a gap (upkeep's, which say what wall time they are as of)."""
    return desk.scalar("SELECT count(*) FROM audit_log WHERE action IN "
                       "('rehearsal paused', 'rehearsal running') AND details LIKE '%as_of%'")


def test_two_drivers_waking_together_hold_the_clock_once(watch_db):
    window, command = _two_drivers_at_arundel(watch_db)
    with window, command:
        held = hold_over_gap(window, WALL, BACK)
        assert held is not None and held.night_text == "08:10"
        assert hold_over_gap(command, WALL, BACK) is None  # the window's hold is seen
        assert _gap_holds(window) == 2  # one pair: paused as of WALL, running at BACK
        assert rh.step(command, BACK).delivered == ()
        assert rh.step(window, BACK).delivered == ()  # St Ives at its pace
        assert rh.rehearsal_state(window, BACK).night_text == "08:10"


def test_the_second_driver_waking_a_moment_later_loses_no_night(watch_db):
    window, command = _two_drivers_at_arundel(watch_db)
    with window, command:
        hold_over_gap(window, WALL, BACK)
        later = BACK + timedelta(seconds=1)  # before the window's next beat
        assert hold_over_gap(command, WALL, later) is None
        assert _gap_holds(window) == 2
        state = rh.rehearsal_state(command, later)
        assert state.night_text == "08:11"  # a second at 60x: not held back at 08:10
        assert state.next_due_wall - BACK == timedelta(minutes=6, seconds=42)
