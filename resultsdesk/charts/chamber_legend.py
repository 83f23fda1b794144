"""The hemicycle's key, laid out for the shape of the canvas (`charts.layout`):

- "chips": a flow of chips ("Lab 411") under the chamber, centred, wrapping onto as many
  rows as the layout allows; past that the type shrinks (never a party folded for room);
- "list": a party a row (its chip, a bar of its seats, the number), filling the height a
  tall canvas has under the chamber.

Undeclared seats close either, in an outlined chip. Everything is placed in figure pixels;
nothing here decides who is named: the data's entries do (`HemicycleData.legend`, the one
"Others" rule), and they are all shown whatever the room.

The chips are the figure's artists, as many as the data has entries (`reserve`, before a
draw: a figure gathers its artists before it is laid out). The list's values and bars,
which only a tall canvas shows, are made by the first layout that needs them, on the
chamber's stage (`_stage.Stage`), which gathers its artists after the layout: drawn in
that same draw, and never made for a picture that shows chips.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from ..domain.records import record, replace
from ..domain.wording import seats_and_provisional
from ._base import extent, fit_font, put, put_colours
from ._stage import Stage
from ._text import KeptText, kept, named
from .chamber_marks import RECOUNT_KEY
from .data import UNDECLARED
from .theme import Theme, outline_for, text_contrast

MIN_KEY_SHRINK = 0.6  # the key's type shrinks at most this far to keep within its rows
LIST_ROW_EMS = 2.3  # a list row's height at most, in ems of its type
DIGIT = re.compile(r"\d")


def steady(label: str) -> str:
    """`label` with every digit a 0, as the flow measures it: a count's digits differ in
    ink by a pixel, which must not reflow the key (and rescale the chamber over it,
    every dot drawn again) as seats are counted; only a count's length may."""
    return DIGIT.sub("0", label)


@record
class Entry:
    label: str  # "Lab 5 + 4", "Others 3", "Undeclared 641" (the list: "Lab", ...)
    seats: int  # as drawn, provisional ones too: the list's bar
    count: str  # "5 + 4": verified, then provisional (`seats_and_provisional`)
    face: Any  # the chip's colour ("none": outlined)
    ink: Any  # its text's
    mark: bool = False  # the recount ring's entry: outlined boldly in the ring's colour


CHIP_LINE, MARK_LINE = 0.6, 1.6  # a chip's outline, and the recount entry's (points)


def chip_box(colour: str, theme: Theme) -> dict:
    return {"boxstyle": "round,pad=0.3,rounding_size=0.25", "facecolor": colour,
            "edgecolor": theme.outline, "linewidth": CHIP_LINE}


class ChamberLegend:
    """Chips (figure texts in a rounded box), and for the list a bar and a value a row."""

    def __init__(self, figure: Figure, theme: Theme, stage: Stage) -> None:
        self.figure = figure
        self.theme = theme
        self.stage = stage
        self.chips: list[Text] = []
        self.values: list[Text] = []
        self.bars: list[Rectangle] = []
        # Ten parties, Others and Undeclared, so that a night's parties declaring one by
        # one never add a chip on screen (a new artist: a full frame); more when needed.
        self.reserve(12)
        self.entries: list[Entry] = []  # as the latest layout drew them

    def reserve(self, n: int) -> None:
        """At least `n` chips (a preference may name many parties). Called with the data,
        before a draw: an artist made while the figure draws (in the layout) is left out
        of that draw, so an export would miss it. (The list's values and bars are made
        in its layout, on the stage, which gathers its artists after: `_list_room`.)"""
        figure, theme = self.figure, self.theme
        while len(self.chips) < n:
            self.chips.append(kept(figure.text(
                0, 0, "", fontsize=theme.small_size, ha="left", va="center",
                bbox=chip_box("#888888", theme), fontfamily=theme.font_family,
                fontweight="bold", visible=False)))

    def _list_room(self, n: int) -> None:
        """At least `n` values and bars, for the list: on the stage, during its layout."""
        figure, theme, stage = self.figure, self.theme, self.stage
        while len(self.values) < n:
            self.values.append(stage.add(KeptText(
                0, 0, "", transform=figure.transFigure, clip_on=False,
                fontsize=theme.label_size, ha="right", va="center_baseline",
                color=theme.foreground, fontfamily=theme.font_family, fontweight="bold",
                visible=False)))
            self.bars.append(stage.add(Rectangle(
                (0, 0), 0, 0, transform=figure.transFigure, clip_on=False, linewidth=0,
                visible=False)))

    # -- what is listed -------------------------------------------------------------------------
    @staticmethod
    def entries_for(parties: list[tuple[str, int, str | None]], undeclared: int, th: Theme,
                    with_seats: bool = True,
                    provisional: Mapping[str, int] | None = None) -> list[Entry]:
        """Every entry the data gives (the named parties, then Others), then Undeclared;
        `provisional`: how many of an entry's seats are provisional, counted apart."""
        provisional = provisional or {}

        def entry(name: str, n: int, face, ink) -> Entry:
            count = seats_and_provisional(n - provisional.get(name, 0),
                                          provisional.get(name, 0))
            # "<name> 5" keeps its figure after a name written right to left (`named`)
            return Entry(f"{named(name)} {count}" if with_seats else name, n, count, face,
                         ink)

        out, marks = [], []
        for p, n, colour in parties:
            if p == RECOUNT_KEY:  # seats ringed, not a share of the chamber: last
                marks.append(replace(entry(p, n, "none", th.foreground), mark=True))
                continue
            face = colour or th.others
            out.append(entry(p, n, face, text_contrast(face)))
        if undeclared:
            out.append(entry(UNDECLARED, undeclared, "none", th.muted))
        return out + marks

    # Only what differs is set: an artist given a value, even its own, is drawn again.
    def _style(self, t: Text, e: Entry, th: Theme) -> None:
        put(t, text=e.label, color=e.ink, visible=True)
        edge = th.foreground if e.mark else th.undeclared if e.face == "none" else th.outline
        put_colours(t.get_bbox_patch(), face=e.face, edge=edge)
        put(t.get_bbox_patch(), linewidth=MARK_LINE if e.mark else CHIP_LINE)

    def _hide(self, start: int, values: bool = True) -> None:
        for t in self.chips[start:]:
            put(t, visible=False)
        for t in self.values if values else ():
            put(t, visible=False)
        for b in self.bars if values else ():
            put(b, visible=False)

    # -- chips in rows --------------------------------------------------------------------------
    def flow(self, renderer, parties, undeclared: int, th: Theme, size: float,
             avail: float, max_rows: int, points_to_px,
             provisional: Mapping[str, int] | None = None) -> tuple[float, list]:
        """Every entry in rows of `avail` pixels, the type shrinking (to MIN_KEY_SHRINK)
        until they fit in `max_rows`; returns (height, rows) for `place_flow`."""
        entries = self.entries_for(parties, undeclared, th, provisional=provisional)
        self.reserve(len(entries))
        chips = self.chips[:len(entries)]
        for t in chips:
            put(t, visible=True)  # measured as shown
        least = size * MIN_KEY_SHRINK
        while True:
            pad = points_to_px(0.3 * size) * 2
            sep = points_to_px(10 * size / th.small_size)
            widths = [extent(t, renderer, steady(e.label), size)[0] + pad
                      for t, e in zip(chips, entries, strict=True)]
            rows, row, used = [], [], 0.0
            for i, w in enumerate(widths):
                if row and used + sep + w > avail:
                    rows.append(row)
                    row, used = [], 0.0
                row.append(i)
                used += (sep if len(row) > 1 else 0) + w
            if row:
                rows.append(row)
            if len(rows) <= max_rows or size <= least:
                break
            size = max(least, size * 0.9)
        self.entries = entries
        for t, e in zip(chips, entries, strict=True):
            self._style(t, e, th)
            put(t, fontsize=size)
        self._hide(len(entries))
        self._flow = (widths, pad, sep)
        if not entries:
            return 0.0, []
        row_h = max(extent(t, renderer)[1] for t in self.chips[:len(entries)]) + pad
        self._row_h = row_h
        return row_h * len(rows) + pad * 0.6 * (len(rows) - 1), rows

    def place_flow(self, rows: list, centre_x: float, top: float) -> None:
        """Each row centred on `centre_x`, the first row's top at `top` (pixels)."""
        widths, pad, sep = self._flow
        fig_w, fig_h = self.figure.bbox.width, self.figure.bbox.height
        y = top
        for row in rows:
            total = sum(widths[i] for i in row) + sep * (len(row) - 1)
            x = centre_x - total / 2
            for i in row:
                put(self.chips[i], position=((x + pad / 2) / fig_w,
                                             (y - self._row_h / 2) / fig_h))
                x += widths[i] + sep
            y -= self._row_h + pad * 0.6

    # -- a list, a party a row ----------------------------------------------------------------
    def list_height(self, renderer, parties, undeclared: int, th: Theme, size: float,
                    points_to_px, provisional: Mapping[str, int] | None = None,
                    ) -> tuple[float, float]:
        """(least, most) pixels the list wants: its rows at `size` tight, and roomy."""
        entries = self.entries_for(parties, undeclared, th, with_seats=False,
                                   provisional=provisional)
        self.reserve(len(entries))
        self._list_room(len(entries))
        self.entries = entries
        if not entries:
            self._hide(0)
            return 0.0, 0.0
        em = points_to_px(size)
        return len(entries) * em * 1.55, len(entries) * em * LIST_ROW_EMS

    def place_list(self, renderer, th: Theme, size: float, x0: float, x1: float,
                   top: float, height: float, points_to_px) -> None:
        """The rows from `top` down over `height` pixels between `x0` and `x1`."""
        entries = self.entries
        self._hide(len(entries))
        if not entries:
            return
        fig_w, fig_h = self.figure.bbox.width, self.figure.bbox.height
        row_h = height / len(entries)
        size = min(size, self._pt(row_h / 1.55, points_to_px))
        pad = points_to_px(0.3 * size) * 2
        for t, v, e in zip(self.chips, self.values, entries, strict=False):
            self._style(t, e, th)
            put(t, fontsize=size)
            put(v, text=e.count, color=th.muted if e.face == "none" else th.foreground,
                visible=True)
            put(v, fontsize=size)
        chip_w = max(extent(t, renderer)[0] for t in self.chips[:len(entries)]) + pad
        value_w = max(extent(v, renderer)[0] for v in self.values[:len(entries)])
        gap = points_to_px(size * 0.8)
        bar_x0, bar_x1 = x0 + chip_w + gap, x1 - value_w - gap
        most = max((e.seats for e in entries), default=1) or 1
        for i, e in enumerate(entries):
            yc = top - row_h * (i + 0.5)
            put(self.chips[i], position=((x0 + pad / 2) / fig_w, yc / fig_h))
            put(self.values[i], position=(x1 / fig_w, yc / fig_h))
            fit_font(self.values[i], renderer, size, max_width=value_w + 1)
            bar = self.bars[i]
            w = max(0.0, bar_x1 - bar_x0) * e.seats / most
            bh = min(row_h * 0.42, points_to_px(size) * 0.9)
            if w > 0 and e.face != "none":
                put(bar, x=bar_x0 / fig_w, y=(yc - bh / 2) / fig_h, width=max(w, 2.0) / fig_w,
                    height=bh / fig_h)
                rim = outline_for(e.face, th)  # one contrast rule for every chart
                put_colours(bar, face=e.face, edge=rim if rim is not None else "none")
                put(bar, linewidth=1.0 if rim is not None else 0.0, visible=True)
            else:
                put(bar, visible=False)

    @staticmethod
    def _pt(pixels: float, points_to_px) -> float:
        return pixels / points_to_px(1.0)
