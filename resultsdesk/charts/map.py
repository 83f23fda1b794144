"""The map: a hex cartogram, one hex per seat on a bundled HexJSON layout, coloured by the
winner.

A gain carries an inner ring in the colour of the party that lost the seat, thin enough that
the winner's colour fills most of the hex; seats under recount or in recount range a bold
outline in the text colour drawn round the hex (over its neighbours' edges, on a halo of
the background), so it stands out at a dock's size and never eats the winner's colour; a
verified tie awaiting the lot is filled in the text colour, as the chamber keys "Tie";
undeclared seats are neutral; provisional seats (where shown at all) lighter. Zoomed to a
nation or region, the map frames its seats and fades the rest.

Five collections hold every hex (fill, the outline of a colour that melts into the
background, gain ring, the recount outline's halo and that outline), built once per
layout: an update only changes their colours, never their geometry, and only in those
whose colours differ (on screen, one verification records one to three again). The seat
selected in the results table is ringed (`pick`): a circle in the selection's colour,
not a hex's outline in the text colour, so that it is never read as a recount. With the
keyboard on the map, the arrow keys' current seat is ringed too (`cursor`, map_cursor).
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from ..domain.hexgrid import RADIUS, hex_centre, hex_corners
from ..domain.wording import seats_and_provisional
from ._base import Chart
from ._text import PLAIN, named
from .data import UNDECLARED
from .map_cursor import MapCursor
from .map_data import PROVISIONAL, MapData, MapSeat
from .map_legend import COLUMN_SHARE, Entry, MapLegend
from .map_words import seat_text
from .theme import LIGHT, Theme, mix, outline_for

RING_SCALE = 0.35  # the gain ring's size, of the hex
# The ring's width, of a hex spacing, and its least in pixels: at a dock's 7 px hexes a
# wider ring (and the bands of the winner's colour either side of it) read as one mixed
# colour, Labour gains from the Conservatives as purple.
RING_WIDTH = 0.1
RING_MIN_PX = 1.0
# The recount outline: round the hex, clear of its fill (over the neighbours' edges), at
# least MARK_MIN_PX wide, on a halo of the background HALO_PX either side whose inner edge
# is the hex's own.
MARK_WIDTH = 0.2  # of a hex spacing
MARK_MIN_PX, MARK_MAX_PX = 1.6, 6.0
HALO_PX = 1.0
APOTHEM = 0.5 * 3 ** 0.5  # a hex's centre to an edge, of its centre to a corner
FADE = 0.72  # seats outside a zoomed nation or region, washed towards the background
PAD = 0.7  # around the map, in hex spacings
ROWS_SHARE = 0.45  # of the height a key in rows under the map takes before closing up
TRANSPARENT = (0.0, 0.0, 0.0, 0.0)
# The ring round the picked seat (`MapChart.pick`): its radius, in hex spacings (clear of the
# seat's own recount outline and of its neighbours' centres), and its line, in pixels, on a
# halo of the background HALO_PX either side.
PICK_RADIUS = 2.0
PICK_PX = 4.0
PICK_COLOUR = "#308cc6"  # a selection's blue (Qt's Fusion highlight), unless told another


class MapChart(Chart):
    """Every seat as a hex. After `update()`: `codes` and `xy` (hex centres, data units)
    in the data's seat order, `seat_at(x, y)` / `tooltip_at(x, y)` for hover and click."""

    COMPACT_DOCK = True  # a small dock leaves the titles out (`_base.COMPACT_BELOW_INCHES`)

    def __init__(self, figure: Figure | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(figure, theme)
        self.codes: list[str] = []
        self.xy = np.zeros((0, 2))
        self.hexes: PolyCollection | None = None  # the winner's colour
        self.outlines: PolyCollection | None = None  # a colour that melts into the ground
        self.rings: PolyCollection | None = None  # a gain: the losing party's colour
        self.marks: PolyCollection | None = None  # recount, or in recount range
        self.halos: PolyCollection | None = None  # the background under each outline
        self.key: MapLegend | None = None
        # the seat ringed (`pick`), the ring and its halo; where each seat is in `codes`
        self.picked: str | None = None
        self.pick_colour = PICK_COLOUR
        self.pick_ring: Circle | None = None
        self.pick_halo: Circle | None = None
        self._index: dict[str, int] = {}
        self.cursor = MapCursor(self)  # the arrow keys' current seat (ui.map_view)
        self._focus: frozenset[str] = frozenset()
        self._seats: tuple[MapSeat, ...] = ()
        self._bounds = (0.0, 1.0, 0.0, 1.0)
        self._lw_key: tuple | None = None
        self._halo_colours = np.zeros((0, 4))  # the background's, under each outline drawn
        self._parted = False  # the hexes shrunk apart, no lines between (`set_see_through`)
        self.data_layout = "odd-r"  # the grid's offsets, of the data built for

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
        return None if seat is None else seat_text(seat, self._line)

    def pick(self, code: str | None, colour: str | None = None) -> bool:
        """Ring seat `code` (the one selected in the results table; None: no seat) in
        `colour` (the selection's, as the table shows it), now and after every update. Only
        the ring moves: the frame redraws the places it left and reached. Returns whether
        the picture changes."""
        colour = colour or self.pick_colour
        if (code, colour) == (self.picked, self.pick_colour):
            return False
        self.picked, self.pick_colour = code, colour
        return self._place_pick()

    def _place_pick(self) -> bool:
        """The ring on the picked seat, or clear where there is none to show: no such
        seat on the map, or one a zoom fades (outside the frame, the ring would float over
        the key or the titles)."""
        ring, halo = self.pick_ring, self.pick_halo
        if ring is None or halo is None:
            return False
        i = self._index.get(self.picked) if self.picked is not None else None
        if i is not None and self._focus and self.picked not in self._focus:
            i = None
        if i is None:
            colour, ground = TRANSPARENT, TRANSPARENT
        else:
            colour, ground = to_rgba(self.pick_colour), to_rgba(self.theme.background)
            centre = (float(self.xy[i, 0]), float(self.xy[i, 1]))
            if ring.center != centre or halo.center != centre:
                ring.center = halo.center = centre
        # set only when it changes: an artist set to anything is stale, recorded again
        for patch, edge in ((ring, colour), (halo, ground)):
            if tuple(patch.get_edgecolor()) != tuple(to_rgba(edge)):
                patch.set_edgecolor(edge)
        return True

    def face_colours(self) -> np.ndarray:
        return self.hexes.get_facecolors() if self.hexes is not None else np.zeros((0, 4))

    # -- drawing ---------------------------------------------------------------------------
    def _shape_of(self, data: MapData):
        return data.layout, tuple((s.code, s.q, s.r) for s in data.seats)

    def _build(self, data: MapData) -> None:
        ax, th = self.ax, self.theme
        self.codes = [s.code for s in data.seats]
        self._index = {code: i for i, code in enumerate(self.codes)}
        self.data_layout = data.layout
        self.xy = np.array([hex_centre(data.layout, s.q, s.r) for s in data.seats],
                           dtype=float).reshape(-1, 2)

        self._parted = False  # new hexes, full size, lined
        polygons = self._polygons
        self.hexes = PolyCollection(polygons(1.0), facecolors=th.undeclared,
                                    edgecolors=th.background, linewidths=0.5, zorder=2)
        # a colour that melts into the background: outlined (sized by the layout)
        self.outlines = PolyCollection(polygons(1.0), facecolors="none",
                                       edgecolors=TRANSPARENT, linewidths=1.0, zorder=2.5)
        self.rings = PolyCollection(polygons(RING_SCALE), facecolors="none",
                                    edgecolors=TRANSPARENT, linewidths=1.0, zorder=3)
        # the outline's size depends on the hexes' in pixels: set by the layout
        self.halos = PolyCollection(polygons(1.0), facecolors="none",
                                    edgecolors=TRANSPARENT, linewidths=3.0, zorder=4)
        self.marks = PolyCollection(polygons(1.0), facecolors="none",
                                    edgecolors=TRANSPARENT, linewidths=1.5, zorder=5)
        for c in (self.hexes, self.outlines, self.rings, self.halos, self.marks):
            ax.add_collection(c)
        for c in (self.halos, self.marks):  # round a seat on the map's edge: not cut off
            c.set_clip_on(False)
        self.pick_halo, self.pick_ring = (
            Circle((0.0, 0.0), PICK_RADIUS * RADIUS, fill=False, edgecolor=TRANSPARENT,
                   linewidth=1.0, zorder=z, clip_on=False) for z in (6, 6.5))
        for ring in (self.pick_halo, self.pick_ring):
            ax.add_patch(ring)
        self.cursor.build(ax)
        ax.set_axis_off()
        self._empty = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
                              fontfamily=th.font_family, fontsize=th.label_size, color=th.muted,
                              **PLAIN)
        self.key = MapLegend(self.figure, th, RING_SCALE)
        self._lw_key = None

    @property
    def legend_entries(self) -> list[Entry]:
        """What the key says, in its order (after `update()`)."""
        return self.key.entries if self.key is not None else []

    def _apply(self, data: MapData) -> None:
        th = self.theme
        self._seats = data.seats
        self._line = data.recount_line
        neutral = self.neutral()
        # Not the alert red: it would vanish on Labour red. The text colour reads on all.
        alert = to_rgba(th.foreground)
        focus = set(data.focus_codes)
        self._focus = frozenset(focus)
        faces, rings, marks, edges = [], [], [], []
        tie = to_rgba(th.foreground)  # as the chamber keys a tie
        keyed = self._keyed_colour(data)
        # A seat's colours follow from a few of its fields, shared by many seats (650
        # seats, a few dozen kinds): each kind worked out once an update, where every seat's
        # contrast sums were half the map's update.
        styles: dict[tuple, tuple] = {}
        for s in data.seats:
            lighter = s.status == PROVISIONAL
            kind = (s.drawn, s.tie, lighter, s.winner, s.winner_colour, s.gain_from,
                    s.gain_colour)
            style = styles.get(kind)
            if style is None:
                style = styles[kind] = self._style(s, lighter, keyed, neutral, tie)
            face, edge, ring = style
            if focus and s.code not in focus:
                face = mix(face, th.background, FADE)
                ring = mix(ring, th.background, FADE) if ring != TRANSPARENT else ring
                edge = TRANSPARENT  # out of focus: faded, as it is meant to
            faces.append(face)
            edges.append(to_rgba(edge))
            rings.append(ring)
            marks.append(alert if (s.recount or s.close) and (not focus or s.code in focus)
                         else TRANSPARENT)
        _recolour(self.hexes, "face", np.array(faces).reshape(-1, 4))
        _recolour(self.outlines, "edge", np.array(edges).reshape(-1, 4))
        _recolour(self.rings, "edge", np.array(rings).reshape(-1, 4))
        marks = np.array(marks).reshape(-1, 4)
        _recolour(self.marks, "edge", marks)
        self._halo_colours = np.zeros_like(marks)
        self._halo_colours[marks[:, 3] > 0] = to_rgba(th.background)
        self._colour_halos()
        shown = [i for i, s in enumerate(data.seats) if s.code in focus] if focus else \
            range(len(data.seats))
        pts = self.xy[list(shown)] if len(shown) else self.xy
        if len(pts):
            self._bounds = (float(pts[:, 0].min()) - PAD, float(pts[:, 0].max()) + PAD,
                            float(pts[:, 1].min()) - PAD, float(pts[:, 1].max()) + PAD)
        self._empty.set_text("" if data.seats else "No seats on the map")
        self._place_pick()
        self.cursor.place()  # kept through an update; cleared where a zoom fades it
        self.key.set_entries(self._legend_entries(data, neutral))
        self.header.set(data.title, data.subtitle, "")
        # who "Others" are, over the footer, as the chamber says it: the key's grey
        # "Others 6" alone named nobody on air (the SDLP, Alliance, the Speaker...)
        self.note_others(data.named.others if data.named is not None else (),
                         any(row.colour is None for row in data.key_rows()))
        # (the lines' widths and insets stay: they depend on the layout's scale, in
        # `_lw_key`, not on the results; set again, they made the outlines, recount marks
        # and halos new paths, recorded again and their extents worked out on every update)

    def _style(self, s: MapSeat, lighter: bool, keyed, neutral, tie) -> tuple:
        """A seat's fill, outline and gain ring, before any zoom fades it."""
        th = self.theme
        if s.drawn:
            colour = keyed(s.winner, s.winner_colour)
            face = th.lighter(colour) if lighter else to_rgba(colour)
        elif s.tie:
            face = th.lighter(th.foreground) if lighter else tie
        else:
            face = neutral
        ring = TRANSPARENT
        # A colour that melts into the background (the Speaker's grey or TUV's navy on
        # the broadcast navy) is outlined, as on every chart: a line in a colour that
        # reads, just inside the hex's own edge.
        edge = (outline_for(face[:3], th) or TRANSPARENT) if s.drawn else TRANSPARENT
        if s.drawn and s.gain_from and s.gain_colour:
            ring = self._ring_colour(keyed(s.gain_from, s.gain_colour), face, lighter)
        return face, edge, ring

    def _keyed_colour(self, data: MapData):
        """A party's colour as the key shows it: a party the night's rule leaves to
        "Others" is drawn in the Others colour, as the chamber and the seat chart draw it
        (the key said "Others 6" in slate grey beside no slate hex, while SDLP's green read
        as the Greens' and Alliance's gold as the SNP's); its hover still names it."""
        named, others = data.named, self.theme.others

        def keyed(party: str | None, colour: str) -> str:
            return others if named is not None and party and not named.is_named(party) \
                else colour
        return keyed

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

    def _legend_entries(self, data: MapData, neutral) -> list[Entry]:
        th = self.theme
        seats = data.framed()  # zoomed: the key counts the seats framed
        rows: list[Entry] = []
        # who is named is the night's one rule (domain.others), the same on every graphic;
        # provisional seats (shown on request) keyed apart, "Lab 71 + 1", as the chamber's
        # key and the seat chart count them: "Lab 72" beside their "71 + 1" read as a seat more
        for k in data.key_rows():
            label = _held(k.party, k.seats, k.provisional)
            if k.colour is None:  # "Others", in the theme's colour
                rows.append(Entry(label, to_rgba(th.others)))
            else:
                rows.append(Entry(label, to_rgba(k.colour), edge=outline_for(k.colour, th)))
        ties = sum(1 for s in seats if s.tie)
        if ties:  # after Others, as the chamber keys it
            rows.append(Entry(f"Tie {ties:,}", to_rgba(th.foreground)))
        undrawn = sum(1 for s in seats if not s.drawn and not s.tie)
        if undrawn:
            rows.append(Entry(f"{UNDECLARED} {undrawn:,}", neutral))
        if any(s.status == PROVISIONAL and (s.drawn or s.tie) for s in seats):
            # Washed towards the background: lighter on a light theme, darker on a dark one;
            # outlined as its hexes are (`_apply`), which is what tells it from the
            # undeclared swatch: the two fills are the same wash of two greys, ΔE00 2.
            paler = th.lighter(th.others)
            rows.append(Entry("Provisional: paler", paler, edge=outline_for(paler[:3], th)))
        if any(s.gain_from and s.drawn for s in seats):
            rows.append(Entry("Gain: ring of the party that lost it", to_rgba(th.others),
                              ring=to_rgba(th.foreground)))
        if any(s.recount or s.close for s in seats):
            rows.append(Entry("Recount or recount range", neutral, mark=True))
        return rows

    def set_see_through(self, on: bool) -> None:
        """For an overlay the hexes are parted by real gaps (they are shrunk, where on a
        background they are parted by lines of its colour) and the recount outlines have
        no halo: painted in the background's colour, both laid a honeycomb of it over the
        video behind."""
        super().set_see_through(on)  # laid out again: `_line_widths` parts the hexes
        if self.hexes is not None:
            self._colour_halos()

    def _colour_halos(self) -> None:
        _recolour(self.halos, "edge", np.zeros_like(self._halo_colours) if self.see_through
                  else self._halo_colours)

    def _declared_text(self, data: MapData) -> str:
        status = f"{data.declared:,} of {data.seats_total:,} declared"
        if data.provisional_shown:
            status += f" + {data.provisional_shown:,} provisional"
        return status

    # -- layout -----------------------------------------------------------------------------
    def _layout(self, renderer, width, height):
        placed, column = self._placed(renderer, width, height)
        footer = self.footer
        if column or not footer.note.get_visible():
            return placed
        # The "Others" line took the height the key needed in a column beside the map (a
        # small picture): without it, if that gives the column back, rather than the key
        # in rows under a map a quarter of the picture high. Kept for the next layout.
        note = footer.note_items, footer.note_more, footer.note_tail
        footer.set_note((), 0, "")
        margin = self._px(renderer, self._th.margin)
        self.floor = footer.layout(renderer, width, height, margin, self.scale)
        footer.set_note(*note)
        placed, column = self._placed(renderer, width, height)
        if column:
            return placed
        self.floor = footer.layout(renderer, width, height, margin, self.scale)
        return self._placed(renderer, width, height)[0]

    def _placed(self, renderer, width, height) -> tuple[tuple, bool]:
        """The map's box and the key placed beside it (True) or in rows under it."""
        th, px = self._th, self._px
        m = px(renderer, th.margin)
        gap = px(renderer, 10) * self.scale
        top = self.header.layout(renderer, width, height, m, self.scale) - gap
        bottom = self.floor
        x0b, x1b, y0b, y1b = self._bounds
        dw, dh = x1b - x0b, y1b - y0b
        avail_w, avail_h = max(10.0, width - 2 * m), max(10.0, top - bottom)
        key = self.key
        # the key beside the map may take what a map as tall as the room leaves of the width
        room = max(avail_w * COLUMN_SHARE, avail_w - gap - dw * avail_h / dh)
        side = key.column_for(renderer, size=th.small_size, width=room, height=avail_h,
                              scale=self.scale)
        flow = key.rows_for(renderer, size=th.small_size, width=avail_w,
                            height=avail_h * ROWS_SHARE, scale=self.scale)
        # a column taller than the room even closed up: rows under the map instead
        side_s = 0.0 if side is None else \
            min(max(1.0, avail_w - side.width - gap) / dw, avail_h / dh)
        below_s = min(avail_w / dw, max(1.0, avail_h - flow.height - gap) / dh)
        column = side is not None and side_s >= below_s
        s = max(side_s, below_s)  # pixels per hex spacing
        map_w, map_h = s * dw, s * dh
        ring_w, mark_w = self._line_widths(renderer, s)
        if column:
            total = map_w + gap + side.width
            x0 = m + max(0.0, (avail_w - total) / 2)
            y0 = bottom + (avail_h - map_h) / 2
            key.place(renderer, side, x=x0 + map_w + gap,
                      y_top=bottom + avail_h / 2 + side.height / 2, width=side.width,
                      ring_width=ring_w, mark_width=mark_w)
        else:
            x0 = m + (avail_w - map_w) / 2
            y0 = bottom + flow.height + gap + \
                max(0.0, (avail_h - flow.height - gap - map_h) / 2)
            key.place(renderer, flow, x=m, y_top=bottom + flow.height, width=avail_w,
                      ring_width=ring_w, mark_width=mark_w)
        self.ax.set_xlim(x0b, x1b)
        self.ax.set_ylim(y0b, y1b)
        return (x0, y0, x0 + map_w, y0 + map_h), column

    def _line_widths(self, renderer, s: float) -> tuple[float, float]:
        """Set the hexes' lines for `s` pixels a hex spacing; returns the gain ring's and
        the recount outline's widths in points (for the key)."""
        pt = renderer.points_to_pixels(1.0)
        ring = max(RING_WIDTH * s, RING_MIN_PX) / pt
        mark = min(max(MARK_WIDTH * s, MARK_MIN_PX), MARK_MAX_PX) / pt  # zoomed: not a band
        key = (round(s, 2), pt, self.see_through)
        if key != self._lw_key:
            gap = min(max(0.06 * s, 0.4), 3.0)
            self.hexes.set_linewidths(gap / pt)
            if self.see_through or self._parted:
                # the gap left empty (the line's inner half each side), or drawn again
                self.hexes.set_edgecolor("none" if self.see_through else self.theme.background)
                self.hexes.set_verts(self._polygons(
                    1.0 - gap / 2 / (RADIUS * s * APOTHEM) if self.see_through else 1.0))
                self._parted = self.see_through
            # as wide as a gain's ring (not a band when zoomed in: at most as wide as the
            # recount outline), its outer edge on the gap's inner one, the inset along the
            # apothem (the corners' distance times cos 30°)
            outline = min(ring * pt, MARK_MAX_PX)  # pixels
            self.outlines.set_linewidths(outline / pt)
            self.outlines.set_verts(self._polygons(
                1.0 - (gap / 2 + outline / 2) / (RADIUS * s * APOTHEM)))
            self.rings.set_linewidths(ring)
            self.marks.set_linewidths(mark)
            self.halos.set_linewidths(mark + 2 * HALO_PX / pt)
            # the halo's inner edge on the hex's: the outline never covers the fill
            reach = (HALO_PX + mark * pt / 2) / (RADIUS * s)
            outline = self._polygons(1.0 + reach)
            self.marks.set_verts(outline)
            self.halos.set_verts(outline)
            self.pick_ring.set_linewidth(PICK_PX / pt)
            self.pick_halo.set_linewidth((PICK_PX + 2 * HALO_PX) / pt)
            self._lw_key = key
        return ring, mark

    def _polygons(self, scale: float) -> np.ndarray:
        """Every seat's hex, `scale` times full size, in data units."""
        corners = np.array(hex_corners(self.data_layout, scale))
        return self.xy[:, None, :] + corners[None, :, :]


def _recolour(collection: PolyCollection, which: str, colours: np.ndarray) -> None:
    """Every hex's face or edge colour in `collection`, set only if one differs: a
    collection set to anything is stale, and the frame then records all 650 hexes of it
    again (`charts.frames`) where a verification recoloured one hex of one collection."""
    now = collection.get_facecolor() if which == "face" else collection.get_edgecolor()
    if np.shape(now) == colours.shape and np.array_equal(now, colours):
        return
    (collection.set_facecolor if which == "face" else collection.set_edgecolor)(colours)


def _held(party: str, seats: int, provisional: int) -> str:
    """A key's line: "Lab 71", or "Lab 71 + 1" where 1 of its 72 seats is provisional."""
    return f"{named(party)} {seats_and_provisional(seats - provisional, provisional)}"


def _distance(a, b) -> float:
    """How far apart two colours are (RGB, 0 to √3): hue counts, unlike a contrast ratio
    (Labour red and Conservative blue have nearly the same luminance)."""
    return float(np.linalg.norm(np.subtract(to_rgba(a)[:3], to_rgba(b)[:3])))
