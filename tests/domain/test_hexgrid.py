"""Hex geometry: every layout tiles the plane: centres one apart, six neighbours each, no
overlap."""

from __future__ import annotations

import itertools
import math

import pytest

from resultsdesk.domain.hexgrid import LAYOUTS, RADIUS, hex_centre, hex_centres, hex_corners


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_grid_tiles_without_overlap(layout):
    cells = list(itertools.product(range(-4, 5), range(-4, 5)))
    xy = hex_centres(layout, cells)
    distances = {(a, b): math.dist(xy[a], xy[b])
                 for a, b in itertools.combinations(range(len(xy)), 2)}
    assert min(distances.values()) == pytest.approx(1.0)  # touching, never overlapping
    interior = [i for i, (q, r) in enumerate(cells) if abs(q) < 4 and abs(r) < 4]
    for i in interior:
        near = [d for (a, b), d in distances.items() if i in (a, b) and d < 1.01]
        assert len(near) == 6, (layout, cells[i])


def test_which_rows_or_columns_shift():
    assert hex_centre("odd-r", 0, 1)[0] == 0.5 and hex_centre("odd-r", 0, 2)[0] == 0.0
    assert hex_centre("odd-r", 0, -1)[0] == 0.5  # negative odd rows shift too
    assert hex_centre("even-r", 0, 2)[0] == 0.5 and hex_centre("even-r", 0, 1)[0] == 0.0
    assert hex_centre("odd-q", 1, 0)[1] == -0.5 and hex_centre("even-q", 0, 0)[1] == -0.5
    assert hex_centre("odd-r", 0, 2)[1] > hex_centre("odd-r", 0, 1)[1]  # rows grow north


def test_corners():
    pointy = hex_corners("odd-r")
    assert pointy[0] == pytest.approx((0.0, RADIUS))  # a point on top
    flat = hex_corners("odd-q", 0.5)
    assert flat[0] == pytest.approx((RADIUS / 2, 0.0))
    with pytest.raises(ValueError, match="odd-r"):
        hex_centre("hexagonal", 0, 0)
