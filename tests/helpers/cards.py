"""Result cards of real seats, drawn at a size, for tests that measure their texts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from matplotlib.backends.backend_agg import FigureCanvasAgg

from resultsdesk.charts.export import at_size
from resultsdesk.desk import graphics


def seat_codes(night) -> dict[str, str]:
    """Each seat's code by its name."""
    return {s.name: c for c, s in night.seats.items()}


@contextmanager
def drawn_card(night, store, code: str, size, theme: str) -> Iterator[tuple]:
    """(chart, renderer): the seat's card drawn at `size` in `theme`, while inside."""
    chart = graphics.chart_for("card", night, store, constituency=code, theme=theme)
    with at_size(chart, size):
        canvas = FigureCanvasAgg(chart.figure)
        canvas.draw()
        yield chart, canvas.get_renderer()
