"""A night several days long on the Timeline (a poll postponed a few days, within the 7 days
the Timeline still draws): its time axis labelled every 12 hours at most, eight to fourteen
"Sat 00:00"s and "12:00"s ran into each other on the rehearsal's dock, where the README
promises a narrow dock fewer labels, not a smear. A day apart, or two, they fit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpers.chart_nights import draw
from helpers.texts import layout_problems

from resultsdesk.charts import TimelineChart
from resultsdesk.charts.story_data import TimelineData, TimelineParty
from resultsdesk.charts.timeline import clock_ticks
from resultsdesk.domain.timeline import DeclaredSeat, timeline_points

NIGHT = datetime(2024, 7, 4, 21, 0, tzinfo=UTC)


def _chart(days: int) -> TimelineChart:
    times = (NIGHT, NIGHT + timedelta(hours=13), NIGHT + timedelta(days=days))
    seats = [DeclaredSeat(f"E{i}", f"Seat {i}", "Lab", t.isoformat())
             for i, t in enumerate(times)]
    points = timeline_points(seats)
    chart = TimelineChart()
    chart.update(TimelineData(bins=points.bins, parties=(TimelineParty(
        "Lab", "Labour", "#d50000", points.totals["Lab"]),), seats_total=650,
        majority_line=326, declared=len(seats), subtitle="GE2024"))
    return chart


@pytest.mark.parametrize("days", [2, 4, 6])
@pytest.mark.parametrize("size", [(470, 381), (1366, 768)])
def test_a_night_of_days_is_labelled_without_a_smear(days, size):
    chart = _chart(days)
    renderer = draw(chart, size)
    labels = [t for t in chart.bars_ax.get_xticklabels() if t.get_text()]
    assert len(labels) >= 2
    problems = [p for p in layout_problems(chart.figure, renderer)
                if any(repr(t.get_text()) in p for t in labels)]
    assert not problems, problems


def test_no_more_than_twelve_labels_however_long_the_night():
    assert 7 * 24 / clock_ticks(7 * 24, most=12) <= 12
    assert 4 * 24 / clock_ticks(4 * 24, most=3) <= 3
