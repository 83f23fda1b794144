"""The Timeline's words for a seat it leaves out. A poll postponed (a candidate died:
Thirsk and Malton, 2010, declared three weeks after the night) has a declaration time,
weeks off the night, so the Timeline leaves it out as it leaves out a seat of no known
time; its subtitle said "1 seats without a declaration time not shown", false of that
seat (and "1 seats"), and a screen reader heard the same."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from helpers.texts import strings_drawn

from resultsdesk.charts import TimelineChart
from resultsdesk.charts.describe import describe
from resultsdesk.charts.story_data import TimelineData, TimelineParty
from resultsdesk.domain.timeline import DeclaredSeat, timeline_points

NIGHT = datetime(2024, 7, 4, 22, 0, tzinfo=UTC)


def _data(late: int) -> TimelineData:
    seats = [DeclaredSeat(f"E{i}", f"Seat {i}", "Lab", (NIGHT + timedelta(minutes=20 * i))
                          .isoformat()) for i in range(4)]
    seats += [DeclaredSeat(f"L{i}", "Postponed poll", "Con",
                           (NIGHT + timedelta(days=21, minutes=i)).isoformat())
              for i in range(late)]
    points = timeline_points(seats)
    return TimelineData(bins=points.bins,
                        parties=(TimelineParty("Lab", "Labour", "#d50000",
                                               points.totals["Lab"]),),
                        seats_total=650, majority_line=326, declared=len(seats),
                        untimed=points.untimed, subtitle="GE2024")


def test_a_seat_declared_weeks_after_the_night_is_not_said_to_have_no_time():
    chart = TimelineChart()
    chart.update(_data(1))
    drawn = strings_drawn(chart)
    assert "GE2024 \u00b7 1 seat with no time on the night not shown" in drawn
    assert not any("without a declaration time" in s for s in drawn)
    assert describe(_data(1)).endswith(". 1 seat with no time on the night.")


def test_more_than_one_is_counted_in_the_plural():
    chart = TimelineChart()
    chart.update(_data(2))
    assert "GE2024 \u00b7 2 seats with no time on the night not shown" in strings_drawn(chart)


def test_a_night_over_a_day_long_names_the_day_on_its_time_axis():
    # Thirsk and Malton-like: the night from 23:00 on Thursday, one seat at 14:00 on
    # Saturday. Labels read "00:00 … 12:00 … 00:00 … 12:00", which day's not said.
    seats = [DeclaredSeat("E0", "First", "Lab", "2024-07-04T22:00:00+00:00"),
             DeclaredSeat("E1", "Second", "Lab", "2024-07-05T04:00:00+00:00"),
             DeclaredSeat("E2", "Late", "Lab", "2024-07-06T13:00:00+00:00")]
    points = timeline_points(seats)
    chart = TimelineChart()
    chart.update(TimelineData(bins=points.bins, parties=(TimelineParty(
        "Lab", "Labour", "#d50000", points.totals["Lab"]),), seats_total=650,
        majority_line=326, declared=3, subtitle="GE2024"))
    strings_drawn(chart)  # laid out at a screen's size
    labels = [t.get_text() for t in chart.bars_ax.get_xticklabels()]
    # which day each clock time is on: its day named at the first label and at each new one
    assert labels[0] == "Fri 00:00" and "Sat 00:00" in labels, labels
    since_day: set[str] = set()
    for text in labels:
        if " " in text:
            since_day = set()
        assert text not in since_day, labels  # a clock time twice within one named day
        since_day.add(text)
