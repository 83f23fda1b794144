"""A constituency's result card: the result in the winner's colour ("Lab gain from Con"),
RECOUNT / PROVISIONAL / TIE badges, the candidates by votes (party chip, votes, share, share
bar, change on the baseline), then majority, turnout, swing, electorate; before, who stands."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..domain.signed import signed_decimal
from ._panel import MIN_SCALE, PanelChart, StatBoxes, pct
from .card_parts import card_stats, result_text, rows_need, shown_rows, winner_tint
from .data import CardCandidate, ResultCardData
from .textfit import cut_at_word
from .theme import LIGHT, Theme, text_contrast

AWAITING = "Awaiting declaration"
BESIDE_ROOM = 0.16  # share of the width a bar beside the names needs, else it goes under
TALL_GROWTH = 1.25  # on a tall canvas with room to spare, type grows up to this
RECOUNT_RANGE = "RECOUNT RANGE"  # the majority is within recount range (no recount yet)
# A card's type shrinks this far (of its own) to show every candidate before the smallest
# drop off: only the smallest docks drop any.
LEAST_CARD_SCALE = 0.4
COLUMN_SHRINK = 0.72  # a column's type gives up to this much to fit (`_fit_column`)


class ResultCardChart(PanelChart):
    """One seat. `rows` lists the candidates drawn, top to bottom, after the latest update;
    `badges` the badge words shown ("RECOUNT", "PROVISIONAL", "TIE"); `row_spans` each
    drawn row's (bottom, top) in figure pixels, after the latest layout."""

    def __init__(self, figure: Figure | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(figure, theme)
        self.rows: list[CardCandidate] = []
        self.badges: list[str] = []
        self.row_spans: list[tuple[float, float]] = []
        self._pending: list[CardCandidate] = []
        self._folded = False  # the last layout folded rows into one "3 others" line

    def update(self, data: ResultCardData) -> None:
        super().update(data)

    # -- data -----------------------------------------------------------------------------
    def drawn_candidates(self, data: ResultCardData) -> list[CardCandidate]:
        """Most votes first (the one elected first on a tie decided by lot); before the
        seat declares, in ballot order (`ResultCardData.ordered`). Beyond `max_candidates`
        the smallest fold into one "3 others" line."""
        rows = data.ordered()
        limit = max(2, data.max_candidates)
        if len(rows) <= limit:
            return rows
        return [*rows[:limit - 1], self._fold(rows[limit - 1:])]

    def _fold(self, folded: list[CardCandidate]) -> CardCandidate:
        """One "3 others" line for `folded`: their votes and shares added up."""
        votes = [c.votes for c in folded if c.votes is not None]
        shares = [c.share for c in folded if c.share is not None]
        return CardCandidate(f"{len(folded)} others", "", "Other candidates",
                             self.theme.others, sum(votes) if votes else None,
                             sum(shares) if shares else None)

    def _shape_of(self, data: ResultCardData):
        self._pending = self.drawn_candidates(data)
        return (len(self._pending),)

    # -- drawing ----------------------------------------------------------------------------
    def _build_panel(self, data: ResultCardData) -> None:
        th = self.theme
        n = len(self._pending)
        self.band = self._box(zorder=2)
        self.band_text = self._text(size=th.label_size, weight="bold", va="center_baseline")
        self.badge_boxes = [self._box(zorder=2) for _ in range(3)]
        self.badge_texts = [self._text(size=th.small_size, weight="bold") for _ in range(3)]
        self.col_heads = [self._text(size=th.small_size, color=th.muted, ha=ha, va="bottom")
                          for ha in ("left", "right", "right", "right")]
        self.tints = [self._rect(zorder=1) for _ in range(n)]
        self.chips = [self._box(zorder=3) for _ in range(n)]
        self.chip_texts = [self._text(size=th.small_size, weight="bold") for _ in range(n)]
        self.names = [self._text(size=th.label_size, va="top") for _ in range(n)]
        self.parties = [self._text(size=th.small_size, color=th.muted, va="top")
                        for _ in range(n)]
        self.bars = [self._rect(zorder=2) for _ in range(n)]
        self.votes = [self._text(size=th.label_size, weight="bold", ha="right")
                      for _ in range(n)]
        self.shares = [self._text(size=th.label_size, ha="right") for _ in range(n)]
        self.changes = [self._text(size=th.small_size, color=th.muted, ha="right")
                        for _ in range(n)]
        self.stats = StatBoxes(self, 4)

    def _apply(self, data: ResultCardData) -> None:
        rows = self.rows = self._pending
        declared = any(c.votes is not None for c in rows)
        self._set(self.band_text, result_text(data) or ("" if declared else AWAITING))
        # A tie decided by lot says so: its majority of 0 is no close count to watch.
        close = data.recount_range and declared and not (data.tie or data.by_lot)
        self.badges = [w for w, on in (("RECOUNT", data.recount),
                                       (RECOUNT_RANGE, close and not data.recount),
                                       ("PROVISIONAL", data.provisional),
                                       ("TIE", data.tie),
                                       ("BY LOT", data.by_lot)) if on][:len(self.badge_texts)]
        for i, t in enumerate(self.badge_texts):
            self._set(t, self.badges[i] if i < len(self.badges) else "")
        for i, c in enumerate(rows):
            self._row_texts(i, c)
        self._folded = False
        # no "Change" over an empty column (no baseline: a rehearsal of 2017 alone)
        changed = any(c.new or c.change is not None for c in rows)
        heads = (("Candidate", "Votes", "Share", "Change" if changed else "") if declared
                 else ("Candidates",))
        for i, t in enumerate(self.col_heads):
            self._set(t, heads[i] if i < len(heads) else "")
        stats = card_stats(data, declared)
        self.stats.set(stats, emphasis=0 if close and stats and stats[0][0] == "Majority"
                       else None)
        self.header.set(data.title or data.constituency, data.subtitle, "")

    # -- layout -----------------------------------------------------------------------------
    def _row_texts(self, i: int, c: CardCandidate) -> None:
        self._set(self.chip_texts[i], c.party)
        self._set(self.names[i], c.name)
        self.names[i].set_fontweight("bold" if c.elected else "normal")
        self._set(self.parties[i], c.party_name)
        self._set(self.votes[i], "" if c.votes is None else f"{c.votes:,}")
        self._set(self.shares[i], "" if c.share is None else pct(c.share))
        self._set(self.changes[i], "new" if c.new else
                  ("" if c.change is None else signed_decimal(c.change)))
        self.bars[i].set_facecolor(c.colour)
        self.bars[i].set_edgecolor(self.theme.outline)

    def _badge_style(self, word: str) -> tuple[str, str]:
        th = self._th
        face = {"RECOUNT": th.alert, RECOUNT_RANGE: th.alert, "PROVISIONAL": th.caution,
                "TIE": th.foreground, "BY LOT": th.foreground}[word]
        return face, text_contrast(face)

    def _measure(self, renderer, k: float, width: float, mode: str,
                 under: bool = False) -> dict:
        """Sizes at type scale `k` for a body `width` pixels wide, with each party's name
        under its candidate's ("stacked"), after it on the same line ("inline"), under it
        beside the figures, the name spanning the whole row ("span": a narrow canvas), or
        name, party and figures each a line of their own ("tiers": a party too wide to go
        beside the figures even in the smaller type a column may take); with
        `under`, each row's share bar across the row under its text (a square or tall
        canvas, or names too wide to leave the bar room beside them)."""
        th, px = self._th, self._px
        n = len(self.rows)
        big = th.label_size * 1.45 * k
        _bw, bh = self._fit(self.band_text, renderer, big)
        band_h = bh * 1.55 if bh else 0.0
        badge_ws = []
        for t in self.badge_texts[:len(self.badges)]:
            w, h = self._fit(t, renderer, th.small_size * 1.1 * k)
            badge_ws.append(w + 1.4 * h)
        head_h = max(self._fit(t, renderer, th.small_size * 0.95 * k)[1]
                     for t in self.col_heads)
        chip_h = chip_w = name_w = name_h = party_h = party_w = num_h = 0.0
        num_w = [self._fit(t, renderer, th.small_size * 0.95 * k)[0]
                 for t in self.col_heads[1:]]
        inline = px(renderer, 12) * k  # between a name and its party on one line
        for i in range(n):
            cw, ch = self._fit(self.chip_texts[i], renderer, th.small_size * k)
            chip_w, chip_h = max(chip_w, cw), max(chip_h, ch)
            nw, nh = self._fit(self.names[i], renderer, th.label_size * k)
            pw, ph = self._fit(self.parties[i], renderer, th.small_size * k)
            name_w = max(name_w, nw + (inline + pw if pw else 0) if mode == "inline"
                         else max(nw, pw))
            party_w = max(party_w, pw)
            name_h, party_h = max(name_h, nh), max(party_h, ph)
            for j, t in enumerate((self.votes[i], self.shares[i], self.changes[i])):
                size = th.small_size * k if j == 2 else th.label_size * k
                w, h = self._fit(t, renderer, size)
                num_w[j], num_h = max(num_w[j], w), max(num_h, h)
        pad = px(renderer, 9 if mode == "inline" else 7) * k
        text_h = {"stacked": name_h + party_h, "inline": max(name_h, chip_h * 1.5),
                  "span": name_h + max(party_h, num_h),
                  "tiers": name_h + party_h + num_h}[mode]
        bar_h = max(px(renderer, 5) * k, name_h * 0.32) if under else 0.0
        bar_gap = pad * 0.7 if under else 0.0
        row_h = text_h + bar_gap + bar_h + 2 * pad
        stats_h = self.stats.height(renderer, width, k)
        gap = px(renderer, 12) * k
        # Badges that would squeeze the result band below 70 % of the width (a narrow canvas
        # with two of them) get a row of their own under it.
        badges_w = sum(badge_ws) + gap * 0.6 * len(badge_ws)
        badge_row = bool(badge_ws) and band_h > 0 and badges_w > width * 0.7
        need = ((band_h + gap * 0.5 if badge_row else 0.0) + band_h + gap + head_h
                + gap * 0.4 + n * row_h + (gap * 1.5 + stats_h if stats_h else 0))
        return {"band_h": band_h, "badge_ws": badge_ws, "head_h": head_h, "chip_w": chip_w,
                "chip_h": chip_h, "name_w": name_w, "name_h": name_h, "num_w": num_w,
                "row_h": row_h, "stats_h": stats_h, "gap": gap, "need": need, "pad": pad,
                "mode": mode, "inline": inline, "k": k, "num_h": num_h,
                "party_h": party_h, "party_w": party_w, "text_h": text_h, "bar_h": bar_h,
                "bar_gap": bar_gap, "under": under, "badge_row": badge_row}

    def _fitted(self, renderer, width: float, avail: float, mode: str,
                under: bool = False) -> dict:
        """The largest type scale (down to MIN_SCALE; on a tall canvas with room to spare,
        up to TALL_GROWTH) at which everything fits."""
        k = 1.0
        s = self._measure(renderer, k, width, mode, under)
        if self.layout.tall and s["need"] < avail:
            k = min(TALL_GROWTH, self._title_room(), (avail / s["need"]) ** 0.5)
            s = self._measure(renderer, k, width, mode, under)
        # The height alone sized the type: on a strip (200 x 2000 broadcast) the votes,
        # share and change, which keep one line right of the chips, ran off the left edge
        # over the chips. The width counts too.
        while k > MIN_SCALE and (s["need"] > avail or self._figures_over(renderer, s, width)):
            wide = width / (width + self._figures_over(renderer, s, width))
            k = max(MIN_SCALE, min(k * 0.96, k * avail / s["need"], k * wide))
            s = self._measure(renderer, k, width, mode, under)
        return s

    def _figures_over(self, renderer, s: dict, width: float) -> float:
        """How far the figures' columns reach left of the names' column (over the
        chips, or out of the picture) at `s`'s type: 0 where they leave room."""
        return max(0.0, -self._columns(renderer, s, 0.0, width)["room"])

    def _title_room(self) -> float:
        """How far the type may grow and the names stay no larger than the title over them
        (a title the header shrank to fit its line: "Dumfriesshire, Clydesdale and
        Tweeddale" on a vertical card), never less than full-size type."""
        title = self.header.title
        if not title.get_text():
            return TALL_GROWTH
        return max(1.0, title.get_fontsize() / self._th.label_size)

    def _columns(self, renderer, s: dict, x0: float, x1: float) -> dict:
        """Right to left: change, share, votes; then chip and the room for names."""
        px, k = self._px, s["k"]
        num_gap = px(renderer, 22) * k
        chip_pad = s["chip_h"] * 0.5
        chip_w = min(max(s["chip_w"], self._chip_min(renderer, k)),
                     self._chip_max(renderer, k)) + 2 * chip_pad
        rights = []
        x = x1 - px(renderer, 4)
        for w in reversed(s["num_w"]):
            rights.append(x)
            x -= w + num_gap
        rights.reverse()  # votes, share, change
        name_x = x0 + chip_w + px(renderer, 14) * k
        return {"num_gap": num_gap, "chip_pad": chip_pad, "chip_w": chip_w,
                "rights": rights, "name_x": name_x, "room": x - name_x}

    def _layout_body(self, renderer, x0, y0, x1, y1) -> None:
        th, px = self._th, self._px
        width, avail = x1 - x0, y1 - y0
        self.stats.limit = None  # every figure measured: the last size's limit is not this one's
        # Each party's name under its candidate's reads best; on one line when that keeps
        # the type larger (many candidates, a short canvas); names across the whole row,
        # the figures under them, when the names would not fit beside the figures.
        # The share bar goes beside the name where the row leaves it room (a wide canvas),
        # else under the row's text: every shape keeps its bars.
        under = self.layout.card_bars == "under"
        if self._folded:  # the last size's "3 others" line: its candidates again
            for i, c in enumerate(self.rows):
                self._row_texts(i, c)
            self._folded = False
        s = self._fitted(renderer, width, avail, "stacked", under)
        if not under and (self._columns(renderer, s, x0, x1)["room"] - s["name_w"]
                          < width * BESIDE_ROOM):
            under = True
            s = self._fitted(renderer, width, avail, "stacked", under)
        if s["name_w"] > self._columns(renderer, s, x0, x1)["room"] * 1.02:
            s = self._fitted(renderer, width, avail, "span", under)
            if under and self._parties_cut(s, self._columns(renderer, s, x0, x1)["room"]):
                # "Liberal De…", "Scottish N…" on a vertical broadcast card: a party
                # gets a line of its own, the whole row wide, in every row alike (the
                # figures keep one line down the card), rather than be cut or left out
                s = self._fitted(renderer, width, avail, "tiers", under)
        elif s["k"] < 0.92:
            inline = self._fitted(renderer, width, avail, "inline", under)
            if (inline["k"] > s["k"] + 0.04
                    and inline["name_w"] <= self._columns(renderer, inline, x0, x1)["room"]):
                s = inline
        while s["k"] > 1.0 and s["mode"] != "inline" and self._parties_cut(
                s, self._party_room(renderer, s, x0, x1)):
            # Type grown into a tall canvas's room cut a party that full-size type shows
            # whole: "Chesterfield And North Derbyshire Independents…" on Chesterfield's
            # vertical broadcast card awaiting its declaration. It grows less.
            s = self._measure(renderer, max(1.0, s["k"] * 0.97), width, s["mode"], under)
        s = self._measure(renderer, s["k"], width, s["mode"], under)  # leave the fonts so
        while len(self.rows) > 1 and s["k"] > LEAST_CARD_SCALE and rows_need(s) > avail:
            # Every candidate, in smaller type, rather than fewer: a card that left some out
            # (640 x 360, broadcast: 6 of 7) showed shares not adding up, with no word of it.
            s = self._measure(renderer, max(LEAST_CARD_SCALE, s["k"] * 0.95), width,
                              s["mode"], under)
        k, mode = s["k"], s["mode"]
        stacked = mode == "stacked"
        n = len(self.rows)
        # the smallest dock: the smallest candidates fold (the figures under the table
        # went first), but a close majority, the one the desk must read, stays alone
        alone = self._majority_alone(renderer, width, s, avail)
        shown = shown_rows(s, n, avail, alone)
        if alone and shown < min(n, 3):  # the runner-up it is a majority over, folded:
            # no room for it after all
            self.stats.limit, alone = None, 0.0
            shown = shown_rows(s, n, avail, 0.0)
        drawn = list(self.rows)
        if 2 <= shown < n:  # the rows that do not fit fold into one "3 others" line:
            # dropped, the card's shares did not add up, with no word of them (2000 x 200)
            drawn[shown - 1:] = [self._fold(self.rows[shown - 1:])]
            self._row_texts(shown - 1, drawn[-1])
            self._folded = True
        row_h, gap = s["row_h"], s["gap"]
        need = s["need"] - (n - shown) * row_h
        # still too tall (the smallest dock): the figures under the table give way, as
        # the summary's do, rather than run over the footer
        stats = bool(s["stats_h"]) and (need <= avail or bool(alone))
        if s["stats_h"] and (alone or not stats):
            need += alone - gap * 1.5 - s["stats_h"]
        spare = max(0.0, avail - need)
        grow = min(spare * 0.6 / max(shown, 1), row_h * 0.4)  # roomier rows first
        row_h += grow
        need += grow * shown
        y = y1 - max(0.0, avail - need) / 2  # what is left: above and below alike

        # The band with the result words, badges to its right.
        badge_ws = s["badge_ws"]
        badges_w = sum(badge_ws) + gap * 0.6 * len(badge_ws)
        band_h = s["band_h"]
        colour = self.data.winner_colour or th.muted
        band_w = width if s["badge_row"] else max(width * 0.3, width - badges_w)
        if self.band_text.get_text():
            inset = band_h * 0.35
            self._fit(self.band_text, renderer, self.band_text.get_fontsize(),
                      band_w - 2 * inset)
            self._chip(self.band, self.band_text, colour, x0, y - band_h, band_w, band_h)
            self._at(self.band_text, x0 + inset, y - band_h / 2, "left", "center_baseline")
        else:
            self.band.set_visible(False)
        if s["badge_row"]:
            y -= band_h + gap * 0.5
        bx = x1
        for i, box in enumerate(self.badge_boxes):
            if i >= len(self.badges):
                box.set_visible(False)
                continue
            face, ink = self._badge_style(self.badges[i])
            w = badge_ws[i]
            bx -= w
            self._chip(box, self.badge_texts[i], face, bx, y - band_h, w, band_h,
                       text_colour=ink)
            bx -= gap * 0.6
        y -= band_h + gap

        # Columns, right to left: change, share, votes; then chip, name and a share bar.
        cols = self._columns(renderer, s, x0, x1)
        num_gap, chip_pad, chip_w = cols["num_gap"], cols["chip_pad"], cols["chip_w"]
        rights, name_x, room = cols["rights"], cols["name_x"], cols["room"]
        name_w = min(room, s["name_w"])
        if under:  # across the row, from the name to the figures' right edge
            bar_x, bar_w = name_x, rights[-1] - name_x
        else:
            bar_w = min(room - s["name_w"] - num_gap, width * 0.34)
            name_w = room - bar_w - num_gap
            bar_x = name_x + name_w + num_gap

        head_h = s["head_h"]
        self._at(self.col_heads[0], name_x, y - head_h, "left", "bottom")
        for t, r in zip(self.col_heads[1:], rights, strict=True):
            self._at(t, r, y - head_h, "right", "bottom")
        stub_w = px(renderer, th.small_size * k) * 3  # less room cuts a word to a stub
        head = self.col_heads[0]
        if mode == "tiers":  # whole, in the heads' size, or not at all: not shrunk to a speck
            hw, _ = self._fit(head, renderer, head.get_fontsize(), shrink=False)
            head.set_visible(0 < hw <= name_w + 0.01)
        else:
            self._fit(head, renderer, head.get_fontsize(), name_w)
            head.set_visible(name_w >= stub_w)  # no "Cand…" over the names
        y -= head_h + gap * 0.4

        self.row_spans = []
        top_share = max((c.share or 0.0 for c in drawn), default=0.0) or 1.0
        name_room = x1 - name_x if mode in ("span", "tiers") else name_w
        name_size = self._fit_column(self.names[:shown], renderer, th.label_size * k, name_room)
        party_size = th.small_size * k
        if mode == "tiers":  # cut, if at all, after a whole word
            party_size = self._fit_column(self.parties[:shown], renderer, party_size,
                                          x1 - name_x)
            for t in self.parties[:shown]:
                full = self._full.get(t, "")
                if t.get_text() != full:
                    t.set_text(cut_at_word(t, renderer, full, party_size, x1 - name_x))
                    t.set_visible(bool(t.get_text()))
        elif mode != "inline":
            party_size = self._fit_column(self.parties[:shown], renderer, party_size, name_w)
        for i, c in enumerate(drawn + self.rows[len(drawn):]):
            artists = (self.chips[i], self.chip_texts[i], self.names[i], self.parties[i],
                       self.bars[i], self.votes[i], self.shares[i], self.changes[i],
                       self.tints[i])
            if i >= shown:
                for a in artists:
                    a.set_visible(False)
                continue
            self.row_spans.append((y - row_h, y))
            # the text's centre: the row's, or above the bar under it
            yc = y - row_h / 2 + (s["bar_h"] + s["bar_gap"]) / 2
            tint = self.tints[i]
            if c.elected:
                tint.set_bounds(x0, y - row_h, width, row_h)
                tint.set_facecolor(winner_tint(c.colour, th))
                tint.set_visible(True)
            else:
                tint.set_visible(False)
            self._fit(self.chip_texts[i], renderer, th.small_size * k, chip_w - chip_pad)
            ch = s["chip_h"] + chip_pad
            self._chip(self.chips[i], self.chip_texts[i], c.colour, x0, yc - ch / 2, chip_w,
                       ch)
            figures_y = yc
            if mode == "tiers":
                self._fit(self.names[i], renderer, name_size, x1 - name_x, shrink=False)
                top = yc + s["text_h"] / 2
                figures_y = top - s["name_h"] - s["party_h"] - s["num_h"] / 2
                self._at(self.names[i], name_x, top, "left", "top")
                self._at(self.parties[i], name_x, top - s["name_h"], "left", "top")
            elif mode == "span":
                self._fit(self.names[i], renderer, name_size, x1 - name_x, shrink=False)
                self._fit(self.parties[i], renderer, party_size, name_w, shrink=False)
                # left of the figures there may be a letter's room ("C…"): then the chip
                # alone names the party, as on one line
                self.parties[i].set_visible(name_w >= stub_w)
                line2 = max(s["party_h"], s["num_h"])
                top = yc + (s["name_h"] + line2) / 2
                figures_y = top - s["name_h"] - line2 / 2
                self._at(self.names[i], name_x, top, "left", "top")
                self._at(self.parties[i], name_x, figures_y, "left", "center_baseline")
            elif stacked:
                self._fit(self.names[i], renderer, name_size, name_w, shrink=False)
                _, ph = self._fit(self.parties[i], renderer, party_size, name_w, shrink=False)
                block = s["name_h"] + ph
                self._at(self.names[i], name_x, yc + block / 2, "left", "top")
                self._at(self.parties[i], name_x, yc + block / 2 - s["name_h"], "left",
                         "top")
            else:
                nw, _ = self._fit(self.names[i], renderer, name_size, name_w, shrink=False)
                self._at(self.names[i], name_x, yc, "left", "center_baseline")
                left = name_w - nw - s["inline"]
                if left >= stub_w:
                    self.parties[i].set_visible(True)
                    self._fit(self.parties[i], renderer, party_size, left, shrink=False)
                    self._at(self.parties[i], name_x + nw + s["inline"], yc, "left",
                             "center_baseline")
                else:
                    self.parties[i].set_visible(False)
            bar = self.bars[i]
            if bar_w > 0 and c.share:
                if under:
                    bh = s["bar_h"]
                    by = yc - s["text_h"] / 2 - s["bar_gap"] - bh
                else:
                    bh = max(2.0, min(row_h * 0.36, s["name_h"]))
                    by = yc - bh / 2
                bar.set_bounds(bar_x, by, max(2.0, bar_w * c.share / top_share), bh)
                bar.set_visible(True)
            else:
                bar.set_visible(False)
            for t, r in zip((self.votes[i], self.shares[i], self.changes[i]), rights,
                            strict=True):
                self._at(t, r, figures_y, "right", "center_baseline")
            y -= row_h
        self._tell_apart(self.names[:shown], renderer, name_size, name_room)  # refitted above

        if stats:
            self.stats.place(renderer, x0, x1, y - gap * 0.75, k)
        elif s["stats_h"]:
            self.stats.hide()
        else:
            self.stats.place(renderer, x0, x1, y, k)

    def _majority_alone(self, renderer, width: float, s: dict, avail: float) -> float:
        """Pixels for a close majority alone under the table, where not every figure
        fits (a 300 x 200 card lost its "15" with the rest); 0: all fit, or none close."""
        if not s["stats_h"] or self.stats.emphasis != 0 or s["need"] <= avail:
            return 0.0
        self.stats.limit = 1
        return s["gap"] * 1.5 + self.stats.height(renderer, width, s["k"])

    def _parties_cut(self, s: dict, room: float) -> bool:
        """Whether a party beside the figures ("span", the parties measured at `s`'s
        size) would be cut short, or left out, in `room` pixels, in the smallest type
        its column may take (`_fit_column`)."""
        return s["party_w"] * COLUMN_SHRINK > room + 0.01

    def _party_room(self, renderer, s: dict, x0: float, x1: float) -> float:
        """The width a party has at `s`: the whole row on a line of its own ("tiers"),
        else the names' column."""
        cols = self._columns(renderer, s, x0, x1)
        return x1 - cols["name_x"] if s["mode"] == "tiers" else cols["room"]

    def _chip_min(self, renderer, k: float) -> float:
        return self._px(renderer, self._th.small_size * k) * 1.6

    def _chip_max(self, renderer, k: float) -> float:
        return self._px(renderer, self._th.small_size * k) * 3.4

    def _declared_text(self, data: ResultCardData) -> str:
        if not data.seats_total:
            return ""
        return f"{data.declared:,} of {data.seats_total:,} declared"

