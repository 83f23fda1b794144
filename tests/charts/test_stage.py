"""The chamber's Stage (`charts._stage`): an Axes' numbers without an Axes, and what a
chamber is made of for one picture (nothing it does not draw)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from helpers.texts import drawn_texts
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from resultsdesk.charts import HemicycleChart
from resultsdesk.charts._stage import Stage, stages
from resultsdesk.charts.data import HemicycleBlock, HemicycleData
from resultsdesk.charts.export import at_size, render


def chamber(seats: int = 650, declared: float = 0.6) -> HemicycleData:
    """Verified, provisional and undeclared seats; a colour that needs a rim (yellow)."""
    blocks = [HemicycleBlock(p, c, tuple(f"{p} {i}" for i in range(int(seats * share * declared))))
              for p, c, share in (("Lab", "#d50000", 0.63), ("SNP", "#fff685", 0.014),
                                  ("LD", "#fc7d0b", 0.11), ("Con", "#0063ba", 0.19))]
    blocks.insert(1, HemicycleBlock("Lab", "#d50000", ("p1", "p2", "p3"), provisional=True))
    declared_seats = sum(len(b.constituencies) for b in blocks)
    return HemicycleData(tuple(blocks), seats, seats // 2 + 1, declared_seats)


@pytest.mark.parametrize(("room", "limits"), [
    ((0.1, 0.2, 0.8, 0.5), (-0.012, 2.012, -0.012, 1.1)),  # wider than the data: shrunk
    ((0.3, 0.05, 0.4, 0.9), (-0.5, 2.5, 0.0, 1.0)),  # taller: shrunk the other way
    ((0.0, 0.0, 1.0, 1.0), (3.0, 7.0, -2.0, 2.0)),
])
@pytest.mark.parametrize("inches", [(13.66, 7.68), (10.8, 19.2)])
def test_a_stage_places_as_an_equal_aspect_axes_to_the_last_bit(room, limits, inches):
    """The same room from a locator, the same limits: the same box and transData as an
    Axes with `set_aspect("equal", adjustable="box")`, float for float."""
    fig = Figure(figsize=inches, dpi=100)
    FigureCanvasAgg(fig)
    x0, x1, y0, y1 = limits
    ax = fig.add_axes((0.05, 0.05, 0.9, 0.8))
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_axes_locator(lambda _a, _r: Bbox.from_bounds(*room))
    stage = Stage(fig, lambda _s, _r: Bbox.from_bounds(*room))
    stage.set_limits(x0, x1, y0, y1)
    renderer = fig.canvas.get_renderer()
    ax.apply_aspect(ax.get_axes_locator()(ax, renderer))
    stage.lay_out(renderer)
    assert stage.bbox.bounds == ax.bbox.bounds
    assert np.array_equal(stage.transData.get_matrix(), ax.transData.get_matrix())
    points = np.random.default_rng(1).uniform(-3, 8, (50, 2))
    assert np.array_equal(stage.transData.transform(points), ax.transData.transform(points))
    inside = stage.transData.transform([(x0 + x1) / 2, (y0 + y1) / 2])
    assert stage.data_at(*inside) == pytest.approx(((x0 + x1) / 2, (y0 + y1) / 2))
    assert stage.data_at(-1.0, -1.0) is None  # outside its box, as outside an Axes


def test_a_chamber_makes_no_axes_and_no_list_it_does_not_draw(tmp_path):
    """A wide or square export draws the key as chips: the list's values and bars (a tall
    canvas's) are never made; a tall export makes them in its first layout and draws
    them in that same picture."""
    chart = HemicycleChart()
    chart.update(chamber(650, 0.6))
    assert chart.figure.axes == [] and stages(chart.figure) == [chart.stage]
    for size in ("hd", "square"):
        render(chart, tmp_path / f"{size}.svg", size)
    assert chart.legend.values == [] and chart.legend.bars == []
    fresh = HemicycleChart()
    fresh.update(chamber(650, 0.6))
    first = render(fresh, tmp_path / "tall.svg", "vertical").read_bytes()
    entries = fresh.legend.entries
    assert len(fresh.legend.values) == len(entries) >= 4
    assert all(v.get_visible() and v.get_text() for v in fresh.legend.values)
    # Nothing was made too late to draw: the chart's next picture is the same.
    assert render(fresh, tmp_path / "again.svg", "vertical").read_bytes() == first


def test_the_chamber_answers_hover_in_its_data_units():
    """What a mouse over the canvas asks (`Chart.data_at`): the seat under the pointer."""
    chart = HemicycleChart()
    chart.update(chamber(650, 0.6))
    fig = chart.figure
    with at_size(chart, "hd"):
        fig.draw_without_rendering()
        i = chart.seat_owners.index("SNP")
        x, y = chart.stage.transData.transform(chart.geometry.xy[i])
        assert chart.seat_at(*chart.data_at(x, y))[0] == "SNP"
        assert chart.data_at(1.0, 1.0) is None  # a corner, outside the chamber


def test_the_chamber_texts_are_found_where_the_checks_look(tmp_path):
    """The stage's texts (majority, centre) count as the chart's: the overlap and
    clipping checks of the tests see them."""
    chart = HemicycleChart()
    chart.update(chamber(650, 1.0))
    render(chart, tmp_path / "c.png", "hd")
    texts = [t.get_text() for t in drawn_texts(chart.figure)]
    stage_texts = [a.get_text() for a in chart.stage.get_children()
                   if isinstance(a, Text) and a.get_visible() and a.get_text()]
    assert stage_texts and set(stage_texts) <= set(texts)
    assert any(re.fullmatch(r"[\d,]+", t) for t in stage_texts)  # the majority, the counts
