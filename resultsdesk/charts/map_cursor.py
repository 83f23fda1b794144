"""The keyboard's place on the map (`MapChart.cursor`): the "current seat" the arrow keys
move from hex to hex (`domain.hexgrid.nearest_towards`) and Enter opens, drawn as a dashed
ring in the keyboard focus's colour on a solid one of the background (the gaps show it),
so it reads on every party's colour and is told from the table's pick (a solid circle
twice as wide) and from a recount (a hex's outline).

One artist, a collection of the two rings, made with the chart's others and only moved
or recoloured after: a key press redraws the places it left and reached, nothing else.
Not shown unless the map has the keyboard (`show`); exports never carry it (they draw
another chart).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba

from ..domain.hexgrid import RADIUS, nearest_towards
from .map_words import seat_text
from .theme import FOCUS_COLOUR

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .map import MapChart
    from .map_data import MapSeat

CURSOR_RADIUS = 1.6 * RADIUS  # round the hex, inside the pick ring (2 hex spacings)
CURSOR_PX = 2.5  # the dashed ring's line, in pixels
CURSOR_HALO_PX = 1.0  # the solid ring under it, this much wider each side
CURSOR_COLOUR = FOCUS_COLOUR  # the light theme's focus ring, unless told another
DASHES = (0, (2.0, 1.5))  # in line widths: long enough to read at a dock's size
SEGMENTS = 48  # the circle's sides: round at any size a dock gives it
TRANSPARENT = (0.0, 0.0, 0.0, 0.0)


class MapCursor:
    """The current seat of `chart` (a code, or None) and its ring."""

    def __init__(self, chart: MapChart) -> None:
        self.chart = chart
        self.code: str | None = None
        self.colour = CURSOR_COLOUR
        self.shown = False  # the map has the keyboard: the ring is drawn
        self.artist: PolyCollection | None = None
        # a run of Up/Down (Left/Right) keeps to where it started across the way
        self._axis: str | None = None
        self._anchor: float | None = None
        self._dpi: float | None = None
        # what the artist holds now ((centre, colours); () clear; None not yet set): set again
        # only when it changes, as matplotlib marks an artist set to anything stale and the
        # frames then record it again, on every update of the map
        self._drawn: tuple | None = None

    def build(self, ax: Axes) -> None:
        """The ring's artist, on `ax` (the chart's new axes: a rebuild, a theme)."""
        self.artist = PolyCollection(self._circles((0.0, 0.0)), facecolors="none",
                                     edgecolors=TRANSPARENT, linestyles=["solid", DASHES],
                                     linewidths=1.0, zorder=7)
        self.artist.set_clip_on(False)  # round a seat on the map's edge: not cut off
        ax.add_collection(self.artist, autolim=False)
        self._dpi = self._drawn = None
        self.place()

    # -- the current seat -----------------------------------------------------------------
    def framed(self) -> list[int] | None:
        """The seats the keys may go to (indices): those a zoom frames; None: all."""
        focus, index = self.chart._focus, self.chart._index
        return [index[c] for c in focus if c in index] if focus else None

    def _index(self) -> int | None:
        """Where the current seat is, if on the map and framed."""
        chart = self.chart
        i = chart._index.get(self.code) if self.code is not None else None
        if i is not None and chart._focus and self.code not in chart._focus:
            return None
        return i

    def seat(self) -> MapSeat | None:
        i = self._index()
        return None if i is None else self.chart._seats[i]

    def text(self) -> str:
        """The current seat in words, as hover says it ("" for none, or one faded)."""
        seat = self.seat()
        return "" if seat is None else seat_text(seat, self.chart._line)

    def start(self) -> str | None:
        """Where the keys start: the seat picked in the results table if it is framed,
        else the framed seat nearest the middle of the frame."""
        chart = self.chart
        picked = chart.picked
        if picked in chart._index and (not chart._focus or picked in chart._focus):
            return picked
        among = self.framed()
        if not len(chart.xy) or among == []:
            return None
        x0, x1, y0, y1 = chart._bounds
        d2 = ((chart.xy[:, 0] - (x0 + x1) / 2) ** 2 + (chart.xy[:, 1] - (y0 + y1) / 2) ** 2)
        if among is not None:
            d2 = np.where(np.isin(np.arange(len(d2)), among), d2, np.inf)
        return chart.codes[int(np.argmin(d2))]

    def set(self, code: str | None) -> bool:
        """Make `code` current (None: none). Returns whether the picture changes."""
        self._axis = self._anchor = None
        if code == self.code:
            return False
        self.code = code
        return self.place()

    def step(self, direction: str) -> bool:
        """Move to the nearest framed seat `direction` ("left", "right", "up", "down");
        from nowhere, to `start()`. Returns whether the current seat changed."""
        i = self._index()
        if i is None:
            return self.set(self.start())
        axis = "x" if direction in ("up", "down") else "y"  # the coordinate across
        here = self.chart.xy[i]
        if self._axis != axis:
            self._axis, self._anchor = axis, float(here[0 if axis == "x" else 1])
        points = [(float(x), float(y)) for x, y in self.chart.xy]
        to = nearest_towards(points, i, direction, among=self.framed(), anchor=self._anchor)
        if to is None:
            return False
        self.code = self.chart.codes[to]
        self.place()
        return True

    def show(self, on: bool) -> bool:
        if on == self.shown:
            return False
        self.shown = on
        return self.place()

    def set_colour(self, colour: str) -> bool:
        if colour == self.colour:
            return False
        self.colour = colour
        return self.place()

    # -- drawing ----------------------------------------------------------------------------
    def _circles(self, centre: tuple[float, float]) -> np.ndarray:
        t = np.linspace(0.0, 2 * math.pi, SEGMENTS, endpoint=False)
        ring = np.column_stack([centre[0] + CURSOR_RADIUS * np.cos(t),
                                centre[1] + CURSOR_RADIUS * np.sin(t)])
        return np.stack([ring, ring])  # the halo under, the dashes over

    def place(self) -> bool:
        """The ring on the current seat, or clear (not shown, no seat, or one a zoom fades).
        Returns whether there is a ring to draw (the chart is built)."""
        artist = self.artist
        if artist is None:
            return False
        i = self._index() if self.shown else None
        dpi = self.chart.figure.dpi
        if dpi != self._dpi:  # widths in pixels, as the pick ring's
            pt = dpi / 72.0
            artist.set_linewidths([CURSOR_PX / pt + 2 * CURSOR_HALO_PX / pt, CURSOR_PX / pt])
            self._dpi = dpi
        if i is None:
            if self._drawn != ():
                artist.set_edgecolors([TRANSPARENT, TRANSPARENT])
                self._drawn = ()
            return True
        x, y = self.chart.xy[i]
        drawn = (float(x), float(y), self.chart.theme.background, self.colour)
        if drawn != self._drawn:
            artist.set_verts(self._circles((drawn[0], drawn[1])))
            artist.set_edgecolors([to_rgba(drawn[2]), to_rgba(drawn[3])])
            self._drawn = drawn
        return True
