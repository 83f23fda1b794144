"""Two candidates' long names that differ only near their end ("Bartholomew-
Featherstonehaugh-…-Alpha" and "…-Omega", as a doctored or careless nominations file can
give): each was cut short at its end with an ellipsis, and the card showed two rows with the
same name, so a viewer could not tell which had polled what. Cut short, names that would
read the same keep the part that tells them apart."""

from __future__ import annotations

import pytest
from helpers.texts import layout_problems
from matplotlib.backends.backend_agg import FigureCanvasAgg

from resultsdesk.charts import ResultCardChart
from resultsdesk.charts.data import CardCandidate, ResultCardData
from resultsdesk.charts.export import at_size
from resultsdesk.charts.theme import THEMES

STEM = "Bartholomew-" + "Featherstonehaugh-" * 15


def card(names: tuple[str, ...]) -> ResultCardData:
    rows = [CardCandidate("Ann Winner", "Lab", "Labour", "#d50000", 20_000, 60.0, None,
                          elected=True)]
    rows += [CardCandidate(n, p, pn, c, v, s, None)
             for n, p, pn, c, v, s in zip(
                 names, ("LD", "Green", "Con"), ("Liberal Democrat", "Green", "Conservative"),
                 ("#faa61a", "#02a95b", "#0063ba"), (7_000, 4_000, 2_000),
                 (21.0, 12.0, 7.0), strict=False)]
    return ResultCardData("Somewhere", tuple(rows), "Lab hold", "#d50000", 13_000, 39.0,
                          declared=650, seats_total=650)


@pytest.mark.parametrize("size", ["hd", "square", "vertical", (640, 360)])
@pytest.mark.parametrize("names", [
    (STEM + "Alpha Smith", STEM + "Omega Smith"),
    (STEM + "Alpha Smith", STEM + "Omega Smith", STEM + "Alphb Smith"),
    ("Jo " + "Long" * 60 + " Smith", "Jo " + "Long" * 60 + " Smyth"),
])
def test_long_names_cut_short_still_read_apart(size, names):
    chart = ResultCardChart(theme=THEMES["light"])
    chart.update(card(names))
    with at_size(chart, size):
        canvas = FigureCanvasAgg(chart.figure)
        canvas.draw()
        shown = [t.get_text() for t in chart.names if t.get_visible()]
        long_shown = [s for s in shown if s != "Ann Winner"]
        assert len(long_shown) == len(names), shown
        assert len(set(long_shown)) == len(long_shown), long_shown  # told apart
        assert layout_problems(chart.figure, canvas.get_renderer()) == []  # over nothing
