"""Names as the desk draws them: no two characters that DejaVu Sans (the charts' font, which
matplotlib ships, and the desks' usual interface font on Linux) draws as the very same
pixels are two people (domain/identity.py). Unicode's confusables data is the rule
`same_person` follows; this draws every character of the font, in each of its four styles,
and holds the data to what a person reading the screen sees. It found the Cyrillic small
palochka `ӏ` (an `l` on screen, an `i` in the data) and seven pairs the data leaves apart
(`identity._MISSING_TWINS`)."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib.ft2font import FT2Font, LoadFlags

from resultsdesk.domain.identity import same_person

STYLES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
          "DejaVuSans-BoldOblique.ttf")
SIZE = 48  # pixels a em: large enough that two shapes differing anywhere differ in pixels


def _twins(file: str) -> list[list[str]]:
    """The font's characters grouped by what they draw: the same pixels at the same place
    against the baseline (the glyph's box), unhinted. Letters, digits, punctuation and
    symbols; not spaces, controls or marks (a combining mark is never drawn alone)."""
    font = FT2Font(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / file))
    groups: dict[tuple, list[str]] = defaultdict(list)
    for code in sorted(font.get_charmap()):
        char = chr(code)
        if unicodedata.category(char)[0] in "CZM":
            continue
        font.clear()
        font.set_size(SIZE, 72)
        font.set_text(char, 0.0, flags=LoadFlags.NO_HINTING)
        font.draw_glyphs_to_bitmap(antialiased=True)
        image = np.asarray(font.get_image())
        if not image.any():
            continue
        glyph = font.load_char(code, flags=LoadFlags.NO_HINTING)
        groups[(image.shape, image.tobytes(), tuple(glyph.bbox))].append(char)
    return [chars for chars in groups.values() if len(chars) > 1]


def _name(char: str) -> str:
    return f"{char} U+{ord(char):04X} {unicodedata.name(char, '?')}"


@pytest.mark.parametrize("file", STYLES)
def test_characters_the_font_draws_alike_are_one_person(file):
    twins = _twins(file)
    assert len(twins) > 100  # (the font has its many twins: Latin, Greek, Cyrillic capitals)
    apart = [f"{_name(chars[0])} / {_name(other)}" for chars in twins for other in chars[1:]
             if not (same_person(f"x{chars[0]}y", f"x{other}y")
                     and same_person(f"X{chars[0]}Y", f"X{other}Y"))]
    assert apart == []


def test_the_palochka_draws_as_an_l_and_not_as_an_i():
    """What the data has wrong, seen in the font: pixel for pixel an `l`."""
    twins = _twins("DejaVuSans.ttf")
    assert any({"\u04cf", "l"} <= set(chars) for chars in twins)
    assert not any({"\u04cf", "i"} <= set(chars) for chars in twins)
