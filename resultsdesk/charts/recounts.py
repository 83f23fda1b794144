"""The recount watch: seats whose majority is within recount range, recounts under way first,
then the smallest majority first, each with winner and runner-up chips, the majority and its
share of the vote."""

from __future__ import annotations

from matplotlib.figure import Figure

from ._panel import MIN_SCALE, PanelChart
from .data import RecountWatchData, WatchedSeat
from .theme import LIGHT, Theme, mix, text_contrast

NONE_TEXT = "No seat within recount range"


def majority_pct_text(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}%"


class RecountWatchChart(PanelChart):
    """`rows` lists the seats in drawing order after the latest update (all of them; the
    layout shows as many as fit, up to `max_rows`, and says how many more there are);
    `shown` how many the latest layout drew."""

    def __init__(self, figure: Figure | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(figure, theme)
        self.rows: list[WatchedSeat] = []
        self.shown = 0

    def update(self, data: RecountWatchData) -> None:
        super().update(data)

    @staticmethod
    def ordered(seats) -> list[WatchedSeat]:
        return sorted(seats, key=lambda s: (
            not s.recount, -1 if s.majority is None else s.majority,
            -1.0 if s.majority_pct is None else s.majority_pct, s.constituency))

    def _shape_of(self, data: RecountWatchData):
        return (max(1, data.max_rows),)  # rows enough for any night: updates stay in place

    # -- drawing ----------------------------------------------------------------------------
    def _build_panel(self, data: RecountWatchData) -> None:
        th = self.theme
        n = max(1, data.max_rows)
        self.col_heads = [self._text(size=th.small_size, color=th.muted, ha=ha, va="bottom")
                          for ha in ("left", "center", "center", "right", "right")]
        self.stripes = [self._rect(zorder=1) for _ in range(n)]
        self.badges = [self._box(zorder=3) for _ in range(n)]
        self.badge_texts = [self._text(size=th.small_size, weight="bold") for _ in range(n)]
        self.names = [self._text(size=th.label_size) for _ in range(n)]
        self.winner_chips = [self._box(zorder=3) for _ in range(n)]
        self.winner_texts = [self._text(size=th.small_size, weight="bold") for _ in range(n)]
        self.runner_chips = [self._box(zorder=3) for _ in range(n)]
        self.runner_texts = [self._text(size=th.small_size, weight="bold") for _ in range(n)]
        self.majorities = [self._text(size=th.label_size, weight="bold", ha="right")
                           for _ in range(n)]
        self.pcts = [self._text(size=th.label_size, ha="right") for _ in range(n)]
        self.more = self._text(size=th.small_size, color=th.muted, va="top")
        self.empty = self._text(size=th.label_size, color=th.muted, ha="center")

    def _apply(self, data: RecountWatchData) -> None:
        self.rows = self.ordered(data.seats)
        n = len(self.names)
        for i in range(n):
            s = self.rows[i] if i < len(self.rows) else None
            if s is None:
                for t in (self.badge_texts[i], self.names[i], self.winner_texts[i],
                          self.runner_texts[i], self.majorities[i], self.pcts[i]):
                    self._set(t, "")
                continue
            self._set(self.badge_texts[i], self._badge(s))
            self._set(self.names[i], s.constituency)
            self._set(self.winner_texts[i], s.winner or "\u2013")
            self._set(self.runner_texts[i], s.runner_up or "\u2013")
            self._set(self.majorities[i], "" if s.majority is None else f"{s.majority:,}")
            self._set(self.pcts[i], majority_pct_text(s.majority_pct))
        self._set(self.empty, "" if self.rows else NONE_TEXT)
        for t, s in zip(self.col_heads, ("Constituency", "Winner", "Runner-up", "Majority",
                                         "% of vote"), strict=True):
            self._set(t, s if self.rows else "")
        self.header.set(data.title, data.subtitle, "")

    @staticmethod
    def _badge(s: WatchedSeat) -> str:
        if s.recount:
            return "RECOUNT"
        if s.tie:
            return "TIE"
        return "PROVISIONAL" if s.provisional else ""

    # -- layout -----------------------------------------------------------------------------
    def _layout_body(self, renderer, x0, y0, x1, y1) -> None:
        th, px = self._th, self._px
        width, avail = x1 - x0, y1 - y0
        rows = self.rows[:len(self.names)]
        if not rows:
            self._fit(self.empty, renderer, th.label_size, width)
            self._at(self.empty, (x0 + x1) / 2, (y0 + y1) / 2, "center", "center")
            self.more.set_visible(False)
            self._hide_rows(0)
            self.shown = 0
            return

        def measure(k: float, shown: int) -> dict:
            head_h = max(self._fit(t, renderer, th.small_size * 0.95 * k)[1]
                         for t in self.col_heads)
            name_h = max(self._fit(self.names[i], renderer, th.label_size * k)[1]
                         for i in range(len(rows)))
            more = len(self.rows) - shown
            self._set(self.more, f"and {more:,} more within recount range" if more else "")
            more_h = self._fit(self.more, renderer, th.small_size * k, width)[1]
            pad = px(renderer, 9) * k
            row_h = name_h + 2 * pad
            gap = px(renderer, 10) * k
            need = head_h + gap * 0.5 + shown * row_h + (gap + more_h if more_h else 0)
            return {"head_h": head_h, "row_h": row_h, "gap": gap, "need": need,
                    "more_h": more_h}

        k = 1.0
        shown = len(rows)
        s = measure(k, shown)
        if s["need"] > avail:
            k = max(MIN_SCALE, avail / s["need"])
            s = measure(k, shown)
        while s["need"] > avail and shown > 1:
            shown -= 1
            s = measure(k, shown)
        self.shown = shown
        self._hide_rows(shown)
        row_h, gap = s["row_h"], s["gap"]
        spare = max(0.0, avail - s["need"])
        grow = min(spare * 0.5 / shown, row_h * 0.35)
        row_h += grow
        y = y1  # a list reads from the top; what is spare stays below

        # Columns, right to left: share, majority, runner-up chip, winner chip; then the name
        # (and a badge column first, when any row has a badge).
        col_gap = px(renderer, 24) * k
        sizes = {}
        for i in range(shown):
            for key, t, size in (("maj", self.majorities[i], th.label_size),
                                 ("pct", self.pcts[i], th.label_size),
                                 ("chip", self.winner_texts[i], th.small_size),
                                 ("chip", self.runner_texts[i], th.small_size),
                                 ("badge", self.badge_texts[i], th.small_size * 0.9)):
                w, h = self._fit(t, renderer, size * k)
                old = sizes.get(key, (0.0, 0.0))
                sizes[key] = (max(old[0], w), max(old[1], h))
        heads = [self._fit(t, renderer, th.small_size * 0.95 * k)[0] for t in self.col_heads]
        chip_h = sizes["chip"][1] * 1.5
        chip_w = max(sizes["chip"][0] + chip_h * 0.8, px(renderer, th.small_size * k) * 2.6,
                     heads[1], heads[2])
        pct_w = max(sizes["pct"][0], heads[4])
        maj_w = max(sizes["maj"][0], heads[3])
        pct_r = x1 - px(renderer, 4)
        maj_r = pct_r - pct_w - col_gap
        runner_c = maj_r - maj_w - col_gap - chip_w / 2
        winner_c = runner_c - chip_w - col_gap * 0.6
        badge_w = sizes["badge"][0] + sizes["badge"][1] * 1.2 if sizes["badge"][0] else 0.0
        name_x = x0 + (badge_w + col_gap * 0.6 if badge_w else px(renderer, 4))
        name_w = winner_c - chip_w / 2 - col_gap - name_x

        head_h = s["head_h"]
        for t, x, ha in zip(self.col_heads, (name_x, winner_c, runner_c, maj_r, pct_r),
                            ("left", "center", "center", "right", "right"), strict=True):
            self._at(t, x, y - head_h, ha, "bottom")
        self._fit(self.col_heads[0], renderer, self.col_heads[0].get_fontsize(), name_w)
        y -= head_h + gap * 0.5
        stripe = mix(th.foreground, th.background, 0.93)
        name_size = self._fit_column(self.names[:shown], renderer, th.label_size * k, name_w)
        for i in range(shown):
            seat = rows[i]
            yc = y - row_h / 2
            if i % 2 == 0:
                self.stripes[i].set_bounds(x0, y - row_h, width, row_h)
                self.stripes[i].set_facecolor(stripe)
                self.stripes[i].set_visible(True)
            else:
                self.stripes[i].set_visible(False)
            word = self.badge_texts[i].get_text()
            if word:
                face = {"RECOUNT": th.alert, "TIE": th.foreground,
                        "PROVISIONAL": th.caution}[word]
                ink = text_contrast(face)
                bh = sizes["badge"][1] * 1.5
                self._chip(self.badges[i], self.badge_texts[i], face, x0, yc - bh / 2,
                           badge_w, bh, text_colour=ink)
            else:
                self.badges[i].set_visible(False)
            self._fit(self.names[i], renderer, name_size, name_w, shrink=False)
            self._at(self.names[i], name_x, yc, "left", "center_baseline")
            for box, t, colour, cx in (
                    (self.winner_chips[i], self.winner_texts[i],
                     seat.winner_colour or th.others,
                     winner_c),
                    (self.runner_chips[i], self.runner_texts[i],
                     seat.runner_up_colour or th.others, runner_c)):
                self._fit(t, renderer, th.small_size * k, chip_w - chip_h * 0.6)
                self._chip(box, t, colour, cx - chip_w / 2, yc - chip_h / 2, chip_w, chip_h)
            self._at(self.majorities[i], maj_r, yc, "right", "center_baseline")
            self._at(self.pcts[i], pct_r, yc, "right", "center_baseline")
            y -= row_h
        if self.more.get_text():
            self._at(self.more, name_x, y - gap, "left", "top")

    def _hide_rows(self, shown: int) -> None:
        for i in range(shown, len(self.names)):
            for a in (self.stripes[i], self.badges[i], self.badge_texts[i], self.names[i],
                      self.winner_chips[i], self.winner_texts[i], self.runner_chips[i],
                      self.runner_texts[i], self.majorities[i], self.pcts[i]):
                a.set_visible(False)
        for i in range(shown):
            for t in (self.names[i], self.winner_texts[i], self.runner_texts[i],
                      self.majorities[i], self.pcts[i]):
                t.set_visible(bool(self._full.get(t)))
            self.badge_texts[i].set_visible(bool(self._full.get(self.badge_texts[i])))
