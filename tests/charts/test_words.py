"""A line composed from its words' layouts (`charts._words`) is FreeType's and HarfBuzz's
layout of the whole line, glyph for glyph and place for place, and measures what
`FT2Font.set_text` measures: over the bundled 2024 night's names, the charts' status lines
and figures, and random Latin text, at the charts' sizes, in both weights, at the screen's
and the exports' dpi. And a line whose words were met before lays nothing out again."""

from __future__ import annotations

import csv
import itertools
import random

import pytest
from matplotlib import rc_context
from matplotlib.backends.backend_agg import get_hinting_flag
from matplotlib.font_manager import FontProperties

from resultsdesk.charts import _glyphs, _words
from resultsdesk.charts.theme import BROADCAST, LIGHT
from resultsdesk.paths import ELECTION_2024, data_file

# The charts draw unhinted (`charts._base`); matplotlib's default hints every glyph.
HINTING = ("no_hinting", "default", "force_autohint")


def _night_words() -> list[str]:
    with data_file(ELECTION_2024).open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    names = sorted({r["Constituency name"] for r in rows})
    people = sorted({f"{r['Candidate first name']} {r['Candidate surname']}" for r in rows})
    parties = sorted({r["Party name"] for r in rows} | {r["Party abbreviation"] for r in rows})
    return names + people[:300] + parties


def _lines(rng: random.Random) -> list[str]:
    words = _night_words()
    latin = sorted(_words._LATIN)
    lines = list(words)
    for n in range(150):
        seats, of = rng.randint(0, 650), 650
        lines += [f"As of {n % 24:02d}:{n % 60:02d} · {seats} of {of} declared",
                  f"{rng.randint(0, 30_000_000):,} votes in {seats} of {of} seats",
                  f"{rng.random() * 100:.1f}%", f"{rng.choice('+−')}{rng.random() * 20:.1f}",
                  f"Undeclared {650 - seats}", f"{rng.choice(words)} {rng.randint(0, 500)}",
                  f"Majority {rng.randint(1, 30_000):,} ({rng.random() * 60:.1f}%)"]
    for _ in range(300):  # anything the range allows, spaces doubled, leading, trailing
        lines.append("".join(rng.choice(latin + [" "] * 12) for _ in range(rng.randint(1, 40))))
    return lines


def _real(font, s: str, flags) -> tuple[list, tuple[float, float, float]]:
    items = [(i.ft_object, i.glyph_index, i.x, i.y) for i in font._layout(s, flags=flags)]
    font.set_text(s, 0.0, flags=flags)
    w, h = font.get_width_height()
    return items, (w / 64.0, h / 64.0, font.get_descent() / 64.0)


@pytest.mark.parametrize(("size", "dpi", "weight", "hinting"), [
    (LIGHT.label_size, 100.0, "normal", HINTING[0]), (LIGHT.label_size, 100.0, "normal",
                                                      HINTING[2]),
    (LIGHT.small_size, 96.0, "bold", HINTING[0]), (BROADCAST.big_size, 72.0, "bold",
                                                   HINTING[0])])
def test_a_composed_line_is_the_whole_lines_layout_and_measure(size, dpi, weight, hinting):
    rng = random.Random(f"{size}-{dpi}-{weight}")
    prop = FontProperties(size=size, weight=weight)
    composed = wrong = 0
    with rc_context({"text.hinting": hinting}):
        flags = get_hinting_flag()
        for s in _lines(rng):
            font = _glyphs._prepared_font(prop, dpi)
            line = _words.composed(font, size, dpi, s, flags)
            if line is None:
                continue
            composed += 1
            items, end, low, high = line
            real = _real(font, s, flags)
            mine = (items, (end / 64.0, (high - low) / 64.0, -low / 64.0))
            if mine != real:
                wrong += 1
                assert wrong > 3 or print(repr(s), mine[1], real[1])  # the first few, said
    assert wrong == 0
    assert composed > 2000  # nearly every line of these is Latin text: composed


def test_text_extent_and_placed_glyphs_give_what_agg_gives():
    """Through `_glyphs`, as the screen's recorder asks: the measure Agg's own
    `get_text_width_height_descent` gives, for a line composed and one not."""
    from matplotlib.backends.backend_agg import RendererAgg

    renderer = RendererAgg(400, 200, 100.0)
    prop = FontProperties(size=LIGHT.label_size)
    for s in ("As of 03:12 · 331 of 650 declared", "Ynys Môn", "Ύδρα", "fi fl ff",
              "  two  spaces  ", "x\u0301", "a\u200bb"):
        assert _glyphs.text_extent(s, prop, 100.0) == \
            renderer.get_text_width_height_descent(s, prop, False), s


def test_a_line_of_words_met_before_lays_nothing_out_again(monkeypatch):
    for kept in ("_WORDS", "_GLYPHS", "_GAPS"):  # as a process that met none of them yet
        monkeypatch.setattr(_words, kept, {})
    flags = get_hinting_flag()
    prop = FontProperties(size=LIGHT.label_size)
    font = _glyphs._prepared_font(prop, 100.0)
    first = "As of 03:12 · 331 of 650 declared"
    assert _words.composed(font, prop.get_size_in_points(), 100.0, first, flags)
    before = _words.layouts
    again = "As of 03:12 · 650 of 331 declared"  # the same words, another line
    assert _words.composed(font, prop.get_size_in_points(), 100.0, again, flags)
    assert _words.layouts == before
    # A new word: that word alone is laid out, and, once, its first letter and the pairs
    # it and the word before make with the space between them.
    assert _words.composed(font, prop.get_size_in_points(), 100.0, again + " Ward", flags)
    assert 1 <= _words.layouts - before <= 4
    # A new figure: its pairs of characters not met before, once each...
    before = _words.layouts
    assert _words.composed(font, prop.get_size_in_points(), 100.0, again + " 2024", flags)
    assert 1 <= _words.layouts - before <= 6
    # ...and then no figure of pairs met before is laid out at all.
    before = _words.layouts
    assert _words.composed(font, prop.get_size_in_points(), 100.0, again + " 2020", flags)
    assert _words.layouts == before


def test_what_is_not_plain_latin_is_not_composed():
    flags = get_hinting_flag()
    prop = FontProperties(size=LIGHT.label_size)
    font = _glyphs._prepared_font(prop, 100.0)
    for s in ("", "x\u0301", "a\u200bb", "\u05e9\u05dc\u05d5\u05dd x", "a\u202eb c", "tab\there"):
        assert _words.composed(font, prop.get_size_in_points(), 100.0, s, flags) is None, s


@pytest.mark.parametrize("hinting", HINTING)
def test_every_figure_of_up_to_three_characters_is_composed_as_laid_out(hinting):
    """Figures are put together glyph by glyph from pairs laid out alone: every pair and
    every three characters of a figure give the whole figure's layout and measure (a rule
    reaching past a pair, which pairs alone cannot show, would show here)."""
    prop = FontProperties(size=LIGHT.label_size)
    with rc_context({"text.hinting": hinting}):
        flags = get_hinting_flag()
        figures = sorted(_words._FIGURES)
        for n in (2, 3):
            for chars in itertools.product(figures, repeat=n):
                s = "".join(chars)
                font = _glyphs._prepared_font(prop, 100.0)
                line = _words.composed(font, LIGHT.label_size, 100.0, s, flags)
                items, end, low, high = line
                assert (items, (end / 64.0, (high - low) / 64.0, -low / 64.0)) == \
                    _real(font, s, flags), s
