"""A plain text's glyph bitmaps for Agg, made once and placed again: what
`RendererAgg.draw_text` does, with its two costly steps remembered.

Agg lays a string out (shaping) and renders each glyph at the glyph's origin, in 1/64
pixels. The layout depends on the string and the font, not on where it is drawn; a glyph's
bitmap depends on the glyph, the font, its transform and where its origin falls within a
pixel (FreeType's integer arithmetic): moved by whole pixels, the same bitmap is placed whole
pixels away. So both are kept, keyed by exactly what they depend on, and a label that says
again what it said before, anywhere, draws the same pixels without shaping or rasterising.
A line of Latin text first met is laid out from its words' layouts (`_words.composed`),
the same glyphs at the same places, so a status line with one new figure lays out that
figure alone. Used by `charts._recording` when replaying text onto Agg; `None` when this
matplotlib does not work as expected here (the caller then lets Agg draw the text itself).
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib import rcParams
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import fontManager, get_font

from ._kept import FONTS as _FONTS
from ._kept import keep_bounded
from ._words import composed

try:  # matplotlib's own, as its Agg renderer draws text (3.10 and later)
    from matplotlib.backends.backend_agg import get_hinting_flag
    from matplotlib.ft2font import RenderMode
except ImportError:  # pragma: no cover (an older matplotlib: Agg draws the text)
    get_hinting_flag = RenderMode = None

_LAYOUTS: dict[tuple, list] = {}
_GLYPHS: dict[tuple, tuple[np.ndarray, int, int]] = {}
renders = 0  # glyphs rasterised so far (tests count them)


def placed_glyphs(renderer, gc, x: float, y: float, s: str, prop, angle: float,
                  mtext=None) -> list | None:
    """The (bitmap, x, y, angle) images Agg's `draw_text` would draw for this text, as
    `RendererAgg._renderer.draw_text_image` takes them; None if not worked out here."""
    if RenderMode is None or not hasattr(renderer, "_prepare_font"):
        return None
    flags = get_hinting_flag()
    features = mtext.get_fontfeatures() if mtext is not None else None
    language = mtext.get_language() if mtext is not None else None
    size = prop.get_size_in_points()
    dpi = renderer.dpi
    key = (s, prop_key(prop), size, dpi, flags, rcParams["text.hinting_factor"],
           None if features is None else tuple(features), language)
    items = _LAYOUTS.get(key)
    if items is None:
        font = _prepared_font(prop, dpi)
        if not hasattr(font, "_layout"):
            return None
        line = composed(font, size, dpi, s, flags) if features is None \
            and language is None else None
        items = line[0] if line is not None else [
            (item.ft_object, item.glyph_index, item.x, item.y)
            for item in font._layout(s, flags=flags, features=features, language=language)]
        for item in items:
            _FONTS[id(item[0])] = item[0]
        keep_bounded(_LAYOUTS, key, items)
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int)
    shape = tuple(matrix.ravel())
    mode = RenderMode.NORMAL if gc.get_antialiased() else RenderMode.MONO
    height = renderer.height
    out = []
    for font, index, dx, dy in items:
        ox = round(0x40 * (x + dx * cos - dy * sin))
        oy = round(0x40 * (height - y + dx * sin + dy * cos))
        gkey = (id(font), size, dpi, index, flags, mode, shape, ox & 63, oy & 63)
        got = _GLYPHS.get(gkey)
        if got is None:
            got = _render(font, size, dpi, matrix, ox, oy, index, flags, mode, gc)
            keep_bounded(_GLYPHS, gkey, got)
        buffer, left, top = got
        out.append((buffer, left + (ox >> 6), int(height) - (top + (oy >> 6))
                    + buffer.shape[0], 0))
    return out


def prop_key(prop) -> tuple:
    """A font's properties as plain values: everything `FontProperties` hashes, by its
    getters, so that a key means the same in another process (`text_memory` writes them
    down; a hash of strings differs from one process to the next)."""
    return (tuple(prop.get_family()), prop.get_style(), prop.get_variant(),
            prop.get_weight(), prop.get_stretch(), prop.get_size_in_points(),
            prop.get_file(), prop.get_math_fontfamily())


def _prepared_font(prop, dpi: float):
    """What `RendererAgg._prepare_font` gives (the font cleared, at the size), its font
    files looked up once per font (`font_files`) rather than for every new text."""
    font = get_font(font_files(prop))
    font.clear()
    font.set_size(prop.get_size_in_points(), dpi)
    return font


# A font's files, by everything matplotlib's match depends on bar the size. Its own cache
# (`findfont`) is by size too, and a miss scores every font on the machine: one for each
# size a label is tried at while it is fitted, most of a first frame's font work. The
# match gives every size the same files while every font in the list is scalable (the
# size then scores 0 for each); when one is not, the size is part of the key.
_FILES: dict[tuple, list] = {}
_FONT_RC = tuple(f"font.{k}" for k in ("family", "style", "variant", "weight", "stretch",
                                        "size", "serif", "sans-serif", "cursive", "fantasy",
                                        "monospace"))
_scalable: tuple[int, bool] = (-1, False)  # (fonts in the list, all of them scalable)
file_lookups = 0  # fonts matched by matplotlib (tests count them)


def font_files(prop) -> list:
    """`fontManager._find_fonts_by_props(prop)`, matched once per font whatever its size."""
    global file_lookups, _scalable
    fonts = fontManager.ttflist
    if _scalable[0] != len(fonts):
        _scalable = (len(fonts), all(f.size == "scalable" for f in fonts))
    # The rcParams findfont keys its own cache by: a generic family is looked up in them.
    key = (tuple(prop.get_family()), prop.get_style(), prop.get_variant(),
           prop.get_weight(), prop.get_stretch(), prop.get_file(),
           None if _scalable[1] else prop.get_size(),
           tuple(str(rcParams[k]) for k in _FONT_RC))
    files = _FILES.get(key)
    if files is None:
        file_lookups += 1
        find = getattr(fontManager, "_find_fonts_by_props", None)
        files = keep_bounded(_FILES, key,
                             find(prop) if find else [fontManager.findfont(prop)], 1000)
    return files


_METRICS: dict[tuple, tuple[float, float, float]] = {}  # text measures (`text_metrics`)
_AGG_MEASURE = RendererAgg.get_text_width_height_descent  # what `text_extent` does


def text_metrics(renderer, s: str, prop, ismath) -> tuple[float, float, float]:
    """`renderer.get_text_width_height_descent(s, prop, ismath)`, kept for every renderer
    of its kind at its dpi (a text's measure depends on nothing else); Agg's measure of
    plain text done here (`text_extent`), its font found once per font, not per size."""
    key = (s, prop_key(prop), ismath, renderer.dpi, type(renderer))
    got = _METRICS.get(key)
    if got is None:
        got = text_extent(s, prop, renderer.dpi) if ismath is False \
            and type(renderer).get_text_width_height_descent is _AGG_MEASURE else None
        if got is None:
            got = renderer.get_text_width_height_descent(s, prop, ismath)
        keep_bounded(_METRICS, key, got)
    return got


def text_extent(s: str, prop, dpi: float) -> tuple[float, float, float] | None:
    """(width, height, descent) in pixels of plain text `s`, as `RendererAgg
    .get_text_width_height_descent` measures it (the same font object and calls, so the
    same floats), its font found by `font_files`, a line of words from its words'
    layouts (`_words.composed`: `set_text`'s width is the pen's end, its height and
    descent its glyphs' boxes'); None if this matplotlib's Agg is not known here."""
    if get_hinting_flag is None:
        return None
    font = _prepared_font(prop, dpi)
    flags = get_hinting_flag()
    line = composed(font, prop.get_size_in_points(), dpi, s, flags) \
        if hasattr(font, "_layout") else None
    if line is not None:  # a line of words met before: its measure from theirs
        _items, end, low, high = line
        return end / 64.0, (high - low) / 64.0, -low / 64.0
    font.set_text(s, 0.0, flags=flags)
    w, h = font.get_width_height()  # unrotated, in 1/64 pixels
    return w / 64.0, h / 64.0, font.get_descent() / 64.0


def _render(font, size, dpi, matrix, ox, oy, index, flags, mode, gc):
    """One glyph as Agg renders it, its place given from the pixel its origin is in."""
    global renders
    renders += 1
    font.set_size(size, dpi)
    font._set_transform(matrix, [ox, oy])
    bitmap = font._render_glyph(index, flags, mode)
    buffer = np.array(bitmap.buffer)
    if not gc.get_antialiased():
        buffer *= 0xff
    return buffer, bitmap.left - (ox >> 6), bitmap.top - (oy >> 6)


# A font's line metrics, by its properties and dpi: what `Text._get_layout` looks up for
# every text each time it is measured or drawn (a font lookup and two table reads).
_HEIGHTS: dict[tuple, tuple] = {}
height_lookups = 0  # fonts looked up for their line metrics (tests count them)


def font_height_metrics(prop, dpi: float) -> tuple:
    """(ascent, descent, line gap) in pixels of `prop`'s font at `dpi`, worked out as
    matplotlib's `Text._get_layout` does (the same tables, the same arithmetic, so the
    same floats); (None, None, None) when the font has neither table. Once per distinct
    font properties and dpi."""
    global height_lookups
    key = (hash(prop), dpi)
    got = _HEIGHTS.get(key)
    if got is None:
        height_lookups += 1
        got = (None, None, None)
        font = get_font(font_files(prop))
        for table_name, linegap_key, ascent_key, descent_key in (
                ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                ("hhea", "lineGap", "ascent", "descent")):
            table = font.get_sfnt_table(table_name)
            if table is None:
                continue
            fontsize = prop.get_size_in_points()
            units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
            scale = 1 / units_per_em * fontsize * dpi / 72
            got = (table[ascent_key] * scale, -table[descent_key] * scale,
                   table[linegap_key] * scale)
            break
        keep_bounded(_HEIGHTS, key, got, 1000)
    return got

