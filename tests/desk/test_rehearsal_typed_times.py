"""A date and time typed for a rehearsal's clock (Jump to, Deliver until, `--start`) must be on
the night replayed. A year or month mistyped ("2019-11-13T05:00" for the 13th of December)
set the clock weeks before the first seat: it showed "05:00 · running ×60" and delivered
nothing for twelve hours of wall time (a year 1019 set it centuries back, on the zone's
pre-1847 offset); an until there finished the rehearsal with nothing delivered; a jump to
2091 delivered all 650 seats at once, which the clock can never take back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers.rehearsal import WALL, build

from resultsdesk.desk import rehearsal as rh
from resultsdesk.domain.declaration_time import moment
from resultsdesk.domain.replay import night_time
from resultsdesk.store import Store

FIRST = moment("2019-12-12T23:27:00+00:00")
LAST = moment("2019-12-13T14:52:00+00:00")
OFF_THE_NIGHT = ("2019-11-13T05:00", "1019-12-13T05:00", "2091-12-13T05:00",
                 "2019-12-11T12:00", "2019-12-14T12:00")


@pytest.mark.parametrize("typed", OFF_THE_NIGHT)
def test_a_date_off_the_night_is_refused(typed):
    with pytest.raises(ValueError, match="not on the night replayed, whose declarations run "
                                         "from 12/12/2019 23:27 to 13/12/2019 14:52"):
        night_time(typed, FIRST, LAST)


def test_dates_on_the_night_and_bare_times_are_taken():
    assert night_time("2019-12-13T05:00", FIRST, LAST).isoformat() == \
        "2019-12-13T05:00:00+00:00"
    assert night_time("2019-12-12T17:27", FIRST, LAST) == FIRST - timedelta(hours=6)
    assert night_time("2019-12-13T20:52", FIRST, LAST) == LAST + timedelta(hours=6)
    assert night_time("18:00", FIRST, LAST).isoformat() == "2019-12-12T18:00:00+00:00"


@pytest.fixture
def running(tmp_path):
    with Store(build(tmp_path / "r.db", speed=60)) as desk:
        rh.start(desk, WALL)
        yield desk


@pytest.mark.parametrize("typed", OFF_THE_NIGHT)
def test_the_clock_is_not_set_off_the_night(running, typed):
    before = rh.rehearsal_state(running, WALL)
    for change in (rh.jump_to, rh.set_until):
        with pytest.raises(rh.RehearsalRefusal, match="not on the night replayed"):
            change(running, typed, WALL)
    after = rh.rehearsal_state(running, WALL)
    assert (after.night, after.until, after.state) == (before.night, before.until,
                                                       before.state)
    assert rh.step(running, WALL).delivered[0].clock == "23:27"  # nothing at once, nor lost


# Nights a clock change falls on (no general election has: a by-election or a council's
# might). The spring one's first seat 03:00 BST on 31 March 2024, the autumn one's 00:30 BST
# on 27 October 2024.
SPRING = (moment("2024-03-31T03:00:00+01:00"), moment("2024-03-31T08:00:00+01:00"))
AUTUMN = (moment("2024-10-27T00:30:00+01:00"), moment("2024-10-27T08:00:00+00:00"))


@pytest.mark.parametrize("typed", ["01:30", "01:00", "2024-03-31T01:59"])
def test_a_time_the_clock_skipped_is_refused(typed):
    """01:30 on the night the clocks went forward never showed: taken as GMT it set the
    clock to 02:30 BST, an hour on from what the desk typed."""
    with pytest.raises(ValueError, match="is a time the UK clock skipped"):
        night_time(typed, *SPRING)


def test_times_around_the_spring_gap_are_taken():
    assert night_time("00:59", *SPRING).isoformat() == "2024-03-31T00:59:00+00:00"
    assert night_time("02:00", *SPRING).isoformat() == "2024-03-31T02:00:00+01:00"
    assert night_time("2024-03-31T01:30+00:00", *SPRING).isoformat() == \
        "2024-03-31T01:30:00+00:00"  # with its offset: that moment, 02:30 BST


def test_a_date_and_time_the_clock_showed_twice_needs_its_offset():
    with pytest.raises(ValueError, match=r"happened twice on the UK clock .*: give it with "
                                         r"its offset, as 2024-10-27T01:30\+01:00 \(BST\)"):
        night_time("2024-10-27T01:30", *AUTUMN)
    assert night_time("2024-10-27T01:30+00:00", *AUTUMN).isoformat() == \
        "2024-10-27T01:30:00+00:00"


def test_a_bare_time_the_clock_showed_twice_is_its_first_showing():
    """HH:MM is "the first 01:30 from the evening before": BST, the one shown first."""
    assert night_time("01:30", *AUTUMN).isoformat() == "2024-10-27T01:30:00+01:00"
    assert night_time("02:30", *AUTUMN).isoformat() == "2024-10-27T02:30:00+00:00"


def test_a_date_and_time_as_the_desk_writes_them_is_taken(running):
    """The refusal above names the night as "12/12/2019 23:27 to 13/12/2019 14:52"; typed
    back in that form into Jump to (or `--start`, `--until`) it was refused as "neither
    HH:MM nor a date and time"."""
    assert night_time("13/12/2019 05:00", FIRST, LAST) == night_time("2019-12-13T05:00",
                                                                      FIRST, LAST)
    assert night_time("13/12/2019 14:52", FIRST, LAST) == LAST
    with pytest.raises(ValueError, match="not on the night replayed"):
        night_time("13/11/2019 05:00", FIRST, LAST)
    with pytest.raises(ValueError, match="neither HH:MM nor a date and time"):
        night_time("31/02/2019 05:00", FIRST, LAST)
    assert rh.jump_to(running, "13/12/2019 01:00", WALL).night_text == "01:00"
