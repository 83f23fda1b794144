"""The timeline of a night where one seat's time is off by years: a count keyed at the desk
declared when it was verified, by the verifying PC's clock, and a PC whose clock reset to
2000 (a flat CMOS battery) or ran a year ahead stamped its seat far off the night. The
timeline drew every half hour from the first seat to the last: 470,000 bins from 2000,
minutes and gigabytes for each picture, the JSON and the window's chart alike (the import
refuses a file's times spread over more than LONGEST_NIGHT for the same reason). The
night is the seats within LONGEST_NIGHT of each other, most of them; one off it is left
out as a seat with no time known."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from resultsdesk.domain.declaration_time import LONGEST_NIGHT
from resultsdesk.domain.timeline import DeclaredSeat, majority_reached, timeline_points

NIGHT = datetime(2024, 7, 4, 22, 0, tzinfo=UTC)


def _night(n: int = 6) -> list[DeclaredSeat]:
    return [DeclaredSeat(f"E{i}", f"Seat {i}", "Lab" if i % 2 else "Con",
                         (NIGHT + timedelta(minutes=20 * i)).isoformat()) for i in range(n)]


@pytest.mark.parametrize("off", ["2000-01-01T00:05:00+00:00", "2025-07-05T03:00:00+00:00"])
def test_a_seat_stamped_years_off_the_night_is_left_out(off):
    seats = _night()
    seats.insert(3, DeclaredSeat("W1", "Wrong clock", "Con", off))
    points = timeline_points(seats)
    assert len(points.bins) == 4  # 22:00 to 23:40: was 430,000 bins and more
    assert points.untimed == 1
    assert sum(n for _, n in points.bins) == 6
    assert points.first == NIGHT and points.last == NIGHT + timedelta(minutes=100)
    assert [n for _, n in points.totals["Con"]] == [1, 2, 3]


def test_a_night_as_long_as_the_longest_keeps_every_seat():
    seats = _night(2)
    seats.append(DeclaredSeat("E9", "Last recount", "Lab",
                              (NIGHT + LONGEST_NIGHT).isoformat()))
    points = timeline_points(seats)
    assert points.untimed == 0 and sum(n for _, n in points.bins) == 3


def test_a_seat_off_the_night_leaves_the_majority_moment_unknown():
    # The timeline counts the wrong clock's seat as untimed, so Con's running total there
    # never passes 3; the majority moment counted it first, in 2000, and put "Con majority
    # 23:20" on the line at a point where Con's own line stood one seat short of it. A
    # seat of no known time leaves the moment unknown (it could have come first).
    seats = _night()
    seats.insert(3, DeclaredSeat("W1", "Wrong clock", "Con", "2000-01-01T00:05:00+00:00"))
    assert [n for _, n in timeline_points(seats).totals["Con"]][-1] == 3
    assert majority_reached(seats, 4) is None
    assert majority_reached(_night(), 3) is not None  # (the night alone: Con's third seat)
