"""On a strip (200 x 2000) a seat's name longer than the picture's width goes onto two
lines in its row, which has the room, as on every other layout: it was cut short
("North West Cambridg…", "Exmouth and Exeter…"), where the README promises a name is
never cut while it can wrap (found reviewing exports in the twenty-sixth session)."""

from __future__ import annotations

from helpers.texts import layout_problems
from matplotlib.backends.backend_agg import FigureCanvasAgg

from resultsdesk.charts import RecountWatchChart
from resultsdesk.charts.data import RecountWatchData, WatchedSeat
from resultsdesk.charts.export import at_size
from resultsdesk.charts.textfit import ELLIPSIS

NAMES = ("North West Cambridgeshire", "South Basildon and East Thurrock",
         "Exmouth and Exeter East", "Poole")


def test_long_names_wrap_on_a_strip():
    seats = tuple(WatchedSeat(name, "Lab", "#d50000", "Con", "#0063ba", 10 + i, 0.03,
                              recount=i == 3)  # a badge: the names start after its column
                  for i, name in enumerate(NAMES))
    chart = RecountWatchChart()
    chart.update(RecountWatchData(seats, declared=650, seats_total=650))
    with at_size(chart, (200, 2000)):
        canvas = FigureCanvasAgg(chart.figure)
        canvas.draw()
        renderer = canvas.get_renderer()
        shown = {t.get_text().replace("\n", " "): t for t in chart.names[:chart.shown]}
        assert set(shown) == set(NAMES)
        assert not [t for t in chart.names if ELLIPSIS in t.get_text()]
        assert "\n" in shown["South Basildon and East Thurrock"].get_text()
        assert "\n" not in shown["Poole"].get_text()
        assert layout_problems(chart.figure, renderer) == []
        for i, t in enumerate(chart.names[:chart.shown]):  # each name within its row
            name, chip = t.get_window_extent(renderer), \
                chart.winner_chips[i].get_window_extent(renderer)
            assert name.y0 >= chip.y1 - 0.5
