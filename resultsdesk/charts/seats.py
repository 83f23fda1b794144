"""Seats won: a bar per party, most first, with the change against the baseline, the majority
line and (optionally) provisional seats stacked on top, lighter and hatched.

Columns across a wide or square canvas; on a tall one (`charts.layout`), a party a row, the
bars running right, so each keeps the width of the canvas. The same bars are moved, not
rebuilt, when the shape changes.
"""

from __future__ import annotations

import math

from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from ..domain.others import OTHERS
from ..domain.records import record
from ..domain.signed import signed
from ..domain.wording import seats_and_provisional
from ._bars import bars
from ._base import (
    Chart,
    empty_text,
    extent,
    fit_font,
    no_party_seats,
    place_empty,
    put,
    put_colours,
)
from ._text import annotate
from .data import SeatChartData
from .textfit import shrunk_size
from .theme import LIGHT, Theme

BAR_WIDTH = 0.72
# Bars made at least this many at a time, the unused hidden: a party winning its first
# seat shows a bar made already, instead of every artist made and drawn again.
SPARE_BARS = 12
SEAT_STEP = 0.05  # the seat axis ends on a multiple of this share of the majority line
TICK_PAD_PT = 6  # party names sit this far below the axis line
RULE_WIDTH_PT = 1.6  # the dashed majority rule


@record
class DrawnBar:
    """A bar as drawn: a party, or the folded Others."""

    party: str
    name: str
    colour: str
    seats: int
    provisional: int  # 0 unless provisional seats are shown
    change: int | None

    @property
    def total(self) -> int:
        return self.seats + self.provisional


def _stepped(top: float, majority: float) -> float:
    """The seat axis's end, `top` rounded up to a step of SEAT_STEP of the majority line:
    the scale moves now and then, not with every seat the largest party wins (which moved
    every bar and label, all drawn again)."""
    step = max(1.0, majority * SEAT_STEP)
    return math.ceil(top / step) * step


def _halo(theme: Theme) -> dict:
    """A value or change label's box, in the background colour and hidden until the
    majority rule runs behind the label (`SeatChart._mask_rule`): a rule through "−251"
    on a small chart read "=251". With a transparent background exports make it clear
    (`export._transparent_boxes`), as the majority label's own box."""
    return {"boxstyle": "square,pad=0", "facecolor": theme.background, "edgecolor": "none",
            "visible": False}


def value_text(bar: DrawnBar) -> str:
    return seats_and_provisional(bar.seats, bar.provisional)


class SeatChart(Chart):
    """Seats by party. `bars` lists what is drawn, left to right, after the latest update."""

    def __init__(self, figure: Figure | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(figure, theme)
        self.bars: list[DrawnBar] = []
        self._pending: list[DrawnBar] = []
        self.bar_patches: list = []
        self.provisional_patches: list = []
        self.value_labels: list = []
        self.change_labels: list = []
        self._ticks_size = theme.tick_size
        self._sliver = 0.0  # the thinnest bar drawn (data units), at the latest layout
        self._made = 0  # bars made (some may be hidden)
        self._made_artists: tuple = ((), (), (), (), ())

    def update(self, data: SeatChartData) -> None:
        super().update(data)

    # -- data -----------------------------------------------------------------------------
    def drawn_bars(self, data: SeatChartData) -> list[DrawnBar]:
        """The bars `data` draws: the named parties by seats shown, then "Others" (who is
        named is the data's: `domain.others`)."""
        return [DrawnBar(b.party, b.name, b.colour, b.seats, b.provisional, b.change)
                for b in data.drawn(self.theme.others)]

    def _shape_of(self, data: SeatChartData):
        self._pending = self.drawn_bars(data)
        n, made = len(self._pending), self._made
        return (made if n <= made else max(n, SPARE_BARS), bool(data.show_provisional))

    # -- drawing ----------------------------------------------------------------------------
    def _build(self, data: SeatChartData) -> None:
        ax, th = self.ax, self.theme
        n = self._made = max(len(self._pending), SPARE_BARS)
        x = list(range(n))
        self.bar_patches = bars(ax, x, BAR_WIDTH, edgecolor=th.outline, linewidth=0.8,
                                zorder=2)
        self.provisional_patches = []
        if data.show_provisional:
            self.provisional_patches = bars(ax, x, BAR_WIDTH, edgecolor=th.outline,
                                            linewidth=0.8, hatch="//", zorder=2)
            for r in self.provisional_patches:
                r.set_hatch_linewidth(1.4)
        text = {"fontfamily": th.font_family, "textcoords": "offset points",
                "ha": "center", "va": "bottom", "annotation_clip": False, "zorder": 5}
        self.value_labels = [annotate(ax, "", (i, 0), (0, 0), fontsize=th.label_size,
                                         fontweight="bold", color=th.foreground,
                                         multialignment="center",  # "61" over "+ 14"
                                         bbox=_halo(th), **text) for i in x]
        self.change_labels = [annotate(ax, "", (i, 0), (0, 0), fontsize=th.small_size,
                                          color=th.muted, bbox=_halo(th), **text) for i in x]
        # Party names under the bars as plain texts, not axis ticks: the tick machinery
        # cost a third of every redraw on the live desk.
        self.party_labels = [annotate(ax, "", (i, 0), (0, -TICK_PAD_PT), fontsize=th.tick_size,
                                         color=th.foreground,
                                         **{**text, "va": "top"}) for i in x]
        self.majority_rule = ax.axhline(0, color=th.majority, linewidth=RULE_WIDTH_PT,
                                        linestyle=(0, (6, 3)), zorder=3)
        self.majority_vrule = ax.axvline(0, color=th.majority, linewidth=RULE_WIDTH_PT,
                                         linestyle=(0, (6, 3)), zorder=3, visible=False)
        self.majority_label = annotate(
            ax, "", (0, 0), (0, 0), textcoords="offset points", annotation_clip=False,
            fontfamily=th.font_family, fontsize=th.small_size, fontweight="bold",
            color=th.majority, zorder=6,
            bbox={"boxstyle": "square,pad=0.2", "facecolor": th.background,
                  "edgecolor": "none"})
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_color(th.grid)
        ax.spines["bottom"].set_linewidth(1.2)
        ax.yaxis.set_visible(False)
        ax.xaxis.set_visible(False)
        self.empty = empty_text(ax, th)
        self._ticks_size = th.tick_size
        self._made_artists = (self.bar_patches, self.provisional_patches, self.value_labels,
                              self.change_labels, self.party_labels)

    def _apply(self, data: SeatChartData) -> None:
        th = self.theme
        bars = self.bars = self._pending
        self._use(len(bars))
        # Only what differs is set: an artist given a value, even its own, is drawn again.
        # Lengths as the latest layout would draw them (a sliver at least): the same as
        # drawn unless the figures changed.
        rows = self.layout.seat_bars == "rows"
        for i, b in enumerate(bars):
            rect = self.bar_patches[i]
            seats = self._length(b.seats)
            put(rect, **{"width" if rows else "height": seats})
            put_colours(rect, face=b.colour)
            if self.provisional_patches:
                prov = self.provisional_patches[i]
                more = self._length(b.provisional)
                put(prov, **({"x": seats, "width": more} if rows else
                             {"y": seats, "height": more}))
                put_colours(prov, face=th.lighter(b.colour))
                if prov.get_hatchcolor() != to_rgba(b.colour):
                    prov.set_hatchcolor(b.colour)
                put(prov, visible=b.provisional > 0)
            self.value_labels[i].set_text(value_text(b))
            self.value_labels[i].xy = (i, b.total)
            self.change_labels[i].set_text("" if b.change is None else signed(b.change))
            self.change_labels[i].xy = (i, b.total)
        for label, b in zip(self.party_labels, bars, strict=True):
            label.set_text(b.party)
        line = [data.majority_line, data.majority_line]
        if list(self.majority_rule.get_ydata()) != line:
            self.majority_rule.set_ydata(line)
            self.majority_vrule.set_xdata(line)
        self.majority_label.set_text(f"{data.majority_line:,} for a majority")
        put(self.majority_label, visible=bool(bars))  # no bars: no rule, no axis line
        self.header.set(data.title, data.subtitle, "")  # the count is in the footer
        self.note_others(data.others, any(b.party == OTHERS for b in bars))

    def _use(self, n: int) -> None:
        """The first `n` of the bars and labels made are the chart's; the rest hidden."""
        made = self._made_artists
        (self.bar_patches, self.provisional_patches, self.value_labels, self.change_labels,
         self.party_labels) = (a[:n] for a in made)
        for artists in made:
            for i, a in enumerate(artists):
                if i >= n:
                    put(a, visible=False)
                elif artists is not made[1]:  # a provisional patch shows only if used
                    put(a, visible=True)

    def _length(self, seats: int) -> float:
        """A bar's length in data units: a sliver at least, so a seat or two shows."""
        return max(seats, self._sliver) if seats else 0

    def _declared_text(self, data: SeatChartData) -> str:
        status = f"{data.declared:,} of {data.seats_total:,} declared"
        if data.ties:  # counted as declared, on no party's bar: said, or the bars fall short
            status += f" ({data.ties:,} tied, awaiting the lot)"
        if data.show_provisional and data.provisional_declared:
            status += f" + {data.provisional_declared:,} provisional"
        return status

    def _layout(self, renderer, width, height):
        th = self._th
        m = self._px(renderer, th.margin)
        top = self.header.layout(renderer, width, height, m, self.scale) - self._px(renderer, 10)
        self._orient(self.layout.seat_bars)
        place_empty(self.empty, renderer, "" if self.bars else no_party_seats(
            self.data.declared if self.data is not None else 0), th.label_size, width - 2 * m)
        if not self.bars:
            return m, self.floor, width - m, max(top, self.floor + 10)
        if self.layout.seat_bars == "rows":
            return self._place_rows(renderer, width, m, top)
        return self._place(renderer, width, m, top, right_label=False)

    def _orient(self, how: str) -> None:
        """Bars, labels, rule and spine for columns or rows (moved, never rebuilt)."""
        ax, rows = self.ax, how == "rows"
        for i, label in enumerate(self.party_labels):
            label.xy = (0, i) if rows else (i, 0)
            put(label, horizontalalignment="right" if rows else "center",
                verticalalignment="center_baseline" if rows else "top",
                position=(-TICK_PAD_PT, 0) if rows else (0, -TICK_PAD_PT))
        for t in (*self.value_labels, *self.change_labels):
            put(t, horizontalalignment="left" if rows else "center",
                verticalalignment="center_baseline" if rows else "bottom")
        for patches, base in ((self.bar_patches, True), (self.provisional_patches, False)):
            for i, rect in enumerate(patches):
                if rows:
                    put(rect, y=i - BAR_WIDTH / 2, height=BAR_WIDTH)
                else:  # lengths (and a stacked patch's base) are set by the placing
                    put(rect, x=i - BAR_WIDTH / 2, width=BAR_WIDTH)
                    if base:
                        put(rect, y=0)
        drawn = bool(self.bars)  # nothing declared: the words alone, no rule or axis line
        put(self.majority_rule, visible=drawn and not rows)
        put(self.majority_vrule, visible=drawn and rows)
        put(ax.spines["bottom"], visible=drawn and not rows)
        put(ax.spines["left"], visible=drawn and rows, linewidth=1.2)
        put_colours(ax.spines["left"], edge=self.theme.grid)

    def _place_rows(self, renderer, width, m, top):
        """A party a row, largest at the top; values after each bar; the majority a
        dashed vertical rule, labelled under the last row."""
        th, ax, px = self._th, self.ax, self._px
        n = max(1, len(self.bars))
        pad = px(renderer, 6)
        label = self.majority_label
        put(label, fontsize=th.small_size)
        _lw, lh = extent(label, renderer)
        y0 = self.floor + lh + 2 * pad
        y1 = max(top, y0 + 10)
        slot = (y1 - y0) / n
        widest_slot = px(renderer, th.label_size * 4.6)  # a few parties: bars, not slabs
        if slot > widest_slot:  # the rows (and the label under them) centred
            spare = y1 - y0 - widest_slot * n
            y0, y1 = y0 + spare / 2, y1 - spare / 2
            slot = widest_slot
        size = th.tick_size
        self._ticks_size = min((shrunk_size(t, renderer, size, max_height=slot * 0.8)
                                for t in self.party_labels), default=size)
        for t in self.party_labels:
            put(t, fontsize=self._ticks_size)
        widest = max((extent(t, renderer)[0] for t in self.party_labels), default=0.0)
        x0 = m + widest + px(renderer, TICK_PAD_PT) + pad
        x1 = width - m
        w = max(x1 - x0, 10.0)
        need = self._size_end_labels(renderer, self.value_labels, self.change_labels,
                                     slot * 0.8, pad)
        majority = self.majority_vrule.get_xdata()[0]
        xmax = max(1.0, majority * 1.04)
        for b, L in zip(self.bars, need, strict=True):
            xmax = max(xmax, b.total * w / max(w - L, w * 0.25))
        xmax = _stepped(xmax * 1.01, majority) / 1.01  # as the label's place assumes
        ax.set_xlim(0, xmax * 1.01)
        ax.set_ylim(n - 0.5, -0.5)
        self._sliver = px(renderer, 2.5) / w * xmax
        ends: list[float] = []  # each bar's end, in pixels from x0
        for i, b in enumerate(self.bars):
            seats = self._length(b.seats)
            put(self.bar_patches[i], x=0, width=seats)
            end = seats
            if self.provisional_patches:
                prov = self._length(b.provisional)
                put(self.provisional_patches[i], x=seats, width=prov)
                end += prov
            self.value_labels[i].xy = self.change_labels[i].xy = (end, i)
            ends.append(end / (xmax * 1.01) * w)
        lw = extent(label, renderer)[0]
        xm = majority / (xmax * 1.01) * w  # the rule, in pixels from x0
        self._mask_rule(zip(self.value_labels, self.change_labels, ends, strict=False), xm,
                        renderer, across=0)
        label.xy = (majority, n - 0.5)
        put(label, position=(0, -self._pt(renderer, pad)), verticalalignment="top",
            horizontalalignment="right" if xm + lw / 2 > w else
            ("left" if xm - lw / 2 < -(x0 - m) else "center"))
        return x0, y0, x1, y1

    def _mask_rule(self, bars, rule: float, renderer, across: int) -> None:
        """Show the box of each label the majority rule runs through, hide every other's.
        `bars`: (value label, change label, the bar's end) for each bar, the end and `rule`
        in pixels along axis `across` (0: x, for rows; 1: y, for columns). Each label
        starts its offset past the bar's end (left-aligned in rows, bottom-aligned in
        columns) and reaches its extent further."""
        reach = self._px(renderer, RULE_WIDTH_PT) / 2 + 1  # the rule's half width, and AA
        crossed = set()
        for *labels, end in bars:
            for label in labels:
                low = end + renderer.points_to_pixels(label.get_position()[across])
                if label.get_text() and low - reach < rule < \
                        low + extent(label, renderer)[across] + reach:
                    crossed.add(id(label))
        for label in (*self.value_labels, *self.change_labels):
            put(label.get_bbox_patch(), visible=id(label) in crossed)

    def _place(self, renderer, width, m, top, right_label: bool):
        th, ax = self._th, self.ax
        px = self._px
        n = len(self.bars)
        xmin, xmax = -0.6, max(n, 1) - 0.4
        pad = px(renderer, 5)
        label = self.majority_label
        put(label, fontsize=th.small_size)
        lw, lh = extent(label, renderer)
        x0, x1 = m, width - m - (lw + 3 * pad if right_label else 0)
        unit = (x1 - x0) / (xmax - xmin)  # pixels per bar
        widest = px(renderer, th.label_size * 10)  # a few parties: bars, not slabs
        if unit > widest:
            spare = (unit - widest) * (xmax - xmin)
            x0, x1 = x0 + spare / 2, x1 - spare / 2
            unit = widest

        # Party abbreviations: one size for all, shrunk only if the widest would not fit.
        ticks = [t for t in self.party_labels if t.get_text()]
        size = th.tick_size
        # Measured at the theme's size, not the last one: text does not scale exactly, and
        # a chart updated in place must lay out as a fresh one (exports, the screen).
        widest = max((extent(t, renderer, size=size)[0] for t in ticks), default=0)
        if widest > unit * 0.94:
            size = max(th.tick_size * 0.45, th.tick_size * unit * 0.94 / widest)
        for t in self.party_labels:
            put(t, fontsize=size)
        self._ticks_size = size
        tick_h = max((extent(t, renderer)[1] for t in ticks),
                     default=px(renderer, th.tick_size))
        y0 = self.floor + tick_h + px(renderer, TICK_PAD_PT)
        y1 = max(top, y0 + 10)
        h = y1 - y0

        # Values and changes above each bar, shrunk to the bar spacing if need be: every
        # value to the size the widest needs, every change likewise. Each fitted alone, a
        # leader's "84 + 15" was the smallest figure on the chart beside a large "3".
        pairs = list(zip(self.value_labels, self.change_labels, strict=True))
        for i, (v, _c) in enumerate(pairs):
            if i < len(self.bars) and self.bars[i].provisional:
                # "61 + 14" wider than the bars' spacing: "61" over "+ 14" (shrunk on one
                # line, it ran into its neighbour's before it was small enough)
                text = value_text(self.bars[i])
                if extent(v, renderer, text, th.label_size)[0] > unit * 0.98:
                    text = text.replace(" + ", "\n+ ")
                put(v, text=text)
        shown = pairs[:len(self.bars)] or pairs
        value_size = min(shrunk_size(v, renderer, th.label_size, unit * 0.98)
                         for v, _c in shown)
        change_size = min(value_size, *(shrunk_size(c, renderer, th.small_size, unit * 0.98)
                                        for _v, c in shown))  # never over the figure
        stack = []
        for v, c in pairs:
            fit_font(v, renderer, value_size)
            fit_font(c, renderer, change_size)
            vh, ch = extent(v, renderer)[1], extent(c, renderer)[1]
            put(v, position=(0, self._pt(renderer, pad * 0.6)))
            put(c, position=(0, self._pt(renderer, pad * 0.6 + vh)))
            stack.append(pad * 0.6 + vh + ch + pad)

        majority = self.majority_rule.get_ydata()[0]
        room = lambda need: max(h - need, h * 0.25)  # noqa: E731
        ymax = max(1.0, majority * h / room(lh + 2 * pad))
        for b, need in zip(self.bars, stack, strict=True):
            ymax = max(ymax, b.total * h / room(need))
        ymax = _stepped(ymax * 1.02, majority)
        ax.set_xlim(xmin, xmax)
        ax.set_ylim(0, ymax)
        # A bar of a seat or two still shows its colour: never thinner than a sliver.
        self._sliver = px(renderer, 2.5) / h * ymax
        tops = []
        for i, b in enumerate(self.bars):
            seats = self._length(b.seats)
            put(self.bar_patches[i], height=seats)
            top_ = seats
            if self.provisional_patches:
                prov = self._length(b.provisional)
                put(self.provisional_patches[i], y=seats, height=prov)
                top_ += prov
            self.value_labels[i].xy = self.change_labels[i].xy = (i, top_)
            tops.append(top_)

        # The majority label: on the line at the right (where the small parties are), else
        # wherever it clears every bar and its labels, else in a margin to the right.
        def xp(u):
            return (u - xmin) * unit

        def yp(v):
            return v / ymax * h

        obstacles = []
        for i, (bar_top, need) in enumerate(zip(tops, stack, strict=True)):
            half = max(BAR_WIDTH * unit, extent(self.value_labels[i], renderer)[0],
                       extent(self.change_labels[i], renderer)[0]) / 2
            obstacles.append((xp(i) - half, xp(i) + half, yp(bar_top) + need))
        ym = yp(majority)
        self._mask_rule(zip(self.value_labels, self.change_labels, map(yp, tops),
                            strict=False), ym, renderer, across=1)
        w = x1 - x0
        candidates = [  # (x0, y0) of the label in axes pixels, annotation xy, offset, ha, va
            (w - pad - lw, ym + pad, xmax, (-1, 1), "right", "bottom"),
            (w - pad - lw, ym - pad - lh, xmax, (-1, -1), "right", "top"),
            (pad, ym + pad, xmin, (1, 1), "left", "bottom"),
            (pad, ym - pad - lh, xmin, (1, -1), "left", "top"),
        ]
        for cx, cy, ux, (sx, sy), ha, va in candidates:
            if cy < 0 or cy + lh > h:
                continue
            clear = all(cx + lw < ox0 or cx > ox1 or cy > otop
                        for ox0, ox1, otop in obstacles)
            if clear:
                label.xy = (ux, majority)
                put(label, position=(sx * self._pt(renderer, pad),
                                     sy * self._pt(renderer, pad)),
                    horizontalalignment=ha, verticalalignment=va)
                return x0, y0, x1, y1
        if not right_label:
            return self._place(renderer, width, m, top, right_label=True)
        label.xy = (xmax, majority)
        put(label, position=(self._pt(renderer, 2 * pad), 0), horizontalalignment="left",
            verticalalignment="center")
        return x0, y0, x1, y1
