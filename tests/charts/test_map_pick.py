"""The seat selected in the results table, ringed on the map (`MapChart.pick`): a circle in
the selection's colour round its hex, on a halo of the background; kept through updates,
a theme change and a zoom that frames it; cleared for no seat, a seat the map lacks or one
a zoom fades. On screen only the ring's places are drawn again, exactly as a full draw."""

from __future__ import annotations

import numpy as np
import pytest
from helpers.screens import figure
from helpers.seats import HENDON
from matplotlib.colors import to_rgba

from resultsdesk.charts import DARK
from resultsdesk.charts.frames import Frames
from resultsdesk.charts.map import PICK_COLOUR, MapChart
from resultsdesk.desk import graphics
from resultsdesk.desk.hexmap import map_data

SIZE = (900, 700)
SELECTION = "#2a82da"  # a selection colour as a desk's palette might give it
POOLE = "E14001426"
EDINBURGH_EAST = "S14000073"  # Edinburgh East and Musselburgh


@pytest.fixture
def night(night_store):
    return graphics.night_state(night_store)


def _chart(night, **kw) -> MapChart:
    chart = MapChart(figure(SIZE))
    chart.update(map_data(night, **kw))
    return chart


def _ringed(chart: MapChart) -> tuple[float, float] | None:
    """Where the ring is drawn (its centre), None where it is clear."""
    ring, halo = chart.pick_ring, chart.pick_halo
    if ring.get_edgecolor()[3] == 0:
        assert halo.get_edgecolor()[3] == 0
        return None
    assert tuple(halo.get_edgecolor()) == to_rgba(chart.theme.background)
    assert halo.center == ring.center
    return ring.center


def test_a_picked_seat_is_ringed_in_the_selections_colour(night):
    chart = _chart(night)
    assert _ringed(chart) is None  # nothing selected
    assert chart.pick(HENDON, SELECTION)
    assert _ringed(chart) == tuple(chart.xy[chart.codes.index(HENDON)])
    assert tuple(chart.pick_ring.get_edgecolor()) == to_rgba(SELECTION)
    assert not chart.pick(HENDON, SELECTION)  # the same: nothing to draw again
    assert chart.pick(POOLE)  # no colour given: the one in use
    assert _ringed(chart) == tuple(chart.xy[chart.codes.index(POOLE)])
    assert tuple(chart.pick_ring.get_edgecolor()) == to_rgba(SELECTION)
    assert chart.pick(None) and _ringed(chart) is None
    assert chart.pick("E14999999") and _ringed(chart) is None  # not on this map


def test_the_ring_is_kept_through_an_update_and_a_theme_change(night):
    chart = _chart(night)
    chart.pick(HENDON)
    assert chart.pick_colour == PICK_COLOUR
    chart.update(map_data(night))  # the same seats: applied in place
    assert _ringed(chart) == tuple(chart.xy[chart.codes.index(HENDON)])
    rebuilds = chart.rebuilds
    chart.set_theme(DARK)
    assert chart.rebuilds > rebuilds  # new artists: the ring made again, and placed
    assert _ringed(chart) == tuple(chart.xy[chart.codes.index(HENDON)])
    assert tuple(chart.pick_halo.get_edgecolor()) == to_rgba(DARK.background)


def test_picked_before_the_map_is_drawn_it_is_ringed_once_it_is(night):
    chart = MapChart(figure(SIZE))
    assert not chart.pick(HENDON)  # nothing drawn yet: nothing changes on screen
    chart.update(map_data(night))
    assert _ringed(chart) == tuple(chart.xy[chart.codes.index(HENDON)])


def test_a_zoom_that_fades_the_seat_clears_its_ring_and_one_that_frames_it_keeps_it(night):
    chart = _chart(night, focus="Scotland")
    chart.pick(HENDON)
    assert _ringed(chart) is None  # faded, off the framed map: no ring over the key
    chart.pick(EDINBURGH_EAST)
    assert _ringed(chart) == tuple(chart.xy[chart.codes.index(EDINBURGH_EAST)])
    chart.pick(HENDON)
    chart.update(map_data(night))  # back to the whole UK
    assert _ringed(chart) == tuple(chart.xy[chart.codes.index(HENDON)])


def test_on_screen_a_pick_draws_only_the_rings_places_exactly(night):
    chart = _chart(night)
    frames = Frames(chart.figure)
    renderer = chart.figure.canvas.get_renderer()
    frames.draw(renderer)
    for code in (HENDON, POOLE, None):
        chart.pick(code, SELECTION)
        frames.draw(renderer)
        assert not frames.stats.full
        assert frames.recorded == 2  # the ring and its halo, nothing else laid out again
        area = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in frames.stats.rects)
        assert 0 < area < 0.1 * SIZE[0] * SIZE[1]
        fresh = MapChart(figure(SIZE))
        fresh.update(map_data(night))
        fresh.pick(code, SELECTION)
        fresh.figure.canvas.draw()
        assert np.array_equal(np.asarray(renderer.buffer_rgba()),
                              np.asarray(fresh.figure.canvas.get_renderer().buffer_rgba()))
