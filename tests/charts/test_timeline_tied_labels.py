"""The timeline's end labels of parties level on seats read in the order every graphic ranks
them (seats, then votes: the order of `TimelineData.parties`), top to bottom. Early in a
night most parties stand level on one seat: on the 2019 rehearsal at 02:00 the labels read
"PC 1, Spk 1, APNI 1, DUP 1" down the side, the reverse of the seats chart's, the summary's
and the chamber's key "DUP 1, APNI 1, Spk 1, PC 1"; at 05:30 "APNI 1" stood over "Green 1"
(Green has the most votes)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from helpers.chart_nights import DOCK, draw

from resultsdesk.charts import TimelineChart
from resultsdesk.charts.export import at_size
from resultsdesk.charts.story_data import TimelineData, TimelineParty
from resultsdesk.charts.theme import BROADCAST, LIGHT

UK = ZoneInfo("Europe/London")
START = datetime(2019, 12, 12, 23, 0, tzinfo=UK)
# Most seats first, then most votes: as `NightState.timeline_data` hands them over
RANKED = [("Lab", "#d50000", 3), ("DUP", "#d46a4c", 1), ("APNI", "#cdaf2d", 1),
          ("Spk", "#3c3c3c", 1), ("PC", "#348837", 1)]


def _data() -> TimelineData:
    parties = []
    for i, (party, colour, seats) in enumerate(RANKED):
        points = tuple((START + timedelta(minutes=20 + 10 * i + 5 * k), k + 1)
                       for k in range(seats))
        parties.append(TimelineParty(party, party, colour, points))
    declared = sum(seats for _, _, seats in RANKED)
    return TimelineData(bins=((START, 2), (START + timedelta(minutes=30), declared - 2)),
                        parties=tuple(parties), seats_total=650, majority_line=326,
                        declared=declared)


def _top_to_bottom(chart, renderer) -> list[str]:
    shown = [t for t in chart.end_labels if t.get_visible() and t.get_text()]
    shown.sort(key=lambda t: -t.get_window_extent(renderer).y0)
    return [t.get_text() for t in shown]


@pytest.mark.parametrize("theme", [LIGHT, BROADCAST])
def test_labels_of_parties_level_on_seats_read_in_rank_order(theme):
    chart = TimelineChart(theme=theme)
    chart.update(_data())
    with at_size(chart, (1920, 1080)):
        chart.figure.canvas.draw()
        order = _top_to_bottom(chart, chart.figure.canvas.get_renderer())
    assert order == [f"{p} {n}" for p, _, n in RANKED]


def test_labels_in_rank_order_on_a_dock_too():
    chart = TimelineChart()
    chart.update(_data())
    renderer = draw(chart, DOCK)
    assert _top_to_bottom(chart, renderer) == [f"{p} {n}" for p, _, n in RANKED]
