"""The arrow keys on the map, as geometry (`hexgrid.nearest_towards`): each goes to the
touching hex that way in every layout, across a gap to the nearest hex on that side, stays
put at the map's edge, keeps to the seats given (a zoom's), and Up then Down comes back."""

from __future__ import annotations

import itertools
import math

import pytest

from resultsdesk.domain.hexgrid import LAYOUTS, hex_centre, hex_centres, nearest_towards

CELLS = list(itertools.product(range(-3, 4), range(-3, 4)))


def _grid(layout: str) -> list[tuple[float, float]]:
    return hex_centres(layout, CELLS)


def _at(q: int, r: int) -> int:
    return CELLS.index((q, r))


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("direction", ["left", "right", "up", "down"])
def test_each_arrow_goes_to_a_touching_hex_that_way(layout, direction):
    xy = _grid(layout)
    start = _at(0, 0)
    to = nearest_towards(xy, start, direction)
    assert to is not None and math.dist(xy[start], xy[to]) == pytest.approx(1.0)
    dx, dy = xy[to][0] - xy[start][0], xy[to][1] - xy[start][1]
    along = {"left": -dx, "right": dx, "up": dy, "down": -dy}[direction]
    assert along >= 0.5 - 1e-9  # within 60 degrees of the way asked


def test_left_and_right_stay_on_a_pointy_row_and_up_down_on_a_flat_column():
    xy = _grid("odd-r")
    assert nearest_towards(xy, _at(0, 0), "right") == _at(1, 0)
    assert nearest_towards(xy, _at(0, 0), "left") == _at(-1, 0)
    flat = _grid("odd-q")
    assert nearest_towards(flat, _at(0, 0), "up") == _at(0, 1)
    assert nearest_towards(flat, _at(0, 0), "down") == _at(0, -1)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_up_then_down_comes_back_and_up_up_goes_straight(layout):
    xy = _grid(layout)
    start = _at(0, 0)
    for there, back in (("up", "down"), ("down", "up"), ("left", "right"),
                        ("right", "left")):
        axis = 0 if there in ("up", "down") else 1  # the coordinate across the way
        anchor = xy[start][axis]
        one = nearest_towards(xy, start, there, anchor=anchor)
        assert nearest_towards(xy, one, back, anchor=anchor) == start, (there, back)
        two = nearest_towards(xy, one, there, anchor=anchor)
        assert abs(xy[two][axis] - anchor) < 0.6  # no drift sideways


def test_edge_gap_and_zoom():
    xy = _grid("odd-r")
    assert nearest_towards(xy, _at(3, 1), "right") is None  # the edge (a shifted row): stays
    # a sea between: the nearest hex on that side, though far and off the row
    island = [hex_centre("odd-r", 0, 0), hex_centre("odd-r", 1, 4), hex_centre("odd-r", 9, 0)]
    assert nearest_towards(island, 0, "right") == 2  # along the row first (within 60°)
    assert nearest_towards(island[:2], 0, "right") == 1  # else anywhere that side
    assert nearest_towards(island, 0, "left") is None
    # zoomed: only the seats framed are candidates
    framed = [_at(0, 0), _at(2, 0)]
    assert nearest_towards(xy, _at(0, 0), "right", among=framed) == _at(2, 0)


def test_an_unknown_direction_is_refused():
    with pytest.raises(KeyError):
        nearest_towards([(0.0, 0.0)], 0, "north")
