"""The first frame of a chart on screen (`charts.frames`): its texts laid out and its fonts
matched once each, the same pixels as a full draw. Counted, never timed."""

from __future__ import annotations

from collections import Counter

import matplotlib.text
import numpy as np
import pytest
from helpers.screens import Screen, full_draw
from helpers.verifications import night
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties, fontManager

from resultsdesk.charts import _glyphs, _text, textfit
from resultsdesk.charts._recording import Recorder
from resultsdesk.charts._text import KeptAnnotation, KeptText, layout_key

LIVE = ("seats", "chamber", "shares")  # the charts the first window paints


def _afresh(monkeypatch) -> None:
    """Every measure, layout and font match a process keeps, empty (a new process)."""
    for module, name in ((textfit, "_EXTENTS"), (_glyphs, "_METRICS"),
                         (_text, "_LAID_OUT"), (_glyphs, "_FILES"),
                         (_glyphs, "_HEIGHTS"), (_glyphs, "_LAYOUTS")):
        monkeypatch.setattr(module, name, {})


@pytest.mark.parametrize("kind", LIVE)
def test_a_first_frame_lays_each_text_out_once(kind, monkeypatch):
    """A label is measured while its chart lays itself out, then drawn (an annotation
    with a box asks for its layout three times as it draws): matplotlib lays each text
    out once, for the measure, and the frame is still exactly a full draw."""
    _afresh(monkeypatch)
    data = night(650, steps=0)[0].of(kind)
    laid_out: Counter = Counter()  # by what a layout depends on, wherever the text is

    def key(t) -> tuple:
        return (layout_key(t), hash(t.get_fontproperties()))

    real = matplotlib.text.Text._get_layout

    def lay_out(t, renderer):
        if isinstance(renderer, Recorder):
            laid_out[key(t)] += 1
        return real(t, renderer)

    monkeypatch.setattr(matplotlib.text.Text, "_get_layout", lay_out)
    screen = Screen(kind)
    assert screen.show(data).full
    drawn = [t for t in screen.chart.figure.findobj(matplotlib.text.Text)
             if t.get_visible() and t.get_text()]
    assert len(drawn) >= 10
    assert all(isinstance(t, KeptText | KeptAnnotation) for t in drawn), \
        [t.get_text() for t in drawn if not isinstance(t, KeptText | KeptAnnotation)]
    assert all(key(t) in laid_out for t in drawn)
    assert max(laid_out.values()) == 1, [k for k, n in laid_out.items() if n > 1]
    monkeypatch.undo()
    np.testing.assert_array_equal(screen.pixels(), full_draw(kind, data))


@pytest.mark.parametrize("kind", LIVE)
def test_a_first_frame_matches_each_font_once_whatever_its_sizes(kind, monkeypatch):
    """Labels are tried at several sizes as they are fitted; matplotlib's font match is
    kept by size, and every miss scores every font on the machine. A first frame asks it
    once per font (family, weight, style), not once per size or per text measured."""
    _afresh(monkeypatch)
    asked = []
    real = fontManager._find_fonts_by_props
    monkeypatch.setattr(fontManager, "_find_fonts_by_props",
                        lambda prop, *a, **k: asked.append(prop.get_size()) or real(prop, *a,
                                                                                    **k))
    screen = Screen(kind)
    screen.show(night(650, steps=0)[0].of(kind))
    texts = [t for t in screen.chart.figure.findobj(matplotlib.text.Text)
             if t.get_visible() and t.get_text()]
    fonts = {(tuple(t.get_fontfamily()), t.get_fontweight(), t.get_fontstyle())
             for t in texts}
    sizes = {t.get_fontsize() for t in texts}
    assert 0 < len(asked) <= len(fonts) < len(sizes)


STRINGS = ["Lab 411", "+209", "Reform UK 14.3%", "650 of 650 declared", "\u2026", "fi fl",
           "Others: SDLP 2, APNI 1 and 84 more", "", " "]


@pytest.mark.parametrize("weight", ["normal", "bold"])
def test_the_recorder_measures_text_as_agg_does(weight):
    """The recorder measures plain text itself (its font found once per font): the same
    floats as Agg's own measure, at every size and dpi."""
    for dpi in (72, 100, 144):
        agg = RendererAgg(200, 100, dpi)
        recorder = Recorder(agg)
        for size in (6.5, 9.5, 10.741258146482526, 13, 60):
            prop = FontProperties(family="DejaVu Sans", size=size, weight=weight)
            assert _glyphs.font_files(prop) == fontManager._find_fonts_by_props(prop)
            for s in STRINGS:
                _glyphs._METRICS.clear()
                want = agg.get_text_width_height_descent(s, prop, False)
                assert recorder.get_text_width_height_descent(s, prop, False) == want, s


def test_a_renderer_measuring_its_own_way_is_asked(monkeypatch):
    """Only Agg's measure is done by the recorder; another renderer's is asked of it."""

    class Other(RendererAgg):
        def get_text_width_height_descent(self, s, prop, ismath):
            return (1.0, 2.0, 0.5)

    monkeypatch.setattr(_glyphs, "_METRICS", {})
    prop = FontProperties(family="DejaVu Sans", size=11)
    assert Recorder(Other(10, 10, 72)).get_text_width_height_descent("x", prop, False) \
        == (1.0, 2.0, 0.5)


def test_fonts_are_found_without_matplotlibs_private_lookup(monkeypatch):
    """Without `_find_fonts_by_props` (a matplotlib that renamed it), a font's file is
    matplotlib's public match."""
    prop = FontProperties(family="DejaVu Sans", size=12, weight="bold")
    want = fontManager._find_fonts_by_props(prop)
    monkeypatch.setattr(_glyphs, "_FILES", {})
    monkeypatch.setattr(fontManager, "_find_fonts_by_props", None)
    assert _glyphs.font_files(prop) == want
