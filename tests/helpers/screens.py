"""A live chart drawn as the desk's canvas draws it (`charts.frames`), headless on Agg,
and what matplotlib's own full draw of the same chart gives: the two the frame tests
compare pixel for pixel."""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from resultsdesk.charts import HemicycleChart, SeatChart, TimelineChart, VoteShareChart
from resultsdesk.charts.frames import Frames

KINDS = {"seats": SeatChart, "chamber": HemicycleChart, "shares": VoteShareChart,
         "timeline": TimelineChart}
SIZE = (640, 420)


def figure(size=SIZE) -> Figure:
    fig = Figure(figsize=(size[0] / 100, size[1] / 100), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def full_draw(kind: str, data, size=SIZE) -> np.ndarray:
    chart = KINDS[kind](figure(size))
    chart.update(data)
    chart.figure.canvas.draw()
    return np.asarray(chart.figure.canvas.get_renderer().buffer_rgba()).copy()


class Screen:
    """A chart drawn through Frames, as the desk's canvas does."""

    def __init__(self, kind: str, size=SIZE) -> None:
        self.chart = KINDS[kind](figure(size))
        self.frames = Frames(self.chart.figure)

    def show(self, data):
        self.chart.update(data)
        self.frames.draw(self.chart.figure.canvas.get_renderer())
        return self.frames.stats

    def pixels(self) -> np.ndarray:
        return np.asarray(self.chart.figure.canvas.get_renderer().buffer_rgba())
