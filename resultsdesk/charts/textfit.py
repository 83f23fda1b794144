"""Measuring and fitting text: a label's size in pixels (remembered, so a re-layout measures
only what changed), shrinking a label to a width, and cutting it short with an ellipsis."""

from __future__ import annotations

import math

from matplotlib.text import Text

MIN_FONT_SCALE = 0.45  # a label never shrinks below this share of its theme size


_EXTENTS: dict[tuple, tuple[float, float]] = {}


def extent(text: Text, renderer) -> tuple[float, float]:
    """(width, height) in pixels of a Text as it would draw; zero when empty or hidden.

    Remembered by content and font, so laying out again after an update measures only the
    labels whose text changed.
    """
    s = text.get_text()
    if not text.get_visible() or not s:
        return 0.0, 0.0
    key = (s, text.get_fontsize(), text.get_fontweight(), tuple(text.get_fontfamily()),
           text.get_fontstyle(), text.get_rotation(), text.get_linespacing(),
           renderer.points_to_pixels(1.0))
    size = _EXTENTS.get(key)
    if size is None:
        if len(_EXTENTS) > 20_000:
            _EXTENTS.clear()
        bb = text.get_window_extent(renderer)
        size = _EXTENTS[key] = (bb.width, bb.height)
    return size


def fit_font(t: Text, renderer, size: float, max_width: float | None = None,
             max_height: float | None = None) -> float:
    """Set `t` to `size` points, shrunk (never below MIN_FONT_SCALE) to fit; returns it."""
    if t.get_fontsize() != size:
        t.set_fontsize(size)
    w, h = extent(t, renderer)
    scale = 1.0
    if max_width is not None and w > max_width > 0:
        scale = min(scale, max_width / w)
    if max_height is not None and h > max_height > 0:
        scale = min(scale, max_height / h)
    if scale < 1.0:
        size = max(size * MIN_FONT_SCALE, math.floor(size * scale * 2) / 2)
        t.set_fontsize(size)
    return size


ELLIPSIS = "\u2026"


def fit_text(t: Text, renderer, full: str, size: float, max_width: float,
             shrink: bool = True) -> float:
    """Set `t` to `full` at `size` points, shrunk (if `shrink`; never below
    MIN_FONT_SCALE) to fit `max_width` pixels, then cut short with an ellipsis if it still
    does not; returns the font size."""
    if t.get_text() != full:
        t.set_text(full)
    if shrink:
        size = fit_font(t, renderer, size, max_width)
    elif t.get_fontsize() != size:
        t.set_fontsize(size)
    if full and extent(t, renderer)[0] > max_width + 0.01:
        lo, hi = 0, len(full)  # the longest prefix that fits with the ellipsis
        while lo < hi:
            mid = (lo + hi + 1) // 2
            t.set_text(full[:mid].rstrip() + ELLIPSIS)
            if extent(t, renderer)[0] <= max_width:
                lo = mid
            else:
                hi = mid - 1
        t.set_text(full[:lo].rstrip() + ELLIPSIS if lo else "")
    return size
