"""Seats changing hands: one row per flow ("Con → Lab 182"), largest first, with the losing
and the winning party's chips, the seats and a bar in the winner's colour; as many rows as
fit, then "and 12 more changes"; exported with paging on (`charts.export.render_pages`), it
continues on further graphics (`gains-2.png`, ...), each saying which changes it shows
("Changes 13-21 of 21"). Who is named and who is "Others" is the data's (a change between
two parties both folded into "Others" comes named by its parties: `Flow.within_others`)."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..domain.others import OTHERS
from ._paging import PagedList
from ._panel import PanelChart
from ._text import named
from .story_data import Flow, GainsData
from .theme import LIGHT, Theme, mix, outline_for

ARROW = "\u2192"
NONE_TEXT = "No seat has changed hands"
# With no baseline nothing can have changed hands: "No seat has changed hands" and "0 seats
# changed hands" read on air as a night of holds.
NO_BASELINE_TEXT = "No baseline to compare with"


def flow_text(f: Flow) -> str:
    """"Con → Lab 182"."""
    return f"{named(f.from_party)} {ARROW} {named(f.to_party)} {f.seats:,}"


class GainsChart(PagedList, PanelChart):
    """`flows` lists the flows in drawing order after the latest update (all of them);
    `shown` how many rows the latest layout drew, from `first` (0 but on a continuation
    page)."""

    def __init__(self, figure: Figure | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(figure, theme)
        self.flows: list[Flow] = []

    def listed(self) -> list[Flow]:
        return self.flows

    def update(self, data: GainsData) -> None:
        super().update(data)

    def page(self) -> list[Flow]:
        """The flows this page lists (all of them, but on a paged export)."""
        return self.flows[self.first:]

    def _shape_of(self, data: GainsData):
        return (len(data.flows),)

    # -- drawing ----------------------------------------------------------------------------
    def _build_panel(self, data: GainsData) -> None:
        th = self.theme
        n = len(data.flows)
        self.stripes = [self._rect(zorder=1) for _ in range(n)]
        self.from_chips = [self._box(zorder=3) for _ in range(n)]
        self.from_texts = [self._text(size=th.small_size, weight="bold") for _ in range(n)]
        self.arrows = [self._text(size=th.label_size, color=th.muted, ha="center")
                       for _ in range(n)]
        self.to_chips = [self._box(zorder=3) for _ in range(n)]
        self.to_texts = [self._text(size=th.small_size, weight="bold") for _ in range(n)]
        self.bars = [self._rect(zorder=2) for _ in range(n)]
        self.counts = [self._text(size=th.label_size, weight="bold", ha="right")
                       for _ in range(n)]
        self.more = self._text(size=th.small_size, color=th.muted, va="top")
        self.empty = self._text(size=th.label_size, color=th.muted, ha="center")

    def _apply(self, data: GainsData) -> None:
        self.flows = list(data.flows)
        self.first = min(self.first, max(0, len(self.flows) - 1))
        for i, f in enumerate(self.page()):
            self._set(self.from_texts[i], f.from_party)
            self._set(self.arrows[i], ARROW)
            self._set(self.to_texts[i], f.to_party)
            self._set(self.counts[i], f"{f.seats:,}")
        self._set(self.empty, "" if self.flows
                  else NONE_TEXT if data.changed is not None else NO_BASELINE_TEXT)
        self.header.set(data.title, data.subtitle,
                        "" if data.changed is None
                        else "1 seat changed hands" if data.changed == 1
                        else f"{data.changed:,} seats changed hands")
        self.note_others(data.others, any(OTHERS in (f.from_party, f.to_party) for f in self.flows))

    def _colour(self, colour: str | None) -> str:
        return colour or self.theme.others  # "Others": the theme's grey

    # -- layout -----------------------------------------------------------------------------
    def _layout_body(self, renderer, x0, y0, x1, y1) -> None:
        th, px = self._th, self._px
        width, avail = x1 - x0, y1 - y0
        flows = self.page()
        n = len(flows)
        if not n:
            self._fit(self.empty, renderer, th.label_size, width)
            self._at(self.empty, (x0 + x1) / 2, (y0 + y1) / 2, "center", "center")
            self.more.set_visible(False)
            self.shown = 0
            return

        def measure(k: float, shown: int, more: bool = True) -> dict:
            chip_h = max(self._fit(self.from_texts[i], renderer, th.small_size * k)[1]
                         for i in range(n)) * 1.6
            count_h = max(self._fit(self.counts[i], renderer, th.label_size * k)[1]
                          for i in range(n))
            self._set(self.more, self._more_text(shown) if more else "")
            more_h = self._fit(self.more, renderer, th.small_size * k, width)[1]
            pad = px(renderer, 7) * k
            row_h = max(chip_h, count_h) + 2 * pad
            gap = px(renderer, 10) * k
            return {"row_h": row_h, "chip_h": chip_h, "gap": gap, "more_h": more_h,
                    "need": shown * row_h + (gap + more_h if more_h else 0)}

        k, shown = 1.0, n
        known = self.page_one_known()
        if known:  # pages alike: page one's rows (a vector page: its PNG's, `pin_pages`)
            shown, k = min(n, self.rows_here(self._per_page[0])), self._per_page[1]
        s = measure(k, shown)
        if s["need"] > avail and known:
            # measured a hair taller here (a vector page's unhinted type): the type gives
            # way, never a row, so each page lists what the PNG's does
            k = k * avail / s["need"] * 0.999
            s = measure(k, shown)
        elif s["need"] > avail and not (self.paging and self.first):
            # shrink a little first, then show fewer rows
            k = max(min(1.0, self.least_scale + 0.2), avail / s["need"])
            s = measure(k, shown)
        while s["need"] > avail and shown > 1 and not known:
            shown -= 1
            s = measure(k, shown)
        if self.paging and not known and n > shown:  # 21 rows: 11 and 10, not 12 and 9
            shown = -(-n // -(-n // shown))
            s = measure(k, shown)
        if not known and not self.first:
            self._per_page = (shown, k)
        if s["need"] > avail and s["more_h"]:  # room for one row alone: the subtitle's count
            s = measure(k, shown, more=False)  # says how many changed; no line over the note
        self.shown = shown
        row_h, chip_h = s["row_h"], s["chip_h"]
        grow = min(max(0.0, avail - s["need"]) * 0.8 / shown, row_h * 0.9)
        row_h += grow  # a tall canvas: roomier rows, what is left shared above and below
        spare = max(0.0, avail - s["need"] - grow * shown)

        chip_w = max(max(self._fit(t, renderer, th.small_size * k)[0]
                         for t in self.from_texts + self.to_texts) + chip_h * 0.8,
                     px(renderer, th.small_size * k) * 2.8)
        arrow_w = px(renderer, th.label_size * k) * 1.6
        count_w = max(self._fit(t, renderer, th.label_size * k)[0] for t in self.counts)
        col_gap = px(renderer, 16) * k
        from_x = x0
        to_x = from_x + chip_w + arrow_w
        count_r = to_x + chip_w + col_gap + count_w
        bar_x = count_r + col_gap
        bar_room = max(0.0, x1 - bar_x - px(renderer, 4))
        most = max(f.seats for f in self.flows) or 1  # every page's bars to one scale
        stripe = mix(th.foreground, th.background, 0.93)
        y = y1 - spare / 2
        for i in range(len(self.stripes)):
            f = flows[i] if i < n else None
            artists = (self.stripes[i], self.from_chips[i], self.from_texts[i], self.arrows[i],
                       self.to_chips[i], self.to_texts[i], self.bars[i], self.counts[i])
            if f is None or i >= shown:
                for a in artists:
                    a.set_visible(False)
                continue
            yc = y - row_h / 2
            if i % 2 == 0:
                self.stripes[i].set_bounds(x0, y - row_h, width, row_h)
                self.stripes[i].set_facecolor(stripe)
                self.stripes[i].set_visible(True)
            else:
                self.stripes[i].set_visible(False)
            for box, t, colour, x in ((self.from_chips[i], self.from_texts[i],
                                       f.from_colour, from_x),
                                      (self.to_chips[i], self.to_texts[i], f.to_colour, to_x)):
                self._fit(t, renderer, th.small_size * k, chip_w - chip_h * 0.4)
                self._chip(box, t, self._colour(colour), x, yc - chip_h / 2, chip_w, chip_h)
            self._fit(self.arrows[i], renderer, th.label_size * k)
            self._at(self.arrows[i], from_x + chip_w + arrow_w / 2, yc, "center",
                     "center_baseline")
            self._fit(self.counts[i], renderer, th.label_size * k)
            self._at(self.counts[i], count_r, yc, "right", "center_baseline")
            bar = self.bars[i]
            if bar_room > chip_h:
                colour = self._colour(f.to_colour)
                bar.set_bounds(bar_x, yc - chip_h * 0.35, max(2.0, bar_room * f.seats / most),
                               chip_h * 0.7)
                bar.set_facecolor(colour)
                rim = self._rim(colour)
                bar.set_edgecolor("none" if rim is None else rim)
                bar.set_linewidth(0 if rim is None else 1.0)
                bar.set_visible(True)
            else:
                bar.set_visible(False)
            y -= row_h
        if self.more.get_text():
            self._at(self.more, x0, y - s["gap"], "left", "top")

    def _more_text(self, shown: int) -> str:
        return self.page_note(shown, "Change", "Changes", "and {n:,} more changes")

    def _rim(self, colour: str):
        return outline_for(colour, self._th)

    def _declared_text(self, data: GainsData) -> str:
        return f"{data.declared:,} of {data.seats_total:,} declared"
