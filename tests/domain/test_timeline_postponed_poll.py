"""A poll postponed (a candidate died: Thirsk and Malton, 2010, declared on 27 May, three
weeks after the night) is declared weeks after every other seat. Its time is true, and
later than the night, so it cannot have come before the moment a party crossed the
majority line on the night: that moment, on air since, stays. Only a seat stamped
*before* the night (a PC's clock reset to 2000) could have come first and leaves it
unknown (`test_timeline_wrong_clock`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from resultsdesk.domain.timeline import DeclaredSeat, majority_reached, timeline_points

NIGHT = datetime(2024, 7, 4, 22, 0, tzinfo=UTC)


def _night(n: int = 6) -> list[DeclaredSeat]:
    return [DeclaredSeat(f"E{i}", f"Seat {i}", "Lab" if i % 2 else "Con",
                         (NIGHT + timedelta(minutes=20 * i)).isoformat()) for i in range(n)]


def _postponed(winner: str) -> DeclaredSeat:
    return DeclaredSeat("E9", "Postponed poll", winner, (NIGHT + timedelta(days=21)).isoformat())


def test_a_postponed_poll_declared_weeks_later_keeps_the_nights_majority_moment():
    on_the_night = majority_reached(_night(), 3)
    assert on_the_night is not None and on_the_night.party == "Con"
    seats = [*_night(), _postponed("Con")]
    assert majority_reached(seats, 3) == on_the_night  # was None: "Con majority reached"
    # the Timeline, which leaves the late seat out, crosses the line at that same seat
    assert [n for _, n in timeline_points(seats).totals["Con"]] == [1, 2, 3]


def test_a_majority_completed_only_by_the_postponed_poll_has_no_moment_on_the_night():
    # The Timeline never reaches the line (the seat is off it): no moment drawn there.
    seats = [*_night(), _postponed("Con")]
    assert majority_reached(seats, 4) is None


def test_a_seat_stamped_before_the_night_still_leaves_the_moment_unknown():
    seats = [*_night(), DeclaredSeat("W1", "Wrong clock", "Con", "2000-01-01T00:05:00+00:00")]
    assert majority_reached(seats, 3) is None
