"""Redrawing only what moved: a figure on screen kept as the renderer calls that drew it.

A full matplotlib draw re-lays out and re-rasterises every text and patch, even when one bar
grew. `Frames.draw(renderer)` instead runs the charts' layout, lets every artist draw into a
`_Recorder` (which notes each renderer call: what it draws, with what pen, where on the
canvas, but rasterises nothing), compares the calls with those of the frame on screen, and
then, on the real renderer, only

* puts the background back where something changed (its old and its new place), and
* replays, clipped to those places, the calls that touch them, in drawing order (for a
  collection, such as the chamber's one dot per seat, only the elements that touch them).

An artist not changed since it was recorded (matplotlib marks an artist stale when a
property is set; the charts set only what differs) in the same axes geometry keeps its
calls without drawing again, so the recording is of what changed too.

So an update costs the recording (cheap: no pixels) plus the pixels of what changed. What
the canvas then holds is what a full draw would have drawn, pixel for pixel. A full frame
(background, then every call) happens only on a new renderer (a resize or a dpi change),
a new background (a theme), a new set of artists (a chart rebuilt), or when most of the
canvas changed. Exports never come here: `savefig` draws in full as before.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import Collection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Annotation, Text

from ._pixels import edge_damage
from ._recording import Box, Call, Recorder, colour_key, meets, text_key, union
from ._stage import Stage, stages

FULL_SHARE = 0.6  # damage over this share of the canvas: replay everything at once
MAX_RECTS = 48  # more separate damaged places than this: one rectangle around them all
RIM_PX = 6  # drawn beyond each damaged rectangle, then put back (see Frames._redraw)
# Artists whose drawing depends only on their own properties (which mark them stale when
# set) and on their axes' and figure's geometry: an unchanged one keeps its recorded
# calls. Others (an axis and its ticks, a legend whose children change without telling
# it) are recorded again every frame.
SELF_CONTAINED = (Patch, Text, Line2D, Collection)


def draw_order(figure: Figure) -> list[Artist]:
    """The artists a full `figure.draw` draws, in its order (axes and stages expanded),
    bar the figure's and the axes' background patches: what the frame is made of."""
    children = [a for a in figure.get_children() if a is not figure.patch]
    out: list[Artist] = []
    for a in sorted((a for a in children if not a.get_animated()), key=attrgetter("zorder")):
        if isinstance(a, Axes):
            out.extend(_axes_order(a))
        elif isinstance(a, Stage):
            out.extend(a.drawn_children() if a.get_visible() else [])
        else:
            out.append(a)
    return out


def _axes_order(ax: Axes) -> list[Artist]:
    if not ax.get_visible():
        return []
    artists = [a for a in ax.get_children() if a is not ax.patch]
    if not (ax.axison and ax.get_frame_on()):
        spines = {id(s) for s in ax.spines.values()}  # `in .values()` looks each one up
        artists = [a for a in artists if id(a) not in spines]
    if not ax.axison:
        artists = [a for a in artists if a is not ax.xaxis and a is not ax.yaxis]
    artists = sorted((a for a in artists if not a.get_animated()), key=attrgetter("zorder"))
    if ax.axison and ax.get_frame_on():
        artists.insert(0, ax.patch)
    return artists


@dataclass
class FrameStats:
    """What the latest frame did: a full frame, or which artists it redrew where."""

    full: bool = True
    redrawn: list[Artist] = field(default_factory=list)  # artists with a call replayed
    calls: int = 0  # renderer calls replayed (a collection's subset counts once)
    rects: list[Box] = field(default_factory=list)  # the places drawn again


class Frames:
    """What one on-screen canvas shows, as recorded calls; `draw(renderer)` brings the
    renderer's buffer up to date with the figure, redrawing only what changed."""

    def __init__(self, figure: Figure, text_tolerance: float = 0.0) -> None:
        """`text_tolerance`: pixels a text may move and still count as unchanged (kept
        where it was drawn, so never further than that from its exact place); 0 keeps
        every frame identical to a full draw."""
        self.figure = figure
        self.text_tolerance = text_tolerance
        self.stats = FrameStats()
        self.full_frames = 0
        self._renderer: Any = None
        self._recorder: Recorder | None = None
        self._background: np.ndarray | None = None
        self._bg_key: tuple | None = None
        self._items: list[Artist] = []
        self._calls: list[list[Call]] = []
        self._texts: dict[int, tuple[tuple, tuple, list[Call]]] = {}
        # id(artist) -> (artist, geometry it was recorded in, annotation point, its calls)
        self._kept: dict[int, tuple[Artist, tuple, Any, list[Call]]] = {}
        self.recorded = 0  # artists recorded (drawn into the recorder) by the latest frame

    def invalidate(self) -> None:
        """Draw the next frame in full (the buffer was drawn over by someone else)."""
        self._background = None
        # Whoever drew the figure also marked every artist up to date: record them all.
        self._kept = {}

    def draw(self, renderer) -> list[Box]:
        """Bring `renderer`'s buffer up to date; returns the places that changed (the whole
        canvas on a full frame)."""
        fig = self.figure
        if renderer is not self._renderer:
            self._renderer, self._recorder = renderer, Recorder(renderer)
            self._background = None
            self._texts = {}
            self._kept = {}
        # Laid out through the recorder too: it measures with the real renderer, and keeps
        # each font's line metrics, which matplotlib looks up again for every text.
        self._layout(self._recorder)
        items = draw_order(fig)
        calls = self._record(items)
        whole = (0.0, 0.0, float(renderer.width), float(renderer.height))
        bg_key = (renderer.width, renderer.height, renderer.dpi,
                  colour_key(fig.patch.get_facecolor()), fig.patch.get_visible())
        if (self._background is None or bg_key != self._bg_key
                or [id(a) for a in items] != [id(a) for a in self._items]):
            self._full(renderer, items, calls, bg_key)
            return [whole]
        rects = _merge(self._damage(calls, renderer.height), renderer.width,
                       renderer.height)
        area = sum((r[2] - r[0]) * (r[3] - r[1]) for r in rects)
        if area > FULL_SHARE * renderer.width * renderer.height:
            rects = [whole]
        self._items, self._calls = items, calls
        self.stats = FrameStats(full=False, rects=rects)
        for r in rects:
            self._redraw(renderer, items, calls, r)
        self._settle()
        return rects

    # -- machinery --------------------------------------------------------------------------
    def _layout(self, renderer) -> None:
        """What `Figure.draw` does before drawing: view limits, then each axes' locator (the
        charts lay themselves out there); and what a stage does as it starts to draw."""
        for ax in self.figure.axes:
            ax.viewLim  # noqa: B018 (the property brings stale limits up to date)
            locator = ax.get_axes_locator()
            ax.apply_aspect(locator(ax, renderer) if locator else None)
            if hasattr(ax, "_update_title_position"):
                ax._update_title_position(renderer)
        for stage in stages(self.figure):
            if stage.get_visible():
                stage.lay_out(renderer)

    def _geometry(self) -> dict[int | None, tuple]:
        """What places an artist besides its own properties: its axes' (or stage's) box
        and view limits, the figure's box and dpi (by id of the axes, or of the artist on
        a stage; None: the figure's own)."""
        fig = self.figure
        whole = (fig.dpi, tuple(fig.bbox.bounds))
        out: dict[int | None, tuple] = {None: whole}
        for ax in fig.axes:
            out[id(ax)] = (whole, tuple(ax.bbox.bounds), tuple(ax.viewLim.bounds),
                           ax.get_xscale(), ax.get_yscale())
        for stage in stages(fig):
            where = (whole, tuple(stage.bbox.bounds), tuple(stage.viewLim.bounds))
            out.update((id(a), where) for a in stage.get_children())
        return out

    def _record(self, items: list[Artist]) -> list[list[Call]]:
        """Each artist's calls. An artist not stale since it was recorded, in the same
        axes geometry, keeps them; a text whose key has not changed keeps the calls it made
        (text layout is most of matplotlib's cost); the rest draw into the recorder."""
        rec = self._recorder
        tol = self.text_tolerance
        geometry = self._geometry()
        texts: dict[int, tuple[tuple, tuple, list[Call]]] = {}
        kept_all: dict[int, tuple[Artist, tuple, Any, list[Call]]] = {}
        out = []
        self.recorded = 0
        for a in items:
            owner = id(a.axes) if a.axes is not None else id(a) if id(a) in geometry else None
            where = geometry.get(owner)
            point = tuple(a.xy) if isinstance(a, Annotation) else None
            prev = self._kept.get(id(a))
            if not a.get_visible():
                # Draws nothing (every artist's draw starts by asking so): nothing to record,
                # however its axes moved. A party's first seat moves every bar over: the
                # seat chart's spare bars and labels, hidden, were all drawn again.
                calls = []
            elif (prev is not None and prev[0] is a and prev[1] == where and prev[2] == point
                    and not _stale(a)):
                calls = prev[3]
                if isinstance(a, Text) and id(a) in self._texts:
                    texts[id(a)] = self._texts[id(a)]
            else:
                calls = self._record_one(a, rec, tol, texts)
            if isinstance(a, SELF_CONTAINED) and where is not None:
                kept_all[id(a)] = (a, where, point, calls)
            _settled(a)
            out.append(calls)
        rec.calls = []
        self._texts = texts
        self._kept = kept_all
        return out

    def _record_one(self, a: Artist, rec: Recorder, tol: float, texts: dict) -> list[Call]:
        got = text_key(a, self._renderer) if isinstance(a, Text) else None
        kept = self._texts.get(id(a)) if got is not None else None
        if kept is not None and kept[1] == got[1]:
            dx, dy = got[0][0] - kept[0][0], got[0][1] - kept[0][1]
            if abs(dx) <= tol and abs(dy) <= tol:
                texts[id(a)] = kept  # where it was drawn: drift never adds up
                return kept[2]
            # The same text moved (a bar's label beside its bar, a key re-flowed): with a
            # tolerance (on screen), its drawing moved with it rather than laid out again.
            moved = _moved(kept[2], dx, dy, rec) if tol > 0 else None
            if moved is not None:
                texts[id(a)] = (got[0], got[1], moved)
                return moved
        rec.calls = []
        a.draw(rec)
        self.recorded += 1
        if got is not None:
            texts[id(a)] = (got[0], got[1], rec.calls)
        return rec.calls

    def _full(self, renderer, items, calls, bg_key) -> None:
        renderer.clear()
        self.figure.patch.draw(renderer)
        self._background = np.array(renderer.buffer_rgba())
        self._bg_key = bg_key
        self._items, self._calls = items, calls
        whole = (0.0, 0.0, float(renderer.width), float(renderer.height))
        self.stats = FrameStats(full=True, rects=[whole])
        self._replay(renderer, items, calls, whole)
        self.full_frames += 1
        self._settle()

    def _settle(self) -> None:
        """As after `Figure.draw`: nothing left stale."""
        for ax in [*self.figure.axes, *stages(self.figure)]:
            ax.stale = False
        self.figure.stale = False

    def _damage(self, calls: list[list[Call]], height: int) -> list[Box]:
        """Old and new places of every call that changed (`height`: the canvas's)."""
        out: list[Box] = []
        for old, new in zip(self._calls, calls, strict=True):
            if len(old) != len(new):
                out += [c.bounds() for c in old + new if c.box is not None]
                continue
            for a, b in zip(old, new, strict=True):
                if a.key == b.key and a.elements is None:
                    continue
                if a.key == b.key and b.elements is not None:
                    moved = b.elements.changed(a.elements)
                    for boxes in (a.elements.boxes()[moved], b.elements.boxes()[moved]):
                        out += [tuple(r) for r in boxes]
                    continue
                if (a.snapped_box is not None and b.snapped_box is not None
                        and a.key[:3] == b.key[:3] and a.key[4:] == b.key[4:]):
                    # The same pen and colours, a box moved by its edges: near them only.
                    out += edge_damage(a.snapped_box[0], b.snapped_box[0],
                                       max(a.snapped_box[1], b.snapped_box[1]), height)
                    continue
                out += [c.bounds() for c in (a, b) if c.box is not None]
        return out

    def _redraw(self, renderer, items, calls, rect: Box) -> None:
        """Background, then every call that touches `rect`, clipped to it.

        Agg's coverage near the edge of a clip rectangle (a few pixels in, for polygons)
        can differ from an unclipped draw by one level; so this draws a rim wider and then
        puts the rim's pixels, which were right already, back."""
        buf = np.asarray(renderer.buffer_rgba())
        h, w = buf.shape[:2]
        x0, y0, x1, y1 = (int(v) for v in rect)
        X0, Y0 = max(0, x0 - RIM_PX), max(0, y0 - RIM_PX)
        X1, Y1 = min(w, x1 + RIM_PX), min(h, y1 + RIM_PX)
        # Agg clips markers and text images one pixel wide on the right and below: that
        # pixel is kept too.
        KX0, KY0, KX1, KY1 = max(0, X0 - 1), max(0, Y0 - 1), min(w, X1 + 1), min(h, Y1 + 1)
        kept = buf[h - KY1:h - KY0, KX0:KX1]
        before = kept.copy()
        buf[h - Y1:h - Y0, X0:X1] = self._background[h - Y1:h - Y0, X0:X1]
        # What touches only the rim is put back with it: not drawn at all.
        self._replay(renderer, items, calls, (X0, Y0, X1, Y1), (x0, y0, x1, y1))
        inner = (slice(KY1 - y1, KY1 - y0), slice(x0 - KX0, x1 - KX0))
        drawn = kept[inner].copy()
        kept[...] = before
        kept[inner] = drawn

    def _replay(self, renderer, items, calls, clip: Box, rect: Box | None = None) -> None:
        """Every call that touches `rect` (default: `clip`), drawn clipped to `clip`."""
        stats = self.stats
        rect = rect or clip
        for artist, recorded in zip(items, calls, strict=True):
            drew = False
            for c in recorded:
                if c.box is None or not meets(c.box, rect):
                    continue
                subset = None
                if c.elements is not None and c.elements.n > 1:
                    b = c.elements.boxes()
                    subset = np.flatnonzero((b[:, 0] < rect[2]) & (b[:, 2] > rect[0])
                                            & (b[:, 1] < rect[3]) & (b[:, 3] > rect[1]))
                    if not len(subset):
                        continue
                    if len(subset) == c.elements.n:
                        subset = None
                c.replay(renderer, clip, subset)
                stats.calls += 1
                drew = True
            if drew and (not stats.redrawn or stats.redrawn[-1] is not artist):
                stats.redrawn.append(artist)


def _moved(calls: list[Call], dx: float, dy: float, rec: Recorder) -> list[Call] | None:
    """A text's plain `draw_text` calls made again `dx`, `dy` display pixels further (the
    same string, font and pen), as the recorder notes them; None if it drew anything else
    (a box behind it)."""
    if any(c.name != "draw_text" for c in calls):
        return None
    rec.calls = []
    for c in calls:
        x, y, s, prop, angle = c.args
        # draw_text's y runs down the canvas: a move up is a smaller y.
        rec.draw_text(c.gc, x + dx, y - dy, s, prop, angle, **c.kwargs)
    return rec.calls


def _stale(a: Artist) -> bool:
    """Changed since it was recorded (a text's box is its own artist: asked too)."""
    if a.stale:
        return True
    patch = a.get_bbox_patch() if isinstance(a, Text) else None
    return patch is not None and patch.stale


def _settled(a: Artist) -> None:
    """Recorded as it is: not stale (as after its draw; a kept text was not drawn)."""
    a.stale = False
    if isinstance(a, Text):
        patch = a.get_bbox_patch()
        if patch is not None:
            patch.stale = False


def _merge(boxes: list[Box], width: float, height: float) -> list[Box]:
    """Whole-pixel rectangles on the canvas covering `boxes`, overlapping ones joined."""
    rects = []
    for b in boxes:
        r = (max(0, math.floor(b[0])), max(0, math.floor(b[1])),
             min(int(width), math.ceil(b[2])), min(int(height), math.ceil(b[3])))
        if r[2] > r[0] and r[3] > r[1]:
            rects.append(r)
    merged = True
    while merged and rects:
        merged = False
        rects.sort()
        out: list[Box] = []
        for r in rects:
            for i, o in enumerate(out):
                if meets(r, o) or (r[0] <= o[2] and o[0] <= r[2] and r[1] <= o[3]
                                    and o[1] <= r[3]):
                    out[i] = union(o, r)
                    merged = True
                    break
            else:
                out.append(r)
        rects = out
    if len(rects) > MAX_RECTS:
        whole = rects[0]
        for r in rects[1:]:
            whole = union(whole, r)
        rects = [whole]
    return rects
