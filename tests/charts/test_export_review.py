"""What the graphics team found on a night with recounts under way, a tie and provisional
entries, exported at every shape: each test drew the fault before its fix."""

from __future__ import annotations

import pytest
from helpers.texts import layout_problems
from matplotlib.backends.backend_agg import FigureCanvasAgg

from resultsdesk.charts import RecountWatchChart
from resultsdesk.charts.data import RecountWatchData, WatchedSeat
from resultsdesk.charts.export import at_size
from resultsdesk.charts.theme import THEMES

SIZES = ("hd", "uhd", "square", "vertical", "1280x720", "640x360")


def badged_watch(n: int) -> RecountWatchData:
    """Seats in recount range, the first two with a recount under way: a badge column."""
    seats = tuple(WatchedSeat(f"Seat number {i:02d}", "Lab", "#d50000", "Con", "#0063ba",
                              10 + i, 0.02 + i / 1000, recount=i < 2) for i in range(n))
    return RecountWatchData(seats, declared=650, seats_total=650)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("theme", THEMES)
def test_a_continued_recount_page_with_badges_keeps_its_note_inside(size, theme):
    """With a RECOUNT badge column, the page's note ("Seats 1–8 of 15 · continued on the
    next graphic") was fitted to the whole width but started at the names' column: on a
    vertical broadcast graphic it ran off the right edge."""
    chart = RecountWatchChart(theme=THEMES[theme])
    chart.update(badged_watch(15))
    chart.set_paging(True)
    try:
        with at_size(chart, size):
            canvas = FigureCanvasAgg(chart.figure)
            while True:
                canvas.draw()
                assert chart.more.get_text() or not chart.more_pages()
                assert layout_problems(chart.figure, canvas.get_renderer()) == [], (
                    size, theme, chart.first)
                if not chart.more_pages():
                    break
                chart.next_page()
    finally:
        chart.set_paging(False)
