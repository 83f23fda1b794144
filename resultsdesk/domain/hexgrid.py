"""Where the hexes of a HexJSON layout sit: offset grid coordinates (column q, row r) to the
centres of regular hexagons, in units where neighbouring centres are 1 apart, y up (a HexJSON
row number grows northwards).

"odd-r" / "even-r": pointy-topped hexes in rows; the odd (even) rows are shifted half a hex
to the right. "odd-q" / "even-q": flat-topped hexes in columns; the odd (even) columns are
shifted half a hex down. Pure arithmetic: no files, no drawing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

LAYOUTS = ("odd-r", "even-r", "odd-q", "even-q")
ROW_STEP = math.sqrt(3) / 2  # between rows (pointy) or columns (flat) of touching hexes
RADIUS = 1 / math.sqrt(3)  # centre to corner, for centres 1 apart


def _shifted(layout: str, n: int) -> bool:
    odd = n & 1 == 1  # also right for negative rows: -1 is odd
    return odd if layout.startswith("odd") else not odd


def hex_centre(layout: str, q: int, r: int) -> tuple[float, float]:
    """The centre of the hex at column `q`, row `r` of a `layout` grid."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown hex layout '{layout}' (one of {', '.join(LAYOUTS)})")
    if layout.endswith("-r"):
        return q + (0.5 if _shifted(layout, r) else 0.0), r * ROW_STEP
    return q * ROW_STEP, r - (0.5 if _shifted(layout, q) else 0.0)


def hex_centres(layout: str, cells: Iterable[tuple[int, int]]) -> list[tuple[float, float]]:
    return [hex_centre(layout, q, r) for q, r in cells]


def hex_corners(layout: str, scale: float = 1.0) -> list[tuple[float, float]]:
    """The six corners of a hex around (0, 0), `scale` times full size (1: touching its
    neighbours), counter-clockwise from the top (pointy) or the right (flat)."""
    start = 90.0 if layout.endswith("-r") else 0.0
    k = RADIUS * scale
    return [(k * math.cos(math.radians(start + 60 * i)),
             k * math.sin(math.radians(start + 60 * i))) for i in range(6)]


def neighbours_apart(layout: str, a: tuple[int, int], b: tuple[int, int]) -> float:
    """Distance between the centres of hexes `a` and `b` ((q, r) each)."""
    (xa, ya), (xb, yb) = hex_centre(layout, *a), hex_centre(layout, *b)
    return math.hypot(xa - xb, ya - yb)


# The arrow keys on the map (`nearest_towards`): each a unit step, y up as on the grid.
DIRECTIONS: dict[str, tuple[float, float]] = {
    "left": (-1.0, 0.0), "right": (1.0, 0.0), "up": (0.0, 1.0), "down": (0.0, -1.0)}
# Within 60 degrees of the way asked: every touching hex that lies that way, in either kind
# of layout (a pointy row's hex has its upper neighbours at 30 degrees off "up", a flat
# column's its side ones at 30 degrees off "right"), and none that lies across it.
CONE_COS = 0.5
_EPS = 1e-9


def nearest_towards(points: Sequence[tuple[float, float]], start: int, direction: str, *,
                    among: Iterable[int] | None = None,
                    anchor: float | None = None) -> int | None:
    """The index of the point of `points` (hex centres) an arrow key goes to from
    `points[start]`: the nearest one `direction` ("left", "right", "up", "down") of it, a
    step across the way counting as much as one along it (so the touching hex above-left
    wins over the one two rows straight up). Looked for within 60 degrees first, then
    anywhere on that side (across a sea: Northern Ireland to the west of Scotland). Only
    `among` (indices; default all) are candidates. A tie (the two hexes above a pointy
    one) goes to the one nearest `anchor` across the way, the coordinate a run of moves
    on that axis started from, so Up then Down comes back and Up, Up goes straight; then
    to the lower coordinate. None where nothing lies that way (the map's edge)."""
    dx, dy = DIRECTIONS[direction]
    x0, y0 = points[start]
    ahead: list[tuple[float, float, float, int]] = []  # cost, off the anchor, across, index
    beside: list[tuple[float, float, float, int]] = []
    for i in (range(len(points)) if among is None else among):
        if i == start:
            continue
        x, y = points[i]
        along = (x - x0) * dx + (y - y0) * dy
        if along <= _EPS:
            continue
        across_at = x if dx == 0 else y  # the point's own coordinate across the way
        across = abs((x - x0) * dy - (y - y0) * dx)
        dist = math.hypot(along, across)
        key = (round(dist + across, 6),
               round(abs(across_at - anchor), 6) if anchor is not None else 0.0,
               round(across_at, 6), i)
        (ahead if along >= CONE_COS * dist - _EPS else beside).append(key)
    best = min(ahead or beside, default=None)
    return None if best is None else best[3]
