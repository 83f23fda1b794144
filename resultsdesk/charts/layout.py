"""Arrangements per shape of canvas: a 16:9 screen (hd, uhd, a desk window), a square and a
vertical (1080 x 1920) canvas each get their own, chosen at every layout from the canvas's
aspect ratio, so the same chart object draws a broadcast HD graphic, a square social post and
a phone-shaped story without being rebuilt.

The `Layout` is plain data; each chart's layout function reads it. Nothing here draws.
"""

from __future__ import annotations

from typing import Literal

from ..domain.records import record

Shape = Literal["wide", "square", "tall"]

# Width over height at which a canvas stops being wide (16:9 is 1.78, 4:3 1.33) or square.
WIDE_FROM = 1.25
SQUARE_FROM = 0.8


@record
class Layout:
    """How a chart arranges itself on one shape of canvas."""

    shape: Shape
    # Seats chart: vertical columns across a wide or square canvas; horizontal bars, one
    # party a row, down a tall one (columns on a narrow canvas are slivers).
    seat_bars: Literal["columns", "rows"]
    # Result card: the share bar between the name and the figures where the row is wide
    # enough, else a full-width bar under each candidate (a card keeps its bars).
    card_bars: Literal["beside", "under"]
    # Recount watch: a seat on one line (name, chips, majority, share) or two (the name
    # across the whole width, the rest under it).
    list_rows: Literal["one-line", "two-line"]
    # Hemicycle legend: a flow of chips ("Lab 411") under the chamber, or a list, a party a
    # row with a bar of its seats, filling the height a tall canvas has under the chamber.
    legend: Literal["chips", "list"]
    # Rows of chips the legend may wrap onto before a party folds into Others for room.
    legend_rows: int
    # Legend chips' type, in the theme's sizes: small on a wide canvas, label size where
    # the chamber leaves the room under it.
    legend_type: Literal["small", "label"]
    # How far rows may grow into spare height, as a share of their measured height: a
    # tall canvas spreads a short list rather than leaving half a page blank.
    row_growth: float
    # Timeline: share of the plot height given to the declarations per half hour (a
    # taller canvas gives the bars a little more, the running totals keep the most).
    timeline_bars: float

    @property
    def wide(self) -> bool:
        return self.shape == "wide"

    @property
    def tall(self) -> bool:
        return self.shape == "tall"


WIDE = Layout("wide", seat_bars="columns", card_bars="beside", list_rows="one-line",
              legend="chips", legend_rows=2, legend_type="small", row_growth=0.35,
              timeline_bars=0.27)
SQUARE = Layout("square", seat_bars="columns", card_bars="under", list_rows="one-line",
                legend="chips", legend_rows=3, legend_type="label", row_growth=0.6,
                timeline_bars=0.3)
TALL = Layout("tall", seat_bars="rows", card_bars="under", list_rows="two-line",
              legend="list", legend_rows=3, legend_type="label", row_growth=0.6,
              timeline_bars=0.3)
LAYOUTS: dict[Shape, Layout] = {"wide": WIDE, "square": SQUARE, "tall": TALL}


def shape_of(width: float, height: float) -> Shape:
    """"wide" from 5:4 outwards, "tall" from 4:5 upwards, "square" between."""
    aspect = width / max(height, 1e-9)
    if aspect >= WIDE_FROM:
        return "wide"
    return "square" if aspect >= SQUARE_FROM else "tall"


def layout_for(width: float, height: float) -> Layout:
    """The arrangement for a `width` x `height` canvas (any unit)."""
    return LAYOUTS[shape_of(width, height)]
