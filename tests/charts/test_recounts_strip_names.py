"""On a strip (200 x 2000) a seat's name longer than the picture's width goes onto two
lines in its row, which has the room, as on every other layout: it was cut short
("North West Cambridg…", "Exmouth and Exeter…"), where the README promises a name is
never cut while it can wrap (found reviewing exports in the twenty-sixth session); and a
name beside no badge has the whole width, not the column after another row's badge."""

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
        # A name beside no badge has the whole width (a badge in another row took a
        # column from every name: "North West C…" on a broadcast strip, found by the
        # graphics desk review): "South Basildon and East Thurrock" on one line; the
        # badged row's name starts after its badge.
        assert "\n" not in shown["South Basildon and East Thurrock"].get_text()
        assert "\n" not in shown["Poole"].get_text()
        lefts = {n: t.get_window_extent(renderer).x0 for n, t in shown.items()}
        row = next(i for i, t in enumerate(chart.names[:chart.shown])
                   if t.get_text() == "Poole")  # a recount under way: listed first
        badge = chart.badges[row].get_window_extent(renderer)
        assert lefts["Poole"] > badge.x1
        assert all(lefts[n] < badge.x1 for n in NAMES if n != "Poole")
        assert layout_problems(chart.figure, renderer) == []
        for i, t in enumerate(chart.names[:chart.shown]):  # each name within its row
            name, chip = t.get_window_extent(renderer), \
                chart.winner_chips[i].get_window_extent(renderer)
            assert name.y0 >= chip.y1 - 0.5
