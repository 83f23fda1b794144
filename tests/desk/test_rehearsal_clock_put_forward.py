"""The computer's clock put forward under a running rehearsal by less than a gap's minute
(NTP correcting it by 50 s, a clock set by hand). The clock's night is its anchor's plus the
wall time since, so at 60x it leapt 50 minutes at once, and the next step delivered every
read-out in that stretch together, as if the desk had lived through them. A driver reads
its computer's monotonic clock beside the wall (`monotonic_origin`): the wall ahead of it
by more than `STEP_TOLERANCE` is the clock stepped, held over like a gap, once."""

from __future__ import annotations

from datetime import timedelta

from helpers.rehearsal import WALL, build

from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.audit_text import trail_lines
from resultsdesk.desk.rehearsal_resume import STEP_TOLERANCE, hold_over_gap
from resultsdesk.domain.replay import held_periods
from resultsdesk.store import Store
from resultsdesk.store import rehearsal as sql

RAN = WALL + timedelta(minutes=5)  # at 60x, from 23:27: read-outs to 04:27 delivered
LIVED = timedelta(seconds=1)  # the driver's next read, a second on by its monotonic clock
STEP = timedelta(seconds=50)
AFTER = RAN + LIVED + STEP  # the wall clock as it reads then


def _running(path):
    desk = Store(build(path, mode="practise", speed=60))
    rh.start(desk, WALL)
    assert rh.step(desk, RAN).state.night_text == "04:27"
    return desk


def _clock_entries(desk) -> int:
    return desk.scalar("SELECT count(*) FROM audit_log WHERE entity = 'rehearsal'")


def test_a_clock_put_forward_delivers_no_readouts_in_the_step(tmp_path):
    with _running(tmp_path / "forward.db") as desk:
        # as the stored clock reads it, 50 minutes of the night went by in the step
        assert rh.rehearsal_state(desk, AFTER).night_text == "05:18"
        held = hold_over_gap(desk, RAN, AFTER, stepped=STEP)
        assert held is not None and held.state is rh.ReplayState.RUNNING
        assert held.night_text == "04:28"  # the second lived, not the step
        # what the second lived brought (04:28), not the step's 102 read-outs to 05:16
        assert [d.clock for d in rh.step(desk, AFTER).delivered] == ["04:28"]
        # and on at the night's pace: a minute later, an hour of the night later
        assert rh.rehearsal_state(desk, AFTER + timedelta(minutes=1)).night_text == "05:28"
        # held from where the wall would have been to where it is: the practise report
        # counts none of the step as the desk's time
        assert held_periods(sql.clock_actions(desk))[-1] == (RAN + LIVED, AFTER)


def test_a_normal_tick_is_untouched(tmp_path):
    with _running(tmp_path / "tick.db") as desk:
        entries = _clock_entries(desk)
        assert hold_over_gap(desk, RAN, RAN + LIVED, stepped=timedelta(0)) is None
        assert hold_over_gap(desk, RAN, RAN + LIVED, stepped=timedelta(milliseconds=3)) is None
        assert _clock_entries(desk) == entries
        assert rh.rehearsal_state(desk, RAN + LIVED).night_text == "04:28"


def test_a_step_within_the_tolerance_is_untouched(tmp_path):
    with _running(tmp_path / "small.db") as desk:
        entries = _clock_entries(desk)
        small = STEP_TOLERANCE - timedelta(milliseconds=500)
        assert hold_over_gap(desk, RAN, RAN + LIVED + small, stepped=small) is None
        assert _clock_entries(desk) == entries


def test_two_drivers_on_the_computer_hold_it_once(tmp_path):
    """A window and the command on the one computer both see its clock step: the first
    holds the clock, the second finds it set since the step (`hold_over_gap`'s rule)."""
    path = tmp_path / "two.db"
    with _running(path) as window, Store(path) as command:
        entries = _clock_entries(window)
        assert hold_over_gap(window, RAN, AFTER, stepped=STEP) is not None
        # the command's own reads: a little earlier and later than the window's
        later = AFTER + timedelta(milliseconds=400)
        assert hold_over_gap(command, RAN - timedelta(milliseconds=300), later,
                             stepped=STEP) is None
        assert _clock_entries(window) == entries + 2  # one pair: paused, running
        assert rh.rehearsal_state(command, later).night_text == "04:28"


def test_a_driver_on_another_computer_keeps_it_running(tmp_path):
    """Another computer drives the clock, its wall clock not stepped: this one's step was
    its own (most likely NTP bringing it into line), not a night run on without the desk."""
    with _running(tmp_path / "team.db") as desk:
        with desk.write():
            sql.add_holder(desk, "window", "bob", (AFTER - LIVED).isoformat(),
                           "desk-2", 4242)
        entries = _clock_entries(desk)
        assert hold_over_gap(desk, RAN, AFTER, stepped=STEP) is None
        assert _clock_entries(desk) == entries


def test_a_clock_put_forward_is_said_in_the_history(tmp_path):
    with _running(tmp_path / "said.db") as desk:
        hold_over_gap(desk, RAN, AFTER, stepped=STEP)
        said = [line.text for line in trail_lines(desk)][-2:]
        assert said == ["the computer's clock was put forward 50 seconds: rehearsal's "
                        "ResultsDesk held the rehearsal's clock at 04:28 over it",
                        "rehearsal ran the rehearsal's clock from 04:28"], said
