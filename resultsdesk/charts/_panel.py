"""What the text-led graphics (result card, recount watch, national summary) share: one axes
over the whole figure whose data units are the figure's pixels, so a layout places every
label, chip and bar where it measured it would fit; party chips, badges, bands and stat
boxes; text shrunk, then shortened with an ellipsis, to fit its column.
"""

from __future__ import annotations

import math
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle
from matplotlib.text import Text

from ._base import Chart, extent, fit_font, fit_text, wrapped
from ._text import PLAIN
from .textfit import cut_apart
from .theme import LIGHT, Theme, outline_for, text_contrast

MIN_SCALE = 0.55  # a table's type never shrinks below this share to fit the height
EMPHASIS = 1.9  # a stat drawn large (a majority within recount range) against the others


def pct(x: float | None, digits: int = 1) -> str:
    return "\u2013" if x is None else f"{x:.{digits}f}%"


class PanelChart(Chart):
    """A chart laid out in figure pixels. Subclasses create artists with `_text`, `_box`
    and `_rect` in `_build_panel`, fill them in `_apply`, and place them in `_layout_body`
    inside the box between header and footer."""

    def __init__(self, figure: Figure | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(figure, theme)
        self._full: dict[Text, str] = {}

    @property
    def least_scale(self) -> float:
        """How far a list's type may shrink to fit the height, against the chart's own:
        to MIN_SCALE of full-size type, counting what a small dock's canvas took already
        (`scale` below 1); a recount list at 320 x 343 had 5-pixel names, both taken. For
        the lists that show fewer rows instead (recounts, gains); a card or the summary,
        whose rows are one whole, shrink to MIN_SCALE of their own type."""
        return min(1.0, MIN_SCALE / min(self.scale, 1.0))

    # -- building -----------------------------------------------------------------------
    def _build(self, data) -> None:
        ax = self.ax
        ax.set_axis_off()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        self._full = {}
        self._build_panel(data)

    def _build_panel(self, data) -> None:
        raise NotImplementedError

    def _text(self, *, size: float, weight: str = "normal", color: Any = None,
              ha: str = "left", va: str = "center", zorder: float = 5) -> Text:
        th = self.theme
        return self.ax.text(0, 0, "", fontfamily=th.font_family, fontsize=size,
                            fontweight=weight, color=th.foreground if color is None else color,
                            ha=ha, va=va, zorder=zorder, clip_on=False, **PLAIN)

    def _box(self, zorder: float = 3) -> FancyBboxPatch:
        """A rounded box (a chip, a badge, a band), placed and coloured at layout."""
        box = FancyBboxPatch((0, 0), 1, 1, boxstyle="round,pad=0,rounding_size=3",
                             linewidth=0, facecolor="none", edgecolor="none", zorder=zorder,
                             visible=False)
        self.ax.add_patch(box)
        return box

    def _rect(self, zorder: float = 2) -> Rectangle:
        r = Rectangle((0, 0), 0, 0, linewidth=0, facecolor="none", zorder=zorder,
                      visible=False)
        self.ax.add_patch(r)
        return r

    def _set(self, t: Text, s: str) -> None:
        """Give `t` its full text (the layout may shorten it)."""
        self._full[t] = s
        if t.get_text() != s:
            t.set_text(s)
        t.set_visible(bool(s))

    # -- layout -----------------------------------------------------------------------------
    def _layout(self, renderer, width, height):
        th = self._th
        m = self._px(renderer, th.margin)
        top = self.header.layout(renderer, width, height, m, self.scale) - self._px(renderer, 10)
        self.ax.set_xlim(0, width)
        self.ax.set_ylim(0, height)
        self._layout_body(renderer, m, self.floor + self._px(renderer, 8), width - m,
                          max(top, self.floor + 10))
        return 0.0, 0.0, width, height

    def _layout_body(self, renderer, x0: float, y0: float, x1: float, y1: float) -> None:
        raise NotImplementedError

    def _fit(self, t: Text, renderer, size: float, max_width: float | None = None,
             max_height: float | None = None, shrink: bool = True) -> tuple[float, float]:
        """Set `t` to `size` points and its full text; shrink it (unless not `shrink`), then
        cut it short with an ellipsis, until it fits. Returns its (width, height) in
        pixels."""
        full = self._full.get(t, t.get_text())
        if t.get_text() != full:
            t.set_text(full)
        t.set_visible(bool(full))  # shown unless empty: a layout may hide it after
        if not full:
            return 0.0, 0.0
        if shrink:
            fit_font(t, renderer, size, max_width, max_height)
        elif t.get_fontsize() != size:
            t.set_fontsize(size)
        if max_width is not None:
            fit_text(t, renderer, full, t.get_fontsize(), max_width, shrink=False)
        w, h = extent(t, renderer)
        return w, h

    def _fit_column(self, texts: list[Text], renderer, size: float, max_width: float,
                    min_share: float = 0.72) -> float:
        """One size for a column of texts: the largest (down to `min_share` of `size`) at
        which the widest fits; any still too wide is cut short. Returns the size."""
        widest = max((self._fit(t, renderer, size, shrink=False)[0] for t in texts),
                     default=0.0)
        if widest > max_width > 0:
            least = size * min_share
            size = max(least, math.floor(size * max_width / widest * 4) / 4)
            # A text's width is not quite in proportion to its size (hinting): "Scottish
            # National Pa…" on a 360 x 640 broadcast card, 0.05 px too wide at the size
            # worked out. A quarter point less until the widest fits, as far as `least`
            # itself: stopped a quarter short of it, "Monster Raving Loony Party" was cut
            # to "…Loony Pa…" on Hackney North's vertical broadcast card at 10.5 points,
            # where the column's least, 10.48, fitted it (the layout had counted on that).
            while size > least and max(
                    extent(t, renderer, self._full.get(t, t.get_text()), size)[0]
                    for t in texts) > max_width + 0.01:
                size = max(least, size - 0.25)
        for t in texts:
            self._fit(t, renderer, size, max_width, shrink=False)
        self._tell_apart(texts, renderer, size, max_width)
        return size

    def _tell_apart(self, texts: list[Text], renderer, size: float, max_width: float) -> None:
        """Texts of a column cut short to the same words though written differently (two
        long names alike to near their end) are cut again keeping what differs: else two
        candidates' rows read the same."""
        by_shown: dict[str, list[Text]] = {}
        for t in texts:
            full = self._full.get(t, t.get_text())
            if t.get_visible() and t.get_text() != full:
                by_shown.setdefault(t.get_text(), []).append(t)
        for alike in by_shown.values():
            fulls = [self._full.get(t, t.get_text()) for t in alike]
            if len(set(fulls)) < 2:
                continue
            for t, full in zip(alike, fulls, strict=True):
                t.set_text(cut_apart(t, renderer, full, fulls, size, max_width))

    def _fit_two_lines(self, t: Text, renderer, size: float, max_width: float,
                       max_height: float) -> tuple[float, float]:
        """As `_fit` at `size` (not shrunk: a column keeps one size), but a text too wide
        for `max_width` goes onto two lines, broken between words, where both fit it and
        together fit `max_height`; cut short with an ellipsis only where they do not.
        Measures before it sets (a label laid out as it was stays up to date for
        `charts.frames`). Returns its (width, height) in pixels."""
        full = self._full.get(t, t.get_text())
        if full and t.get_visible():
            two = wrapped(t, renderer, full, size, max_width)
            tw, th = extent(t, renderer, two, size)
            if two.count("\n") == 1 and tw <= max_width + 0.01 and th <= max_height:
                if t.get_text() != two:
                    t.set_text(two)
                if t.get_fontsize() != size:
                    t.set_fontsize(size)
                return tw, th
        return self._fit(t, renderer, size, max_width, shrink=False)  # one line, or cut

    @staticmethod
    def _at(t: Text, x: float, y: float, ha: str | None = None, va: str | None = None) -> None:
        t.set_position((x, y))
        if ha:
            t.set_horizontalalignment(ha)
        if va:
            t.set_verticalalignment(va)

    def _chip(self, box: FancyBboxPatch, label: Text, colour: Any, x: float, y: float,
              w: float, h: float, *, text_colour: Any = None, edge: Any = None) -> None:
        """A box of `colour` at (x, y) (bottom left), `w` x `h` pixels, its label centred."""
        th = self._th
        box.set_bounds(x, y, w, h)
        box.set_boxstyle("round", pad=0, rounding_size=min(h * 0.18, 8))
        box.set_facecolor(colour)
        if edge is None and colour != "none":
            edge = outline_for(colour, th)  # SNP yellow on white, navy on navy
        box.set_edgecolor("none" if edge is None else edge)
        box.set_linewidth(0 if edge is None else 1.0)
        box.set_visible(True)
        label.set_color(text_contrast(colour) if text_colour is None else text_colour)
        self._at(label, x + w / 2, y + h / 2, "center", "center_baseline")

    def _hline(self, rect: Rectangle, x0: float, x1: float, y: float, colour: Any,
               thickness: float) -> None:
        rect.set_bounds(x0, y - thickness / 2, x1 - x0, thickness)
        rect.set_facecolor(colour)
        rect.set_visible(True)


class StatBoxes:
    """A row of figures under small captions ("Majority" / "15" "0.04%"), wrapped onto two
    rows when one is too narrow."""

    def __init__(self, chart: PanelChart, n: int) -> None:
        th = chart.theme
        self.chart = chart
        self.captions = [chart._text(size=th.small_size, color=th.muted, va="top")
                         for _ in range(n)]
        self.values = [chart._text(size=th.label_size, weight="bold", va="baseline")
                       for _ in range(n)]
        self.details = [chart._text(size=th.small_size, color=th.muted, va="baseline")
                        for _ in range(n)]
        self.rule = chart._rect(zorder=1)
        self.emphasis: int | None = None  # the figure drawn large (a close majority)
        self.limit: int | None = None  # at most so many drawn (the first), None: all

    def set(self, items: list[tuple[str, str, str]], emphasis: int | None = None) -> None:
        """`items`: (caption, value, detail); the value at `emphasis` is drawn large, in
        the alert colour."""
        c = self.chart
        self.emphasis = emphasis if emphasis is not None and emphasis < len(items) else None
        for i, t in enumerate(self.values):
            t.set_color(c.theme.alert if i == self.emphasis else c.theme.foreground)
        for i in range(len(self.captions)):
            caption, value, detail = items[i] if i < len(items) else ("", "", "")
            c._set(self.captions[i], caption)
            c._set(self.values[i], value)
            c._set(self.details[i], detail)

    @property
    def count(self) -> int:
        n = sum(1 for t in self.values if self.chart._full.get(t))
        return n if self.limit is None else min(n, self.limit)

    def height(self, renderer, width: float, k: float = 1.0) -> float:
        """Pixels needed at type scale `k` across `width`."""
        return self._measure(renderer, width, k)[0]

    def _sizes(self, k: float) -> tuple[float, float, float]:
        th = self.chart._th
        return th.small_size * 0.9 * k, th.label_size * 1.15 * k, th.small_size * k

    def _value_size(self, i: int, vs: float) -> float:
        return vs * EMPHASIS if i == self.emphasis else vs

    def _measure(self, renderer, width: float, k: float):
        c = self.chart
        n = self.count
        if not n:
            return 0.0, 1, []
        cs, vs, ds = self._sizes(k)
        gap = c._px(renderer, 6) * k
        sep = c._px(renderer, 16) * k
        widths = []
        for i in range(n):
            cw, _ = c._fit(self.captions[i], renderer, cs)
            vw, _ = c._fit(self.values[i], renderer, self._value_size(i, vs))
            dw, _ = c._fit(self.details[i], renderer, ds)
            widths.append(max(cw, vw + (gap + dw if dw else 0)))
        per_row = n
        while per_row > 1 and (max(widths) + sep) * per_row > width:
            per_row = (per_row + 1) // 2 if per_row > 2 else 1
        rows = -(-n // per_row)
        ch = max(extent(self.captions[i], renderer)[1] for i in range(n))
        vh = max(extent(self.values[i], renderer)[1] for i in range(n))
        row_h = ch + gap * 0.6 + vh
        rule = c._px(renderer, 10) * k
        return rule + rows * row_h + (rows - 1) * gap * 2, per_row, widths

    def hide(self) -> None:
        """No room for them: none drawn."""
        for t in (*self.captions, *self.values, *self.details, self.rule):
            t.set_visible(False)

    def place(self, renderer, x0: float, x1: float, top: float, k: float = 1.0) -> float:
        """Lay the boxes out under a thin rule from `top` down; returns the bottom y."""
        c = self.chart
        th = c._th
        n = self.count
        for t in self.captions[n:] + self.values[n:] + self.details[n:]:
            t.set_visible(False)
        if not n:
            self.rule.set_visible(False)
            return top
        total, per_row, _widths = self._measure(renderer, x1 - x0, k)
        cs, vs, ds = self._sizes(k)
        gap = c._px(renderer, 6) * k
        c._hline(self.rule, x0, x1, top, th.grid, max(1.0, c._px(renderer, 1)))
        y = top - c._px(renderer, 10) * k
        col_w = (x1 - x0) / per_row
        ch = max(extent(self.captions[i], renderer)[1] for i in range(n))
        vh = max(extent(self.values[i], renderer)[1] for i in range(n))
        for i in range(n):
            row, col = divmod(i, per_row)
            if col == 0 and row:
                y -= ch + gap * 0.6 + vh + gap * 2
            x = x0 + col * col_w
            avail = col_w - c._px(renderer, 16) * k
            c._fit(self.captions[i], renderer, cs, avail)
            vw, _ = c._fit(self.values[i], renderer, self._value_size(i, vs), avail)
            c._fit(self.details[i], renderer, ds, max(1.0, avail - vw - gap))
            c._at(self.captions[i], x, y, "left", "top")
            base = y - ch - gap * 0.6 - vh * 0.78
            c._at(self.values[i], x, base, "left", "baseline")
            c._at(self.details[i], x + vw + gap, base, "left", "baseline")
        return top - total
