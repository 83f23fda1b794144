"""The chamber's mark of a recount under way: a ring round the seat's dot, in the text's
colour on a halo of the background, as the map outlines such a seat's hex (`charts.map`), and
a "Recount" entry in the key counting every seat ringed. A recount is often called before
its seat has declared anything (the count centre says so first): such a seat has no dot of
its own (the undeclared are anonymous grey places), so the first undeclared places are
ringed for them, one each, their names A-Z in that order (the tooltip names each; the
recount watch and the map name every seat). Before, the chamber showed none of them, and
on a night of early recounts it keyed fewer than the watch beside it listed.

Two collections of one circle each (`SeatDots`), placed at the ringed seats only: an update
that calls no recount moves nothing, and an SVG writes one `<use>` a ring.
"""

from __future__ import annotations

import numpy as np
from matplotlib.path import Path as CirclePath
from matplotlib.transforms import IdentityTransform

from ._stage import Stage
from .data import HemicycleBlock, HemicycleData
from .seat_dots import SeatDots
from .theme import Theme

RECOUNT_KEY = "Recount"  # the key's entry: seats ringed
TRANSPARENT = (0.0, 0.0, 0.0, 0.0)
# The ring's width, a share of the dot's diameter within bounds (pixels), clear of the dot
# by GAP_PX; the halo of the background RING_HALO_PX wider either side, so the ring reads
# over the neighbouring dots it crosses.
RING_SHARE, RING_MIN_PX, RING_MAX_PX = 0.2, 1.6, 4.5
GAP_PX, RING_HALO_PX = 0.6, 1.0


def recount_places(blocks: list[HemicycleBlock], starts: np.ndarray, data: HemicycleData,
                   index: np.ndarray) -> tuple[np.ndarray, dict[int, str]]:
    """The seat positions (left to right) to ring, and which of them stand for a seat
    drawn among the undeclared (position -> name). A declared seat (or a tie) is its own
    dot: block k's j-th seat is at `starts[k] + j`; the undeclared ones
    (`data.undeclared_recounts`, A-Z) take the first undeclared places (`index` < 0), in
    that order. Only looked for while a recount is called."""
    if not data.recounts:
        return np.zeros(0, dtype=int), {}
    declared = [int(starts[k]) + j for k, b in enumerate(blocks)
                for j, name in enumerate(b.constituencies)
                if data.under_recount(name, b.codes[j] if len(b.codes) > j else None)]
    spare = dict(zip((int(i) for i in np.flatnonzero(index < 0)),
                     data.undeclared_recounts, strict=False))  # as many as there are places
    return np.array(declared + list(spare), dtype=int), spare


class RecountMarks:
    """The ring and its halo, on the chamber's stage, under the majority tick."""

    def __init__(self, stage: Stage, theme: Theme) -> None:
        def ring(colour: str, zorder: float) -> SeatDots:
            dots = SeatDots([CirclePath.unit_circle()], sizes=[1.0], offsets=np.zeros((0, 2)),
                            offset_transform=stage.transData, transform=IdentityTransform(),
                            facecolors=TRANSPARENT, edgecolors=colour, linewidths=1.0,
                            zorder=zorder)
            dots.set_clip_on(False)  # (inside the box, as the dots: one bare <use> each)
            return stage.add(dots)

        self.halo = ring(theme.background, 2.3)
        self.ring = ring(theme.foreground, 2.4)
        self.places = np.zeros(0, dtype=int)
        self._size: tuple | None = None

    def place(self, places: np.ndarray, xy: np.ndarray) -> None:
        """Ring the seats at `places` (positions into `xy`, the dots' centres); set only
        when they change, so an update without a new recount redraws neither."""
        if np.array_equal(places, self.places):
            return
        at = xy[places] if len(places) else np.zeros((0, 2))
        self.halo.set_offsets(at)
        self.ring.set_offsets(at)
        self.places = places

    def size(self, dot_px: float, points_to_px: float) -> None:
        """The rings for dots `dot_px` pixels across (points_to_px: pixels in a point)."""
        key = (round(dot_px, 2), points_to_px)
        if key == self._size:
            return
        width = min(max(RING_SHARE * dot_px, RING_MIN_PX), RING_MAX_PX)
        radius = dot_px / 2 + GAP_PX + width / 2  # the ring's middle, pixels
        for dots, line in ((self.halo, width + 2 * RING_HALO_PX), (self.ring, width)):
            dots.set_sizes([(radius / points_to_px) ** 2])
            dots.set_linewidths([line / points_to_px])
        self._size = key
