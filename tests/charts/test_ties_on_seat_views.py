"""A verified seat tied at the top, awaiting the lot, is declared and nobody's: the seat
chart and the national picture counted it ("306 of 650 declared") with bars adding up to
305 and no word of why; only the chamber keyed "Tie 1". They now say it beside the count,
and their data says it for the feed."""

from __future__ import annotations

from helpers.texts import strings_drawn

from resultsdesk.charts import SeatChart, SummaryChart
from resultsdesk.charts.data import PartyBar, SeatChartData, SummaryData, SummaryParty

LAB, SNP = "#e4003b", "#fdf38e"
BARS = (PartyBar("Lab", "Labour", LAB, 2), PartyBar("SNP", "SNP", SNP, 1))


def test_the_seat_chart_says_the_tie_its_count_holds():
    data = SeatChartData(BARS, 6, 4, 4, ties=1)
    chart = SeatChart()
    chart.update(data)
    said = " ".join(strings_drawn(chart))
    assert "4 of 6 declared (1 tied, awaiting the lot)" in said
    assert sum(b.seats for b in data.drawn()) + data.to_json()["ties"] == data.declared


def test_no_tie_no_words():
    chart = SeatChart()
    chart.update(SeatChartData(BARS, 6, 4, 3))
    assert "tied" not in " ".join(strings_drawn(chart))


def test_the_national_picture_says_the_tie_beside_its_count():
    parties = (SummaryParty("Lab", "Labour", LAB, 2, None, 60.0, None),
               SummaryParty("SNP", "SNP", SNP, 1, None, 40.0, None))
    data = SummaryData(parties, 4, 6, 4, provisional=1, ties=1)
    chart = SummaryChart()
    chart.update(data)
    said = strings_drawn(chart)
    assert "4 of 6" in said
    assert "1 tied, awaiting the lot \u00b7 + 1 provisional" in said
    assert data.to_json()["ties"] == 1
