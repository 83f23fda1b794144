"""The national picture: the majority status ("Lab majority reached at 04:58") in the leading
party's colour, the race to a majority as one bar of every seat, the leading parties' seats,
change, vote share and its change, then seats declared, turnout and votes counted."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..domain.records import record
from ..domain.signed import signed, signed_decimal
from ._base import ELLIPSIS, NO_SEATS, OTHERS, extent, others_note
from ._panel import MIN_SCALE, PanelChart, StatBoxes, pct
from ._text import named
from .data import SummaryData
from .theme import LIGHT, Theme, mix, outline_for, text_contrast

TALL_GROWTH = 1.25  # on a tall canvas with room to spare, type grows up to this
# What gives when the least type does not fit: (figures under the table, spacing) in turn.
FALLBACKS = ((True, 1.0), (False, 1.0), (False, 0.5), (False, 0.25))


@record
class DrawnParty:
    party: str
    name: str
    colour: str
    seats: int
    change: int | None
    share: float | None
    share_change: float | None


class SummaryChart(PanelChart):
    """`parties` lists the table rows drawn, top to bottom (the leading parties, then
    Others), after the latest update."""

    def __init__(self, figure: Figure | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(figure, theme)
        self.parties: list[DrawnParty] = []
        self._pending: list[DrawnParty] = []

    def update(self, data: SummaryData) -> None:
        super().update(data)

    def drawn_parties(self, data: SummaryData) -> list[DrawnParty]:
        """The named parties by seats, then "Others" (who is named is the data's)."""
        return [DrawnParty(p.party, p.name, p.colour, p.seats, p.change, p.share,
                           p.share_change) for p in data.drawn(self.theme.others)]

    def _shape_of(self, data: SummaryData):
        self._pending = self.drawn_parties(data)
        return (len(self._pending),)

    # -- drawing ----------------------------------------------------------------------------
    def _build_panel(self, data: SummaryData) -> None:
        th = self.theme
        n = len(self._pending)
        self.band = self._box(zorder=2)
        self.band_text = self._text(size=th.label_size, weight="bold")
        self.race_back = self._rect(zorder=1)
        self.segments = [self._rect(zorder=2) for _ in range(n)]
        self.segment_texts = [self._text(size=th.small_size, weight="bold", ha="center")
                              for _ in range(n)]
        self.tick = self._rect(zorder=4)
        self.tick_text = self._text(size=th.small_size, weight="bold", color=th.majority,
                                    ha="center", va="bottom")
        self.col_heads = [self._text(size=th.small_size, color=th.muted, ha="right",
                                     va="bottom") for _ in range(4)]
        self.rules = [self._rect(zorder=1) for _ in range(n)]
        self.chips = [self._box(zorder=3) for _ in range(n)]
        self.chip_texts = [self._text(size=th.small_size, weight="bold") for _ in range(n)]
        self.names = [self._text(size=th.label_size) for _ in range(n)]
        self.seats = [self._text(size=th.label_size, weight="bold", ha="right")
                      for _ in range(n)]
        self.changes = [self._text(size=th.small_size, color=th.muted, ha="right")
                        for _ in range(n)]
        self.shares = [self._text(size=th.label_size, ha="right") for _ in range(n)]
        self.share_changes = [self._text(size=th.small_size, color=th.muted, ha="right")
                              for _ in range(n)]
        self.empty = self._text(size=th.label_size, color=th.muted, ha="center")
        self.stats = StatBoxes(self, 4)

    def _apply(self, data: SummaryData) -> None:
        rows = self.parties = self._pending
        self._set(self.band_text, data.majority_text)
        for i, p in enumerate(rows):
            self._set(self.chip_texts[i], p.party)
            self._set(self.names[i], p.name)
            self._set(self.seats[i], f"{p.seats:,}")
            self._set(self.changes[i], "" if p.change is None else signed(p.change))
            self._set(self.shares[i], "" if p.share is None else pct(p.share))
            self._set(self.share_changes[i], "" if p.share_change is None
                      else f"{signed_decimal(p.share_change)} pts")
            self._set(self.segment_texts[i], f"{named(p.party)} {p.seats:,}")
        # No seats yet (a new election): no line to reach, where "1 for a majority" stood
        # at the bar's right end
        self._set(self.tick_text, f"{data.majority_line:,} for a majority"
                  if data.seats_total else "")
        self._set(self.empty, "" if rows else NO_SEATS)
        aside = [f"{data.ties:,} tied, awaiting the lot"] if data.ties else []  # no row's seat
        aside += [f"+ {data.provisional:,} provisional"] if data.provisional else []
        stats = [("Declared", f"{data.declared:,} of {data.seats_total:,}", " · ".join(aside))]
        if data.turnout is not None:
            # "so far" while seats are to come; with every seat in it is the night's turnout
            stats.append(("Turnout", pct(data.turnout),
                          "so far" if data.declared < data.seats_total else ""))
        stats.append(("Votes counted", f"{data.valid_votes:,}", ""))
        self.stats.set(stats)
        # A "Change" over a column with no figure in it (no baseline imported: a rehearsal
        # of 2017 alone) read as figures missing on air: no heading where none is said.
        said = (True, any(p.change is not None for p in rows), True,
                any(p.share_change is not None for p in rows))
        for t, s, shown in zip(self.col_heads, ("Seats", "Change", "Vote share", "Change"),
                               said, strict=True):
            self._set(t, s if rows and shown else "")
        self.header.set(data.title, data.subtitle, "")
        self.set_note(others_note(data.others))

    # -- layout -----------------------------------------------------------------------------
    def _measure(self, renderer, k: float, width: float, stats: bool = True,
                 tight: float = 1.0, rows: bool = True) -> dict:
        """What the layout needs at type scale `k`; `rows`: with the table's rows (without:
        only "No seats declared yet"'s, where no party has a row)."""
        th, px = self._th, self._px
        n = len(self.parties)
        _, bh = self._fit(self.band_text, renderer, th.label_size * 1.3 * k, width * 0.94)
        band_h = bh * 1.7 if bh else 0.0
        _, tick_h = self._fit(self.tick_text, renderer, th.small_size * k)
        race_h = px(renderer, 30) * k
        head_h = max(self._fit(t, renderer, th.small_size * 0.95 * k)[1]
                     for t in self.col_heads)
        name_h = chip_w = chip_h = name_w = 0.0
        num_w = [self._fit(t, renderer, th.small_size * 0.95 * k)[0] for t in self.col_heads]
        for i in range(n):
            cw, ch = self._fit(self.chip_texts[i], renderer, th.small_size * k)
            chip_w, chip_h = max(chip_w, cw), max(chip_h, ch)
            nw, nh = self._fit(self.names[i], renderer, th.label_size * k)
            name_w, name_h = max(name_w, nw), max(name_h, nh)
            for j, (t, size) in enumerate(((self.seats[i], th.label_size * 1.25),
                                           (self.changes[i], th.small_size),
                                           (self.shares[i], th.label_size),
                                           (self.share_changes[i], th.small_size))):
                w, h = self._fit(t, renderer, size * k)
                num_w[j] = max(num_w[j], w)
                name_h = max(name_h, h)
        if not n:  # "No seats declared yet" takes the table's place: a row of its own
            name_h = self._fit(self.empty, renderer, th.label_size * k, width)[1]
        # A row across, as `_layout_body` places it: the chip, then the four figures'
        # columns (a name gets only what is left). Unchecked, a narrow tall canvas (480 x
        # 1920) grew its type by height alone and drew the seats over the party chips.
        small = px(renderer, th.small_size * k)
        chip_box = min(max(chip_w, small * 1.6), small * 3.4) + chip_h
        row_w = (chip_box + px(renderer, 14) * k + sum(num_w)
                 + len(num_w) * px(renderer, 26) * k + px(renderer, 4))
        pad = px(renderer, 9) * k * tight
        row_h = name_h + 2 * pad
        gap = px(renderer, 16) * k * tight
        stats_h = self.stats.height(renderer, width, k) + gap * 1.2 if stats else 0.0
        counted = max(n, 1) if rows or not n else 0
        need = (band_h + gap + tick_h + px(renderer, 6) * k + race_h + gap * 1.2 + head_h
                + gap * 0.4 + counted * row_h + stats_h)
        return {"band_h": band_h, "tick_h": tick_h, "race_h": race_h, "head_h": head_h,
                "chip_w": chip_w, "chip_h": chip_h, "name_w": name_w, "num_w": num_w,
                "row_h": row_h, "gap": gap, "stats_h": stats_h, "need": need,
                "row_w": row_w, "rows": counted}

    def _scaled(self, renderer, width: float, avail: float, stats: bool, tight: float,
                rows: bool = True) -> tuple[float, dict]:
        """The type scale this arrangement is drawn at (grown on a tall canvas with room to
        spare, shrunk to fit down to the least) and what it then needs."""
        k = 1.0
        s = self._measure(renderer, k, width, stats, tight, rows)
        if self.layout.tall and s["need"] < avail:  # a tall canvas: larger type
            k = min(TALL_GROWTH, (avail / s["need"]) ** 0.5)
            s = self._measure(renderer, k, width, stats, tight, rows)
        while (s["need"] > avail or (rows and s["row_w"] > width)) and k > MIN_SCALE:
            k = max(MIN_SCALE, min(k * 0.95, k * avail / s["need"],
                                   k * width / s["row_w"] if rows else k))
            s = self._measure(renderer, k, width, stats, tight, rows)
        return k, s

    def _layout_body(self, renderer, x0, y0, x1, y1) -> None:
        th, px = self._th, self._px
        data: SummaryData = self.data
        width, avail = x1 - x0, y1 - y0
        # Too little room even at the least type (a dock): the table without the figures
        # under it (the footer gives the count declared), then closer rows, rather than
        # running over the footer.
        # Too narrow for a row even at the least type: no table (the race bar above still
        # shows every party's seats), as when too short; the figures under it stay.
        for stats, tight in FALLBACKS:
            k, s = self._scaled(renderer, width, avail, stats, tight)
            if fitted := s["need"] <= avail:
                break
        else:
            # Too many rows even at the least type and spacing (more parties named than a
            # picture this size holds: Preferences name up to 30): no table, as where it is
            # too narrow, and the figures under it stay. They went with it, and an HD
            # summary naming 20 parties was a band and a bar over an empty picture.
            for stats, tight in FALLBACKS:
                k, s = self._scaled(renderer, width, avail, stats, tight, rows=False)
                if s["need"] <= avail:
                    break
        row_h, gap = s["row_h"], s["gap"]
        # Every party's row, or none on a canvas too small for all even at the least type
        # and spacing (the race bar above still shows every party's seats). Never some: a
        # table without its smallest parties' rows (the Greens' 4 seats in 2024) would not
        # add up to the seats declared, and Others would seem to hold them.
        table = fitted and s["row_w"] <= width
        n = len(self.parties) if table else 0
        # the rows drawn: the parties', or the one saying none is declared yet (counted in
        # `need`: uncounted, it pushed the figures under it into the footer)
        rows = n if self.parties else 1
        need = s["need"] - (s["rows"] - rows) * row_h
        spare = max(0.0, avail - need)
        grow = min(spare * 0.5 / max(rows, 1), row_h * 0.35)
        row_h += grow
        race_h = s["race_h"] + min(spare * 0.1, s["race_h"] * 0.6)
        used = need + grow * rows + (race_h - s["race_h"])
        y = y1 - max(0.0, avail - used) / 2

        # The majority status, in the leader's colour once a majority is reached.
        band_h = s["band_h"]
        leader = self.parties[0] if self.parties and self.parties[0].party != OTHERS else None
        reached = leader is not None and leader.seats >= data.majority_line
        face = leader.colour if reached else mix(th.foreground, th.background, 0.88)
        ink = None if reached else th.foreground
        if band_h:
            self._chip(self.band, self.band_text, face, x0, y - band_h, width, band_h,
                       text_colour=ink)
            self._at(self.band_text, x0 + band_h * 0.35, y - band_h / 2, "left",
                     "center_baseline")
            y -= band_h + gap
        else:
            self.band.set_visible(False)

        # The race: every seat on one bar, parties from the left, undeclared seats empty.
        tick_h = s["tick_h"]
        race_top = y - tick_h - px(renderer, 6) * k
        race_y = race_top - race_h
        total = max(data.seats_total, 1)
        self.race_back.set_bounds(x0, race_y, width, race_h)
        self.race_back.set_facecolor("none")
        self.race_back.set_edgecolor(th.undeclared)
        self.race_back.set_linewidth(1.0)
        self.race_back.set_visible(True)
        x = x0
        label_size = th.small_size * k
        for i, p in enumerate(self.parties):
            w = width * p.seats / total
            seg = self.segments[i]
            seg.set_bounds(x, race_y, w, race_h)
            seg.set_facecolor(p.colour)
            rim = outline_for(p.colour, th)  # SNP yellow on white, navy on navy
            seg.set_edgecolor("none" if rim is None else rim)
            seg.set_linewidth(0 if rim is None else 1.0)
            seg.set_visible(w > 0)
            t = self.segment_texts[i]
            tw, _ = self._fit(t, renderer, label_size)
            if tw and tw + px(renderer, 10) * k <= w:
                t.set_visible(True)
                self._chip_label(t, p.colour, x + w / 2, race_y + race_h / 2)
            else:
                t.set_visible(False)
            x += w
        mx = x0 + width * data.majority_line / total
        self._hline_v(self.tick, mx, race_y - px(renderer, 4) * k,
                      race_top + px(renderer, 4) * k, max(2.0, px(renderer, 2.2)))
        self.tick.set_visible(bool(data.seats_total))
        tw, _ = self._fit(self.tick_text, renderer, th.small_size * k, width)
        self._at(self.tick_text, min(max(mx, x0 + tw / 2), x1 - tw / 2),
                 race_top + px(renderer, 6) * k, "center", "bottom")
        y = race_y - gap * 1.2

        # The table: chip and name, seats, change, share, share change.
        chip_pad = s["chip_h"] * 0.5
        chip_w = min(max(s["chip_w"], px(renderer, th.small_size * k) * 1.6),
                     px(renderer, th.small_size * k) * 3.4) + 2 * chip_pad
        col_gap = px(renderer, 26) * k
        rights = []
        x = x1 - px(renderer, 4)
        for w in reversed(s["num_w"]):
            rights.append(x)
            x -= w + col_gap
        rights.reverse()
        name_x = x0 + chip_w + px(renderer, 14) * k
        name_w = x - name_x
        head_h = s["head_h"]
        for t, r in zip(self.col_heads, rights, strict=True):
            self._at(t, r, y - head_h, "right", "bottom")
            if self.parties and not table:
                t.set_visible(False)
        y -= head_h + gap * 0.4
        if not self.parties:
            self._fit(self.empty, renderer, th.label_size * k, width)
            self._at(self.empty, (x0 + x1) / 2, y - row_h / 2, "center", "center")
            y -= row_h
        else:
            self.empty.set_visible(False)
        if not table:
            for i in range(len(self.parties)):
                for t in (self.rules[i], self.chips[i], self.chip_texts[i], self.names[i],
                          self.seats[i], self.changes[i], self.shares[i],
                          self.share_changes[i]):
                    t.set_visible(False)
        names = self.names[:n]
        name_size = self._fit_column(names, renderer, th.label_size * k, max(1.0, name_w))
        # a name cut short would read as another party's: too narrow for one, and the
        # chips name every party (as they do where the column is too narrow for any). A
        # name wider than the whole table (280 characters, from a doctored file) is cut at
        # any size: it alone goes, or it took every party's name with it.
        cut = {t for t in names if ELLIPSIS in t.get_text()}
        no_names = name_w < px(renderer, th.label_size * k) * 6 or any(
            extent(t, renderer, self._full.get(t, ""), name_size)[0] <= x1 - x0 for t in cut)
        for i, p in enumerate(self.parties[:n]):
            yc = y - row_h / 2
            self._hline(self.rules[i], x0, x1, y, th.grid, max(1.0, px(renderer, 0.8)))
            self._fit(self.chip_texts[i], renderer, th.small_size * k, chip_w - chip_pad)
            ch = s["chip_h"] + chip_pad
            self._chip(self.chips[i], self.chip_texts[i], p.colour, x0, yc - ch / 2, chip_w, ch)
            self._fit(self.names[i], renderer, name_size, max(1.0, name_w), shrink=False)
            if no_names or self.names[i] in cut:
                self.names[i].set_visible(False)
            self._at(self.names[i], name_x, yc, "left", "center_baseline")
            for t, r in zip((self.seats[i], self.changes[i], self.shares[i],
                             self.share_changes[i]), rights, strict=True):
                self._at(t, r, yc, "right", "center_baseline")
            y -= row_h
        if stats:
            self.stats.place(renderer, x0, x1, y - gap * 1.2, k)
        else:
            self.stats.hide()

    def _chip_label(self, t, colour, x, y) -> None:
        t.set_color(text_contrast(colour))
        self._at(t, x, y, "center", "center_baseline")

    def _hline_v(self, rect, x: float, y0: float, y1: float, thickness: float) -> None:
        rect.set_bounds(x - thickness / 2, y0, thickness, y1 - y0)
        rect.set_facecolor(self._th.majority)
        rect.set_visible(True)
