"""Vote share so far: a horizontal bar per party, largest at the top, with the share ("33.7%")
and the change against the baseline in the same seats ("+1.6 pts") at the end of each bar."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from matplotlib.figure import Figure

from ..domain.records import record
from ._bars import bars
from ._base import (
    MIN_FONT_SCALE,
    Chart,
    empty_text,
    extent,
    others_note,
    place_empty,
    put,
    put_colours,
    signed_points,
)
from ._text import annotate
from .data import VoteShareData
from .theme import LIGHT, MIN_READABLE_PT, Theme

NO_VOTES = "No votes counted yet"
NAME_PAD_PT = 8  # party names sit this far left of the axis line
XLIM_STEP = 2.0  # the share axis ends on a multiple of this many points

BAR_HEIGHT = 0.66
# How far below its row's centre a label centred on its baseline reaches, in its heights
# (its descent included).
LABEL_DROP = 0.6
# Where not every row has room for its labels, an unlabelled row gives up height to the
# labelled ones around it, down to this share of an even row's (the bars thinner with it):
# that room is what lets the largest parties, side by side at the top, all be labelled.
MIN_ROW_PITCH = 0.5


def _gaps(labelled: Sequence[int], n: int, clearance: float, least: float) -> list[float]:
    """The smallest distances (in even rows) between `n` rows' neighbouring centres that
    keep every two neighbouring `labelled` rows (ascending) `clearance` apart and any two
    rows `least` apart."""
    gaps = [least] * (n - 1)
    for a, b in itertools.pairwise(labelled):
        if (b - a) * least < clearance:
            gaps[a:b] = [clearance / (b - a)] * (b - a)
    return gaps


def _levelled(gaps: list[float], total: float) -> list[float]:
    """`gaps` with the smallest raised, together, until they add up to `total`: the
    closest two rows as far apart as the labels allow, so the bars (as thick as the
    closest two rows allow) are as thick as they can be."""
    rest, free = total, len(gaps)
    for g in sorted(gaps, reverse=True):
        # (the last one left never kept: gaps filling `total` exactly but for a rounding
        # of the last bit took every one, with nothing left to divide the rest among)
        if free == 1 or g <= rest / free:
            break
        rest, free = rest - g, free - 1  # kept as it is: above the level
    return [max(g, rest / free) for g in gaps]


def label_rows(order: Sequence[int], n: int, clearance: float,
               least: float = MIN_ROW_PITCH) -> tuple[list[int], list[float]]:
    """Which of `n` rows carry labels `clearance` even rows tall, ascending, and where each
    row's centre goes (in even rows from the first's; the last's stays at n - 1). Every
    row, evenly, where a label fits a row; else the rows of `order` (the most important
    first) for as long as each still fits beside those taken before it, the rows between
    squeezed towards `least` to make room. By importance, not position: every second row
    from the top left the Conservatives' 23.7 % unlabelled under Plaid Cymru's 0.7 %; and
    no row labelled while a more important one is not. It depends on the order and the
    sizes alone: a redraw of the same standings labels the same rows."""
    if clearance <= 1.0 or n < 2:
        return list(range(n)), [float(i) for i in range(n)]

    def fits(rows: list[int]) -> bool:
        return sum(_gaps(rows, n, clearance, least)) <= n - 1 + 1e-9

    chosen: list[int] = []
    for row in order:
        if not fits(trial := sorted([*chosen, row])):
            break
        chosen = trial
    gaps = _levelled(_gaps(chosen, n, clearance, least), n - 1)
    return chosen, list(itertools.accumulate(gaps, initial=0.0))


@record
class DrawnShare:
    party: str
    name: str
    colour: str
    votes: int
    share: float
    change: float | None


class VoteShareChart(Chart):
    """Vote shares by party. `bars` lists what is drawn, top to bottom."""

    def __init__(self, figure: Figure | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(figure, theme)
        self.bars: list[DrawnShare] = []
        self._pending: list[DrawnShare] = []
        self.bar_patches: list = []
        self.value_labels: list = []
        self.change_labels: list = []
        self.rows: list[float] = []  # each row's centre, in data units (see label_rows)
        self._ticks_size = theme.tick_size

    def update(self, data: VoteShareData) -> None:
        super().update(data)

    def drawn_bars(self, data: VoteShareData) -> list[DrawnShare]:
        """The named parties by share, then "Others" (who is named is the data's)."""
        return [DrawnShare(b.party, b.name, b.colour, b.votes, b.share, b.change)
                for b in data.drawn(self.theme.others)]

    def _shape_of(self, data: VoteShareData):
        self._pending = self.drawn_bars(data)
        return (len(self._pending),)

    def _build(self, data: VoteShareData) -> None:
        ax, th = self.ax, self.theme
        n = len(self._pending)
        y = list(range(n))
        self.rows = [float(i) for i in y]
        self.bar_patches = bars(ax, y, BAR_HEIGHT, horizontal=True, edgecolor=th.outline,
                                linewidth=0.8, zorder=2)
        common = {"fontfamily": th.font_family, "textcoords": "offset points", "ha": "left",
                  "va": "center_baseline", "annotation_clip": False, "zorder": 5}
        self.value_labels = [annotate(ax, "", (0, i), (0, 0), fontsize=th.label_size,
                                         fontweight="bold", color=th.foreground, **common)
                             for i in y]
        self.change_labels = [annotate(ax, "", (0, i), (0, 0), fontsize=th.small_size,
                                          color=th.muted, **common) for i in y]
        for side in ("right", "top", "bottom"):
            ax.spines[side].set_visible(False)
        ax.spines["left"].set_color(th.grid)
        ax.spines["left"].set_linewidth(1.2)
        ax.xaxis.set_visible(False)
        # Party names beside the bars as plain texts, not axis ticks (as the seat chart's):
        # setting tick labels makes new texts, laid out and drawn again on every update.
        ax.yaxis.set_visible(False)
        self.party_labels = [annotate(ax, "", (0, i), (-NAME_PAD_PT, 0),
                                         xycoords=("axes fraction", "data"),
                                         fontsize=th.tick_size, color=th.foreground,
                                         **{**common, "ha": "right"}) for i in y]
        self.empty = empty_text(ax, th)
        put(ax.spines["left"], visible=bool(n))  # no bars: the words alone
        self._ticks_size = th.tick_size

    def _apply(self, data: VoteShareData) -> None:
        bars = self.bars = self._pending
        # Only what differs is set: an artist given a value, even its own, is drawn again.
        for i, b in enumerate(bars):
            put(self.bar_patches[i], width=b.share)
            put_colours(self.bar_patches[i], face=b.colour)
            self.value_labels[i].set_text(f"{b.share:.1f}%")
            self.value_labels[i].xy = (b.share, self.rows[i])
            self.change_labels[i].set_text("" if b.change is None else signed_points(b.change))
            self.change_labels[i].xy = (b.share, self.rows[i])
        for label, b in zip(self.party_labels, bars, strict=True):
            label.set_text(b.party)
        status = f"{data.valid_votes:,} votes in {data.declared:,} of {data.seats_total:,} seats"
        self.header.set(data.title, data.subtitle, status)
        self.set_note(others_note(data.others, data.valid_votes))

    def _layout(self, renderer, width, height):
        th, ax = self._th, self.ax
        px = self._px
        m = px(renderer, th.margin)
        top = self.header.layout(renderer, width, height, m, self.scale) - px(renderer, 10)
        place_empty(self.empty, renderer, "" if self.bars else NO_VOTES, th.label_size,
                    width - 2 * m)
        if not self.bars:
            return m, self.floor, width - m, max(top, self.floor + 10)
        n = max(1, len(self.bars))
        y0 = self.floor
        y1 = max(top, y0 + 10)
        slot = (y1 - y0) / (n + 0.1)
        widest_slot = px(renderer, th.label_size * 5)  # a few parties: bars, not slabs
        if slot > widest_slot:
            spare = (slot - widest_slot) * (n + 0.1)
            y0, y1 = y0 + spare / 2, y1 - spare / 2
            slot = widest_slot

        # The lowest labels, taller than their row on a small dock, would reach below the
        # plot: it is lifted clear of the note and footer under it and laid out again
        # (where labels fit their rows, as everywhere larger, nothing moves).
        lift = 0.0
        for _ in range(2):
            slot = (y1 - y0 - lift) / (n + 0.1)
            x0, w, _room, need = self._size_rows(renderer, slot, n, m, width)
            last = max(i for i, t in enumerate(self.party_labels[:n]) if t.get_visible())
            tallest = max(extent(t, renderer)[1] for t in (
                self.party_labels[last], self.value_labels[last], self.change_labels[last]))
            # (a row squeezed under the last label adds its height to the room below)
            below = tallest * LABEL_DROP - slot * (n - 0.55 - self.rows[last])
            if below <= lift:
                break
            lift = below + 1.0
        y0 = min(y0 + lift, y1 - 10)
        x1 = width - m
        xmax = 1.0
        for b, L in zip(self.bars, need, strict=True):
            xmax = max(xmax, b.share * w / max(w - L, w * 0.25))
        # The scale moves in whole steps, not with every vote counted: between steps a
        # verification moves only the bars and labels whose figures changed.
        ax.set_xlim(0, math.ceil(xmax * 1.01 / XLIM_STEP) * XLIM_STEP)
        ax.set_ylim(n - 0.45, -0.55)
        return x0, y0, x1, y1

    def _size_rows(self, renderer, slot: float, n: int, m: float, width: float):
        """Size the rows' labels for rows `slot` pixels high; returns the plot's left edge
        and width, the labels' height, and what each row's labels need past its bar."""
        th, px = self._th, self._px
        # Measured at the theme's size and shrunk to whole half points (as fit_font does):
        # a size worked out from the last frame's drifted by a hair each time, so every
        # name was laid out and drawn again on every update.
        for t in (*self.party_labels, *self.value_labels, *self.change_labels):
            put(t, visible=True)  # (a hidden text measures nothing; _label_rows hides)
        ticks = [t for t in self.party_labels if t.get_text()]
        size = th.tick_size
        tallest = max((extent(t, renderer, size=size)[1] for t in ticks), default=0)
        room = self._label_rows(slot, tallest, n)
        if tallest > room * 0.9:
            size = max(th.tick_size * MIN_FONT_SCALE,
                       math.floor(th.tick_size * room * 0.9 / tallest * 2) / 2)
        for t in self.party_labels:
            put(t, fontsize=size)
        self._ticks_size = size
        widest = max((extent(t, renderer)[0] for t in ticks), default=0)
        x0 = m + widest + px(renderer, NAME_PAD_PT)
        w = max(width - m - x0, 10)
        need = self._size_end_labels(renderer, self.value_labels, self.change_labels,
                                     room * 0.9, px(renderer, 6))
        return x0, w, room, need

    def _label_rows(self, slot: float, tallest: float, n: int) -> float:
        """Label every row where a name at the least readable size fits a row's height;
        else (more parties than a small dock's height holds) the largest parties' rows, by
        vote share, as many as `label_rows` finds room for, the rows between drawn
        unlabelled rather than their labels running into each other. Places the rows,
        hides the labels of those skipped; returns the labels' height in pixels: the least
        distance between two labelled rows."""
        th = self._th
        least = min(th.tick_size, MIN_READABLE_PT)
        need = tallest * least / th.tick_size if th.tick_size else 0.0
        bars = self.bars
        # "Others" by its share too: labelled as a party of that share would be
        order = sorted(range(n), key=lambda i: (-bars[i].share, -bars[i].votes, i))
        rows, centres = label_rows(order, n, need / max(slot * 0.9, 1e-9))
        self._place_rows(centres)
        labelled = set(rows)
        for i in range(n):
            for t in (self.party_labels[i], self.value_labels[i], self.change_labels[i]):
                put(t, visible=i in labelled)
        apart = (centres[b] - centres[a] for a, b in itertools.pairwise(rows))
        return slot * min(apart, default=float(n))

    def _place_rows(self, centres: list[float]) -> None:
        """Put each row's bar and labels at its centre (data units); the bars all as thick
        as the closest two rows allow (one bar thinner than the rest would look smaller)."""
        self.rows = centres
        closest = min((b - a for a, b in itertools.pairwise(centres)), default=1.0)
        thick = BAR_HEIGHT * min(1.0, closest)
        for i, (c, b) in enumerate(zip(centres, self.bars, strict=True)):
            put(self.bar_patches[i], y=c - thick / 2, height=thick)
            self.value_labels[i].xy = self.change_labels[i].xy = (b.share, c)
            self.party_labels[i].xy = (0, c)
