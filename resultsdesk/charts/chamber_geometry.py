"""Where a chamber's seats sit, and the order parties are dealt into them: geometry that
depends only on the number of seats (parliamentarch's, cached) and the dealing order of the
blocks of a `HemicycleData`, for `hemicycle.HemicycleChart`."""

from __future__ import annotations

import functools

import numpy as np
from parliamentarch.geometry import get_nrows_from_nseats, get_row_thickness, get_seats_centers

from ..domain.hemicycle import Undeclared
from ..domain.parties import INDEPENDENT, political_rank
from ..domain.records import record
from .data import HemicycleBlock

SEAT_RADIUS_FACTOR = 0.8  # of the row thickness, as parliamentarch draws it


@record
class SeatGeometry:
    """Seat centres in left-to-right order on parliamentarch's 2 x 1 canvas."""

    xy: np.ndarray  # (n, 2)
    angle: np.ndarray  # radians from the right-hand end, through the top (pi/2)
    row_radius: np.ndarray  # distance of each centre from (1, 0)
    nrows: int
    seat_radius: float  # radius of a dot

    @property
    def n(self) -> int:
        return len(self.xy)

    @property
    def inner_edge(self) -> float:
        return float(self.row_radius.min()) - self.seat_radius if self.n else 0.5

    @property
    def outer_edge(self) -> float:
        return float(self.row_radius.max()) + self.seat_radius if self.n else 1.0


@functools.lru_cache(maxsize=16)
def seat_geometry(nseats: int) -> SeatGeometry:
    """Where each of `nseats` seats sits, sorted left to right (angle descending)."""
    if nseats <= 0:
        empty = np.zeros((0, 2))
        return SeatGeometry(empty, np.zeros(0), np.zeros(0), 0, 0.0)
    nrows = get_nrows_from_nseats(nseats)
    centres = get_seats_centers(nseats)
    xy = np.array(list(centres.keys()), dtype=float)
    angle = np.array(list(centres.values()), dtype=float)
    radius = np.hypot(xy[:, 0] - 1.0, xy[:, 1])
    order = np.lexsort((radius, -angle))  # left to right; inner first on a tie
    xy, angle, radius = xy[order], angle[order], radius[order]
    for a in (xy, angle, radius):
        a.setflags(write=False)
    return SeatGeometry(xy, angle, radius, nrows,
                        SEAT_RADIUS_FACTOR * get_row_thickness(nrows))


def dealing_order(blocks: tuple[HemicycleBlock, ...],
                  undeclared: Undeclared) -> tuple[list[HemicycleBlock], int]:
    """The blocks in dealing order and the pivot for `deal_seats`.

    Parties keep the order given. With the undeclared seats in the middle, parties left of
    centre (before the independents in the usual left-right order) fill from the left edge
    and the rest from the right, so no party changes sides as others declare; within a party
    the provisional seats sit next to the undeclared ones.
    """
    groups: list[list[HemicycleBlock]] = []
    for b in blocks:
        if groups and groups[-1][0].party == b.party:
            groups[-1].append(b)
        else:
            groups.append([b])
    if undeclared is Undeclared.END:
        ordered = [b for g in groups for b in sorted(g, key=lambda b: b.provisional)]
        return ordered, len(ordered)
    centre = political_rank(INDEPENDENT)
    left = 0
    while left < len(groups) and political_rank(groups[left][0].party) < centre:
        left += 1
    ordered = [b for g in groups[:left] for b in sorted(g, key=lambda b: b.provisional)]
    pivot = len(ordered)
    ordered += [b for g in groups[left:] for b in sorted(g, key=lambda b: not b.provisional)]
    return ordered, pivot
