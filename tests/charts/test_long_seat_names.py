"""Long constituency names on the square and vertical graphics ("Caithness, Sutherland and
Easter Ross"): shown in full, on two lines where one is too narrow, rather than cut short
with an ellipsis. On a square broadcast recount watch the names' column (one size for
every name, cut short rather than shrunk one by one: commit b9a358e) cut them to
"Caithness, Sutherland and…" and, on the 2024 night, "South Basildon and East Thurro…"."""

from __future__ import annotations

import pytest
from helpers.texts import cut_short, layout_problems
from matplotlib.backends.backend_agg import FigureCanvasAgg

from resultsdesk.charts import RecountWatchChart
from resultsdesk.charts.data import RecountWatchData, WatchedSeat
from resultsdesk.charts.export import at_size
from resultsdesk.charts.theme import THEMES
from resultsdesk.desk import graphics

LONG = ("Caithness, Sutherland and Easter Ross", "Dumfriesshire, Clydesdale and Tweeddale",
        "Inverness, Skye and West Ross-shire")
SHORT = ("Hendon", "Poole", "Basildon and Billericay", "North West Cambridgeshire",
         "Central Devon", "Havant", "South Basildon and East Thurrock", "Peterborough",
         "Exmouth and Exeter East", "Beverley and Holderness")


def watch(names) -> RecountWatchData:
    seats = tuple(WatchedSeat(n, "Lab", "#d50000", "Con", "#0063ba", 10 + i, 0.02 + i / 1000)
                  for i, n in enumerate(names))
    return RecountWatchData(seats, declared=650, seats_total=650)


def check_names(chart, renderer) -> None:
    """Every row names its seat in full, on one line or two, inside its row's stripe (or
    the canvas, for a row without one) and the canvas; one size down the column."""
    frame = chart.figure.bbox
    shown = chart.names[:chart.shown]
    assert chart.shown >= 1
    for seat, name, stripe in zip(chart.rows[chart.first:], shown,
                                  chart.stripes[:chart.shown], strict=False):
        text = name.get_text()
        assert text.replace("\n", " ") == seat.constituency, text
        assert text.count("\n") <= 1, text
        box = name.get_window_extent(renderer)
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1, text
        assert frame.y0 <= box.y0 and box.y1 <= frame.y1, text
        if stripe.get_visible():  # inside its row
            row = stripe.get_window_extent(renderer)
            assert row.y0 - 0.5 <= box.y0 and box.y1 <= row.y1 + 0.5, (text, box, row)
    assert len({t.get_fontsize() for t in shown}) == 1
    assert cut_short(chart.figure) == []
    assert layout_problems(chart.figure, renderer) == []


@pytest.mark.parametrize("size", ["square", "vertical"])
@pytest.mark.parametrize("theme", THEMES)
def test_a_recount_watch_shows_long_names_in_full(size, theme):
    chart = RecountWatchChart(theme=THEMES[theme])
    chart.update(watch(LONG + SHORT))
    chart.set_paging(True)  # as exported
    try:
        with at_size(chart, size):
            canvas = FigureCanvasAgg(chart.figure)
            while True:
                canvas.draw()
                check_names(chart, canvas.get_renderer())
                if not chart.more_pages():
                    break
                chart.next_page()
    finally:
        chart.set_paging(False)


def test_the_2024_square_broadcast_recount_watch_names_every_seat_in_full(night_store):
    """South Basildon and East Thurrock (majority 98) read "South Basildon and East
    Thurro…"; now on two lines in its row, the list still on one graphic."""
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("recounts", night, night_store, theme="broadcast")
    chart.set_paging(True)
    try:
        with at_size(chart, "square"):
            canvas = FigureCanvasAgg(chart.figure)
            canvas.draw()
            check_names(chart, canvas.get_renderer())
            assert not chart.more_pages() and chart.shown == len(chart.rows) == 13
            wrapped = [t.get_text() for t in chart.names[:chart.shown]
                       if "\n" in t.get_text()]
            assert wrapped == ["South Basildon\nand East Thurrock"]
    finally:
        chart.set_paging(False)


@pytest.mark.parametrize("size", ["square", "vertical"])
@pytest.mark.parametrize("theme", THEMES)
def test_a_result_card_titles_a_long_seat_in_full(night_store, size, theme):
    """The card's title, the seat's name, is never cut at these sizes: on one line, or two
    where one would shrink it too far (test_card_titles)."""
    night = graphics.night_state(night_store)
    by_name = {s.name: c for c, s in night.seats.items()}
    for name in LONG:
        chart = graphics.chart_for("card", night, night_store, constituency=by_name[name],
                                   theme=theme)
        with at_size(chart, size):
            canvas = FigureCanvasAgg(chart.figure)
            canvas.draw()
            title = chart.header.title
            assert title.get_text().replace("\n", " ") == name
            box = title.get_window_extent(canvas.get_renderer())
            frame = chart.figure.bbox
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1
            assert layout_problems(chart.figure, canvas.get_renderer()) == []
