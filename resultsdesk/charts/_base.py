"""What every chart shares: a Figure it owns, a header (title, subtitle, status), a footer
(the source line; "As of 04:58 · 325 of 650 declared"), updates in place, and a layout
computed at draw time from the real canvas size and measured text.

The layout runs from the main axes' locator, which matplotlib calls with a renderer at the
start of every draw: so a chart lays itself out for whatever size the Qt widget (or an
export) has, with no layout engine and no second draw.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from ..domain.others import OTHERS, Standing
from ..domain.records import replace
from ..domain.signed import signed_decimal
from ._text import kept, named
from ._titles import Footer, Header
from .layout import WIDE, Layout, layout_for
from .textfit import (  # noqa: F401 (re-exported: every chart takes them from here)
    ELLIPSIS,
    MIN_FONT_SCALE,
    extent,
    fit_font,
    fit_text,
    put,
    put_colours,
    wrapped,
)
from .theme import LIGHT, Theme, apply_theme

# Unhinted glyphs: at broadcast and screen sizes they look the same, and text layout and
# rasterising (most of every redraw on the live desk) runs about 15 % faster.
matplotlib.rcParams["text.hinting"] = "no_hinting"

SOURCE = ("Source: ResultsDesk \u00b7 House of Commons Library data, "
          "Open Parliament Licence")
__all__ = ["OTHERS"]  # the folded parties' label: one definition, in domain.others
# What every graphic of a rehearsal says, in its subtitle and its footer, so that nothing
# drawn from a rehearsal database can be mistaken for the live night.
REHEARSAL = "REHEARSAL"
REHEARSAL_NOTE = "REHEARSAL \u00b7 not live results"
# What a chart says when it has nothing to draw yet, in its plot's place.
NO_SEATS = "No seats declared yet"


def no_party_seats(declared: int) -> str:
    """What a chart of party seats with none to draw says: nothing declared yet, or (every
    seat declared so far a tie awaiting the lot: declared, but nobody's) not that."""
    if not declared:
        return NO_SEATS
    ties = "a tie" if declared == 1 else f"{declared:,} ties"
    return f"No seat won yet: {ties} awaiting the drawing of lots"
DEFAULT_SIZE_PX = (1366, 768)
DEFAULT_DPI = 100
# Type grows with a canvas bigger than 1366 x 768 at 100 dpi (in inches, so a HiDPI screen
# does not count), up to this factor: a full-HD export reads like the desk-sized one.
REFERENCE_INCHES = (13.66, 7.68)
MAX_TYPE_SCALE = 1.45
# Type shrinks on a canvas narrower or lower than this, in inches (the window's first-run
# dock, 470 px wide, reads clean at full size; a dock squeezed to its canvas's 320 x 220
# minimum did not: titles took half the height and labels ran into each other), in
# proportion, to no less than MIN_SMALL_TYPE. An export's canvas is this small in inches
# only below 282 x 180 pixels (`export.export_dpi` lowers the dpi to keep it larger).
SMALL_INCHES = (4.7, 3.0)
MIN_SMALL_TYPE = 0.6
# On screen, a picture of fixed proportions (`Chart.COMPACT_DOCK`: the chamber, the map) in a
# dock less tall than this (inches; the 1366 x 768 window's chart dock is 3.9) leaves out what
# the desk around it already says: the title (the dock's title bar names the chart), the
# subtitle (the window names the election, the map's zoom list its focus), the source line
# and the Others line (the key counts Others; hover names each seat's party). Each line of
# them took height from the whole picture: in a 310 x 260 dock the 650-seat chamber was
# 84 x 42 pixels under them. A rehearsal keeps its REHEARSAL marks; exports are never docked.
COMPACT_BELOW_INCHES = 4.5
# ... and its margins, a broadcast picture's safe area, shrink to this share: the dock's frame
# is edge enough.
COMPACT_MARGIN = 0.5


def canvas_reach(width: float, height: float) -> float:
    """How far a canvas reaches past the reference one (in the same unit as the sizes, per
    inch of REFERENCE_INCHES): its smaller ratio side for side. A tall canvas is measured
    against the reference turned on end, so 10.8 x 19.2 inches reaches as far as 19.2 x
    10.8 (its type is as large as the landscape picture's, not a third of it)."""
    if height > width:
        return min(width / REFERENCE_INCHES[1], height / REFERENCE_INCHES[0])
    return min(width / REFERENCE_INCHES[0], height / REFERENCE_INCHES[1])


def type_scale_for(w_in: float, h_in: float) -> float:
    """A chart's type scale on a `w_in` x `h_in` inch canvas: 1 up to the reference size,
    growing with the canvas (landscape or portrait alike) up to MAX_TYPE_SCALE; below 1 on
    a canvas smaller than SMALL_INCHES (a small dock), down to MIN_SMALL_TYPE."""
    small = min(w_in / SMALL_INCHES[0], h_in / SMALL_INCHES[1])
    if small < 1.0:
        return max(MIN_SMALL_TYPE, small)
    return min(MAX_TYPE_SCALE, max(1.0, canvas_reach(w_in, h_in)))


def signed_points(x: float) -> str:
    """+1.6 pts, −19.9 pts, ±0.0 pts."""
    return f"{signed_decimal(x)} pts"


class Chart:
    """A chart that owns `figure`; `update(data)` redraws in place when it can."""

    def __init__(self, figure: Figure | None = None, theme: Theme = LIGHT) -> None:
        if figure is None:
            figure = Figure(figsize=(DEFAULT_SIZE_PX[0] / DEFAULT_DPI,
                                     DEFAULT_SIZE_PX[1] / DEFAULT_DPI), dpi=DEFAULT_DPI)
        if type(figure.canvas) is FigureCanvasBase:
            FigureCanvasAgg(figure)  # headless by default; a Qt canvas may replace it
        self.figure: Figure = figure
        self.theme: Theme = theme
        self.ax: Axes | None = None
        self._built = False  # made (`_rebuild`) for the current shape and theme
        self.header: Header | None = None
        self.footer: Footer | None = None
        self.as_of: str | None = None  # "04:58": when the figures shown were current
        self.source: str = SOURCE
        self.rehearsal = False  # a rehearsal's figures: marked REHEARSAL, header and footer
        self.docked = False  # drawn in a dock on screen (`ui.chart_view`): see COMPACT_DOCK
        self.compact = False  # the latest layout left the header and footer's extras out
        self.floor = 0.0  # pixels from the bottom above the footer, at the latest layout
        self.data: Any = None
        self.rebuilds = 0  # full rebuilds so far (updates in place do not count)
        self._shape: Any = None
        self._version = 0
        self._layout_key: tuple | None = None
        self._bbox: Bbox | None = None
        self.scale = 1.0  # type scale of the latest layout
        # Drawn for an overlay (`set_see_through`): nothing painted in the background's colour
        self.see_through = False
        self.layout: Layout = WIDE  # the arrangement of the latest layout (charts.layout)
        self._th: Theme = theme  # the theme at that scale
        apply_theme(theme, figure)

    # -- public ---------------------------------------------------------------------------
    def update(self, data) -> None:
        """Show `data`: in place when its shape matches what is drawn, else a full rebuild."""
        shape = self._shape_of(data)
        if not self._built or shape != self._shape:
            self._rebuild(data)
            self._shape = shape
        self._apply(data)
        self.data = data
        self._apply_footer()
        self._version += 1
        self.figure.stale = True

    def set_footer(self, *, as_of: str | None = None, source: str = SOURCE,
                   rehearsal: bool = False) -> None:
        """The footer's time ("As of 04:58"; None leaves it out) and source line; with
        `rehearsal`, REHEARSAL in the subtitle and the footer, in the alert colour."""
        self.as_of, self.source, self.rehearsal = as_of, source, rehearsal
        if self.footer is not None:
            self._apply_footer()
            self._version += 1
            self.figure.stale = True

    def set_see_through(self, on: bool) -> None:
        """Drawn for an overlay with no background (an export's `transparent`) or not: a
        chart painting the background's colour to part or ring things says so here."""
        self.see_through = on
        self._layout_key = None  # laid out again: the layout sets what depends on it
        self.figure.stale = True

    def note_others(self, others: tuple[Standing, ...], drawn: bool) -> None:
        """Say who "Others" are (`others_note`) where an Others bar, chip or flow is
        `drawn`; else no line: "Others: 14 parties" under none sent the viewer looking."""
        self.set_note(others_note(others) if drawn else NO_NOTE)

    def set_note(self, note: Note) -> None:
        """Say who "Others" are over the footer (see `others_note`); `((), 0, "")`: no
        line."""
        if self.footer is not None:
            self.footer.set_note(*note)

    def data_at(self, x: float, y: float) -> tuple[float, float] | None:
        """The data point under display point (x, y) of the chart's plot (its axes),
        None outside it: what a mouse event's `xdata`, `ydata` are."""
        ax = self.ax
        if ax is None or not ax.bbox.contains(x, y):
            return None
        dx, dy = ax.transData.inverted().transform((x, y))
        return float(dx), float(dy)

    def footer_status(self) -> str:
        """"As of 04:58 · 325 of 650 declared" (without the time until one is set)."""
        count = self._declared_text(self.data) if self.data is not None else ""
        return " \u00b7 ".join(p for p in (f"As of {self.as_of}" if self.as_of else "",
                                           count) if p)

    def footer_source(self) -> str:
        """The source line; a rehearsal's starts "REHEARSAL · not live results"."""
        return f"{REHEARSAL_NOTE} \u00b7 {self.source}" if self.rehearsal else self.source

    # A picture that keeps its proportions (a chamber, a map) shrinks whole with each line of
    # text over or under it: docked on screen and short, it leaves the extras out
    # (COMPACT_BELOW_INCHES).
    COMPACT_DOCK = False

    # -- continuation pages: a list longer than one graphic, exported -------------------
    PAGED = False  # a list continuing on further graphics (`_paging.PagedList`)

    def set_paging(self, on: bool, grown: float = 1.0) -> None:
        """With `on`, a chart that lists rows (the recount watch) shows as many as fit and
        continues on further pages (`next_page`) instead of saying "and 3 more"; off,
        it is back to its first page. `grown`: how much larger than the HD rule the
        picture's type is for its shape (`export.shape_growth`), which a page gives up
        before a row goes to the next. Charts without a list ignore it."""

    def more_pages(self) -> bool:
        """After a layout with paging on: rows remain for another page."""
        return False

    def next_page(self) -> None:
        """Turn to the rows after those the latest layout drew."""

    def set_theme(self, theme: Theme) -> None:
        """Switch theme (a full rebuild with the current data)."""
        self.theme = theme
        self._built = False
        apply_theme(theme, self.figure)
        if self.data is not None:
            self.update(self.data)

    def save(self, path, width: int = DEFAULT_SIZE_PX[0], height: int = DEFAULT_SIZE_PX[1],
             dpi: int = DEFAULT_DPI) -> None:
        """Write the chart at `width` x `height` pixels (PNG, SVG or PDF by suffix) without
        changing the size it has on screen."""
        fig = self.figure
        old = fig.get_size_inches().copy()
        old_dpi = fig.dpi
        try:
            fig.set_size_inches(width / dpi, height / dpi, forward=False)
            fig.savefig(path, dpi=dpi, facecolor=self.theme.background)
        finally:
            fig.set_dpi(old_dpi)
            fig.set_size_inches(*old, forward=False)
            self._layout_key = None

    # -- for subclasses ---------------------------------------------------------------------
    def _declared_text(self, data) -> str:
        """The footer's count of declared seats ("325 of 650 declared")."""
        declared, total = getattr(data, "declared", None), getattr(data, "seats_total", None)
        if declared is None or not total:
            return ""
        return f"{declared:,} of {total:,} declared"

    def _shape_of(self, data) -> Any:
        raise NotImplementedError

    def _build(self, data) -> None:
        raise NotImplementedError

    def _apply(self, data) -> None:
        raise NotImplementedError

    def _layout(self, renderer, width: float, height: float) -> tuple[float, float, float, float]:
        """Place everything for a `width` x `height` pixel figure, above `self.floor` (the
        footer, already placed); return the plot's (its axes' or stage's) (x0, y0, x1, y1) in
        pixels."""
        raise NotImplementedError

    # -- machinery ----------------------------------------------------------------------------
    def _rebuild(self, data) -> None:
        fig = self.figure
        fig.clear()
        self.ax = self._plot_area(fig)
        self.header = Header(fig, self.theme)
        self.footer = Footer(fig, self.theme)
        self._built = True
        self._layout_key = None
        self.rebuilds += 1
        self._build(data)

    def _plot_area(self, fig: Figure) -> Axes | None:
        """What the chart draws in, laid out (`_locate`) before each draw: an Axes, or
        None for a chart that makes its own (the chamber's `_stage.Stage`)."""
        ax = fig.add_axes((0.05, 0.05, 0.9, 0.8))
        apply_theme(self.theme, fig, ax)
        ax.set_axes_locator(self._locate)
        return ax

    def _locate(self, _area, renderer) -> Bbox:  # an Axes' locator, or a Stage's
        fig = self.figure
        if renderer is None:
            renderer = fig._get_renderer()
        width, height = fig.bbox.width, fig.bbox.height
        key = (self._version, width, height, fig.dpi, id(renderer))
        if key != self._layout_key or self._bbox is None:
            self.scale = type_scale_for(*fig.get_size_inches())
            self.layout = layout_for(width, height)
            self._th = self.theme.scaled(self.scale)
            self.compact = self.COMPACT_DOCK and self.docked \
                and fig.get_size_inches()[1] < COMPACT_BELOW_INCHES
            self.header.compact = self.footer.compact = self.compact
            if self.compact:
                self._th = replace(self._th, margin=self._th.margin * COMPACT_MARGIN)
            self.floor = self.footer.layout(renderer, width, height,
                                            self._px(renderer, self._th.margin), self.scale)
            x0, y0, x1, y1 = self._layout(renderer, width, height)
            x1, y1 = max(x1, x0 + 1), max(y1, y0 + 1)
            self._bbox = Bbox.from_extents(x0 / width, y0 / height, x1 / width, y1 / height)
            self._layout_key = key
        return self._bbox

    def _apply_footer(self) -> None:
        if self.footer is not None:
            self.footer.set(self.footer_source(), self.footer_status(),
                            must_read=self.rehearsal,
                            short=REHEARSAL_NOTE if self.rehearsal else "")
            colour = self.theme.alert if self.rehearsal else self.theme.muted
            for text in (self.footer.source, self.footer.status):
                put(text, color=colour, fontweight="bold" if self.rehearsal else "normal")
        if self.header is not None:
            self.header.set_mark(REHEARSAL if self.rehearsal else "")

    def _px(self, renderer, points: float) -> float:
        return renderer.points_to_pixels(points)

    def _pt(self, renderer, pixels: float) -> float:
        return pixels / renderer.points_to_pixels(1.0)

    def _size_end_labels(self, renderer, values: list, changes: list, max_height: float,
                         pad: float) -> list[float]:
        """A horizontal bar chart's value and change labels (`values`, `changes`: one pair a
        row) fitted to `max_height` pixels and offset after the bar's end, the change after
        the value; returns the pixels each row's labels need past its bar."""
        th = self._th
        need = []
        for v, c in zip(values, changes, strict=True):
            fit_font(v, renderer, th.label_size, max_height=max_height)
            fit_font(c, renderer, th.small_size, max_height=max_height)
            vw, cw = extent(v, renderer)[0], extent(c, renderer)[0]
            put(v, position=(self._pt(renderer, pad), 0))
            put(c, position=(self._pt(renderer, pad + vw + pad * 1.5), 0))
            need.append(pad + vw + (pad * 1.5 + cw if cw else 0) + pad)
        return need


def empty_text(ax: Axes, theme: Theme) -> Text:
    """The words a chart shows in its plot's place with nothing to draw ("No seats
    declared yet"), centred; `place_empty` fits them."""
    return kept(ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
                        fontfamily=theme.font_family, fontsize=theme.label_size,
                        color=theme.muted))


def place_empty(t: Text, renderer, full: str, size: float, width: float,
                lines: int = 3, fits: Callable[[float, float], bool] | None = None) -> None:
    """Show `full` in `t` wrapped to `width` pixels in at most `lines` lines, at `size`
    points or as little smaller as that needs (never cut short). With `fits(w, h)`: nothing
    where the words wrapped take more lines, or `fits` says they do not fit (a chamber's
    hole); decided once for each width, so a frame never hides what the last one showed."""
    if fits is not None and full:
        key = (full, size, round(width, 1), lines, renderer.points_to_pixels(1.0))
        if getattr(t, "_fit", (None,))[0] != key:
            place_empty(t, renderer, full, size, width, lines)
            w, h = extent(t, renderer)
            t._fit = (key, t.get_text().count("\n") < lines and fits(w, h))
        full = full if t._fit[1] else ""
    put(t, visible=bool(full))  # (a hidden text measures nothing)
    s = ""
    if full:
        least = size * MIN_FONT_SCALE
        while True:
            s = wrapped(t, renderer, full, size, width)
            if (s.count("\n") < lines and extent(t, renderer, s, size)[0] <= width) \
                    or size <= least:
                break
            size = max(least, size - 0.5)
    put(t, text=s, fontsize=size)


Note = tuple[tuple[str, ...], int, str]  # (items, members not itemised, tail)
NO_NOTE: Note = ((), 0, "")  # no line (`Chart.note_others`)


def others_note(others: tuple[Standing, ...], valid_votes: int | None = None) -> Note:
    """Who "Others" are, for the line over the footer: each member with a seat and its
    seats ("SDLP 2"), then "and 95 more without a seat"; with `valid_votes` (a vote share
    chart), each member and its share, largest first ("WPB 0.7%"); a name written right to
    left isolated (`named`), as it keeps its figure after it."""
    if not others:
        return (), 0, ""
    if valid_votes:
        ranked = sorted(others, key=lambda s: (-s.votes, s.party))
        shown = [s for s in ranked if s.votes * 1000 >= valid_votes]  # 0.1% or more
        items = tuple(f"{named(s.party)} {100 * s.votes / valid_votes:.1f}%" for s in shown)
        rest = len(others) - len(shown)
        return items, rest, f"and {rest:,} more under 0.1%" if rest else ""
    seated = [s for s in others if s.seats]
    items = tuple(f"{named(s.party)} {s.seats:,}" for s in seated)
    rest = len(others) - len(seated)
    return items, rest, f"and {rest:,} more without a seat" if rest else ""
