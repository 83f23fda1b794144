"""The chamber as a hemicycle: one dot per seat, parties dealt left to right in political order
(`domain.hemicycle.deal_seats`), seats placed by parliamentarch. Undeclared seats are grey
outlines; provisional seats are lighter. A tick and label mark the seat where a majority is reached
counting from the left; a seat with a recount under way is ringed (`chamber_marks`: an undeclared
one on one of the undeclared places); the
centre shows the two largest parties' seats; the key under the chamber
(`chamber_legend`) says which colour is which: a row or two of chips on a wide or square canvas, a
party a row with its bar on a tall one, where the chamber fills the width.

Geometry depends only on the number of seats and is cached, so an update recolours the one
collection of dots (facecolors, edgecolors) and moves nothing. The dots are one circle path at one
size placed at every seat (`SeatDots`, a `PathCollection` as `scatter` makes): an SVG defines the
circle once and places it with `<use>`, a group per colour, instead of 650 separate paths.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.path import Path as CirclePath
from matplotlib.text import Text
from matplotlib.transforms import IdentityTransform

from ..domain.hemicycle import Undeclared, deal_seats
from ..domain.others import OTHERS
from ..domain.records import replace
from ..domain.wording import count_of, isolated
from ._base import NO_SEATS, Chart, extent, place_empty, put, put_colours
from ._rc import rc_set
from ._stage import Stage
from ._text import KeptAnnotation, KeptText
from .chamber_geometry import SeatGeometry, dealing_order, seat_geometry
from .chamber_legend import ChamberLegend, chip_box
from .chamber_marks import RECOUNT_KEY, RecountMarks, recount_places
from .data import TIE, UNDECLARED, HemicycleBlock, HemicycleData, party_ranks
from .layout import WIDE
from .seat_dots import SeatDots
from .theme import LIGHT, Theme, apply_theme, needs_outline, outline_for, text_contrast

HOVER_FACTOR = 1.25  # seat_at() answers this far beyond a dot's edge (share of its radius)
TICK_IN, TICK_OUT = 0.015, 0.06  # the majority tick, beyond the outer edge (data units)
PAD = 0.012  # data units around the chamber
SCALE_STEPS = 256  # the chamber's scale (pixels per data unit) in steps of 1/256 pixel
# Of the height between the header and the footer, the most a key in large type may take
# before it drops to the small type (the chamber needs the rest).
KEY_SHARE = 0.3
# Back to the large type only below this share, so that a key near the line as seats come
# in does not switch to and fro (each switch moves every dot).
KEY_SHARE_BACK = 0.26
TRANSPARENT = (0.0, 0.0, 0.0, 0.0)


class HemicycleChart(Chart):
    """The chamber, one dot per seat.

    After `update()`: `seat_owners` is the party of each seat position left to right (None
    when undeclared), `party_seats` the seats each party holds in the chart, and
    `seat_at(x, y)` / `tooltip_at(x, y)` answer hover questions in data coordinates.
    """

    COMPACT_DOCK = True  # a small dock leaves the titles out (`_base.COMPACT_BELOW_INCHES`)

    def __init__(self, figure: Figure | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(figure, theme)
        self.geometry: SeatGeometry = seat_geometry(0)
        self.seat_owners: list[str | None] = []
        self.party_seats: dict[str, int] = {}
        self._verified_seats: dict[str, int] = {}
        self._provisional: dict[str, int] = {}  # a key entry's provisional seats
        self.majority_index: int | None = None  # the seat where a majority is reached
        self._blocks: list[HemicycleBlock] = []
        self._index = np.zeros(0, dtype=int)  # block index per seat, -1 undeclared
        self._block_start = np.zeros(0, dtype=int)
        # position -> name of an undeclared seat with a recount under way, ringed there
        self._undeclared_recounts: dict[int, str] = {}
        self._legend_entries: list[tuple[str, int, str]] = []  # (party, seats, colour)
        self.stage: Stage | None = None  # the box the chamber is drawn in, in data units
        self.dots: SeatDots | None = None  # one dot per seat, left to right
        self.legend: ChamberLegend | None = None
        self.legend_chips: list[Text] = []  # the key's chips (legend.chips)
        self._lw_key: tuple | None = None
        self._lw_set = np.zeros(0)  # the outline widths the dots have

    def update(self, data: HemicycleData) -> None:
        super().update(data)

    # -- hover ----------------------------------------------------------------------------
    def seat_index_at(self, x: float, y: float) -> int | None:
        """The seat position (left to right) whose dot contains data point (x, y), if any."""
        g = self.geometry
        if not g.n:
            return None
        d2 = (g.xy[:, 0] - x) ** 2 + (g.xy[:, 1] - y) ** 2
        i = int(np.argmin(d2))
        return i if d2[i] <= (g.seat_radius * HOVER_FACTOR) ** 2 else None

    def data_at(self, x: float, y: float) -> tuple[float, float] | None:
        return self.stage.data_at(x, y) if self.stage is not None else None

    def seat_at(self, x: float, y: float) -> tuple[str, str] | None:
        """(party, constituency) of the declared seat under data point (x, y), else None."""
        i = self.seat_index_at(x, y)
        if i is None or self._index[i] < 0:
            return None
        k = int(self._index[i])
        block = self._blocks[k]
        return block.party, block.constituencies[i - int(self._block_start[k])]

    def _code_at(self, i: int, k: int) -> str | None:
        """The GSS code of seat `i` (of block `k`), where its data has codes."""
        codes = self._blocks[k].codes
        j = i - int(self._block_start[k])
        return codes[j] if len(codes) > j else None

    def tooltip_at(self, x: float, y: float) -> str | None:
        """"Lab: 411 seats · Hendon" (or "Undeclared: 325 seats") under (x, y)."""
        i = self.seat_index_at(x, y)
        if i is None:
            return None
        k = int(self._index[i])
        if k < 0:
            tip = f"{UNDECLARED}: {count_of(self.seat_owners.count(None), 'seat')}"
            recount = self._undeclared_recounts.get(i)
            return (tip if recount is None
                    else f"{tip} \u00b7 {isolated(recount)}: RECOUNT under way")
        party, seat = self.seat_at(x, y)  # type: ignore[misc]
        if self._blocks[k].tie:
            n = len(self._blocks[k].constituencies)
            tip = f"Tie, awaiting the lot: {count_of(n, 'seat')} \u00b7 {isolated(seat)}"
            # a tie is when a recount is most often called: its ring is said too
            recount = self.data is not None and seat in self.data.recounts
            return tip + (" \u00b7 RECOUNT under way" if recount else "")
        held = self._verified_seats.get(party, 0)
        count = count_of(held, "seat")
        if held != self.party_seats[party]:
            count += f" + {self.party_seats[party] - held:,} provisional"
        tip = f"{isolated(party)}: {count} \u00b7 {isolated(seat)}"  # Qt's bidi order
        if self._blocks[k].provisional:
            tip += " (provisional)"
        if self.data is not None and self.data.under_recount(seat, self._code_at(i, k)):
            tip += " \u00b7 RECOUNT under way"
        return tip

    def seat_colours(self) -> np.ndarray:
        """Face colours (RGBA rows) of the dots, left to right."""
        return self.dots.get_facecolors() if self.dots is not None else np.zeros((0, 4))

    # -- drawing ----------------------------------------------------------------------------
    def _shape_of(self, data: HemicycleData):
        return (data.seats_total,)

    def _plot_area(self, fig: Figure) -> None:
        # The chamber shows no axis: its artists are placed in data units on a Stage
        # (the part of an Axes it used), laid out by `_locate` as an Axes would be.
        self.stage = Stage(fig, self._locate)
        apply_theme(self.theme, fig)

    def _build(self, data: HemicycleData) -> None:
        stage, th = self.stage, self.theme
        g = self.geometry = seat_geometry(data.seats_total)
        # One size for every dot, set in points² by the layout (a dot is 2 × seat_radius
        # data units across): one <use> of one circle per seat in an SVG.
        self.dots = SeatDots(
            [CirclePath.unit_circle()], sizes=[1.0], offsets=g.xy,
            offset_transform=stage.transData, transform=IdentityTransform(),  # in points
            facecolors=TRANSPARENT, edgecolors=th.undeclared,
            linewidths=0.5, zorder=2)
        self._lw_set = np.zeros(0)
        # The layout keeps every dot inside the box: unclipped, an SVG places each dot
        # with one bare <use> rather than inside a clipped group of its own.
        self.dots.set_clip_on(False)
        stage.add(self.dots)
        self.recount_marks = RecountMarks(stage, th)
        self.majority_tick = stage.add(Line2D(
            [], [], color=th.majority, linewidth=2.2, solid_capstyle="butt", zorder=3,
            transform=stage.transData))
        self.majority_label = stage.add(KeptAnnotation(
            "", (1, 1), (0, 0), xycoords=stage.transData, textcoords="offset points",
            annotation_clip=False, fontfamily=th.font_family, fontsize=th.small_size,
            fontweight="bold", color=th.majority, ha="center", va="bottom", zorder=4,
            transform=IdentityTransform()), boxed=False)

        def text(x: float, y: float, **kwargs) -> Text:  # as `Axes.text` makes one
            return stage.add(KeptText(x, y, "", transform=stage.transData, clip_on=False,
                                      fontfamily=th.font_family, ha="center", va="bottom",
                                      zorder=4, **kwargs))

        self.centre_numbers = [text(1, 0, fontsize=th.big_size, fontweight="bold",
                                    color=th.foreground) for _ in range(2)]
        self.centre_chips = [text(1, 0, fontsize=th.label_size, fontweight="bold",
                                  bbox=chip_box("#888888", th)) for _ in range(2)]
        self._empty = text(1, 0.2, fontsize=th.label_size, color=th.muted)
        self._empty_text = ""
        self.legend = ChamberLegend(self.figure, th, stage)
        self.legend_chips = self.legend.chips
        self._lw_key = None
        self._small_key = False  # the key dropped to the small type (KEY_SHARE)

    def _apply(self, data: HemicycleData) -> None:
        th = self.theme
        g = self.geometry
        try:
            undeclared = Undeclared(data.undeclared_position)
        except ValueError:
            undeclared = Undeclared.MIDDLE
        blocks, pivot = dealing_order(data.blocks, undeclared)
        if data.named is not None:  # a party folded into "Others" is drawn in its colour,
            # as the key shows them: in their own, SDLP green or the Speaker's grey beside
            # the tie, the dots matched nothing in the key (its tooltip still names it)
            blocks = [b if data.named.is_named(b.party) else replace(b, colour=th.others)
                      for b in blocks]
        if data.ties:  # declared but nobody's: beside the undeclared seats, either order
            blocks.insert(pivot, HemicycleBlock(TIE, th.foreground, data.ties, tie=True))
        keys = deal_seats([(k, len(b.constituencies)) for k, b in enumerate(blocks)],
                          data.seats_total, undeclared, pivot)
        index = np.fromiter((-1 if k is None else k for k in keys), dtype=int, count=g.n)
        self._blocks, self._index = blocks, index
        starts = np.zeros(len(blocks), dtype=int)
        if len(blocks):
            present, first = np.unique(index[index >= 0], return_index=True)
            starts[present] = np.flatnonzero(index >= 0)[first]
        self._block_start = starts
        parties = [b.party for b in blocks]
        self.seat_owners = [None if k is None else parties[k] for k in keys]
        seats: dict[str, int] = {}
        verified: dict[str, int] = {}  # the solid dots: what the strip and centre count
        for b in blocks:
            if not b.tie:
                seats[b.party] = seats.get(b.party, 0) + len(b.constituencies)
                if not b.provisional:
                    verified[b.party] = verified.get(b.party, 0) + len(b.constituencies)
        self.party_seats = seats
        self._verified_seats = verified

        face = np.array([th.lighter(b.colour) if b.provisional else to_rgba(b.colour)
                         for b in blocks] + [TRANSPARENT]).reshape(-1, 4)
        edge = np.array([self._rim(b) for b in blocks]
                        + [to_rgba(th.undeclared)]).reshape(-1, 4)
        self.dots.set_facecolors(face[index])
        self.dots.set_edgecolors(edge[index])
        self._lw_key = None
        places, self._undeclared_recounts = recount_places(blocks, starts, data, index)
        self.recount_marks.place(places, g.xy)

        # The majority tick: at the seat where a majority is reached counting from the left.
        m = min(max(data.majority_line, 1), g.n) - 1 if g.n else None
        self.majority_index = m
        if m is not None:
            a = float(g.angle[m])
            r0, r1 = g.outer_edge + TICK_IN, g.outer_edge + TICK_OUT
            tick = ([1 + r0 * math.cos(a), 1 + r1 * math.cos(a)],
                    [r0 * math.sin(a), r1 * math.sin(a)])
            if [list(v) for v in self.majority_tick.get_data()] != list(tick):
                self.majority_tick.set_data(*tick)  # else it would be drawn again
            self.majority_label.xy = (1 + r1 * math.cos(a), r1 * math.sin(a))
            self.majority_label.set_text(f"{data.majority_line:,}")
        else:
            self.majority_tick.set_data([], [])
            self.majority_label.set_text("")

        # The two largest parties in the middle, in their chamber order, by verified seats
        # (provisional ones, drawn lighter, are counted apart in the key: "Lab 5 + 4").
        order = {p: i for i, p in enumerate(dict.fromkeys(parties))}
        colours = {b.party: b.colour for b in blocks if not b.tie}
        seats = verified
        # level on seats: the one with more votes, as every chart ranks them (the rule's
        # order); it was the chamber's order, so PC's one seat passed over the Speaker's
        rank = party_ranks(data.named)
        top = sorted(seats, key=lambda p: (-seats[p], rank(p), order[p]))[:2]
        top.sort(key=order.__getitem__)
        for i in range(2):
            if i < len(top):
                p = top[i]
                self.centre_numbers[i].set_text(f"{seats[p]:,}")
                self.centre_chips[i].set_text(p)
                put(self.centre_chips[i], color=text_contrast(colours[p]))
                put_colours(self.centre_chips[i].get_bbox_patch(), face=colours[p])
            else:
                self.centre_numbers[i].set_text("")
                self.centre_chips[i].set_text("")
        self._empty_text = "" if blocks else NO_SEATS  # placed (wrapped) in the hole

        # Legend chips: the named parties, largest first, then Others (the data says who).
        self._legend_entries = data.legend(th.others)
        self._provisional = data.provisional_seats()
        if data.ties:  # after Others, before Undeclared
            self._legend_entries.append((TIE, len(data.ties), th.foreground))
        if len(self.recount_marks.places):  # the key says what a ring is (after Undeclared)
            self._legend_entries.append((RECOUNT_KEY, len(self.recount_marks.places), None))
        self.legend.reserve(len(self._legend_entries) + 1)  # and Undeclared
        self.header.set(data.title, data.subtitle, "")  # the count is in the footer
        self.note_others(data.others, any(entry[0] == OTHERS for entry in self._legend_entries))

    def _declared_text(self, data: HemicycleData) -> str:
        provisional = sum(len(b.constituencies) for b in data.blocks if b.provisional)
        verified = sum(len(b.constituencies) for b in data.blocks) - provisional \
            + len(data.ties)
        status = f"{verified:,} of {data.seats_total:,} declared"
        if provisional:
            status += f" + {provisional:,} provisional"
        return status

    def _needs_rim(self, block: HemicycleBlock) -> bool:
        """Would the colour alone melt into the background (SNP yellow on white, navy on
        navy)? One rule for every chart: `theme.needs_outline`."""
        return needs_outline(block.colour, self.theme.background, self.theme.min_graphic)

    def _rim(self, block: HemicycleBlock) -> tuple[float, float, float, float]:
        """A dot's outline: its own colour, or one that reads when the colour does not."""
        if block.provisional:
            return to_rgba(block.colour)
        return outline_for(block.colour, self.theme) or to_rgba(block.colour)

    # -- layout -----------------------------------------------------------------------------
    def _layout(self, renderer, width, height):
        th, g = self._th, self.geometry
        px = self._px
        m = px(renderer, th.margin)
        gap = px(renderer, 8)
        top = self.header.layout(renderer, width, height, m, self.scale) - gap
        lay = self.layout
        legend, parties = self.legend, self._legend_entries
        undeclared = self.seat_owners.count(None)
        # The chamber, scaled to fit between header and key, with room for the label: as
        # wide as the canvas allows.
        # measured as shown: hidden, it measured 0 and was later drawn over the subtitle
        put(self.majority_label, fontsize=th.small_size, visible=True)
        lw, lh = extent(self.majority_label, renderer)
        _xs, ys = self.majority_tick.get_data()
        a = float(g.angle[self.majority_index]) if self.majority_index is not None else 0.0
        room = px(renderer, 3)
        label_top = lh + room if len(ys) else 0.0
        side = lw / 2 if len(ys) and abs(math.cos(a)) < 0.5 else lw + room
        outer = max(g.outer_edge, 1.0) + (TICK_OUT if len(ys) else 0)
        xr0, xr1 = 1 - outer - PAD, 1 + outer + PAD
        yr0, yr1 = -PAD, outer + PAD
        key_size = th.label_size if lay.legend_type == "label" else th.small_size
        list_key = lay.legend == "list"
        if list_key:  # its height is the chamber's leftovers, within bounds
            key_min, key_max = legend.list_height(renderer, parties, undeclared, th,
                                                  key_size, lambda p: px(renderer, p),
                                                  self._provisional)
            # A tall but small canvas (a narrow dock on screen) cannot hold a chamber as
            # wide as itself over a party a row: chips under it, then.
            full_h = (width - 2 * m) * (yr1 - yr0) / (xr1 - xr0) + label_top
            list_key = top - self.floor - key_min - 2 * gap >= full_h
            rows: list = []
        if not list_key:
            key_min, rows = legend.flow(renderer, parties, undeclared, th, key_size,
                                        width - 2 * m, lay.legend_rows,
                                        lambda p: px(renderer, p), self._provisional)
            share = KEY_SHARE_BACK if self._small_key else KEY_SHARE
            self._small_key = key_size > th.small_size and key_min > share * (top - self.floor)
            if self._small_key:
                # A small canvas near square (a laptop's chart dock): the square layout's
                # large chips took most of it, and the chamber was a thumbnail with its
                # figures gone. The small type in a wide canvas's rows, as it has them.
                key_size = th.small_size
                key_min, rows = legend.flow(renderer, parties, undeclared, th, key_size,
                                            width - 2 * m, WIDE.legend_rows,
                                            lambda p: px(renderer, p), self._provisional)
            key_max = key_min
        mid = 2 * gap if key_min else 0.0  # between the chamber and its key
        bottom = self.floor + key_min + mid
        # No room above a squeezed chamber (320 x 220, a rehearsal's five-line footer) for
        # the majority's figure: the tick alone marks it, not "326" over the subtitle.
        labelled = bool(len(ys)) and top - bottom - label_top >= 2 * lh
        if not labelled:
            label_top, side = 0.0, 0.0

        avail_w = max(10.0, width - 2 * m - (2 * side if abs(math.cos(a)) >= 0.5 else 0))
        avail_h = max(10.0, top - bottom - label_top)
        s = min(avail_w / (xr1 - xr0), avail_h / (yr1 - yr0))  # pixels per data unit
        # In whole 1/256 pixels: a hair's change in what is around the chamber (rounding
        # in a label's measure) would move every dot, all drawn again (50,000 of them).
        s = max(1.0, math.floor(s * SCALE_STEPS)) / SCALE_STEPS
        extra_x = max(0.0, (side - (xr1 - 1 - outer) * s)) if len(ys) else 0.0
        ax_w = s * (xr1 - xr0) + 2 * extra_x
        ax_h = s * (yr1 - yr0) + label_top
        x0 = (width - ax_w) / 2
        spare = max(0.0, top - bottom - ax_h)
        if lay.wide:  # the chamber centred over the key, which sits on the footer
            y0 = bottom + spare / 2
            key_top = self.floor + key_min
        else:  # chamber and key as one block, the key taking what it may of the room
            key_h = min(key_max, key_min + spare * 0.6)
            spare -= key_h - key_min
            y0 = top - spare / 2 - ax_h
            key_top = y0 - mid
            key_min = key_h
        if list_key:
            legend.place_list(renderer, th, key_size, m, width - m, key_top, key_min,
                              lambda p: px(renderer, p))
        else:
            legend.place_flow(rows, width / 2, key_top)
        self.stage.set_limits(xr0 - extra_x / s, xr1 + extra_x / s, yr0, yr1 + label_top / s)
        put(self.majority_label, visible=labelled,
            position=(self._pt(renderer, room * math.cos(a)),
                      self._pt(renderer, room * max(math.sin(a), 0.0))),
            horizontalalignment="center" if abs(math.cos(a)) < 0.5
            else ("left" if math.cos(a) > 0 else "right"),
            verticalalignment="bottom" if math.sin(a) > 0.3 else "center")

        self._layout_dots(renderer, s)
        self._layout_centre(renderer, s)
        return x0, y0, x0 + ax_w, y0 + ax_h

    def _layout_dots(self, renderer, s: float) -> None:
        g = self.geometry
        d = 2 * g.seat_radius * s  # dot diameter, pixels
        key = (round(d, 2), renderer.points_to_pixels(1.0), id(self._index))
        if key == self._lw_key:
            return
        rim = min(max(0.07 * d, 0.35), 1.0)  # a colour that needs an outline to read
        ring = min(max(0.12 * d, 0.6), 2.0)  # undeclared and provisional seats
        # Seats whose outline is their own colour get none: half the raster work.
        widths = np.array([ring if b.provisional else (rim if self._needs_rim(b) else 0.0)
                           for b in self._blocks] + [ring])
        pt = renderer.points_to_pixels(1.0)
        lw = widths[self._index] / pt
        if not np.array_equal(lw, self._lw_set):
            # Solid outlines need no dash pattern scaled for each seat (50,000 of them at
            # 50,000 seats, most of an update): matplotlib's classic broadcasting skips it.
            with rc_set({"_internal.classic_mode": True}):
                self.dots.set_linewidths(lw)
            self._lw_set = lw
        # The unit circle scaled by sqrt(size) points is a dot of radius d / 2 pixels.
        self.dots.set_sizes([(d / 2 / pt) ** 2])
        self.recount_marks.size(d, pt)
        self._lw_key = key

    def _layout_centre(self, renderer, s: float) -> None:
        th, g = self._th, self.geometry
        px = self._px
        hole = max(g.inner_edge, 0.05) * s * 0.94  # pixels
        base = px(renderer, 4)
        gap = px(renderer, 3)
        used = [i for i in range(2) if self.centre_numbers[i].get_text()]
        chip_pad = 0.3 * th.label_size  # points, as _chip_box

        def measure(k: float):  # at k times the theme's sizes, nothing set
            blocks = []
            for i in used:
                nw, nh = extent(self.centre_numbers[i], renderer, size=th.big_size * k)
                cw, ch = extent(self.centre_chips[i], renderer, size=th.label_size * k)
                pad = px(renderer, chip_pad * k)
                blocks.append((max(nw, cw + 2 * pad), nh, ch + 2 * pad))
            return blocks

        # Only what differs is set: an artist given a value, even its own, is drawn again.
        for t in (*self.centre_numbers, *self.centre_chips):
            put(t, visible=True)
        blocks = measure(1.0)
        k = 1.0
        if blocks:
            sep = px(renderer, 24)
            total_w = sum(b[0] for b in blocks) + sep * (len(blocks) - 1)
            total_h = max(b[1] + b[2] for b in blocks) + gap + base
            k = min(1.0, hole / math.hypot(total_w / 2, total_h))
            if k < 1.0:
                blocks = measure(k)
                sep *= k
        for i in range(2):
            shrunk = k if i in used else 1.0
            put(self.centre_numbers[i], fontsize=th.big_size * shrunk)
            put(self.centre_chips[i], fontsize=th.label_size * shrunk)
        for t in [t for i in used for t in (self.centre_numbers[i], self.centre_chips[i])]:
            put(t, visible=k >= 0.3)  # too small a hole (a chamber of 1 or 2): the key says it
        if blocks:
            total_w = sum(b[0] for b in blocks) + sep * (len(blocks) - 1)
            x = 1 - total_w / 2 / s
            for i, (w, _nh, chip_h) in zip(used, blocks, strict=True):
                cx = x + w / 2 / s
                pad = chip_h - extent(self.centre_chips[i], renderer)[1]
                put(self.centre_chips[i], position=(cx, (base + pad / 2) / s))
                put(self.centre_numbers[i], position=(cx, (base + chip_h + gap) / s))
                x += (w + sep) / s
        # no seat declared: the words inside the hole (two lines high), wrapped to its width;
        # none in too small a hole (they ran over the seats; the key and footer say it)
        line = px(renderer, th.label_size * 1.2)
        width = 2 * math.sqrt(max(hole ** 2 - (base + 2 * line) ** 2, (hole / 2) ** 2))
        place_empty(self._empty, renderer, self._empty_text, th.label_size, width, lines=2,
                    fits=lambda w, h: math.hypot(w / 2, base + h) <= hole)
        put(self._empty, position=(1, base / s))
