"""Measuring and fitting text: a label's size in pixels (remembered, so a re-layout measures
only what changed), shrinking a label to a width, and cutting it short with an ellipsis.

Trying a size or a shortened string never leaves a label changed: `extent` measures a text
as it would be (`s`, `size`) without setting it, and the fitting functions set only the
result, and only when it differs. A label left as it was stays up to date for
`charts.frames`, which then keeps its recorded drawing instead of laying it out again.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from matplotlib.artist import Artist
from matplotlib.colors import to_rgba
from matplotlib.text import Text

MIN_FONT_SCALE = 0.45  # a label never shrinks below this share of its theme size


_EXTENTS: dict[tuple, tuple[float, float]] = {}
MAX_EXTENTS = 20_000  # remembered measures; past this the memory starts afresh
PX_STEPS = 1024  # measures kept to this fraction of a pixel (see _measure)


def extent(text: Text, renderer, s: str | None = None,
           size: float | None = None) -> tuple[float, float]:
    """(width, height) in pixels of a Text as it would draw (saying `s` at `size` points
    if given: the text itself is left as it is); zero when empty or hidden.

    Remembered by content and font, so laying out again after an update measures only the
    labels whose text changed.
    """
    if s is None:
        s = text.get_text()
    if not text.get_visible() or not s:
        return 0.0, 0.0
    if size is None:
        size = text.get_fontsize()
    key = (s, size, text.get_fontweight(), tuple(text.get_fontfamily()),
           text.get_fontstyle(), text.get_rotation(), text.get_linespacing(),
           renderer.points_to_pixels(1.0))
    got = _EXTENTS.get(key)
    if got is None:
        if len(_EXTENTS) > MAX_EXTENTS:
            _EXTENTS.clear()
        got = _EXTENTS[key] = _measure(text, renderer, s, size)
    return got


def _measure(text: Text, renderer, s: str, size: float) -> tuple[float, float]:
    """Measure `text` saying `s` at `size`, then put it back as it was, up to date or not."""
    was_s, was_size, was_stale = text.get_text(), text.get_fontsize(), text.stale
    if s != was_s:
        text.set_text(s)
    if size != was_size:
        text.set_fontsize(size)
    try:
        if text.get_wrap() or getattr(text, "arrowprops", None) is not None:
            bb = text.get_window_extent(renderer)
        else:
            # The text's own box, laid out where it is drawn from: what its window
            # extent measures, without first working out where that is (an annotation
            # follows its point through a chain of transforms) and moving the box there.
            bb = text._get_layout(renderer)[0]
    finally:
        if s != was_s:
            text.set_text(was_s)
        if size != was_size:
            text.set_fontsize(was_size)
        text.stale = was_stale
    # A box measured where the text happens to be carries rounding noise (the last bits
    # of x1 - x0): one label's height 17 and the next one's 16.999999999999996 made the
    # chamber's scale differ by a hair and every dot drawn again. Kept to 1/1024 px.
    return round(bb.width * PX_STEPS) / PX_STEPS, round(bb.height * PX_STEPS) / PX_STEPS


def put(artist: Artist, **props: Any) -> None:
    """Set each property (`position=(x, y)`, `fontsize=12`...) whose value differs: a
    setter marks its artist changed, to be drawn again, even given the value it has."""
    for name, value in props.items():
        if getattr(artist, f"get_{name}")() != value:
            getattr(artist, f"set_{name}")(value)


def put_colours(patch, face: Any = None, edge: Any = None) -> None:
    """A patch's face and edge colours, set only if they differ (as `put`)."""
    alpha = patch.get_alpha()
    if face is not None and patch.get_facecolor() != to_rgba(face, alpha):
        patch.set_facecolor(face)
    if edge is not None and patch.get_edgecolor() != to_rgba(edge, alpha):
        patch.set_edgecolor(edge)


def shrunk_size(t: Text, renderer, size: float, max_width: float | None = None,
                max_height: float | None = None, s: str | None = None) -> float:
    """The size `fit_font` would give `t` (saying `s`, if given), without setting it."""
    w, h = extent(t, renderer, s, size)
    scale = 1.0
    if max_width is not None and w > max_width > 0:
        scale = min(scale, max_width / w)
    if max_height is not None and h > max_height > 0:
        scale = min(scale, max_height / h)
    if scale < 1.0:
        least = size * MIN_FONT_SCALE
        size = max(least, math.floor(size * scale * 2) / 2)
        # Type is not measured exactly in proportion to its size: shrunk in proportion it
        # can come out a hair over the width (646.4 px for 646.3), and was then cut short
        # with an ellipsis: "LD gain from C…" on Mid Dorset and North Poole's vertical
        # broadcast card with a recount under way. Half a point less, until it fits.
        while max_width is not None and max_width > 0 and size > least \
                and extent(t, renderer, s, size)[0] > max_width + 0.01:
            size = max(least, size - 0.5)
    return size


def fit_font(t: Text, renderer, size: float, max_width: float | None = None,
             max_height: float | None = None) -> float:
    """Set `t` to `size` points, shrunk (never below MIN_FONT_SCALE) to fit; returns it."""
    size = shrunk_size(t, renderer, size, max_width, max_height)
    if t.get_fontsize() != size:
        t.set_fontsize(size)
    return size


def wrapped(t: Text, renderer, full: str, size: float, max_width: float,
            sep: str = " ") -> str:
    """`full` broken into lines of at most `max_width` pixels at `size` points, between the
    pieces `sep` divides it into (words, or " · " parts of a source line), in as few lines
    as fit, as even as they can be; a piece wider than that alone keeps a line of its own.
    Measures only (`t` is left as it is; a hidden `t` measures nothing, as `extent`)."""
    if extent(t, renderer, full, size)[0] <= max_width + 0.01:
        return full
    pieces = full.split(sep)

    def lines_within(width: float) -> list[str]:
        lines: list[str] = []
        for piece in pieces:
            longer = f"{lines[-1]}{sep}{piece}" if lines else piece
            if lines and extent(t, renderer, longer, size)[0] <= width + 0.01:
                lines[-1] = longer
            else:
                lines.append(piece)
        return lines

    lines = lines_within(max_width)
    # Balanced: the narrowest width that needs no more lines, so a last line is not
    # one word under a full one ("Gain: ring of the party that / lost it").
    widest = max(extent(t, renderer, line, size)[0] for line in lines)
    lo = max(extent(t, renderer, p, size)[0] for p in pieces)
    hi = widest
    while hi - lo > 1.0:
        mid = (lo + hi) / 2
        if len(lines_within(mid)) <= len(lines):
            hi = mid
        else:
            lo = mid
    return "\n".join(lines_within(hi))


ELLIPSIS = "\u2026"


def fit_text(t: Text, renderer, full: str, size: float, max_width: float,
             shrink: bool = True) -> float:
    """Set `t` to `full` at `size` points, shrunk (if `shrink`; never below
    MIN_FONT_SCALE) to fit `max_width` pixels, then cut short with an ellipsis if it still
    does not; returns the font size."""
    if shrink:
        size = shrunk_size(t, renderer, size, max_width, s=full)
    shown = _cut(t, renderer, full, size, max_width)
    if t.get_text() != shown:
        t.set_text(shown)
    if t.get_fontsize() != size:
        t.set_fontsize(size)
    return size


def _cut(t: Text, renderer, full: str, size: float, max_width: float) -> str:
    """`full`, or its longest start that fits `max_width` pixels with an ellipsis."""
    if not full or extent(t, renderer, full, size)[0] <= max_width + 0.01:
        return full
    lo, hi = 0, len(full)  # the longest prefix that fits with the ellipsis
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if extent(t, renderer, full[:mid].rstrip() + ELLIPSIS, size)[0] <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return full[:lo].rstrip() + ELLIPSIS if lo else ""


def _same_start(a: str, b: str) -> int:
    """How many first characters `a` and `b` have in common."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                min(len(a), len(b)))


def cut_apart(t: Text, renderer, full: str, others: Iterable[str], size: float,
              max_width: float) -> str:
    """`full` cut short to `max_width` pixels keeping what tells it from `others`: the
    same long start cut at its end read alike ("Bartholomew-Featherstonehaugh-…" for both
    "…-Alpha" and "…-Omega" on one card), so the ellipsis goes in the middle instead
    ("Bartholomew-Feath…-Alpha"), or first ("…-Alpha Smi…") where the end alone is
    too long. Measures only, as `wrapped`."""
    differs = max((_same_start(full, o) for o in others if o != full), default=0)
    start = max(full.rfind(c, 0, differs) for c in " -") + 1  # the differing word whole
    tail = full[start:]
    lo, hi = 0, start  # the longest head that fits before the ellipsis and the tail
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if extent(t, renderer, full[:mid].rstrip() + ELLIPSIS + tail, size)[0] <= max_width:
            lo = mid
        else:
            hi = mid - 1
    if lo:
        return full[:lo].rstrip() + ELLIPSIS + tail
    return _cut(t, renderer, ELLIPSIS + tail, size, max_width)


def cut_at_word(t: Text, renderer, full: str, size: float, max_width: float) -> str:
    """`full` if it fits `max_width` pixels at `size` points, else its longest run of whole
    words that fits with an ellipsis ("Christian Party…", never "Christian Pa…"); "" when
    not even its first word does. Measures only, as `wrapped`."""
    if not full or extent(t, renderer, full, size)[0] <= max_width + 0.01:
        return full
    words = full.split(" ")
    for n in range(len(words) - 1, 0, -1):
        shown = " ".join(words[:n]).rstrip(" ,;:-&\u2013") + ELLIPSIS
        if extent(t, renderer, shown, size)[0] <= max_width + 0.01:
            return shown
    return ""


def _wrapped_in_full(t: Text, renderer, line: str, size: float, max_width: float,
                     sep: str) -> str:
    """`line` within `max_width` pixels: broken between its `sep` pieces, then any piece
    still too wide between its words (only a single word wider than that stays wider)."""
    if extent(t, renderer, line, size)[0] <= max_width + 0.01:
        return line
    parts = wrapped(t, renderer, line, size, max_width, sep).split("\n")
    return "\n".join(p if extent(t, renderer, p, size)[0] <= max_width + 0.01
                      else wrapped(t, renderer, p, size, max_width) for p in parts)


def fit_lines(t: Text, renderer, full: str, size: float, max_width: float, least: float,
              sep: str = " \u00b7 ", lines: int = 2, wrap_below: float | None = None,
              cut: bool = True) -> float:
    """Set `t` to `full` on one line at `size` points, shrunk as far as `wrap_below`
    points (default `least`) to fit `max_width` pixels; where that is not enough, broken
    between its `sep` pieces onto at most `lines` lines at the largest size from `size`
    down that fits them, never below `least` (more lines then). A piece too wide alone is
    cut short with an ellipsis, or (not `cut`: a line that must be read in full) broken
    between its words. Returns the font size."""
    one = shrunk_size(t, renderer, size, max_width, s=full)
    one_line = one >= (least if wrap_below is None else wrap_below) or sep not in full
    if one_line and (cut or extent(t, renderer, full, max(one, min(least, size)))[0]
                     <= max_width):
        return fit_text(t, renderer, full, max(one, min(least, size)), max_width,
                        shrink=False)
    while True:
        s = wrapped(t, renderer, full, size, max_width, sep)
        if (s.count("\n") < lines and extent(t, renderer, s, size)[0] <= max_width + 0.01) \
                or size <= least:
            break
        size = max(least, size - 0.5)
    shown = "\n".join(_cut(t, renderer, line, size, max_width) if cut
                      else _wrapped_in_full(t, renderer, line, size, max_width, sep)
                      for line in s.split("\n"))
    if t.get_text() != shown:
        t.set_text(shown)
    if t.get_fontsize() != size:
        t.set_fontsize(size)
    return size
