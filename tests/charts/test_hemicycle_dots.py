"""The chamber's dots: one circle drawn once and placed at every seat (an SVG defines it
once and places it with <use>), looking exactly as one ellipse per seat did."""

from __future__ import annotations

import re

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import EllipseCollection

from resultsdesk.charts import HemicycleChart
from resultsdesk.charts.data import HemicycleBlock, HemicycleData
from resultsdesk.charts.export import render
from resultsdesk.charts.theme import DARK, LIGHT

PARTIES = [("Lab", "#d50000", 0.63), ("SNP", "#fff685", 0.014), ("LD", "#fc7d0b", 0.11),
           ("Con", "#0063ba", 0.19)]


def chamber(seats: int, declared: float) -> HemicycleData:
    """Parties with a colour that needs a rim (SNP yellow), provisional seats (lighter,
    ringed) and undeclared ones (outlines): every kind of dot."""
    blocks = []
    for party, colour, share in PARTIES:
        n = int(seats * share * declared)
        blocks.append(HemicycleBlock(party, colour, tuple(f"{party} {i}" for i in range(n))))
        if party == "Lab":
            blocks.append(HemicycleBlock(party, colour, ("p1", "p2", "p3"), provisional=True))
    declared_seats = sum(len(b.constituencies) for b in blocks)
    return HemicycleData(tuple(blocks), seats, seats // 2 + 1, declared_seats)


def pixels(chart: HemicycleChart, size=(1366, 768), dpi=100) -> np.ndarray:
    fig = chart.figure
    fig.set_dpi(dpi)
    fig.set_size_inches(size[0] / dpi, size[1] / dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., :3].astype(int)


def as_ellipses(chart: HemicycleChart) -> None:
    """The dots as they were drawn before: one ellipse per seat, sized in data units, with
    the same colours and outlines."""
    g, dots = chart.geometry, chart.dots
    d = np.full(g.n, 2 * g.seat_radius)
    ellipses = EllipseCollection(
        d, d, np.zeros(g.n), units="xy", offsets=g.xy, offset_transform=chart.ax.transData,
        facecolors=dots.get_facecolors(), edgecolors=dots.get_edgecolors(),
        linewidths=dots.get_linewidths(), zorder=dots.get_zorder())
    dots.set_visible(False)
    chart.ax.add_collection(ellipses)


@pytest.mark.parametrize(("seats", "declared", "theme", "size"), [
    (650, 0.5, LIGHT, (1366, 768)), (650, 1.0, DARK, (1920, 1080)), (120, 0.7, LIGHT, (640, 360)),
])
def test_dots_look_as_one_ellipse_per_seat(seats, declared, theme, size):
    chart = HemicycleChart(theme=theme)
    chart.update(chamber(seats, declared))
    now = pixels(chart, size)
    as_ellipses(chart)
    before = pixels(chart, size)
    diff = np.abs(now - before).max(axis=2)
    # Rounding in the rasteriser may move an edge pixel's shade a little; nothing more.
    assert diff.mean() < 0.2
    assert (diff > 8).mean() < 0.001


def test_svg_defines_the_dot_once_and_places_it_per_seat(tmp_path):
    chart = HemicycleChart()
    chart.update(chamber(650, 0.6))
    out = render(chart, tmp_path / "chamber.svg", "hd")
    svg = out.read_text(encoding="utf-8")
    collection = svg[svg.index('<g id="PathCollection'):]
    defined = re.findall(r'<path id="(C[0-9a-f]+_0_[0-9a-f]+)"', collection)
    assert len(defined) == 1  # one circle...
    uses = re.findall(rf'<use xlink:href="#{defined[0]}"', collection)
    assert len(uses) == 650  # ...placed at every seat
    # Each dot a bare <use>: no group of its own for clipping.
    assert not re.search(rf'<g clip-path="[^"]*">\s*<use xlink:href="#{defined[0]}"',
                         collection)
