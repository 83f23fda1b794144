"""The arrow keys' current seat on the map (`MapChart.cursor`): where the keys start (the
seat picked in the results table, else the middle of the frame), a step to the touching hex
that way, only among the seats a zoom frames, kept through an update and a theme change,
drawn only while shown; on screen a move draws only the ring's places, exactly as a full
draw would."""

from __future__ import annotations

import math

import numpy as np
import pytest
from helpers.screens import figure
from helpers.seats import HENDON
from matplotlib.colors import to_rgba

from resultsdesk.charts import DARK
from resultsdesk.charts.frames import Frames
from resultsdesk.charts.map import MapChart
from resultsdesk.charts.map_cursor import CURSOR_COLOUR
from resultsdesk.desk import graphics
from resultsdesk.desk.hexmap import map_data

SIZE = (900, 700)
EDINBURGH_EAST = "S14000073"


@pytest.fixture
def night(night_store):
    return graphics.night_state(night_store)


def _chart(night, **kw) -> MapChart:
    chart = MapChart(figure(SIZE))
    chart.update(map_data(night, **kw))
    return chart


def _ringed(chart: MapChart) -> tuple[float, float] | None:
    """The ring's centre where it is drawn, None where it is clear."""
    halo, dashes = chart.cursor.artist.get_edgecolors()
    if dashes[3] == 0:
        assert halo[3] == 0
        return None
    assert tuple(halo) == to_rgba(chart.theme.background)
    ring = chart.cursor.artist.get_paths()[1].vertices
    return tuple(np.round((ring.min(axis=0) + ring.max(axis=0)) / 2, 6))


def _at(chart: MapChart, code: str) -> tuple[float, float]:
    return tuple(np.round(chart.xy[chart.codes.index(code)], 6))


def test_the_keys_start_on_the_picked_seat_else_mid_frame(night):
    chart = _chart(night)
    cursor = chart.cursor
    assert cursor.code is None and _ringed(chart) is None
    chart.pick(HENDON)
    assert cursor.start() == HENDON
    chart.pick(None)
    middle = cursor.start()
    x0, x1, y0, y1 = chart._bounds
    assert math.dist(_at(chart, middle), ((x0 + x1) / 2, (y0 + y1) / 2)) < 1.0
    scotland = _chart(night, focus="Scotland")
    scotland.pick(HENDON)  # faded by the zoom: not a start
    assert scotland.cursor.start() in scotland.data.focus_codes


def test_a_step_goes_to_a_touching_hex_and_the_ring_follows_only_while_shown(night):
    chart = _chart(night)
    cursor = chart.cursor
    assert cursor.step("right") and cursor.code == cursor.start()  # from nowhere: start
    assert _ringed(chart) is None  # not shown: the map has no keyboard
    cursor.show(True)
    assert _ringed(chart) == _at(chart, cursor.code)
    assert tuple(cursor.artist.get_edgecolors()[1]) == to_rgba(CURSOR_COLOUR)
    here = cursor.code
    assert cursor.step("right")
    assert math.dist(_at(chart, here), _at(chart, cursor.code)) == pytest.approx(1.0)
    assert _ringed(chart) == _at(chart, cursor.code)
    assert cursor.step("left") and cursor.code == here
    assert cursor.step("up") and cursor.step("down") and cursor.code == here
    cursor.show(False)
    assert _ringed(chart) is None and cursor.code == here  # kept for when it is back
    assert cursor.set(None) and cursor.code is None


def test_zoomed_the_keys_keep_to_the_frame(night):
    chart = _chart(night, focus="Scotland")
    cursor = chart.cursor
    cursor.show(True)
    cursor.set(EDINBURGH_EAST)
    framed = set(chart.data.focus_codes)
    for direction in ["down"] * 40 + ["right"] * 20:  # to the frame's edge, and no further
        cursor.step(direction)
        assert cursor.code in framed
    cursor.set(HENDON)  # faded: no ring over the key; the next key starts in the frame
    assert _ringed(chart) is None
    assert cursor.step("up") and cursor.code in framed


def test_the_ring_is_kept_through_an_update_and_a_theme_change(night):
    chart = _chart(night)
    chart.cursor.show(True)
    chart.cursor.set(HENDON)
    chart.update(map_data(night))
    assert _ringed(chart) == _at(chart, HENDON)
    chart.set_theme(DARK)
    assert _ringed(chart) == _at(chart, HENDON)  # new artists: made again, and placed
    assert tuple(chart.cursor.artist.get_edgecolors()[0]) == to_rgba(DARK.background)


def test_an_update_leaves_the_ring_as_it_was_untouched(night):
    """An update of the map sets the ring again only if it moves: set to the same thing,
    matplotlib marks it stale and the frames record it again, every verification."""
    chart = _chart(night)
    for shown in (False, True):
        chart.cursor.show(shown)
        chart.cursor.set(HENDON)
        chart.figure.canvas.draw()
        chart.update(map_data(night))
        assert not chart.cursor.artist.stale, shown
        assert _ringed(chart) == (_at(chart, HENDON) if shown else None)


def test_on_screen_a_step_draws_only_the_rings_places_exactly(night):
    chart = _chart(night)
    chart.pick(HENDON)
    frames = Frames(chart.figure)
    renderer = chart.figure.canvas.get_renderer()
    frames.draw(renderer)
    chart.cursor.show(True)
    for direction in ("up", "right", "right", "down"):
        chart.cursor.step(direction)
        frames.draw(renderer)
        assert not frames.stats.full
        assert frames.recorded == 1  # the ring, one artist: nothing else laid out again
        area = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in frames.stats.rects)
        assert 0 < area < 0.05 * SIZE[0] * SIZE[1]
        fresh = MapChart(figure(SIZE))
        fresh.update(map_data(night))
        fresh.pick(HENDON)
        fresh.cursor.show(True)
        fresh.cursor.set(chart.cursor.code)
        fresh.figure.canvas.draw()
        assert np.array_equal(np.asarray(renderer.buffer_rgba()),
                              np.asarray(fresh.figure.canvas.get_renderer().buffer_rgba()))
