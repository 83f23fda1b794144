"""What a graphic's text asks of its fonts that none of them has: a name from an imported
file in a script no font on this machine draws (Chinese, Japanese, an emoji where only
DejaVu Sans is installed). matplotlib draws such a character as a box from its Last Resort
font, and says so as a Python warning per glyph on the console (filtered in `theme`); the
desk says instead, once per graphic, which words went on air as boxes (`desk.graphics`).
"""

from __future__ import annotations

import unicodedata

from matplotlib.figure import Figure
from matplotlib.font_manager import get_font
from matplotlib.text import Text

from ._glyphs import font_files

_DRAWN: dict[str, frozenset[int]] = {}  # a font file's characters, by path
# Drawn as nothing whatever the font: controls, joiners and other format characters,
# spaces; and variation selectors (an emoji's U+FE0F), which choose a glyph, not add one.
_NOTHING = frozenset(("Cc", "Cf", "Zs", "Zl", "Zp"))


def _drawn_by(path) -> frozenset[int]:
    got = _DRAWN.get(str(path))
    if got is None:
        got = _DRAWN[str(path)] = frozenset(get_font(path).get_charmap())
    return got


def _unseen(char: str) -> bool:
    return (unicodedata.category(char) in _NOTHING or 0xFE00 <= ord(char) <= 0xFE0F
            or 0xE0100 <= ord(char) <= 0xE01EF)


def undrawn(figure: Figure) -> list[str]:
    """The words of `figure`'s shown texts that hold a character none of their fonts
    draws, each once, in the order met."""
    words: dict[str, None] = {}
    for text in figure.findobj(lambda a: isinstance(a, Text) and a.get_visible()):
        s = text.get_text()
        if s.isascii():
            continue
        fonts = [_drawn_by(p) for p in font_files(text.get_fontproperties())]
        for word in s.split():
            if any(not _unseen(c) and all(ord(c) not in f for f in fonts) for c in word):
                words[word] = None
    return list(words)
