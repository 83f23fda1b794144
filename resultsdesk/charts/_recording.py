"""What `charts.frames` records: the renderer calls artists make, each with what it draws
(a key to compare), where (a box in display pixels), and how to replay it clipped; a
collection's call element by element. No Qt; nothing here rasterises.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from matplotlib.backend_bases import GraphicsContextBase
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from ._glyphs import font_height_metrics, placed_glyphs, text_metrics
from ._pixels import box_of, extents, snapped
from ._text import kept_layout

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in display pixels (y up)
PAD_PX = 2.0  # antialiasing and pixel snapping spill this far beyond a shape's outline
COLLECTION = (-math.inf, -math.inf, math.inf, math.inf)  # a collection: see its elements
EXTENTS_KEPT = 8_192  # paths whose bounds are kept (each generation; a map holds 3,250)

def _matrix(transform) -> np.ndarray:
    return np.asarray(transform.get_matrix() if transform.is_affine
                      else transform.frozen().get_matrix(), dtype=float)


def _path_key(path) -> tuple:
    codes = path.codes
    return (path.vertices.tobytes(), None if codes is None else codes.tobytes(),
            path.should_simplify, path.simplify_threshold)


def colour_key(c) -> Any:
    return None if c is None else tuple(np.asarray(c, dtype=float).ravel())


def _gc_key(gc: GraphicsContextBase) -> tuple:
    rect = gc.get_clip_rectangle()
    tpath, affine = gc.get_clip_path()
    clip = None if tpath is None else (_path_key(tpath), _matrix(affine).tobytes())
    offset, dashes = gc.get_dashes()
    return (gc.get_alpha(), gc.get_forced_alpha(), gc.get_antialiased(), gc.get_capstyle(),
            gc.get_joinstyle(), gc.get_linewidth(), tuple(gc.get_rgb()), offset,
            None if dashes is None else tuple(dashes), gc.get_hatch(),
            colour_key(gc.get_hatch_color()), gc.get_hatch_linewidth(),
            None if rect is None else tuple(rect.bounds), clip, gc.get_snap(),
            gc.get_sketch_params())


def union(a: Box | None, b: Box | None) -> Box | None:
    if a is None:
        return b
    if b is None:
        return a
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _clip_to(a: Box, b: Box) -> Box:
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def meets(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _clipped(box: Box, gc: GraphicsContextBase) -> Box | None:
    """`box` within what the pen may touch (its clip rectangle and clip path)."""
    limits = []
    rect = gc.get_clip_rectangle()
    if rect is not None:
        limits.append(tuple(rect.extents))
    tpath, affine = gc.get_clip_path()
    if tpath is not None:
        limits.append(tuple(tpath.get_extents(affine).extents))
    x0, y0, x1, y1 = box
    for lx0, ly0, lx1, ly1 in limits:
        x0, y0, x1, y1 = max(x0, lx0 - 1), max(y0, ly0 - 1), min(x1, lx1 + 1), min(y1, ly1 + 1)
    return (x0, y0, x1, y1) if x0 < x1 and y0 < y1 else None


@dataclass(eq=False)
class _Elements:
    """One `draw_path_collection` call, element by element: which arguments run per
    element (the others are shared), what each element draws (`geometry`: where and how
    big; `colours`: how), and, worked out when first needed, each one's place."""

    n: int
    per: dict[str, bool]  # argument name -> one entry per element
    shared: tuple  # what every element shares
    geometry: tuple[np.ndarray, ...]  # per-element arrays, n rows each
    colours: tuple[np.ndarray, ...]
    _place: tuple  # (path bounds, path index, transforms, master, offsets, pads)
    _boxes: np.ndarray | None = None

    def boxes(self) -> np.ndarray:
        """(n, 4) display boxes of the elements, outline included."""
        if self._boxes is None:
            self._boxes = _element_boxes(*self._place)
        return self._boxes

    def changed(self, old: _Elements) -> np.ndarray:
        """Indices of the elements that draw differently from `old`'s."""
        moved = np.zeros(self.n, dtype=bool)
        same_place = True
        for a, b in zip(old.geometry, self.geometry, strict=True):
            diff = _rows_differ(a, b)
            same_place &= not diff.any()
            moved |= diff
        if same_place and old._boxes is not None:
            self._boxes = old._boxes  # nothing moved: the same places
        for a, b in zip(old.colours, self.colours, strict=True):
            moved |= _rows_differ(a, b)
        return np.flatnonzero(moved)


def _rows_differ(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Rows whose bits differ (so NaN equals NaN)."""
    n = len(a)
    a = np.ascontiguousarray(a, dtype=float).reshape(n, -1).view(np.int64)
    b = np.ascontiguousarray(b, dtype=float).reshape(n, -1).view(np.int64)
    return (a != b).any(axis=1)


def _element_boxes(bounds, which, transforms, master, offsets, pads) -> np.ndarray:
    """Each element's path bounds through its transform, the master transform and its
    offset (the renderer's order), as an axis-aligned box, grown by its outline."""
    b = bounds[which]
    cx, cy = (b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2
    hx, hy = (b[:, 2] - b[:, 0]) / 2, (b[:, 3] - b[:, 1]) / 2
    m = master
    t = transforms  # (n, 3, 3)
    a00 = m[0, 0] * t[:, 0, 0] + m[0, 1] * t[:, 1, 0]
    a01 = m[0, 0] * t[:, 0, 1] + m[0, 1] * t[:, 1, 1]
    a10 = m[1, 0] * t[:, 0, 0] + m[1, 1] * t[:, 1, 0]
    a11 = m[1, 0] * t[:, 0, 1] + m[1, 1] * t[:, 1, 1]
    tx = m[0, 0] * t[:, 0, 2] + m[0, 1] * t[:, 1, 2] + m[0, 2]
    ty = m[1, 0] * t[:, 0, 2] + m[1, 1] * t[:, 1, 2] + m[1, 2]
    x = a00 * cx + a01 * cy + tx + offsets[:, 0]
    y = a10 * cx + a11 * cy + ty + offsets[:, 1]
    ex = np.abs(a00) * hx + np.abs(a01) * hy + pads
    ey = np.abs(a10) * hx + np.abs(a11) * hy + pads
    return np.column_stack([x - ex, y - ey, x + ex, y + ey])


@dataclass(eq=False)
class Call:
    """One renderer call as recorded: replayable, comparable, placed."""

    name: str
    gc: GraphicsContextBase
    args: tuple
    kwargs: dict
    key: tuple
    box: Box | None  # None: not drawn at all
    elements: _Elements | None = None
    # A plain text's glyph bitmaps as Agg placed them the first time it was replayed
    # (laying out and rasterising glyphs is most of a text's cost), with the canvas
    # height and dpi they were made for.
    glyphs: tuple[Any, list] | None = field(default=None, repr=False)
    # A level-and-plumb box Agg snaps (its pixels, y down) and its pen's reach: moved by
    # an edge, only the pixels near that edge change (`_pixels.edge_damage`).
    snapped_box: tuple[tuple[int, int, int, int], float] | None = None

    def bounds(self) -> Box | None:
        """Where it draws: its box, or the box around a collection's elements."""
        if self.elements is None or self.box is None:
            return self.box
        b = self.elements.boxes()
        return _clip_to(self.box, (b[:, 0].min(), b[:, 1].min(), b[:, 2].max(),
                                   b[:, 3].max()))

    def replay(self, renderer, clip: Box, subset: np.ndarray | None = None) -> None:
        own = self.gc.get_clip_rectangle()
        if own is not None:  # the artist's own clip, within the place being redrawn
            x0, y0, x1, y1 = own.extents
            clip = (max(x0, clip[0]), max(y0, clip[1]), min(x1, clip[2]), min(y1, clip[3]))
            if clip[0] >= clip[2] or clip[1] >= clip[3]:
                return
        gc = GraphicsContextBase()
        gc.copy_properties(self.gc)
        gc.set_clip_rectangle(Bbox.from_extents(*clip))
        args, kwargs = self.args, self.kwargs
        if self.name == "draw_text" and not kwargs.get("ismath") \
                and hasattr(renderer, "_renderer"):
            self._replay_text(renderer, gc)
            gc.restore()
            return
        if subset is not None:
            args = _subset(args, self.elements, subset)
            if self.elements.per.get("hatchcolors"):
                kwargs = {**kwargs, "hatchcolors": np.asarray(kwargs["hatchcolors"])[subset]}
        getattr(renderer, self.name)(gc, *args, **kwargs)
        gc.restore()

    def _replay_text(self, renderer, gc) -> None:
        """Agg's `draw_text`, its glyph bitmaps kept: the same bitmaps at the same places
        (the text, its anchor and font are this call's), so the same pixels."""
        at = (renderer.height, renderer.dpi)  # glyph bitmaps depend on nothing else
        if self.glyphs is not None and self.glyphs[0] == at:
            image = renderer._renderer.draw_text_image
            for bitmap, x, y, angle in self.glyphs[1]:
                image(bitmap, x, y, angle, gc)
            return
        # Laid out and rasterised glyphs shared between texts (a label saying again what
        # it said before); else Agg draws it, and its bitmaps are kept.
        glyphs = placed_glyphs(renderer, gc, *self.args, mtext=self.kwargs.get("mtext"))
        if glyphs is not None:
            image = renderer._renderer.draw_text_image
            for bitmap, x, y, angle in glyphs:
                image(bitmap, x, y, angle, gc)
            self.glyphs = (at, glyphs)
            return
        tap = _GlyphTap(renderer._renderer)
        renderer._renderer = tap
        try:
            renderer.draw_text(gc, *self.args, **self.kwargs)
        finally:
            renderer._renderer = tap.real
        self.glyphs = (at, tap.glyphs)


class _GlyphTap:
    """Stands in for Agg's own renderer while a text draws: passes each glyph bitmap on,
    and keeps a copy."""

    def __init__(self, real) -> None:
        self.real = real
        self.glyphs: list = []

    def draw_text_image(self, image, x, y, angle, gc) -> None:
        self.glyphs.append((np.array(image), x, y, angle))
        self.real.draw_text_image(image, x, y, angle, gc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


_PER_ELEMENT = {1: "paths", 2: "all_transforms", 3: "offsets", 5: "facecolors",
                6: "edgecolors", 7: "linewidths", 8: "linestyles", 9: "antialiaseds",
                10: "urls"}


def _subset(args: tuple, el: _Elements, idx: np.ndarray) -> tuple:
    out = list(args)
    for i, name in _PER_ELEMENT.items():
        if el.per.get(name):
            a = args[i]
            out[i] = a[idx] if isinstance(a, np.ndarray) else [a[j] for j in idx]
    return tuple(out)


class Recorder:
    """Stands in for the real renderer while artists draw: measures with the real one,
    notes each drawing call, rasterises nothing."""

    def __init__(self, real) -> None:
        self._real = real
        self.calls: list[Call] = []
        # id(path) -> (path, bounds), in two generations: what a frame uses is kept
        self._extents: dict[int, tuple[Any, np.ndarray]] = {}
        self._older: dict[int, tuple[Any, np.ndarray]] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def get_text_width_height_descent(self, s, prop, ismath):
        # Kept for every canvas of this kind at this dpi (`_glyphs.text_metrics`): the
        # footer's count, the same on each chart, is measured once, and a text the chart
        # measured while laying itself out not again when recorded.
        return text_metrics(self._real, s, prop, ismath)

    def kept_text_layout(self, text, renderer, lay_out):
        """`text._get_layout(renderer)` (`lay_out`; asked by `_text.KeptText`), kept
        (`_text.kept_layout`): a label measured while its chart lays itself out is not
        laid out again to be recorded, nor on the next frame."""
        return kept_layout(text, renderer, lay_out, self._real)

    def _get_font_height_metrics(self, prop) -> tuple:
        # Asked by `Text._get_layout` (matplotlib 3.11 and later) of the renderer it lays
        # text out with, before it looks the font up itself: kept per font properties.
        # Texts are laid out for the figure's dpi, which is the renderer's.
        return font_height_metrics(prop, self._real.dpi)

    def path_bounds(self, path) -> np.ndarray:
        """A path's own bounds (a collection's shape: the same path every frame). Kept
        for as many paths as EXTENTS_KEPT, the ones used since the last turn-over first:
        cleared at 1,000, the map's five collections of 650 hexes each worked them all
        out again (~50 ms a collection) whenever one was recoloured."""
        kept = self._extents.get(id(path)) or self._older.get(id(path))
        if kept is None or kept[0] is not path:
            kept = (path, path.get_extents().extents)
        if len(self._extents) >= EXTENTS_KEPT:
            self._older, self._extents = self._extents, {}
        self._extents[id(path)] = kept
        return kept[1]

    def _note(self, name, gc, args, kwargs, key, box, elements=None) -> None:
        snap = GraphicsContextBase()
        snap.copy_properties(gc)
        if box is not None:
            box = _clipped(box, gc)
        self.calls.append(Call(name, snap, args, kwargs, (name, _gc_key(gc), *key), box,
                                elements))

    def _pen(self, gc) -> float:
        return self._real.points_to_pixels(gc.get_linewidth()) + PAD_PX

    # -- the drawing calls -----------------------------------------------------------------
    def draw_path(self, gc, path, transform, rgbFace=None) -> None:
        x0, y0, x1, y1 = extents(path, transform)
        p = self._pen(gc)
        real = self._real
        # Snapped by Agg, it is where its pixels are: a sub-pixel move draws nothing.
        pixels = snapped(path, transform, gc, rgbFace, real.width, real.height)
        where = (("snapped", pixels, path.should_simplify, path.simplify_threshold)
                 if pixels is not None else (_path_key(path), _matrix(transform).tobytes()))
        self._note("draw_path", gc, (path, transform, rgbFace), {},
                   (*where, colour_key(rgbFace)), (x0 - p, y0 - p, x1 + p, y1 + p))
        # A dashed or sketched pen starts its pattern at the first vertex: moving one
        # edge shifts it along the others. A plain one changes pixels near that edge.
        box = box_of(pixels) if gc.get_dashes()[1] is None and gc.get_sketch_params() \
            is None else None
        if box is not None:
            self.calls[-1].snapped_box = (box, p)

    def draw_markers(self, gc, marker_path, marker_trans, path, trans, rgbFace=None) -> None:
        mx0, my0, mx1, my1 = marker_path.get_extents(marker_trans).extents
        xy = trans.transform(path.vertices)
        xy = xy[np.isfinite(xy).all(axis=1)]
        box = None
        if len(xy):
            p = self._pen(gc)
            box = (xy[:, 0].min() + mx0 - p, xy[:, 1].min() + my0 - p,
                   xy[:, 0].max() + mx1 + p, xy[:, 1].max() + my1 + p)
        self._note("draw_markers", gc, (marker_path, marker_trans, path, trans, rgbFace), {},
                   (_path_key(marker_path), _matrix(marker_trans).tobytes(), _path_key(path),
                    _matrix(trans).tobytes(), colour_key(rgbFace)), box)

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None) -> None:
        self._text("draw_text", gc, x, y, s, prop, angle, ismath, {"ismath": ismath,
                                                                  "mtext": mtext})

    def draw_tex(self, gc, x, y, s, prop, angle, *, mtext=None) -> None:
        self._text("draw_tex", gc, x, y, s, prop, angle, "TeX", {"mtext": mtext})

    def _text(self, name, gc, x, y, s, prop, angle, ismath, kwargs) -> None:
        w, h, d = self.get_text_width_height_descent(s, prop, ismath)
        # The measure is the ink's box, from the baseline; across, glyph bearings (bold,
        # italic) may reach a little beyond it.
        p, q = PAD_PX + 0.2 * h, 1.0  # glyph bitmaps: the ink's box rounded out
        corners = np.array([(-p, -d - q), (w + p, -d - q), (w + p, h - d + q), (-p, h - d + q)])
        if angle:
            a = math.radians(angle)
            rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
            corners = corners @ rot.T
        corners += (x, self._real.height - y)  # text comes top-down (the renderer flips y)
        box = (*corners.min(axis=0), *corners.max(axis=0))
        self._note(name, gc, (x, y, s, prop, angle), kwargs,
                   (x, y, s, hash(prop), angle, ismath), box)

    def draw_image(self, gc, x, y, im, transform=None) -> None:
        box = (x, y, x + im.shape[1], y + im.shape[0]) if transform is None else \
            (0, 0, self._real.width, self._real.height)
        self._note("draw_image", gc, (x, y, im, transform), {},
                   (x, y, hash(np.ascontiguousarray(im).tobytes()), None if transform is None
                    else _matrix(transform).tobytes()), box)

    def draw_path_collection(self, gc, *args, hatchcolors=None) -> None:
        kwargs = {} if hatchcolors is None else {"hatchcolors": hatchcolors}
        elements = _elements(self, args, hatchcolors)
        if elements is None:  # nothing drawn
            self._note("draw_path_collection", gc, args, kwargs, ("empty",), None)
            return
        self._note("draw_path_collection", gc, args, kwargs,
                   (elements.shared, elements.n, len(elements.geometry),
                    len(elements.colours)), COLLECTION, elements)

    def _whole(self, name, gc, *args, **kwargs) -> None:
        # Rare shapes (meshes, triangles): always counted as changed, drawn over the canvas.
        self._note(name, gc, args, kwargs, (object(),),
                   (0, 0, self._real.width, self._real.height))

    def draw_quad_mesh(self, gc, *args, **kwargs) -> None:
        self._whole("draw_quad_mesh", gc, *args, **kwargs)

    def draw_gouraud_triangles(self, gc, *args, **kwargs) -> None:
        self._whole("draw_gouraud_triangles", gc, *args, **kwargs)


def _uniform(a) -> bool:
    first = a[0]
    return all(x is first or x == first for x in a)


def _elements(rec: Recorder, args: tuple, hatchcolors) -> _Elements | None:
    """A collection call split into elements, as the renderer cycles its arrays."""
    (master, paths, transforms, offsets, offset_trans, fc, ec, lws, lss, aas, urls,
     offset_position) = args
    transforms = np.asarray(transforms, dtype=float).reshape(-1, 3, 3)
    offsets = np.asarray(offsets, dtype=float).reshape(-1, 2)
    fc = np.asarray(fc, dtype=float).reshape(-1, 4)
    ec = np.asarray(ec, dtype=float).reshape(-1, 4)
    lws = np.asarray(lws, dtype=float).ravel()
    hc = None if hatchcolors is None else np.asarray(hatchcolors, dtype=float).reshape(-1, 4)
    n = max(len(paths), len(transforms), len(offsets)) if len(paths) else 0
    if n == 0:
        return None
    arrays = {"paths": paths, "all_transforms": transforms, "offsets": offsets,
              "facecolors": fc, "edgecolors": ec, "linewidths": lws, "linestyles": lss,
              "antialiaseds": aas, "urls": urls, "hatchcolors": hc}
    per = {k: v is not None and len(v) == n and n > 1 for k, v in arrays.items()}
    rows = np.arange(n)
    shared: list = [_matrix(master).tobytes(), _matrix(offset_trans).tobytes(),
                    offset_position]
    # Dash patterns, antialiasing and links: compared whole (a collection with one line
    # width per element repeats the same pattern for each).
    for name in ("linestyles", "antialiaseds", "urls"):
        a = arrays[name]
        shared.append(repr(a[0]) if per[name] and _uniform(a) else repr(list(a)))
    geometry: list[np.ndarray] = []
    colours: list[np.ndarray] = []
    path_keys = [_path_key(p) for p in paths]
    if per["paths"]:
        index = {k: i for i, k in enumerate(dict.fromkeys(path_keys))}
        which = np.array([index[k] for k in path_keys])
        geometry.append(which.astype(float))
        shared.append(tuple(index))
    else:
        which = rows % len(paths)
        shared.append(tuple(path_keys))
    t = transforms[rows % len(transforms)] if len(transforms) else \
        np.broadcast_to(np.eye(3), (n, 3, 3))
    display = offset_trans.transform(offsets) if len(offsets) else np.zeros((1, 2))
    display = display[rows % len(display)] if len(offsets) else np.zeros((n, 2))
    lw = lws[rows % len(lws)] if len(lws) else np.zeros(n)
    for name, a, column in (("all_transforms", transforms, t.reshape(n, 9)),
                            ("offsets", offsets, display), ("linewidths", lws, lw)):
        (geometry if per[name] else shared).append(column if per[name] else a.tobytes())
    for name, a in (("facecolors", fc), ("edgecolors", ec), ("hatchcolors", hc)):
        if per[name]:
            colours.append(a)
        else:
            shared.append(None if a is None else a.tobytes())
    bounds = np.array([rec.path_bounds(p) for p in paths])
    pads = rec.points_to_pixels(1.0) * lw + PAD_PX
    return _Elements(n, per, tuple(shared), tuple(geometry), tuple(colours),
                     (bounds, which, t, _matrix(master), display, pads))


def text_key(t: Text, renderer) -> tuple[tuple[float, float], tuple] | None:
    """Where a text's anchor is (display pixels) and everything else its drawing depends
    on, got without laying it out; None when it has something this does not follow
    (effects, TeX, wrapping, an arrow), so it is drawn again each time."""
    if (t.get_path_effects() or t.get_usetex() or t.get_wrap() or t.get_rasterized()
            or t.get_agg_filter() is not None):
        return None
    if isinstance(t, Annotation) and (t.arrowprops is not None
                                      or t.get_annotation_clip() is not False):
        return None
    if not t.get_visible() or not t.get_text():
        return (0.0, 0.0), ("hidden",)
    if isinstance(t, Annotation):
        t.update_positions(renderer)  # its transform follows the point annotated
    patch = t.get_bbox_patch()
    box = None
    if patch is not None:
        # Not its mutation scale: the text's draw sets that from its size and the dpi
        # (both in the key). Taken before a label's first draw (1, the patch's own), it
        # made a new label's next move lay it out again, as a change.
        style = patch.get_boxstyle()
        box = (patch.get_visible(), tuple(patch.get_facecolor()),
               tuple(patch.get_edgecolor()), patch.get_linewidth(), str(patch.get_linestyle()),
               type(style).__name__, repr(sorted(vars(style).items())),
               patch.get_mutation_aspect())
    clip = None
    if t.get_clip_on():
        cb, cp = t.get_clip_box(), t.get_clip_path()
        clip = (None if cb is None else tuple(cb.bounds),
                None if cp is None else _gc_clip_key(cp))
    x, y = t.get_transform().transform(t.get_unitless_position())
    return (float(x), float(y)), (
            type(t), t.get_text(), hash(t.get_fontproperties()), str(t.get_color()),
            t.get_alpha(), t.get_horizontalalignment(), t.get_verticalalignment(),
            t._multialignment, t.get_rotation(), t.get_rotation_mode(),
            t.get_transform_rotates_text(), t.get_linespacing(), t.get_antialiased(),
            t.get_parse_math(), getattr(t, "get_fontfeatures", lambda: None)(),
            getattr(t, "get_language", lambda: None)(), t.get_snap(),
            box, clip)


def _gc_clip_key(clip_path) -> tuple:
    tpath, affine = clip_path.get_transformed_path_and_affine()
    return (_path_key(tpath), _matrix(affine).tobytes())
