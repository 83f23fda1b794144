"""Where the hexes of a HexJSON layout sit: offset grid coordinates (column q, row r) to the
centres of regular hexagons, in units where neighbouring centres are 1 apart, y up (a HexJSON
row number grows northwards).

"odd-r" / "even-r": pointy-topped hexes in rows; the odd (even) rows are shifted half a hex
to the right. "odd-q" / "even-q": flat-topped hexes in columns; the odd (even) columns are
shifted half a hex down. Pure arithmetic: no files, no drawing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

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
