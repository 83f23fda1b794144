"""The texts around every chart: the header (title, subtitle, status) and the footer (the
source line; "As of 04:58 · 325 of 650 declared"; who "Others" are), placed by measure at
each layout."""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure
from matplotlib.text import Text

from ..domain.others import OTHERS
from ._text import kept
from .textfit import extent, fit_lines, fit_text, put, shrunk_size
from .theme import MIN_READABLE_PT, Theme

SUBTITLE_SHRINK = 0.75  # a subtitle shrunk further than this to fit goes onto two lines
# A title too: shrunk further than this, or below the chart's body type (`Header.body_size`),
# it reads smaller than what it heads ("Dumfriesshire, Clydesdale and Tweeddale" at 19.5 pt
# over 20 pt candidates on a vertical broadcast card), so it goes onto two lines instead.
TITLE_SHRINK = 0.75


class Header:
    """Title (bold) over subtitle on the left; a status line ("325 of 650 declared") on the
    right of the title row, or under the subtitle when the row is too narrow for both."""

    def __init__(self, figure: Figure, theme: Theme) -> None:
        common: dict[str, Any] = {"fontfamily": theme.font_family, "transform": figure.transFigure}
        # Texts an export's writer may keep laid out (`_text`): every export lays the
        # same header out again.
        self.title = kept(figure.text(0, 1, "", fontsize=theme.title_size,
                                      fontweight="bold", color=theme.foreground, ha="left",
                                      va="top", **common))
        self.subtitle = kept(figure.text(0, 1, "", fontsize=theme.subtitle_size,
                                         color=theme.muted, ha="left", va="top", **common))
        self.status = kept(figure.text(1, 1, "", fontsize=theme.subtitle_size,
                                       color=theme.foreground, ha="right", va="bottom",
                                       **common))
        self._sizes = {self.title: theme.title_size, self.subtitle: theme.subtitle_size,
                       self.status: theme.subtitle_size}
        # The chart's body type, in the theme's points (scaled at layout): the least a title
        # keeps on two lines. A chart whose largest body text is larger may say so.
        self.body_size = theme.label_size
        self._full: dict[Text, str] = {}
        self._given = ("", "", "")
        self.mark = ""  # REHEARSAL on a rehearsal's graphics: before the subtitle
        # A small dock's picture (`_base.COMPACT_BELOW_INCHES`): no title, and the subtitle
        # only the mark (hidden, each keeps its words)
        self.compact = False

    def set(self, title: str, subtitle: str, status: str) -> None:
        self._given = (title, subtitle, status)
        if self.mark:
            subtitle = f"{self.mark} \u00b7 {subtitle}" if subtitle else self.mark
        for t, s in ((self.title, title), (self.subtitle, subtitle), (self.status, status)):
            self._full[t] = s
            if t.get_text() != s:
                t.set_text(s)

    def subtitle_in_full(self) -> str:
        """The subtitle as drawn, before any fitting: a rehearsal's after REHEARSAL."""
        return self._full.get(self.subtitle, "")

    def set_mark(self, mark: str) -> None:
        if mark != self.mark:
            self.mark = mark
            self.set(*self._given)

    def layout(self, renderer, width: float, height: float, margin: float,
               scale: float = 1.0) -> float:
        """Place the texts; returns the y (pixels from the bottom) under the header."""
        avail = max(1.0, width - 2 * margin)
        for t, size in self._sizes.items():
            full = self._full.get(t, t.get_text())
            if self.compact and t is not self.status:
                full = self.mark if t is self.subtitle else ""
                put(t, visible=bool(full))
                if not full:
                    continue
            else:
                put(t, visible=True)
            if t is self.subtitle:  # never far smaller than the others': two lines rather
                fit_lines(t, renderer, full, size * scale, avail, MIN_READABLE_PT,
                          wrap_below=max(MIN_READABLE_PT, size * scale * SUBTITLE_SHRINK))
            elif t is self.title:
                _fit_title(t, renderer, full, size * scale, avail,
                           min(size, max(size * TITLE_SHRINK, self.body_size)) * scale)
            else:
                fit_text(t, renderer, full, size * scale, avail)
        gap = renderer.points_to_pixels(4)
        y = height - margin
        tw, th = extent(self.title, renderer)
        sw, sh = extent(self.status, renderer)
        status_placed = False
        if th:
            _place(self.title, margin, y, width, height, ha="left", va="top")
            if sw and tw + 3 * gap + sw <= avail:
                _place(self.status, width - margin, y - th, width, height, ha="right",
                       va="bottom")
                status_placed = True
            y -= th + gap
        uw, uh = extent(self.subtitle, renderer)
        if uh:
            _place(self.subtitle, margin, y, width, height, ha="left", va="top")
            if sw and not status_placed and uw + 3 * gap + sw <= avail:
                _place(self.status, width - margin, y - uh, width, height, ha="right",
                       va="bottom")
                status_placed = True
            y -= uh + gap
        if sw and not status_placed:
            _place(self.status, margin, y, width, height, ha="left", va="top")
            y -= sh + gap
        return y


class Footer:
    """The source line on the left; "As of 04:58 · 325 of 650 declared" on the right, or both
    stacked on the left when one row is too narrow for them. With `must_read` (a
    rehearsal's: "REHEARSAL · not live results"), neither is shrunk below
    MIN_READABLE_PT: the source line goes onto two lines instead, or more, between words,
    rather than being cut short."""

    def __init__(self, figure: Figure, theme: Theme) -> None:
        common: dict[str, Any] = {"fontfamily": theme.font_family, "transform": figure.transFigure,
                                  "fontsize": theme.footer_size, "va": "bottom"}
        self.source = kept(figure.text(0, 0, "", color=theme.muted, ha="left", **common))
        self.status = kept(figure.text(1, 0, "", color=theme.muted, ha="right", **common))
        # Who "Others" are, over the source line, as many as fit ("Others: SDLP 2, ...").
        self.note = kept(figure.text(0, 0, "", color=theme.muted, ha="left", **common))
        self.note_items: tuple[str, ...] = ()
        self.note_tail = ""  # after the items when all fit ("and 95 more without a seat")
        self.note_more = 0  # members not in the items (folded into the tail)
        self._size = theme.footer_size
        self._full: dict[Text, str] = {}
        self.must_read = False
        # A small dock's picture (`_base.COMPACT_BELOW_INCHES`): the status line and what
        # must be read of the source line (a rehearsal's "REHEARSAL · not live results"),
        # no Others line
        self.compact = False
        self._short = ""

    def set(self, source: str, status: str, must_read: bool = False, short: str = "") -> None:
        """`short`: what a compact footer keeps of `source` (nothing by default)."""
        self.must_read, self._short = must_read, short
        for t, s in ((self.source, source), (self.status, status)):
            self._full[t] = s
            if t.get_text() != s:
                t.set_text(s)

    def layout(self, renderer, width: float, height: float, margin: float,
               scale: float = 1.0) -> float:
        """Place the texts; returns the y (pixels from the bottom) above the footer."""
        avail = max(1.0, width - 2 * margin)
        for t in (self.source, self.status):
            full = self._full.get(t, t.get_text())
            if self.compact and t is self.source:
                full = self._short
            put(t, visible=bool(full))
            if not full:
                continue
            if self.must_read:  # never too small to read (a small dock's smaller type
                # too): on more lines rather
                fit_lines(t, renderer, full, max(self._size * scale, MIN_READABLE_PT), avail,
                          MIN_READABLE_PT, cut=False)
            else:
                fit_text(t, renderer, full, self._size * scale, avail)
        gap = renderer.points_to_pixels(4) * scale
        y = self._layout_rows(renderer, width, height, margin, avail, gap)
        nh = self._layout_note(renderer, width, height, margin, avail, y, scale)
        return y + (nh + gap if nh else 0.0)

    def _layout_rows(self, renderer, width, height, margin, avail, gap) -> float:
        sw, sh = extent(self.source, renderer)
        tw, th = extent(self.status, renderer)
        y = margin
        if sw and tw and sw + 4 * gap + tw > avail:  # stacked: status over source
            _place(self.source, margin, y, width, height, ha="left", va="bottom")
            y += sh + gap / 2
            _place(self.status, margin, y, width, height, ha="left", va="bottom")
            y += th
        else:
            if sw:
                _place(self.source, margin, y, width, height, ha="left", va="bottom")
            if tw:
                _place(self.status, width - margin, y, width, height, ha="right",
                       va="bottom")
            y += max(sh, th)
        return y + (2 * gap if sh or th else 0.0)

    def set_note(self, items: tuple[str, ...], more: int = 0, tail: str = "") -> None:
        self.note_items, self.note_more, self.note_tail = items, more, tail

    def _layout_note(self, renderer, width, height, margin, avail, y, scale) -> float:
        """The longest "Others: A 2, B 1 and 3 more" that fits on one line; nothing when
        not even "Others: 5 parties" does. Returns its height."""
        t = self.note
        items = self.note_items
        if self.compact or (not items and not self.note_more):
            put(t, visible=False)
            return 0.0
        put(t, visible=True,
            fontsize=min(self._size * scale, self.source.get_fontsize()))  # never larger
        total = len(items) + self.note_more

        def text(k: int) -> str:
            if k == len(items):
                shown = ", ".join(items)
                return f"{OTHERS}: {shown} {self.note_tail}".strip() if shown \
                    else f"{OTHERS}: {total:,} parties"
            rest = total - k
            return f"{OTHERS}: {', '.join(items[:k])} and {rest:,} more" if k \
                else f"{OTHERS}: {total:,} parties"

        lo, hi = 0, len(items)
        while lo < hi:  # the most items that fit
            mid = (lo + hi + 1) // 2
            if extent(t, renderer, text(mid))[0] <= avail:
                lo = mid
            else:
                hi = mid - 1
        put(t, text=text(lo))
        w, h = extent(t, renderer)
        if w > avail:
            t.set_visible(False)
            return 0.0
        _place(t, margin, y, width, height, ha="left", va="bottom")
        return h


def _fit_title(t: Text, renderer, full: str, size: float, avail: float, floor: float) -> None:
    """`full` on one line at `size` points, shrunk to fit `avail` pixels as far as `floor`;
    where it would need to shrink further, on two lines broken between words at the largest
    size from `size` down that fits them (more lines at `floor` rather than smaller). A
    single word, or a title that fits, is shrunk (then cut short) as ever."""
    if " " not in full.strip() or shrunk_size(t, renderer, size, avail, s=full) >= floor:
        fit_text(t, renderer, full, size, avail)
    else:
        fit_lines(t, renderer, full, size, avail, floor, sep=" ", lines=2, wrap_below=floor)


def _place(t: Text, x: float, y: float, width: float, height: float, *, ha: str,
           va: str) -> None:
    put(t, position=(x / width, y / height), horizontalalignment=ha, verticalalignment=va)
