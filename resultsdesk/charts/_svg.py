"""The SVG writer `charts.export` uses: matplotlib's own, with markers written in one pass.

matplotlib's `draw_markers` defines the marker once but works the style out again for
every place and writes it on each `<use>`; here the style is worked out once per call and
written once, on the group around the places, which they inherit. The marker is defined
once per shape (its fill and outline come from the group), so the chamber's dots in any
number of colours share one circle. Everything else is matplotlib's writer unchanged.

Text is written as paths (glyph outlines defined once per file and placed with `<use>`,
so a picture never depends on the viewer's fonts), as matplotlib does; but a glyph's
outline and a string's layout and measure are the same in every file, so they are kept
between files (`_GlyphCache`) instead of being asked of FreeType again for each export
(exports may run on a worker thread: the cache takes a lock).

Used as `savefig(..., backend="module://resultsdesk.charts._svg")`.
"""

from __future__ import annotations

import codecs
import threading
from collections import OrderedDict

import numpy as np
from matplotlib import cbook
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.textpath import TextToPath
from matplotlib.transforms import Affine2D

BACKEND = f"module://{__name__}"
JOIN_CAP = ("stroke-linejoin", "stroke-linecap")
CACHE_SIZE = 4096  # strings kept (each a few glyph positions and the outlines it uses)


def _css(style: dict[str, str]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in style.items())


def _num(x: float) -> str:
    """As matplotlib writes a coordinate: six decimals, trailing zeros dropped."""
    return f"{x:f}".rstrip("0").rstrip(".")


class _GlyphCache(TextToPath):
    """matplotlib's text-to-path conversion, with each plain string's measure and glyphs
    kept by font, size and text (the same answers FreeType gave the first time)."""

    def __init__(self) -> None:
        super().__init__()
        self._measures: OrderedDict = OrderedDict()
        self._glyphs: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def _kept(self, cache: OrderedDict, key, make):
        with self._lock:
            got = cache.get(key)
            if got is not None:
                cache.move_to_end(key)
                return got
        got = make()
        with self._lock:
            cache[key] = got
            if len(cache) > CACHE_SIZE:
                cache.popitem(last=False)
        return got

    def get_text_width_height_descent(self, s, prop, ismath):
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        # The font matched now (rcParams may have changed which) and the size.
        key = (s, self._get_font(prop), prop.get_size_in_points())
        return self._kept(self._measures, key,
                          lambda: super(_GlyphCache, self).get_text_width_height_descent(
                              s, prop, ismath))

    def get_glyphs_with_font(self, font, s, glyph_map=None, return_new_glyphs_only=False,
                             **kwargs):
        # `font` comes from `_get_font`, at FONT_SCALE: its glyphs depend on the font
        # object (one per set of files) and the string.
        key = (font, s, tuple(sorted((k, _frozen(v)) for k, v in kwargs.items())))

        def make():
            info, outlines, rects = super(_GlyphCache, self).get_glyphs_with_font(
                font, s, **kwargs)
            return info, dict(outlines), rects

        info, outlines, rects = self._kept(self._glyphs, key, make)
        if glyph_map is None:
            glyph_map = OrderedDict()
        new = glyph_map if not return_new_glyphs_only else OrderedDict()
        for name, outline in outlines.items():
            if name not in glyph_map:
                new[name] = outline
        return list(info), new, list(rects)


def _frozen(v):
    return tuple(v) if isinstance(v, list) else v


_GLYPHS = _GlyphCache()


class MarkerSVG(RendererSVG):
    def __init__(self, width, height, svgwriter, *args, **kwargs) -> None:
        super().__init__(width, height, svgwriter, *args, **kwargs)
        self._text2path = _GLYPHS
        self._raw_write = svgwriter.write  # the writer's own file: see draw_markers

    def draw_markers(self, gc, marker_path, marker_trans, path, trans, rgbFace=None):
        # docstring inherited
        xy = path.vertices
        if not len(xy):
            return
        writer = self.writer
        path_data = self._convert_path(marker_path, marker_trans + Affine2D().scale(1, -1),
                                       simplify=False)
        style = self._get_style_dict(gc, rgbFace)
        # Joins and caps on the marker itself: the file's `* {stroke-linejoin: round}` rule
        # would beat the group's; colours and widths the marker inherits from the group.
        shape = _css({k: style.pop(k) for k in JOIN_CAP if k in style})
        key = ("marker", path_data, shape)
        oid = self._markers.get(key)
        if oid is None:
            oid = self._make_id("m", key)
            writer.start("defs")
            writer.element("path", id=oid, d=path_data, **({"style": shape} if shape else {}))
            writer.end("defs")
            self._markers[key] = oid
        group = self._get_clip_attrs(gc)
        if style:
            group["style"] = _css(style)
        depth = writer.start("g", **group)
        if gc.get_url() is not None:
            depth = writer.start("a", {"xlink:href": gc.get_url(), "target": "_blank"})
        xy = self._make_flip_transform(trans).transform(xy)
        xy = xy[np.isfinite(xy).all(axis=1)].tolist()
        href = f"#{oid}"
        if xy:
            # The first place through the writer (which closes the group's tag), the rest
            # written straight after it as the writer would, one string: the writer's
            # per-element escaping was most of the time, and a number and an id need none.
            x, y = xy[0]
            writer.element("use", attrib={"xlink:href": href, "x": _num(x), "y": _num(y)})
            pad = " " * (depth + 1)
            self._raw_write("".join(f'{pad}<use xlink:href="{href}" x="{_num(x)}" y="{_num(y)}"/>\n'
                                for x, y in xy[1:]))
        if gc.get_url() is not None:
            writer.end("a")
        writer.end("g")


class FigureCanvas(FigureCanvasSVG):
    def print_svg(self, filename, *, bbox_inches_restore=None, metadata=None, **_kwargs):
        """As `FigureCanvasSVG.print_svg`, drawing with `MarkerSVG`."""
        with cbook.open_file_cm(filename, "w", encoding="utf-8") as fh:
            if not cbook.file_requires_unicode(fh):
                fh = codecs.getwriter("utf-8")(fh)
            dpi = self.figure.dpi
            self.figure.dpi = 72
            width, height = self.figure.get_size_inches()
            renderer = MixedModeRenderer(
                self.figure, width, height, dpi,
                MarkerSVG(width * 72, height * 72, fh, image_dpi=dpi, metadata=metadata),
                bbox_inches_restore=bbox_inches_restore)
            self.figure.draw(renderer)
            renderer.finalize()
