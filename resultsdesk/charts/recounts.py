"""The recount watch: seats whose majority is within recount range, recounts under way first,
then the smallest majority first, each with winner and runner-up chips, the majority and its
share of the vote.

A seat is one line on a wide or square canvas, two on a tall one (the name across the whole
width, the chips and figures under it), three on a strip too narrow for the chips beside
the figures (name, chips, figures). On screen a list longer than the chart says "and 3
more"; exported with paging on (`charts.export.render_pages`), it continues on further
graphics, each saying which seats it shows ("Seats 11-13 of 13").
"""

from __future__ import annotations

from matplotlib.figure import Figure

from ..domain.summary import watch_order
from ..domain.tally import DEFAULT_RECOUNT_PCT
from ..domain.wording import majority_share
from ._base import extent
from ._paging import PagedList
from ._panel import MIN_SCALE, PanelChart
from .data import NO_RECOUNT_SEATS, RecountWatchData, WatchedSeat
from .theme import LIGHT, Theme, mix, text_contrast

MAX_PAGE_ROWS = 40  # rows one exported page may hold (more than any canvas fits legibly)
PAGED_MIN_SCALE = 0.85 # paged, type shrinks this far to fit before rows go to a next page
TALL_GROWTH = 1.25  # a short list on a tall canvas: type grows up to this, into the room
# A row's height in name lines, and the heads' in head lines, for a seat on 1, 2 or 3 lines
ROW_LINES = {1: 1.0, 2: 2.3, 3: 3.6}
HEAD_LINES = {1: 1.0, 2: 2.2, 3: 3.4}


class RecountWatchChart(PagedList, PanelChart):
    """`rows` lists the seats in drawing order after the latest update (all of them; the
    layout shows as many as fit, up to `max_rows`, and says how many more there are);
    `shown` how many the latest layout drew, from `first` (0 but on a continuation page)."""

    def __init__(self, figure: Figure | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(figure, theme)
        self.rows: list[WatchedSeat] = []
        self._page_lines = 1  # lines a row on page one (paged: `crowded`)

    def listed(self) -> list[WatchedSeat]:
        return self.rows

    def update(self, data: RecountWatchData) -> None:
        super().update(data)

    @staticmethod
    def ordered(seats, line: float = DEFAULT_RECOUNT_PCT) -> list[WatchedSeat]:
        """In the order every recount watch lists them (`desk.live_totals.recount_key`):
        recounts under way A-Z, then `domain.summary.watch_order` against `line`, so the
        picture's rows and pages are its data's (a key of its own put Hendon's recount
        before Basildon's, and 0.13329% before 0.13333%, both 0.133 in the data)."""
        def key(s: WatchedSeat) -> tuple:
            if s.recount or s.majority is None:
                return (0, s.constituency, s.code)
            return (1, *watch_order(s.majority, s.majority_pct or 0.0, s.constituency,
                                    s.code, line))
        return sorted(seats, key=key)

    def _shape_of(self, data: RecountWatchData):
        if self.paging:
            return (max(1, data.max_rows, min(len(data.seats), MAX_PAGE_ROWS)),)
        return (max(1, data.max_rows),)  # rows enough for any night: updates stay in place

    # -- drawing ----------------------------------------------------------------------------
    def _build_panel(self, data: RecountWatchData) -> None:
        th = self.theme
        n = self._shape_of(data)[0]
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
        # "Lab = Con" on an undecided tie: the chips then name the tied parties, no winner
        self.equals = [self._text(size=th.small_size, weight="bold", ha="center")
                       for _ in range(n)]
        self.majorities = [self._text(size=th.label_size, weight="bold", ha="right")
                           for _ in range(n)]
        self.pcts = [self._text(size=th.label_size, ha="right") for _ in range(n)]
        self.more = self._text(size=th.small_size, color=th.muted, va="top")
        self.empty = self._text(size=th.label_size, color=th.muted, ha="center")

    def _apply(self, data: RecountWatchData) -> None:
        self.rows = self.ordered(data.seats, data.recount_line)
        self.first = min(self.first, max(0, len(self.rows) - 1))
        page = self.rows[self.first:]
        n = len(self.names)
        for i in range(n):
            s = page[i] if i < len(page) else None
            if s is None:
                for t in (self.badge_texts[i], self.names[i], self.winner_texts[i],
                          self.runner_texts[i], self.equals[i], self.majorities[i],
                          self.pcts[i]):
                    self._set(t, "")
                continue
            self._set(self.badge_texts[i], self._badge(s))
            self._set(self.names[i], s.constituency)
            self._set(self.winner_texts[i], s.winner or "\u2013")
            self._set(self.runner_texts[i], s.runner_up or "\u2013")
            self._set(self.equals[i], "=" if s.awaiting_lot else "")
            self._set(self.majorities[i], "" if s.majority is None else f"{s.majority:,}")
            self._set(self.pcts[i], "" if s.majority_pct is None
                      else majority_share(s.majority_pct, data.recount_line))
        self._set(self.empty, "" if self.rows else NO_RECOUNT_SEATS)
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
        if s.by_lot:  # its majority of 0 says nothing of how it was won: the card's badge
            return "BY LOT"
        return "PROVISIONAL" if s.provisional else ""

    # -- layout -----------------------------------------------------------------------------
    def _layout_body(self, renderer, x0, y0, x1, y1) -> None:
        th, px = self._th, self._px
        width, avail = x1 - x0, y1 - y0
        rows = self.rows[self.first:self.first + len(self.names)]
        if not rows:
            self._fit(self.empty, renderer, th.label_size, width)
            self._at(self.empty, (x0 + x1) / 2, (y0 + y1) / 2, "center", "center")
            self.more.set_visible(False)
            self._hide_rows(0)
            self.shown = 0
            return
        def measure(k: float, shown: int, lines: int) -> dict:
            head_h = max(self._fit(t, renderer, th.small_size * 0.95 * k)[1]
                         for t in self.col_heads)
            name_h = max(self._fit(self.names[i], renderer, th.label_size * k)[1]
                         for i in range(len(rows)))
            self._set(self.more, self._more_text(shown))
            more_h = self._fit(self.more, renderer, th.small_size * k, width)[1]
            pad = px(renderer, 9) * k
            # two lines: the name, then chips and figures (as tall as a name line);
            # three: the name, the chips, the figures
            row_h = name_h * ROW_LINES[lines] + 2 * pad
            gap = px(renderer, 10) * k
            heads = head_h * HEAD_LINES[lines]
            need = heads + gap * 0.5 + shown * row_h + (gap + more_h if more_h else 0)
            return {"head_h": head_h, "heads": heads, "row_h": row_h, "gap": gap,
                    "need": need, "more_h": more_h, "name_h": name_h, "k": k,
                    "two": lines > 1, "lines": lines}

        def plan(lines: int) -> tuple[dict, int]:
            """The type scale and rows of this page: all that fit (paged, as many per page
            as the first page had, pages alike: 7 and 6, not 11 and a stray 2)."""
            shown = len(rows)
            if self.page_one_known():
                shown, k = min(shown, self.rows_here(self._per_page[0])), self._per_page[1]
                return measure(k, shown, lines), shown
            k = 1.0
            least = self._paged_least if self.paging else self.least_scale
            s = measure(k, shown, lines)
            if s["need"] > avail:
                k = max(least, avail / s["need"])
                s = measure(k, shown, lines)
                if s["need"] > avail and k > least:
                    # Text is not measured exactly in proportion to its size: scaled to
                    # the room it can come out a hair over (602.606 for 602.605), which
                    # took a row off, and with pages alike, 13 rows made pages of 7 and 6.
                    k = max(least, k * avail / s["need"] * 0.999)
                    s = measure(k, shown, lines)
            while s["need"] > avail and shown > 1:
                shown -= 1
                s = measure(k, shown, lines)
            if self.paging and len(self.rows) > shown:
                shown = -(-len(self.rows) // -(-len(self.rows) // shown))
                s = measure(k, shown, lines)
            if self.layout.tall and s["need"] < avail:  # a short list on a tall canvas:
                k = min(TALL_GROWTH, k * (avail / s["need"]) ** 0.5)  # larger type
                s = measure(k, shown, lines)
                while s["need"] > avail and k > 1.0:
                    k = max(1.0, k * 0.97)
                    s = measure(k, shown, lines)
            self._per_page = (shown, k)
            return s, shown

        s, shown = plan(2 if self.layout.list_rows == "two-line" else 1)
        cols = self._columns(renderer, s, x0, x1, shown)
        widest = max(extent(t, renderer)[0] for t in self.names[:shown])
        # A name column narrower than a short name (six ems) is no column: on a 320 px
        # dock it was nothing, the list's figures naming no seat. Two lines, then, even on
        # a wide canvas's layout.
        unnamed = cols["name_w"] < min(widest, 6 * px(renderer, th.label_size * s["k"]))
        cut = not self.layout.wide and widest > cols["name_w"] / 0.8
        if not s["two"] and (unnamed or cut):
            # names cut short on one line: a line each, unless that takes more pages or
            # smaller type
            one = (s, shown, cols)
            s, shown = plan(2)
            if self.crowded(s, avail) or (not unnamed and (
                    -(-len(self.rows) // shown) > -(-len(self.rows) // one[1])
                    or s["k"] < one[0]["k"] * 0.95)):
                s, shown, cols = one
                if not self.page_one_known():  # a later page's rows are page one's share
                    self._per_page = (shown, s["k"])
                measure(s["k"], shown, 1)  # the fonts as that plan left them
            else:
                cols = self._columns(renderer, s, x0, x1, shown)
        if s["lines"] == 2 and cols["chip_w"] - cols["chip_h"] * 0.6 < cols["sizes"]["chip"][0]:
            # A strip (200 x 2000 broadcast): the figures left the chips beside them a
            # few pixels, "Lab" cut to nothing. The chips get a line of their own.
            three = plan(3)
            if self.crowded(three[0], avail):
                measure(s["k"], shown, 2)  # the fonts as that plan left them
            else:
                s, shown = three
                cols = self._columns(renderer, s, x0, x1, shown)
        if not self.page_one_known():
            self._page_lines = s["lines"]
        k, two, three = s["k"], s["two"], s["lines"] == 3
        self.shown = shown
        self._hide_rows(shown)
        row_h, gap = s["row_h"], s["gap"]
        spare = max(0.0, avail - s["need"])
        row_h += min(spare * 0.5 / shown, row_h * self.layout.row_growth)
        y = y1  # a list reads from the top; what is spare stays below
        sizes, chip_h, chip_w = cols["sizes"], cols["chip_h"], cols["chip_w"]
        badge_w, name_x, name_w = cols["badge_w"], cols["name_x"], cols["name_w"]
        winner_c, runner_c = cols["winner_c"], cols["runner_c"]
        maj_r, pct_r = cols["maj_r"], cols["pct_r"]

        head_h = s["head_h"]
        line2 = y - s["heads"] if two else y - head_h  # the baseline row of the figures' heads
        chips_head = y - head_h * 2.2 if three else line2  # the chips' heads: a line of their own
        left = x0 + px(renderer, 4)  # where a name on a line of its own starts, no badge
        # over the names: at the left on lines of their own (most beside no badge, below)
        self._at(self.col_heads[0], left if two else name_x, y - head_h, "left", "bottom")
        for t, x, ha, hy in zip(self.col_heads[1:], (winner_c, runner_c, maj_r, pct_r),
                                ("center", "center", "right", "right"),
                                (chips_head, chips_head, line2, line2), strict=True):
            self._at(t, x, hy, ha, "bottom")
        self._fit(self.col_heads[0], renderer, self.col_heads[0].get_fontsize(), name_w)
        if two:  # chips narrowed to the width: their heads too, clear of each other
            beyond = x1 if three else maj_r - self._fit(
                self.col_heads[3], renderer, self.col_heads[3].get_fontsize())[0]
            self._fit_heads(renderer, k, winner_c - x0, runner_c - winner_c,
                            beyond - runner_c)
        y -= s["heads"] + gap * 0.5
        stripe = mix(th.foreground, th.background, 0.93)
        name_size = self._fit_column(self.names[:shown], renderer, th.label_size * k, name_w)
        for i in range(shown):
            seat = rows[i]
            yc = y - row_h / 2
            name_y = fig_y = chip_y = yc
            if three:  # name, chips, figures, centred in the row
                name_y, fig_y = yc + s["name_h"] * 1.2, yc - s["name_h"] * 1.2
            elif two:  # the name over the figures, the pair centred in the row
                name_y, fig_y = yc + s["name_h"] * 0.62, yc - s["name_h"] * 0.62
                chip_y = fig_y
            if (i + self.first) % 2 == 0:
                self.stripes[i].set_bounds(x0, y - row_h, width, row_h)
                self.stripes[i].set_facecolor(stripe)
                self.stripes[i].set_visible(True)
            else:
                self.stripes[i].set_visible(False)
            row_x, row_w = name_x, name_w
            if two and not self.badge_texts[i].get_text():
                # on a line of its own, a name beside no badge starts at the left: the badge
                # column of another row cut "North West Cambridgeshire" to "North West
                # C…" on a 200 x 2000 strip, with the room beside it empty
                row_x, row_w = left, name_w + name_x - left
            if two:  # the name has the whole width over the line under it; too long for
                # it, on two lines where the row has the room above that line (a strip's
                # rows grow into its height: "North West Cambridg…" had room to spare)
                under = (chip_y + chip_h / 2) if three else \
                    (fig_y + max(chip_h, s["name_h"]) / 2)
                top = y - px(renderer, 2) * k
                self._fit_two_lines(self.names[i], renderer, name_size, row_w, top - under)
                if "\n" in self.names[i].get_text():
                    name_y = (top + under) / 2
            else:  # a name too long for its column on two lines in its row, not cut short
                # (the column's one size kept: b9a358e), if the row is tall enough (the
                # lines' box, its leading included, within the row: the ink is well inside)
                self._fit_two_lines(self.names[i], renderer, name_size, name_w, row_h)
            word = self.badge_texts[i].get_text()
            if word:
                face = {"RECOUNT": th.alert, "TIE": th.foreground, "BY LOT": th.foreground,
                        "PROVISIONAL": th.caution}[word]
                ink = text_contrast(face)
                bh = sizes["badge"][1] * 1.5
                self._chip(self.badges[i], self.badge_texts[i], face, x0, name_y - bh / 2,
                           badge_w, bh, text_colour=ink)
            else:
                self.badges[i].set_visible(False)
            wraps = "\n" in self.names[i].get_text()
            self._at(self.names[i], row_x, name_y, "left",
                     "center" if wraps else "center_baseline")
            w = chip_w
            if self.equals[i].get_visible():  # "=" between the tied parties' chips,
                # which narrow (as far as their names allow) to leave it room
                eq_w = self._fit(self.equals[i], renderer, th.small_size * k)[0]
                inks = max(self._fit(t, renderer, th.small_size * k)[0]
                           for t in (self.winner_texts[i], self.runner_texts[i]))
                short = eq_w + 2 * px(renderer, 4) * k - (runner_c - winner_c - chip_w)
                w = chip_w - max(0.0, min(short, chip_w - inks - chip_h * 0.6))
                self._at(self.equals[i], (winner_c + runner_c) / 2, chip_y, "center",
                         "center_baseline")
            for box, t, colour, cx in (
                    (self.winner_chips[i], self.winner_texts[i],
                     seat.winner_colour or th.others,
                     winner_c),
                    (self.runner_chips[i], self.runner_texts[i],
                     seat.runner_up_colour or th.others, runner_c)):
                self._fit(t, renderer, th.small_size * k, w - chip_h * 0.6)
                self._chip(box, t, colour, cx - w / 2, chip_y - chip_h / 2, w, chip_h)
            self._at(self.majorities[i], maj_r, fig_y, "right", "center_baseline")
            self._at(self.pcts[i], pct_r, fig_y, "right", "center_baseline")
            y -= row_h
        if self.more.get_text():
            # Under the names; but the note was fitted to the whole width, so where a badge
            # column pushes the names in, it starts further left rather than run off the
            # right edge ("continued on the next graphic" on a tall broadcast page).
            more_x = max(x0, min(name_x, x1 - extent(self.more, renderer)[0]))
            self._at(self.more, more_x, y - gap, "left", "top")

    def crowded(self, s: dict, avail: float) -> bool:
        """Whether plan `s`, with more lines a row than page one's, is too tall for this
        page: a continuation page has page one's rows and type (`page_one_known`), so a
        longer name on it that took a line more a row ran its last rows off the picture,
        over the footer (a square page 2 of 22 recounts, "Kingston upon Hull North and
        Cottingham" among them). It keeps page one's lines a row then, its long names cut
        short as page one's are."""
        return (self.page_one_known() and s["lines"] > self._page_lines
                and s["need"] > avail)

    def _columns(self, renderer, s: dict, x0: float, x1: float, shown: int) -> dict:
        """Columns, right to left: share, majority, runner-up chip, winner chip; then the
        name (and a badge column first, when any row has a badge). On two lines the chips
        start under the name, which has the whole width above them."""
        th, px, k = self._th, self._px, s["k"]
        col_gap = px(renderer, 24) * k
        sizes: dict[str, tuple[float, float]] = {}
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
        pct_r = x1 - px(renderer, 4)
        maj_r = pct_r - max(sizes["pct"][0], heads[4]) - col_gap
        badge_w = sizes["badge"][0] + sizes["badge"][1] * 1.2 if sizes["badge"][0] else 0.0
        name_x = x0 + (badge_w + col_gap * 0.6 if badge_w else px(renderer, 4))
        if s["two"]:  # the chips under badge and name, from the left edge
            left = x0 + px(renderer, 4)
            # the figures' left, or, on a line of their own, the right edge
            limit = x1 - px(renderer, 4) if s["lines"] == 3 else \
                maj_r - max(sizes["maj"][0], heads[3]) - col_gap
            chip_w = min(chip_w, max(1.0, (limit - left - col_gap * 0.6) / 2))
            winner_c = left + chip_w / 2
            runner_c = winner_c + chip_w + col_gap * 0.6
            name_w = x1 - px(renderer, 4) - name_x
        else:
            runner_c = maj_r - max(sizes["maj"][0], heads[3]) - col_gap - chip_w / 2
            winner_c = runner_c - chip_w - col_gap * 0.6
            name_w = winner_c - chip_w / 2 - col_gap - name_x
        return {"sizes": sizes, "chip_h": chip_h, "chip_w": chip_w, "badge_w": badge_w,
                "name_x": name_x, "name_w": name_w, "winner_c": winner_c,
                "runner_c": runner_c, "maj_r": maj_r, "pct_r": pct_r}

    def _fit_heads(self, renderer, k: float, left: float, pitch: float, right: float) -> None:
        """"Winner" and "Runner-up", each centred over its chips, in one size that keeps
        them apart (`pitch` between their centres), inside the picture (`left` of room
        beside the first) and clear of "Majority" (`right` beyond the second). On a narrow
        picture (360 x 640 broadcast) the chips, narrowed to fit, had their heads run
        into each other. They shrink as far as the table's least type (`MIN_SCALE`) before
        either is cut short."""
        gap = self._px(renderer, 4)
        room = max(1.0, min(pitch - gap, 2 * (left - gap / 2), 2 * (right - gap)))
        heads = self.col_heads[1:3]
        self._fit_column(heads, renderer, heads[0].get_fontsize(), room,
                         min_share=min(1.0, MIN_SCALE / k))

    @property
    def _paged_least(self) -> float:
        """How far a page's type shrinks before a row goes to the next page: PAGED_MIN_SCALE
        of what the picture's would be without the larger type its shape gives it (a
        vertical's, a tenth over HD's: `export.shape_growth`), a nicety that goes first.
        Held at 0.85 of its own, the 2024 night's 13 close seats went onto two vertical
        broadcast pages of 7 and 6 (11 fitted), each half empty, where all 13 fit one in
        the type HD's page floors at."""
        return PAGED_MIN_SCALE / self.grown

    def _more_text(self, shown: int) -> str:
        return self.page_note(shown, "Seat", "Seats", "and {n:,} more within recount range")

    def _hide_rows(self, shown: int) -> None:
        for i in range(shown, len(self.names)):
            for a in (self.stripes[i], self.badges[i], self.badge_texts[i], self.names[i],
                      self.winner_chips[i], self.winner_texts[i], self.runner_chips[i],
                      self.runner_texts[i], self.equals[i], self.majorities[i], self.pcts[i]):
                a.set_visible(False)
        for i in range(shown):
            for t in (self.names[i], self.winner_texts[i], self.runner_texts[i],
                      self.equals[i], self.majorities[i], self.pcts[i]):
                t.set_visible(bool(self._full.get(t)))
            self.badge_texts[i].set_visible(bool(self._full.get(self.badge_texts[i])))
