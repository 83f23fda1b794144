"""A line of Latin text laid out from its words' layouts: what FreeType and HarfBuzz give
for the whole line, without laying the whole line out again.

Agg lays out (shapes) a string every time it first meets it, to measure it and again to
draw it, and each glyph of it is loaded and hinted afresh (~20 µs a glyph here, ~50 µs a
string besides): a status line of 35 characters costs ~0.7 ms a time, and a live update
changes a few such lines ("As of 03:12 · 331 of 650 declared", a vote count, the shares)
in every chart on screen. Their words recur ("declared", "of", "650", "votes"), so each word
is laid out once and a line is put together from its words and the spaces between them.

Exact, not approximate: a word's glyphs, and their places within it, are FreeType's and
HarfBuzz's own for that word; between words, a line is composed only where nothing joins
across the space: every word and the space itself are glyphs of the font asked for (no
fallback font), and the font moves neither glyph beside a space (the pair laid out alone
has the two glyphs one advance apart) nor ligates it. A line's measure is then what
`FT2Font.set_text` gives: its width the pen's end, its height and descent the union of
its glyphs' boxes. `tests/charts/test_words.py` compares composed and real layouts of
thousands of lines at the charts' sizes in both weights. Anything else (another script,
a mark, a control character, a fallback font, font features) returns None: the caller
lays the line out whole, as before.
"""

from __future__ import annotations

from typing import Any

try:  # matplotlib 3.10 and later, as `_glyphs` needs too
    from matplotlib.ft2font import LoadFlags
except ImportError:  # pragma: no cover (an older matplotlib: nothing composed)
    LoadFlags = None

from ._kept import FONTS, keep_bounded

_WORDS: dict[tuple, tuple | None] = {}  # (font, size, dpi, flags, word) -> run or None
_GLYPHS: dict[tuple, tuple[int, int, int, int]] = {}  # (font, ..., character) -> glyph,
# advance, y0, y1
_GAPS: dict[tuple, bool] = {}  # (font, ..., a, b): a and b meet as their advances say
layouts = 0  # words or pairs laid out by FreeType and HarfBuzz (tests count them)

# The characters a composed line may hold: Latin letters with their accents precomposed,
# digits, ASCII and Latin-1 punctuation, dashes, quotes, bullets, currency signs, the
# minus. No marks (combining), no right-to-left script, no bidi or zero-width controls:
# their shaping reaches beyond a word.
_RANGES = ((0x20, 0x7E), (0xA0, 0x24F), (0x2010, 0x2027), (0x2030, 0x205E),
           (0x20A0, 0x20C0), (0x2212, 0x2212))
# The hinting `tests/charts/test_words.py` holds this to: the charts' (none, `charts._base`),
# matplotlib's default, and its forced autohinter.
_TESTED = frozenset((LoadFlags.NO_HINTING, LoadFlags.DEFAULT, LoadFlags.FORCE_AUTOHINT)
                   if LoadFlags is not None else ())
# The characters of figures, composed glyph by glyph (`_figure`).
_FIGURES = frozenset("0123456789,.%+-\u2212:()")
# Less the soft hyphen, which HarfBuzz shows or hides as the text around it says.
_LATIN = frozenset(chr(c) for lo, hi in _RANGES for c in range(lo, hi + 1)) - {"\xad"}


def composed(font: Any, size: float, dpi: float, s: str, flags: Any) -> tuple | None:
    """The layout of plain text `s` in `font` (an FT2Font Agg has prepared at `size`
    points and `dpi`): ([(ft_object, glyph_index, x, y)] with x, y in pixels as
    `FT2Font._layout` gives them; the pen's end, and the lowest and highest glyph edges, in
    1/64 pixels), or None when `s` is not a line this can compose exactly (see the
    module's docstring)."""
    if not s or flags not in _TESTED or not _LATIN.issuperset(s):
        return None
    FONTS[id(font)] = font  # kept alive, so that its id is never another font's
    font_key = (id(font), size, dpi, flags)
    words = s.split(" ")
    if len(words) == 1:
        return _word(font, font_key, s, flags)
    space = _word(font, font_key, " ", flags)
    if space is None:
        return None
    items: list = []
    pen, low, high = 0, space[2], space[3]
    for i, word in enumerate(words):
        if i:  # the space before this word, after the last word (or space)
            if not _meet(font, font_key, words[i - 1][-1:] or " ", " ", flags) or (
                    word and not _meet(font, font_key, " ", word[0], flags)):
                return None
            items.extend((f, g, x + pen / 64, y) for f, g, x, y in space[0])
            pen += space[1]
        if not word:
            continue
        run = _word(font, font_key, word, flags)
        if run is None:
            return None
        placed, advance, y0, y1 = run
        shift = pen / 64
        items.extend((f, g, x + shift, y) for f, g, x, y in placed)
        pen += advance
        low, high = min(low, y0), max(high, y1)
    return items, pen, low, high


def _word(font: Any, font_key: tuple, word: str, flags: Any) -> tuple | None:
    """A word laid out alone: (items, advance, lowest, highest), or None if a glyph of it
    comes from another font, sits off the baseline or is not its character's own glyph
    (a ligature)."""
    key = (*font_key, word)
    if key in _WORDS:
        return _WORDS[key]
    if len(word) > 1 and _FIGURES.issuperset(word):
        return _figure(font, font_key, word, flags)
    return _word_laid_out(font, font_key, word, flags)


def _word_laid_out(font: Any, font_key: tuple, word: str, flags: Any) -> tuple | None:
    """`_word` by FreeType and HarfBuzz, kept."""
    key = (*font_key, word)
    global layouts
    layouts += 1
    laid = font._layout(word, flags=flags)
    run = None
    if laid and all(item.ft_object is font and item.y == 0 and len(item.char) == 1
                    for item in laid):
        glyphs = [_glyph(font, font_key, item.char, flags) for item in laid]
        if all(g[0] == item.glyph_index for g, item in zip(glyphs, laid, strict=True)):
            run = ([(item.ft_object, item.glyph_index, item.x, item.y) for item in laid],
                   round(laid[-1].x * 64) + glyphs[-1][1],
                   min(g[2] for g in glyphs), max(g[3] for g in glyphs))
    keep_bounded(_WORDS, key, run)
    return run


def _figure(font: Any, font_key: tuple, word: str, flags: Any) -> tuple | None:
    """A figure ("4,507,855", "34.4%", "+2.1") put together glyph by glyph: figures are
    mostly new each time, and their characters' glyphs stand an advance apart unless the
    font kerns or joins a pair (each pair laid out once, `_meet`; such a figure is laid out
    whole). Not kept: its glyphs are."""
    items = []
    pen = 0
    low = high = None
    for i, char in enumerate(word):
        if i and not _meet(font, font_key, word[i - 1], char, flags):
            return _word_laid_out(font, font_key, word, flags)
        glyph, advance, y0, y1 = _glyph(font, font_key, char, flags)
        items.append((font, glyph, pen / 64, 0.0))
        pen += advance
        low = y0 if low is None else min(low, y0)
        high = y1 if high is None else max(high, y1)
    return items, pen, low, high


def _glyph(font: Any, font_key: tuple, char: str, flags: Any) -> tuple[int, int, int, int]:
    """A character's glyph, its advance in a layout and its box's lowest and highest
    edges (in 1/64 pixels). The advance is HarfBuzz's, as FreeType gives it for these load
    flags: unhinted, the linear advance (16.16) rounded to 1/64 pixel; hinted, the hinted
    one. (`set_text` of the character alone measures the same, at ~4 times the cost: a
    window's first paint with no text memory meets a few hundred characters.)"""
    key = (*font_key, char)
    got = _GLYPHS.get(key)
    if got is None:
        index = font.get_char_index(ord(char))
        loaded = font.load_glyph(index, flags)
        _x0, y0, _x1, y1 = loaded.bbox
        advance = (loaded.linearHoriAdvance + 512) >> 10 if flags & LoadFlags.NO_HINTING \
            else loaded.horiAdvance
        got = keep_bounded(_GLYPHS, key, (index, advance, y0, y1))
    return got


def _meet(font: Any, font_key: tuple, a: str, b: str, flags: Any) -> bool:
    """Do characters `a` and `b` side by side stay two glyphs one advance apart (no
    kerning, no ligature between them)? Laid out once per pair."""
    key = (*font_key, a, b)
    got = _GAPS.get(key)
    if got is None:
        global layouts
        layouts += 1
        pair = font._layout(a + b, flags=flags)
        first, second = _word(font, font_key, a, flags), _word(font, font_key, b, flags)
        got = keep_bounded(_GAPS, key, (
            first is not None and second is not None and len(pair) == 2
            and (pair[0].glyph_index, pair[1].glyph_index) == (first[0][0][1],
                                                              second[0][0][1])
            and pair[0].x == 0 and pair[1].y == 0 and round(pair[1].x * 64) == first[1]))
    return got

