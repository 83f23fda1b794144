"""The map's key: a hex swatch and its words for each party, the seats not yet declared, a tie,
provisional seats, a gain's ring and the recount outline.

Every entry is read in full at every size: words that do not fit the key's width wrap onto
further lines (never cut short with an ellipsis); a column too tall for the room closes up
its spacing, then its type (never below MIN_TYPE of the theme's size), then goes into two
columns side by side, before the chart lays the key out in rows under the map instead
(whichever leaves the map the bigger).
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import RegularPolygon
from matplotlib.text import Text
from matplotlib.transforms import IdentityTransform

from ..domain.records import record
from ._base import extent, put, put_colours
from ._text import PLAIN
from .textfit import wrapped
from .theme import Theme

# A column's (type, spacing) tried in turn, as shares of the theme's, until it fits the
# room beside the map: spacing goes first, type at most to MIN_TYPE.
DENSITIES = ((1.0, 1.0), (1.0, 0.5), (0.9, 0.4), (0.8, 0.3))
MIN_TYPE = DENSITIES[-1][0]
COLUMN_SHARE = 0.45  # of the width a key beside the map may take at least
# Columns side by side a key beside the map may take: on a short, wide canvas (a laptop's
# dock, 470 x 332) one column of thirteen entries is taller than the room, and rows under
# the map left it 88 pixels high.
MAX_COLUMNS = 2
SWATCH = 0.55  # a swatch's radius, of a line's height
KEY_MARK = 0.78  # a recount swatch's hex, of the outline drawn round it (as on the map)


@record
class Entry:
    """One line of the key: its words, the swatch's fill, a gain ring's colour, whether
    it shows the recount outline, and the swatch's own outline (as its hexes have)."""

    label: str
    face: tuple
    ring: tuple | None = None
    mark: bool = False
    edge: tuple | None = None  # an outline, for a colour that melts into the background


@record
class Measure:
    """A key laid out: its size in pixels and each entry's lines, at `size` points."""

    width: float
    height: float
    size: float
    sep: float
    column: bool
    texts: tuple[str, ...]
    columns: tuple[float, ...] = ()  # side by side: each column's width (its share of entries)


class MapLegend:
    """The key's artists (a swatch, a ring and a text an entry), made as needed, kept."""

    def __init__(self, figure: Figure, theme: Theme, ring_scale: float) -> None:
        self.figure, self.theme, self.ring_scale = figure, theme, ring_scale
        self.items: list[tuple[RegularPolygon, RegularPolygon, Text]] = []
        self.entries: list[Entry] = []
        self.grow(16)  # the usual parties, Others and the keys; more when needed

    def grow(self, n: int) -> None:
        """At least `n` entries' artists (a preference may name many parties)."""
        th = self.theme
        while len(self.items) < n:
            swatch = RegularPolygon((0, 0), 6, radius=1, transform=IdentityTransform(),
                                    visible=False, linewidth=0)
            ring = RegularPolygon((0, 0), 6, radius=1, transform=IdentityTransform(),
                                  visible=False, facecolor="none")
            text = self.figure.text(0, 0, "", fontfamily=th.font_family,
                                    fontsize=th.small_size, color=th.foreground, ha="left",
                                    va="center", visible=False, **PLAIN)
            self.figure.add_artist(swatch)
            self.figure.add_artist(ring)
            self.items.append((swatch, ring, text))

    def set_entries(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.grow(len(entries))

    # -- measuring ---------------------------------------------------------------------------
    def _metrics(self, renderer, size: float, sep_k: float, scale: float):
        """(line height, swatch radius, spacing) in pixels at `size` points."""
        h = renderer.points_to_pixels(size) * 1.2
        return h, h * SWATCH, renderer.points_to_pixels(6) * scale * sep_k

    def measure(self, renderer, *, size: float, width: float, column: bool,
                scale: float, sep_k: float = 1.0, columns: int = 1) -> Measure:
        """The key as a column (`columns` of them side by side, the entries in order, each
        column's share `per_column`), or as rows, at most `width` wide, its words wrapped
        to fit, at `size` points."""
        h, r, sep = self._metrics(renderer, size, sep_k, scale)
        if column and columns > 1:
            width = (width - (columns - 1) * _column_gap(h)) / columns
        room = width - 2 * r - sep / 2
        texts, widths, heights = [], [], []
        if not self.entries:
            return Measure(0.0, 0.0, size, sep, column, ())
        t = self.items[0][2]  # the first entry's: shown whenever there is a key
        put(t, visible=True)  # (a hidden text measures nothing)
        for e in self.entries:
            s = wrapped(t, renderer, e.label, size, max(10.0, room))
            w, th_ = extent(t, renderer, s, size)
            texts.append(s)
            widths.append(2 * r + sep / 2 + w)
            heights.append(max(h, th_))
        if column:
            n = per_column(len(texts), columns)
            parts = [slice(k, k + n) for k in range(0, len(texts), n)]
            col_w = tuple(max(widths[p]) for p in parts)
            tall = max(sum(heights[p]) + sep * (len(heights[p]) - 1) for p in parts)
            return Measure(sum(col_w) + _column_gap(h) * (len(parts) - 1), tall, size, sep,
                           column, tuple(texts), col_w if len(parts) > 1 else ())
        total, row_h, x = 0.0, 0.0, 0.0
        for w, hh in zip(widths, heights, strict=True):
            if x and x + w > width:
                total += row_h + sep
                x, row_h = 0.0, 0.0
            x += w + 2 * sep
            row_h = max(row_h, hh)
        return Measure(width, total + row_h, size, sep, column, tuple(texts))

    def column_for(self, renderer, *, size: float, width: float, height: float,
                   scale: float) -> Measure | None:
        """The key as a column at most `width` wide, closed up only as far as `height`
        needs, then as two columns side by side; None if even the densest is taller."""
        for columns in range(1, MAX_COLUMNS + 1):
            for type_k, sep_k in DENSITIES:
                m = self.measure(renderer, size=size * type_k, width=width, column=True,
                                 scale=scale, sep_k=sep_k, columns=columns)
                if m.height <= height:
                    return m
        return None

    def rows_for(self, renderer, *, size: float, width: float, height: float,
                 scale: float) -> Measure:
        """The key in rows across `width`, closed up only as far as needed to take at
        most `height` pixels (the densest, taller or not, when none does)."""
        for type_k, sep_k in DENSITIES:
            m = self.measure(renderer, size=size * type_k, width=width, column=False,
                             scale=scale, sep_k=sep_k)
            if m.height <= height:
                break
        return m

    # -- placing -----------------------------------------------------------------------------
    def place(self, renderer, m: Measure, *, x: float, y_top: float, width: float,
              ring_width: float, mark_width: float) -> None:
        """Draw the key measured as `m` from (x, y_top) in pixels; `ring_width` and
        `mark_width`: the map's gain ring and recount outline, in points."""
        th = self.theme
        h, r, _sep = self._metrics(renderer, m.size, 1.0, 1.0)
        sep = m.sep
        fig_w, fig_h = self.figure.bbox.width, self.figure.bbox.height
        cx, cy = x, y_top
        row_h = 0.0
        n = per_column(len(self.entries), len(m.columns) or 1)
        for i, (swatch, ring, t) in enumerate(self.items):
            if i >= len(self.entries):
                for a in (swatch, ring, t):
                    put(a, visible=False)
                continue
            if m.column and i and i % n == 0:  # the next column, beside the last
                cx, cy = cx + m.columns[i // n - 1] + _column_gap(h), y_top
            e, s = self.entries[i], m.texts[i]
            put(t, text=s, fontsize=m.size, color=th.foreground, visible=True)
            tw, tht = extent(t, renderer)
            eh = max(h, tht)
            w = 2 * r + sep / 2 + tw
            if not m.column and cx > x and cx + w > x + width:
                cx, cy = x, cy - (row_h + sep)
                row_h = 0.0
            yc = cy - eh / 2
            # the swatch beside the entry's first line, its text's lines under it
            sy = cy - h / 2
            hex_r = r * KEY_MARK if e.mark else r
            _hex(swatch, (cx + r, sy), hex_r)
            put_colours(swatch, face=e.face, edge=e.edge if e.edge is not None else "none")
            put(swatch, linewidth=ring_width if e.edge is not None else 0, visible=True)
            if e.mark or e.ring is not None:
                _hex(ring, (cx + r, sy), r if e.mark else r * self.ring_scale)
                put_colours(ring, edge=th.foreground if e.mark else e.ring)
                put(ring, linewidth=mark_width if e.mark else ring_width, visible=True)
            else:
                put(ring, visible=False)
            put(t, position=((cx + 2 * r + sep / 2) / fig_w, yc / fig_h))
            if m.column:
                cy -= eh + sep
            else:
                cx += w + 2 * sep
                row_h = max(row_h, eh)


def per_column(entries: int, columns: int) -> int:
    """How many entries each column takes (the last the rest), in order down each."""
    return max(1, -(-entries // max(1, columns)))


def _column_gap(line: float) -> float:
    """Between two columns of the key: a line's height, so they read as two."""
    return line


def _hex(p: RegularPolygon, xy: tuple[float, float], radius: float) -> None:
    """Move a swatch if it moved, marked to be drawn again (its `xy` and `radius` are plain
    attributes: setting them tells `charts.frames` nothing)."""
    if tuple(p.xy) != xy or p.radius != radius:
        p.xy, p.radius = xy, radius
        p.stale = True
