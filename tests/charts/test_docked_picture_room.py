"""A chamber or a map in a short dock is the picture, not its titles. In a 310 x 260 dock on
the 2024 night the header, the source line and the Others line left the 650-seat chamber 84 x
42 pixels (4 % of its canvas) and the map 14 %: docked on screen and short, they leave out
what the dock's title bar and the window already say (`_base.COMPACT_BELOW_INCHES`). An
export at the same size keeps every line, and a rehearsal keeps its REHEARSAL marks."""

from __future__ import annotations

import numpy as np
import pytest
from helpers.chart_nights import all_texts, draw, hemicycle_data

from resultsdesk.charts._base import REHEARSAL_NOTE
from resultsdesk.charts.hemicycle import HemicycleChart
from resultsdesk.desk import graphics
from resultsdesk.domain.hexgrid import RADIUS

# The canvases of a 310 x 260 dock (a canvas is 320 px wide at least, `ui.chart_view`): the
# chamber's under the dock's title bar, the map's under its zoom bar too.
CHAMBER_CANVAS = (320, 244)
MAP_CANVAS = (320, 220)
LEAST_SHARE = 0.28  # of the canvas's area the picture's box takes at least (was 0.04, 0.14)


def _share(xy: np.ndarray, radius: float, size: tuple[int, int]) -> float:
    """The box round the dots or hexes (centres `xy` and radius in pixels), of the canvas."""
    (x0, y0), (x1, y1) = xy.min(axis=0) - radius, xy.max(axis=0) + radius
    return (x1 - x0) * (y1 - y0) / (size[0] * size[1])


def _chamber(docked: bool, rehearsal: bool = False) -> HemicycleChart:
    chart = HemicycleChart()
    chart.docked = docked
    chart.set_footer(as_of="04:58", rehearsal=rehearsal)
    chart.update(hemicycle_data())
    draw(chart, CHAMBER_CANVAS)
    return chart


def _chamber_share(chart: HemicycleChart) -> float:
    g, to_px = chart.geometry, chart.stage.transData.transform
    radius = to_px((1 + g.seat_radius, 0))[0] - to_px((1, 0))[0]
    return _share(to_px(g.xy), radius, CHAMBER_CANVAS)


def _map(store, docked: bool):
    chart = graphics.chart_for("map", graphics.night_state(store), store)
    chart.docked = docked
    draw(chart, MAP_CANVAS)
    return chart


def _map_share(chart) -> float:
    to_px = chart.ax.transData.transform
    radius = (to_px((RADIUS, 0)) - to_px((0, 0)))[0]
    return _share(to_px(chart.xy), radius, MAP_CANVAS)


def test_a_short_docks_chamber_is_the_picture():
    chart = _chamber(docked=True)
    assert _chamber_share(chart) >= LEAST_SHARE
    texts = all_texts(chart.figure)
    assert "Lab 411" in texts and "As of 04:58 \u00b7 650 of 650 declared" in texts
    assert "The chamber" not in texts  # the dock's title bar names it


def test_a_short_docks_map_is_the_picture(night_store):
    chart = _map(night_store, docked=True)
    assert _map_share(chart) >= LEAST_SHARE
    assert "Lab 411" in all_texts(chart.figure)


@pytest.mark.parametrize("kind", ["chamber", "map"])
def test_an_export_the_same_size_keeps_its_titles(night_store, kind):
    chart = _chamber(docked=False) if kind == "chamber" else _map(night_store, docked=False)
    texts = all_texts(chart.figure)
    assert chart.header.title.get_text() in texts and chart.footer_source() in texts


def test_a_short_docked_rehearsal_still_says_so():
    """The marks stay, in the footer without the source line, which on four lines took
    more of the dock than the chamber did."""
    chart = _chamber(docked=True, rehearsal=True)
    texts = all_texts(chart.figure)
    assert "REHEARSAL" in texts and REHEARSAL_NOTE in texts  # subtitle's place, footer's
