"""Text as the charts drew it the last time the app ran, kept in a file between runs.

The screen's charts keep what FreeType gives them (`_glyphs`: each string's measure and
layout, each glyph's bitmap) for as long as the app runs. A new start had to ask for all of
it again for its first frame: shaping and rasterising the three charts' text was ~80 ms of
the ~230 ms the first paint takes (the 2024 night). `save` writes those stores down as the
app closes; `load` puts them back as the next one starts, before its first paint.

What comes back is exactly what FreeType gave, and only where nothing it depends on has
changed: the same matplotlib and FreeType, the same text settings (hinting, kerning,
antialiasing and the font rcParams) and each font file as it was (path, size, modification
time), resolved from the same font properties to the same file. Anything else in the file
is passed over; a damaged, foreign or unreadable file is ignored as a whole (one line in
the log) and replaced at the next save. It is a cache, never data: no pickle, a JSON
header and the bitmaps' bytes, written whole to a temporary file and moved into place.
"""

from __future__ import annotations

import json
import logging
import os
import struct
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
from matplotlib import ft2font, rcParams
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties, get_font

# The charts' own text rcParams (hinting: `_base`) are part of every kept answer's conditions:
# set before they are compared or written, however this module was reached.
from . import _base, _glyphs  # noqa: F401

log = logging.getLogger(__name__)

MAGIC = b"ResultsDesk text memory 2\n"
# What one file keeps at most (the latest of each; a night's charts use a few hundred):
# reading it back must stay a small part of what it saves.
MOST_METRICS, MOST_LAYOUTS, MOST_GLYPHS = 4_000, 4_000, 8_000
MOST_BYTES = 16 * 1024 * 1024  # a larger file is not ours, or not worth reading
_TEXT_RC = ("text.hinting", "text.hinting_factor", "text.kerning_factor",
            "text.antialiased")

_saved_size = (-1, -1, -1)  # the stores' sizes when last loaded or saved


def conditions() -> dict[str, Any]:
    """What every kept answer depends on besides its own key."""
    return {"matplotlib": matplotlib.__version__,
            "freetype": getattr(ft2font, "__freetype_version__", None),
            "rc": [str(rcParams[k]) for k in (*_TEXT_RC, *_glyphs._FONT_RC)]}


def _sizes() -> tuple[int, int, int]:
    return len(_glyphs._METRICS), len(_glyphs._LAYOUTS), len(_glyphs._GLYPHS)


def _font_stamp(path: str) -> list | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [path, st.st_size, st.st_mtime_ns]


def _plain_prop(key: tuple) -> list | None:
    """A `_glyphs.prop_key` as JSON, or None if it holds anything JSON would change."""
    family, *rest = key
    if not all(isinstance(f, str) for f in family):
        return None
    if not all(v is None or isinstance(v, (str, int, float)) for v in rest):
        return None
    return [list(family), *rest]


def _prop_font(key: tuple):
    """The font `_glyphs` draws a `prop_key` with, looked up as it does; None if the key
    does not come back from the properties it describes."""
    family, style, variant, weight, stretch, size, file, maths = key
    prop = FontProperties(family=list(family), style=style, variant=variant, weight=weight,
                          stretch=stretch, size=size, fname=file, math_fontfamily=maths)
    if _glyphs.prop_key(prop) != key:
        return None
    return get_font(_glyphs.font_files(prop))


class _Writer:
    """The header's lists, each font file and each font's properties written once and
    referred to by place; the properties with the font file they resolve to now."""

    def __init__(self) -> None:
        self.fonts: list[list] = []
        self.props: list[list] = []
        self.prop_files: list[str] = []  # the font file of each entry of `props`
        self._ids: dict[tuple, int | None] = {}

    def _refer(self, rows: list, key: tuple, make) -> int | None:
        """`key`'s place in `rows`, its row made (`make()`, None: not writable) once."""
        if key not in self._ids:
            row = make()
            self._ids[key] = None if row is None else len(rows)
            if row is not None:
                rows.append(row)
        return self._ids[key]

    def font(self, fname: str) -> int | None:
        return self._refer(self.fonts, ("font", fname), lambda: _font_stamp(fname))

    def prop(self, key: tuple) -> int | None:
        def make() -> list | None:
            plain, font = _plain_prop(key), _prop_font(key)
            f = None if font is None else self.font(font.fname)
            if plain is None or f is None:
                return None
            self.prop_files.append(font.fname)
            return [plain, f]

        return self._refer(self.props, ("prop", key), make)


def _latest(store: dict, most: int) -> list:
    items = list(store.items())
    return items[-most:]


def snapshot() -> bytes:
    """The stores as the file holds them (what `save` writes)."""
    w = _Writer()
    metrics = []
    for (s, key, ismath, dpi, kind), (width, height, descent) in _latest(
            _glyphs._METRICS, MOST_METRICS):
        if kind is not RendererAgg or ismath is not False:
            continue  # another renderer's measure, or maths: not FreeType's plain answer
        p = w.prop(key)
        if p is not None:
            metrics.append([s, p, dpi, width, height, descent])
    layouts = []
    for (s, key, size, dpi, flags, factor, features, language), items in _latest(
            _glyphs._LAYOUTS, MOST_LAYOUTS):
        fonts = {id(item[0]) for item in items}
        if features is not None or language is not None or len(fonts) > 1:
            continue  # shaped with options, or with a fallback font: not kept
        p = w.prop(key)
        if p is None or (items and items[0][0].fname != w.prop_files[p]):
            continue  # its font not the one the properties resolve to (now)
        layouts.append([s, p, size, dpi, flags.value, factor,
                        [[index, x, y] for _font, index, x, y in items]])
    glyphs, blob = [], []
    for (font_id, size, dpi, index, flags, mode, shape, ox, oy), (buffer, left, top) in \
            _latest(_glyphs._GLYPHS, MOST_GLYPHS):
        font = _glyphs._FONTS.get(font_id)
        if font is None or buffer.dtype != np.uint8 or buffer.ndim != 2:
            continue
        f = w.font(font.fname)
        if f is None:
            continue
        glyphs.append([f, size, dpi, index, flags.value, mode.value,
                       [int(v) for v in shape], ox, oy, *buffer.shape, int(left), int(top)])
        blob.append(np.ascontiguousarray(buffer).tobytes())
    header = json.dumps({"conditions": conditions(), "fonts": w.fonts, "props": w.props,
                         "metrics": metrics, "layouts": layouts, "glyphs": glyphs},
                        separators=(",", ":")).encode()
    return MAGIC + struct.pack("<Q", len(header)) + header + b"".join(blob)


def save(path: Path) -> bool:
    """Write the stores to `path` if they grew since the last load or save; whether it did.
    Never raises for the file: a cache that cannot be written is only slower next time."""
    global _saved_size
    if _sizes() == _saved_size or not any(_sizes()):
        return False
    import tempfile  # only as the app closes, not on the way to its first paint

    try:
        data = snapshot()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".text-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except Exception as exc:  # a cache: whatever fails, the app closes as ever
        log.warning("text memory not saved to %s: %s", path, exc)
        return False
    _saved_size = _sizes()
    return True


def load(path: Path) -> int:
    """Put back what `path` holds that still holds here; the number of answers put back
    (0 for no file, another format, other conditions or a damaged file)."""
    global _saved_size
    try:
        with path.open("rb") as fh:
            data = fh.read(MOST_BYTES + 1)
    except FileNotFoundError:
        return 0
    except OSError as exc:
        log.warning("text memory not read from %s: %s", path, exc)
        return 0
    try:
        n = _restore(data)
    except Exception as exc:  # a cache: whatever is wrong, the app starts
        log.warning("text memory in %s ignored: %s", path, exc)
        return 0
    _saved_size = _sizes()
    return n


def _restore(data: bytes) -> int:
    if len(data) > MOST_BYTES or not data.startswith(MAGIC):
        raise ValueError("not a text memory of this format")
    (length,) = struct.unpack_from("<Q", data, len(MAGIC))
    start = len(MAGIC) + 8
    header = json.loads(data[start:start + length])
    if header["conditions"] != conditions():
        return 0  # another matplotlib, FreeType or text settings: nothing holds
    # Agg takes a glyph's bitmap as a writable array: one copy of them all, then views.
    blob = np.frombuffer(bytearray(data[start + length:]), dtype=np.uint8)
    props = [(tuple(family), *rest) for (family, *rest), _f in header["props"]]
    fonts = [stamp if _font_stamp(stamp[0]) == stamp else None for stamp in header["fonts"]]
    # Each kept answer holds only if its properties still resolve to the font file they did,
    # unchanged: the font object it was made with, as `_glyphs` looks it up.
    resolved: dict[int, Any] = {}
    by_file: dict[str, Any] = {}
    restored: list[tuple[dict, tuple, Any]] = []

    def font_for(p: int):
        if p not in resolved:
            stamp = fonts[header["props"][p][1]]
            font = _prop_font(props[p])
            if font is None or stamp is None or font.fname != stamp[0]:
                font = None
            else:
                by_file[font.fname] = font
            resolved[p] = font
        return resolved[p]

    for s, p, dpi, width, height, descent in header["metrics"]:
        if font_for(p) is not None:
            restored.append((_glyphs._METRICS, (s, props[p], False, dpi, RendererAgg),
                             (width, height, descent)))
    for s, p, size, dpi, flags, factor, items in header["layouts"]:
        font = font_for(p)
        if font is None:
            continue
        restored.append((_glyphs._LAYOUTS, (s, props[p], size, dpi, _load_flags(flags),
                                            factor, None, None),
                         [(font, index, x, y) for index, x, y in items]))
    offset = 0
    for f, size, dpi, index, flags, mode, shape, ox, oy, rows, cols, left, top in \
            header["glyphs"]:
        n = rows * cols
        raw = blob[offset:offset + n]
        offset += n
        if len(raw) != n:
            raise ValueError("the bitmaps end early")
        font = by_file.get(fonts[f][0]) if fonts[f] is not None else None
        if font is None:
            continue  # its font not looked up for any kept text, or changed
        restored.append((_glyphs._GLYPHS, (id(font), size, dpi, index, _load_flags(flags),
                                           _render_mode(mode), tuple(shape), ox, oy),
                         (raw.reshape(rows, cols), left, top)))
    # All read and checked before any of it goes in: a file damaged halfway adds nothing.
    for font in by_file.values():
        _glyphs._FONTS[id(font)] = font
    for store, key, value in restored:
        store.setdefault(key, value)
    return len(restored)


@cache
def _load_flags(value: int):
    return ft2font.LoadFlags(value)


@cache
def _render_mode(value: int):
    return ft2font.RenderMode(value)
