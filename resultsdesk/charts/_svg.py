"""The SVG writer `charts.export` uses: matplotlib's own, with markers written in one pass.

matplotlib's `draw_markers` defines the marker once but works the style out again for
every place and writes it on each `<use>`; here the style is worked out once per call and
written once, on the group around the places, which they inherit. The marker is defined
once per shape (its fill and outline come from the group), so the chamber's dots in any
number of colours share one circle. Everything else is matplotlib's writer unchanged.

Text is written as paths (glyph outlines defined once per file and placed with `<use>`,
so a picture never depends on the viewer's fonts), as matplotlib does; but a glyph's
outline, a string's glyphs, `<use>`s and measure, and a text's layout (`_text.KeptText`
asks for it: `kept_text_layout`) are the same in every file, so they are kept between
files (`_GlyphCache`) instead of being worked out again, with FreeType, for each export;
so are a font's line metrics (`_glyphs`) and a group of markers' places. Exports may run
on a worker thread: the caches take a lock. The file is written in one piece at the end.

Used as `savefig(..., backend=export.SVG_BACKEND)`, which names this module.
"""

from __future__ import annotations

import codecs
import io
import threading
from collections import OrderedDict
from typing import Any, ClassVar

import numpy as np
from matplotlib import cbook
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.colors import rgb2hex
from matplotlib.path import Path
from matplotlib.textpath import TextToPath
from matplotlib.transforms import Affine2D

from ._glyphs import font_height_metrics
from ._text import layout_key

JOIN_CAP = ("stroke-linejoin", "stroke-linecap")
GLYPH_SCALE = "scale(0.015625)"  # a glyph's outline is defined at 64 times its size
IDENTITY = {"scale": ((1,), (1, 1)), "translate": ((0, 0),), "rotate": ((0,),)}
# matplotlib's writer methods this one builds on (private: a matplotlib without them gets
# its own writer instead, `SUPPORTED`, checked by `export.svg_backend`).
BUILDS_ON = ("_convert_path", "_get_style_dict", "_make_id", "_get_clip_attrs",
             "_make_flip_transform", "_adjust_glyph_repr", "_update_glyph_map_defs",
             "_draw_text_as_path")
SUPPORTED = all(callable(getattr(RendererSVG, name, None)) for name in BUILDS_ON)
CACHE_SIZE = 4096  # strings kept (each a few glyph positions and the outlines it uses)


def _css(style: dict[str, str]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in style.items())


def _num(x: float) -> str:
    """As matplotlib writes a coordinate: six decimals, trailing zeros dropped."""
    return f"{x:f}".rstrip("0").rstrip(".")


def _transform(*steps: tuple[str, tuple]) -> str:
    """As matplotlib writes a transform: identity steps left out."""
    parts = []
    for kind, value in steps:
        if value in IDENTITY[kind]:
            continue
        parts.append(f"{kind}({' '.join(_num(v) for v in value)})")
    return " ".join(parts)


class _GlyphCache(TextToPath):
    """matplotlib's text-to-path conversion, with each plain string's measure and glyphs
    kept by font, size and text (the same answers FreeType gave the first time), for every
    file; and the fonts matched for the file it draws (rcParams stay as they are while a
    file is drawn; matching is most of a cached string's time): one per file."""

    _measures: ClassVar[OrderedDict] = OrderedDict()
    _glyphs: ClassVar[OrderedDict] = OrderedDict()
    _outlines: ClassVar[OrderedDict] = OrderedDict()  # glyph name -> SVG path data
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self) -> None:
        super().__init__()
        self._fonts: dict[tuple, Any] = {}

    def _get_font(self, prop):
        key = (tuple(prop.get_family()), prop.get_style(), prop.get_variant(),
               prop.get_weight(), prop.get_stretch(), prop.get_file(),
               prop.get_math_fontfamily())
        font = self._fonts.get(key)
        if font is None:
            font = self._fonts[key] = super()._get_font(prop)
        else:
            font.set_size(self.FONT_SCALE, self.DPI)  # Agg shares the font object
        return font

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


    _placed: ClassVar[OrderedDict] = OrderedDict()
    _layouts: ClassVar[OrderedDict] = OrderedDict()  # texts' layouts (`kept_text_layout`)

    def placed(self, font, s: str, shaping: dict) -> tuple:
        """A plain string's glyphs as its text group holds them: (their outlines by name,
        the first glyph's (name, place), and each further glyph's `<use>` element less
        its indentation); worked out once per font, string and shaping."""
        key = (font, s, tuple(sorted((k, _frozen(v)) for k, v in shaping.items())))

        def make():
            info, outlines, _rects = self.get_glyphs_with_font(font, s, **shaping)
            uses = [(name, _transform(("translate", (gx, gy)), ("scale", (size,))))
                    for name, gx, gy, size in info]
            rest = []
            for name, place in uses[1:]:
                place = f' transform="{place}"' if place else ""
                rest.append(f'<use xlink:href="#{name}"{place}/>\n')
            return outlines, uses[0] if uses else None, tuple(rest)

        return self._kept(self._placed, key, make)

    def path_data(self, name: str, outline, convert) -> str:
        """A glyph's outline as SVG path data, as matplotlib writes it (at 64 times)."""
        def make():
            vertices, codes = outline
            return convert(Path(vertices * 64, codes), simplify=False)

        return self._kept(self._outlines, name, make)


def _frozen(v):
    return tuple(v) if isinstance(v, list) else v


def _bytes(a) -> bytes | None:
    return None if a is None else a.tobytes()


# The `<use>`s of a group of markers, by their start and places: the same seats in the same
# colours at the same size are the same text in every file (the chamber, exported again
# after a verification, differs in a look or two). Kept up to PLACES_KEPT characters.
_PLACED: OrderedDict = OrderedDict()
_placed_chars = 0
_placed_lock = threading.Lock()
PLACES_KEPT = 2_000_000


def _places(start: str, xy: np.ndarray) -> str:
    """`start` (`<use ... x="`) and each place's coordinates, a `<use>` a line, as the
    writer writes a number (`_num`, inline: a call per number was most of this)."""
    global _placed_chars
    key = (start, xy.tobytes())
    with _placed_lock:
        text = _PLACED.get(key)
        if text is not None:
            _PLACED.move_to_end(key)
            return text
    text = "".join(f'{start}{f"{x:f}".rstrip("0").rstrip(".")}" '
                   f'y="{f"{y:f}".rstrip("0").rstrip(".")}"/>\n' for x, y in xy.tolist())
    with _placed_lock:
        if key not in _PLACED:
            _PLACED[key] = text
            _placed_chars += len(text) + len(key[1])
        while _placed_chars > PLACES_KEPT and _PLACED:
            (_, old), gone = _PLACED.popitem(last=False)
            _placed_chars -= len(gone) + len(old)
    return text


class MarkerSVG(RendererSVG):
    draws_marker_groups = True  # `seat_dots.MARKER_GROUPS`: the chamber's dots by look

    def __init__(self, width, height, svgwriter, *args, figure=None, **kwargs) -> None:
        super().__init__(width, height, svgwriter, *args, **kwargs)
        self._text2path = _GlyphCache()
        self._raw_write = svgwriter.write  # the writer's own file: see draw_markers
        self._marker_data: dict[tuple, str] = {}  # a marker's path data, by shape
        self._flips: dict[int, tuple] = {}  # a places transform, flipped for SVG
        self._figure = figure

    def kept_text_layout(self, text, renderer, lay_out):
        """`text._get_layout(renderer)` (`lay_out`), kept by everything it depends on:
        the string and how it is set (alignment, rotation, line spacing), the font this
        file matches for its properties and its size, and the figure's dpi (`_text.layout_key`).
        Maths (any "$" it would parse), TeX and wrapped text are laid out each time."""
        got = layout_key(text)
        if got is None:
            return lay_out(renderer)
        prop = text.get_fontproperties()
        key = (got, self._text2path._get_font(prop), prop.get_size_in_points())
        box, lines, corner = self._text2path._kept(_GlyphCache._layouts, key,
                                                   lambda: lay_out(renderer))
        return box.frozen(), list(lines), corner

    def _get_font_height_metrics(self, prop) -> tuple:
        # Asked by `Text._get_layout` (matplotlib 3.11 and later) of the renderer it lays
        # text out with, before it looks the font up itself (a font match and two table
        # reads for every text, each file): kept per font properties and dpi, the same
        # floats (`_glyphs.font_height_metrics`, as the screen's recorder). Texts are laid
        # out at the figure's dpi (72 while this writes).
        if self._figure is None:
            return None, None, None  # matplotlib looks the font up itself
        return font_height_metrics(prop, self._figure.dpi)

    def draw_markers(self, gc, marker_path, marker_trans, path, trans, rgbFace=None):
        # docstring inherited
        xy = path.vertices
        if not len(xy):
            return
        writer = self.writer
        # A group of markers after another (the chamber's looks): the same marker, the
        # same places' transform, worked out once for the file.
        shape_key = (marker_path.vertices.tobytes(), _bytes(marker_path.codes),
                     marker_trans.get_matrix().tobytes())
        path_data = self._marker_data.get(shape_key)
        if path_data is None:
            path_data = self._marker_data[shape_key] = self._convert_path(
                marker_path, marker_trans + Affine2D().scale(1, -1), simplify=False)
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
        flip = self._flips.get(id(trans))
        if flip is None or flip[0] is not trans:  # (it follows `trans` as it changes)
            flip = self._flips[id(trans)] = (trans, self._make_flip_transform(trans))
        xy = flip[1].transform(xy)
        xy = xy[np.isfinite(xy).all(axis=1)]
        href = f"#{oid}"
        if len(xy):
            # The first place through the writer (which closes the group's tag), the rest
            # written straight after it as the writer would, one string: the writer's
            # per-element escaping was most of the time, and a number and an id need none.
            x, y = xy[0].tolist()
            writer.element("use", attrib={"xlink:href": href, "x": _num(x), "y": _num(y)})
            self._raw_write(_places(f'{" " * (depth + 1)}<use xlink:href="{href}" x="',
                                    xy[1:]))
        if gc.get_url() is not None:
            writer.end("a")
        writer.end("g")


    def _draw_text_as_path(self, gc, x, y, s, prop, angle, ismath, mtext=None):
        # matplotlib's for plain text (maths and TeX go to it unchanged), the glyphs'
        # <use>s after the first written in one string, kept with the string's glyphs.
        if ismath:
            return super()._draw_text_as_path(gc, x, y, s, prop, angle, ismath, mtext)
        writer, text2path = self.writer, self._text2path
        writer.comment(s)
        style = {}
        colour = rgb2hex(gc.get_rgb())
        if colour != "#000000":
            style["fill"] = colour
        alpha = gc.get_alpha() if gc.get_forced_alpha() else gc.get_rgb()[3]
        if alpha != 1:
            style["opacity"] = _num(alpha)
        scale = prop.get_size_in_points() / text2path.FONT_SCALE
        depth = writer.start("g", style=_css(style), transform=_transform(
            ("translate", (x, y)), ("rotate", (-angle,)), ("scale", (scale, -scale))))
        shaping = {}  # font features and language, where matplotlib has them (3.10+)
        for name in ("features", "language"):
            got = getattr(mtext, f"get_{'fontfeatures' if name == 'features' else name}",
                          None)
            if got is not None and got() is not None:
                shaping[name] = got()
        outlines, first, rest = text2path.placed(text2path._get_font(prop), s, shaping)
        defined = self._glyph_map
        self._update_glyph_map_defs(OrderedDict(
            (name, outline) for name, outline in outlines.items() if name not in defined))
        if first is not None:
            name, place = first
            writer.element("use", transform=place, attrib={"xlink:href": f"#{name}"})
        if rest:
            pad = " " * (depth + 1)
            self._raw_write(pad + pad.join(rest))
        writer.end("g")
        return None

    def _update_glyph_map_defs(self, glyph_map_new):
        # matplotlib's, each glyph's path data kept between files (`_GlyphCache`) and the
        # definitions after the first written in one string (as in `draw_markers`).
        if not glyph_map_new:
            return
        writer = self.writer
        depth = writer.start("defs")
        pad = " " * (depth + 1)
        for i, (name, outline) in enumerate(glyph_map_new.items()):
            d = self._text2path.path_data(name, outline, self._convert_path)
            name = self._adjust_glyph_repr(name)
            if i == 0:  # x64: FreeType's own (integral) units
                writer.element("path", id=name, d=d, transform=GLYPH_SCALE)
                parts = []
            else:
                d = f' d="{d}"' if d else ""  # a space has no outline: no d, as the writer
                parts.append(f'{pad}<path id="{name}"{d} transform="{GLYPH_SCALE}"/>\n')
        self._raw_write("".join(parts))
        writer.end("defs")
        self._glyph_map.update(glyph_map_new)


class FigureCanvas(FigureCanvasSVG):
    def print_svg(self, filename, *, bbox_inches_restore=None, metadata=None, **_kwargs):
        """As `FigureCanvasSVG.print_svg`, drawing with `MarkerSVG`; the text is written to
        the file whole at the end (matplotlib's writer makes a thousand small writes, each
        through an encoder for a binary file: one encoding of the whole is the same bytes)."""
        with cbook.open_file_cm(filename, "w", encoding="utf-8") as fh:
            if not cbook.file_requires_unicode(fh):
                fh = codecs.getwriter("utf-8")(fh)
            text = io.StringIO()
            dpi = self.figure.dpi
            self.figure.dpi = 72
            width, height = self.figure.get_size_inches()
            renderer = MixedModeRenderer(
                self.figure, width, height, dpi,
                MarkerSVG(width * 72, height * 72, text, image_dpi=dpi, metadata=metadata,
                          figure=self.figure),
                bbox_inches_restore=bbox_inches_restore)
            self.figure.draw(renderer)
            renderer.finalize()
            fh.write(text.getvalue())
