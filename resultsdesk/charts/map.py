"""The map: a hex cartogram, one hex per seat on a bundled HexJSON layout, coloured by the
winner.

A gain carries an inner ring in the colour of the party that lost the seat; seats under
recount or in recount range a bold outline in the text colour; undeclared seats are neutral;
provisional seats (where shown at all) lighter. Zoomed to a nation or region, the map frames
its seats and fades the rest.

Three collections hold every hex (fill, gain ring, recount outline), built once per layout:
an update only changes their colours, never their geometry.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import RegularPolygon
from matplotlib.transforms import IdentityTransform

from ..domain.hexgrid import RADIUS, hex_centre, hex_corners
from ._base import OTHERS, Chart, extent, fit_text
from .map_data import PROVISIONAL, MapData, MapSeat
from .theme import LIGHT, Theme, mix

RING_SCALE = 0.6  # the gain ring's size, of the hex
MARK_SCALE = 1.0  # the recount outline's: around the whole hex
FADE = 0.72  # seats outside a zoomed nation or region, washed towards the background
PAD = 0.7  # around the map, in hex spacings
TRANSPARENT = (0.0, 0.0, 0.0, 0.0)


class MapChart(Chart):
    """Every seat as a hex. After `update()`: `codes` and `xy` (hex centres, data units)
    in the data's seat order, `seat_at(x, y)` / `tooltip_at(x, y)` for hover and click."""

    def __init__(self, figure: Figure | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(figure, theme)
        self.codes: list[str] = []
        self.xy = np.zeros((0, 2))
        self.hexes: PolyCollection | None = None  # the winner's colour
        self.rings: PolyCollection | None = None  # a gain: the losing party's colour
        self.marks: PolyCollection | None = None  # recount, or in recount range
        self.legend: list[tuple[RegularPolygon, RegularPolygon, object]] = []
        self._seats: tuple[MapSeat, ...] = ()
        self._entries: list[tuple[str, object, object, object]] = []  # text, face, ring, edge
        self._bounds = (0.0, 1.0, 0.0, 1.0)
        self._lw_key: tuple | None = None

    def update(self, data: MapData) -> None:
        super().update(data)

    # -- hover and click -------------------------------------------------------------------
    def seat_index_at(self, x: float, y: float) -> int | None:
        if not len(self.xy):
            return None
        d2 = (self.xy[:, 0] - x) ** 2 + (self.xy[:, 1] - y) ** 2
        i = int(np.argmin(d2))
        return i if d2[i] <= RADIUS ** 2 else None

    def seat_at(self, x: float, y: float) -> MapSeat | None:
        """The seat whose hex contains data point (x, y), if any."""
        i = self.seat_index_at(x, y)
        return None if i is None else self._seats[i]

    def tooltip_at(self, x: float, y: float) -> str | None:
        """"Hendon: Lab gain from Con · majority 15 (0.04%) · in recount range"."""
        seat = self.seat_at(x, y)
        return None if seat is None else seat_text(seat)

    def face_colours(self) -> np.ndarray:
        return self.hexes.get_facecolors() if self.hexes is not None else np.zeros((0, 4))

    # -- drawing ---------------------------------------------------------------------------
    def _shape_of(self, data: MapData):
        return data.layout, tuple((s.code, s.q, s.r) for s in data.seats)

    def _build(self, data: MapData) -> None:
        ax, th = self.ax, self.theme
        self.codes = [s.code for s in data.seats]
        self.xy = np.array([hex_centre(data.layout, s.q, s.r) for s in data.seats],
                           dtype=float).reshape(-1, 2)

        def polygons(scale: float) -> np.ndarray:
            corners = np.array(hex_corners(data.layout, scale))
            return self.xy[:, None, :] + corners[None, :, :]

        self.hexes = PolyCollection(polygons(1.0), facecolors=th.undeclared,
                                    edgecolors=th.background, linewidths=0.5, zorder=2)
        self.rings = PolyCollection(polygons(RING_SCALE), facecolors="none",
                                    edgecolors=TRANSPARENT, linewidths=1.0, zorder=3)
        self.marks = PolyCollection(polygons(MARK_SCALE), facecolors="none",
                                    edgecolors=TRANSPARENT, linewidths=1.5, zorder=4)
        for c in (self.hexes, self.rings, self.marks):
            ax.add_collection(c)
        ax.set_axis_off()
        self._empty = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
                              fontfamily=th.font_family, fontsize=th.label_size, color=th.muted)
        self.legend = []
        self._grow_legend(16)  # the usual parties, Others and the keys; more when needed
        self._lw_key = None

    def _grow_legend(self, n: int) -> None:
        """At least `n` legend entries (a preference may name many parties)."""
        th = self.theme
        while len(self.legend) < n:
            swatch = RegularPolygon((0, 0), 6, radius=1, transform=IdentityTransform(),
                                    visible=False, linewidth=0)
            ring = RegularPolygon((0, 0), 6, radius=1, transform=IdentityTransform(),
                                  visible=False, facecolor="none")
            text = self.figure.text(0, 0, "", fontfamily=th.font_family, fontsize=th.small_size,
                                    color=th.foreground, ha="left", va="center", visible=False)
            self.figure.add_artist(swatch)
            self.figure.add_artist(ring)
            self.legend.append((swatch, ring, text))

    def _apply(self, data: MapData) -> None:
        th = self.theme
        self._seats = data.seats
        neutral = self.neutral()
        # Not the alert red: it would vanish on Labour red. The text colour reads on all.
        alert = to_rgba(th.foreground)
        focus = set(data.focus_codes)
        faces, rings, marks = [], [], []
        for s in data.seats:
            lighter = s.status == PROVISIONAL
            if s.drawn:
                face = th.lighter(s.winner_colour) if lighter else to_rgba(s.winner_colour)
            else:
                face = neutral
            ring = TRANSPARENT
            if s.drawn and s.gain_from and s.gain_colour:
                ring = self._ring_colour(s.gain_colour, face, lighter)
            if focus and s.code not in focus:
                face = mix(face, th.background, FADE)
                ring = mix(ring, th.background, FADE) if ring != TRANSPARENT else ring
            faces.append(face)
            rings.append(ring)
            marks.append(alert if (s.recount or s.close) and (not focus or s.code in focus)
                         else TRANSPARENT)
        self.hexes.set_facecolors(np.array(faces).reshape(-1, 4))
        self.rings.set_edgecolors(np.array(rings).reshape(-1, 4))
        self.marks.set_edgecolors(np.array(marks).reshape(-1, 4))
        shown = [i for i, s in enumerate(data.seats) if s.code in focus] if focus else \
            range(len(data.seats))
        pts = self.xy[list(shown)] if len(shown) else self.xy
        if len(pts):
            self._bounds = (float(pts[:, 0].min()) - PAD, float(pts[:, 0].max()) + PAD,
                            float(pts[:, 1].min()) - PAD, float(pts[:, 1].max()) + PAD)
        self._empty.set_text("" if data.seats else "No seats on the map")
        self._entries = self._legend_entries(data, neutral)
        self._grow_legend(len(self._entries))
        self.header.set(data.title, data.subtitle, "")
        self._lw_key = None

    def neutral(self) -> tuple[float, float, float, float]:
        """The fill of a seat not yet declared (or not to be seen)."""
        return mix(self.theme.undeclared, self.theme.background, 0.55)

    def _ring_colour(self, colour: str, face, lighter: bool):
        """The losing party's colour; nudged towards the text colour when it would melt
        into the winner's (a ring of the same shade says nothing)."""
        ring = self.theme.lighter(colour) if lighter else to_rgba(colour)
        if _distance(ring, face) < 0.22:
            ring = mix(colour, self.theme.foreground, 0.5)
        return ring

    def _legend_entries(self, data: MapData, neutral) -> list[tuple[str, object, object, object]]:
        th = self.theme
        focus = set(data.focus_codes)
        seats = [s for s in data.seats if s.code in focus] if focus else list(data.seats)
        won = Counter(s.winner for s in seats if s.winner)  # zoomed: the seats framed
        colours = {p.party: p.colour for p in data.parties}
        parties = sorted(won, key=lambda p: (-won[p], p))
        rows: list[tuple[str, object, object, object]] = []
        # who is named is the night's one rule (domain.others), the same on every graphic
        shown = [p for p in parties if data.named is None or data.named.is_named(p)]
        for p in shown:
            colour = colours.get(p) or next(s.winner_colour for s in seats if s.winner == p)
            rows.append((f"{p} {won[p]:,}", to_rgba(colour), None, None))
        rest = [p for p in parties if p not in shown]
        if rest:
            rows.append((f"{OTHERS} {sum(won[p] for p in rest):,}", to_rgba(th.others), None,
                         None))
        undrawn = sum(1 for s in seats if not s.drawn)
        if undrawn:
            rows.append((f"Not yet declared {undrawn:,}", neutral, None, None))
        if any(s.status == PROVISIONAL and s.drawn for s in seats):
            rows.append(("Provisional: lighter", th.lighter(th.others), None, None))
        if any(s.gain_from and s.drawn for s in seats):
            rows.append(("Gain: ring of the party that lost it", to_rgba(th.others),
                         to_rgba(th.foreground), None))
        if any(s.recount or s.close for s in seats):
            rows.append(("Recount or recount range", neutral, None, to_rgba(th.foreground)))
        return rows

    def _declared_text(self, data: MapData) -> str:
        status = f"{data.declared:,} of {data.seats_total:,} declared"
        if data.provisional_shown:
            status += f" + {data.provisional_shown:,} provisional"
        return status

    # -- layout -----------------------------------------------------------------------------
    def _layout(self, renderer, width, height):
        th, px = self._th, self._px
        m = px(renderer, th.margin)
        gap = px(renderer, 10) * self.scale
        top = self.header.layout(renderer, width, height, m, self.scale) - gap
        bottom = self.floor
        x0b, x1b, y0b, y1b = self._bounds
        dw, dh = x1b - x0b, y1b - y0b
        avail_w, avail_h = max(10.0, width - 2 * m), max(10.0, top - bottom)
        side_w, side_h = self._legend_size(renderer, column=True, width=avail_w)
        flow_h = self._legend_size(renderer, column=False, width=avail_w)[1]
        side_s = min(max(1.0, avail_w - side_w - gap) / dw, avail_h / dh)
        if side_h > avail_h:  # a column taller than the room: rows under the map instead
            side_s = 0.0
        below_s = min(avail_w / dw, max(1.0, avail_h - flow_h - gap) / dh)
        column = side_s >= below_s
        s = max(side_s, below_s)  # pixels per hex spacing
        map_w, map_h = s * dw, s * dh
        if column:
            total = map_w + gap + side_w
            x0 = m + max(0.0, (avail_w - total) / 2)
            y0 = bottom + (avail_h - map_h) / 2
            self._place_legend(renderer, column=True, x=x0 + map_w + gap,
                               y_top=bottom + avail_h / 2 + side_h / 2, width=side_w)
        else:
            x0 = m + (avail_w - map_w) / 2
            y0 = bottom + flow_h + gap + max(0.0, (avail_h - flow_h - gap - map_h) / 2)
            self._place_legend(renderer, column=False, x=m, y_top=bottom + flow_h,
                               width=avail_w)
        self.ax.set_xlim(x0b, x1b)
        self.ax.set_ylim(y0b, y1b)
        self._line_widths(renderer, s)
        return x0, y0, x0 + map_w, y0 + map_h

    def _line_widths(self, renderer, s: float) -> None:
        key = (round(s, 2), renderer.points_to_pixels(1.0))
        if key == self._lw_key:
            return
        pt = renderer.points_to_pixels(1.0)
        self.hexes.set_linewidths(min(max(0.06 * s, 0.4), 3.0) / pt)  # the gap between hexes
        self.rings.set_linewidths(max(0.15 * s, 0.8) / pt)
        self.marks.set_linewidths(min(max(0.16 * s, 1.2), 5.0) / pt)  # zoomed in: not a band
        self._lw_key = key

    def _legend_metrics(self, renderer) -> tuple[float, float, float]:
        """(text height, swatch radius, gap) in pixels at the current type size."""
        size = self._th.small_size
        for _sw, _ring, t in self.legend:
            t.set_fontsize(size)
        h = renderer.points_to_pixels(size) * 1.2
        return h, h * 0.55, renderer.points_to_pixels(6) * self.scale

    def _legend_size(self, renderer, *, column: bool, width: float) -> tuple[float, float]:
        """(width, height) of the legend as a column, or as rows across `width`."""
        h, r, sep = self._legend_metrics(renderer)
        widths = []
        for (label, *_rest), (_sw, _ring, t) in zip(self._entries, self.legend, strict=False):
            t.set_text(label)
            t.set_visible(True)
            widths.append(2 * r + sep / 2 + extent(t, renderer)[0])
        if not widths:
            return 0.0, 0.0
        if column:
            return min(max(widths), width * 0.45), len(widths) * (h + sep) - sep
        rows, x = 1, 0.0
        for w in widths:
            if x and x + w > width:
                rows, x = rows + 1, 0.0
            x += w + 2 * sep
        return width, rows * (h + sep) - sep

    def _place_legend(self, renderer, *, column: bool, x: float, y_top: float,
                      width: float) -> None:
        h, r, sep = self._legend_metrics(renderer)
        th = self._th
        fig_w, fig_h = self.figure.bbox.width, self.figure.bbox.height
        cx, cy = x, y_top - h / 2
        for i, (swatch, ring, t) in enumerate(self.legend):
            if i >= len(self._entries):
                for a in (swatch, ring, t):
                    a.set_visible(False)
                continue
            label, face, ring_colour, edge = self._entries[i]
            fit_text(t, renderer, label, th.small_size, max(10.0, width - 2 * r - sep / 2),
                     shrink=False)
            w = 2 * r + sep / 2 + extent(t, renderer)[0]
            if not column and cx > x and cx + w > x + width:
                cx, cy = x, cy - (h + sep)
            swatch.xy, swatch.radius = (cx + r, cy), r
            swatch.set_facecolor(face)
            swatch.set_edgecolor(edge if edge is not None else "none")
            swatch.set_linewidth(0 if edge is None else max(1.0, 0.16 * r) / self._px(renderer, 1))
            swatch.set_visible(True)
            ring.xy, ring.radius = (cx + r, cy), r * RING_SCALE
            ring.set_edgecolor(ring_colour if ring_colour is not None else "none")
            ring.set_linewidth(max(0.8, 0.2 * r) / self._px(renderer, 1))
            ring.set_visible(ring_colour is not None)
            t.set_position(((cx + 2 * r + sep / 2) / fig_w, cy / fig_h))
            t.set_color(th.foreground)
            t.set_visible(True)
            if column:
                cy -= h + sep
            else:
                cx += w + 2 * sep


def _distance(a, b) -> float:
    """How far apart two colours are (RGB, 0 to √3): hue counts, unlike a contrast ratio
    (Labour red and Conservative blue have nearly the same luminance)."""
    return float(np.linalg.norm(np.subtract(to_rgba(a)[:3], to_rgba(b)[:3])))


def seat_text(seat: MapSeat) -> str:
    """A seat in words, for hover: name, winner (and gain), majority, recount."""
    if not seat.drawn:
        state = seat.result or ("provisional, awaiting verification"
                                if seat.status == PROVISIONAL else "awaiting declaration")
        parts = [f"{seat.name}: {state}"]
    else:
        won = seat.result or (f"{seat.winner} gain from {seat.gain_from}" if seat.gain_from
                              else f"{seat.winner} win")
        if seat.status == PROVISIONAL:
            won += " (provisional)"
        parts = [f"{seat.name}: {won}"]
        if seat.majority is not None:
            pct = f" ({seat.majority_pct:.2f}%)" if seat.majority_pct is not None else ""
            parts.append(f"majority {seat.majority:,}{pct}")
    if seat.recount:
        parts.append("RECOUNT under way")
    elif seat.close and seat.drawn:
        parts.append("in recount range")
    return " \u00b7 ".join(parts)
