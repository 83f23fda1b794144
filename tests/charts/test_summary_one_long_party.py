"""One party's name too long for any picture (a doctored or careless nominations file gave a
280-character one) hid every party's name in the national summary's table: the table hides
its names column when a name would be cut short (the chips name every party), so one name
took all the others with it. Now only that name goes (its chip names it); a column merely
too narrow for ordinary names is hidden whole, as before."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from resultsdesk.charts import SummaryChart
from resultsdesk.charts.data import SummaryData, SummaryParty
from resultsdesk.charts.export import at_size
from resultsdesk.charts.textfit import ELLIPSIS
from resultsdesk.charts.theme import THEMES

LONG = "Party " + "Long" * 70


def summary(long_name: str) -> SummaryData:
    parties = (SummaryParty("Lab", "Labour", "#d50000", 400, share=34.0),
               SummaryParty("Con", "Conservative", "#0063ba", 121, share=24.0),
               SummaryParty("LD", "Liberal Democrat", "#faa61a", 72, share=12.0),
               SummaryParty("X", long_name, "#777777", 1, share=0.2))
    return SummaryData(parties, declared=650, seats_total=650, majority_line=326)


@pytest.mark.parametrize("size", ["hd", "square", "vertical"])
def test_one_long_party_name_leaves_the_others_named(size):
    chart = SummaryChart(theme=THEMES["light"])
    chart.update(summary(LONG))
    with at_size(chart, size):
        FigureCanvasAgg(chart.figure).draw()
        shown = {t.get_text() for t in chart.names if t.get_visible()}
        assert {"Labour", "Conservative", "Liberal Democrat"} <= shown, shown
        assert not any(ELLIPSIS in s for s in shown), shown


def test_a_column_too_narrow_for_ordinary_names_still_hides_them_all():
    chart = SummaryChart(theme=THEMES["light"])
    chart.update(summary("Scottish National Party"))
    with at_size(chart, (320, 343)):
        FigureCanvasAgg(chart.figure).draw()
        shown = [t.get_text() for t in chart.names if t.get_visible()]
        assert not any(ELLIPSIS in s for s in shown), shown
