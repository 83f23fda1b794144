"""charts.frames: a chart on screen redraws only what changed, and the picture it keeps is
the one a full draw would give, pixel for pixel (headless, on Agg)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers.dots import dots_drawn
from helpers.screens import KINDS, Screen, figure, full_draw
from helpers.verifications import night

from resultsdesk.charts import DARK, SeatChart
from resultsdesk.charts._recording import text_key
from resultsdesk.charts.frames import Frames


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("seats", [650, 5_000])
def test_partial_frames_match_a_full_draw(kind, seats):
    steps = night(seats, steps=6)
    screen = Screen(kind)
    assert screen.show(steps[0].of(kind)).full
    for step in steps[1:]:
        stats = screen.show(step.of(kind))
        assert not stats.full
        want = full_draw(kind, step.of(kind))
        assert np.array_equal(screen.pixels(), want), f"{kind} differs from a full draw"


@pytest.mark.parametrize("kind", ["seats", "chamber"])
def test_one_verification_redraws_few_artists(kind):
    steps = night(650, steps=3)
    screen = Screen(kind)
    screen.show(steps[0].of(kind))
    items = len(screen.frames._items)
    for step in steps[1:]:
        stats = screen.show(step.of(kind))
        assert not stats.full
        assert len(stats.redrawn) <= items // 3, [type(a).__name__ for a in stats.redrawn]
    texts = [a.get_text() for a in stats.redrawn if hasattr(a, "get_text")]
    assert "Seats" not in texts and "The chamber" not in texts  # the title stays as it is


def test_the_chamber_redraws_only_the_dots_that_changed():
    steps = night(5_000, steps=2)
    screen = Screen("chamber")
    screen.show(steps[0].chamber)
    drawn: list[int] = []
    renderer = screen.chart.figure.canvas.get_renderer()
    real = renderer.draw_path_collection

    def counting(gc, master, paths, transforms, offsets, *rest, **kwargs):
        drawn.append(len(offsets))
        return real(gc, master, paths, transforms, offsets, *rest, **kwargs)

    renderer.draw_path_collection = counting
    try:
        screen.show(steps[1].chamber)
    finally:
        del renderer.draw_path_collection
    assert drawn and sum(drawn) < 500  # the dots around the change, not 5,000


def test_a_new_size_a_theme_or_new_artists_draw_a_full_frame():
    steps = night(650, steps=2)
    screen = Screen("seats")
    screen.show(steps[0].seats)
    assert not screen.show(steps[1].seats).full
    screen.chart.set_theme(DARK)  # rebuilt: new artists, a new background
    assert screen.show(steps[1].seats).full
    assert np.array_equal(screen.pixels(), _themed(steps[1].seats))
    screen.chart.figure.set_size_inches(5, 3)
    assert screen.show(steps[2].seats).full
    frames = screen.frames.full_frames
    screen.show(steps[2].seats)
    assert screen.frames.full_frames == frames  # only once


def _themed(data) -> np.ndarray:
    chart = SeatChart(figure(), theme=DARK)
    chart.update(data)
    chart.figure.canvas.draw()
    return np.asarray(chart.figure.canvas.get_renderer().buffer_rgba()).copy()


def test_nothing_changed_draws_nothing():
    steps = night(650, steps=1)
    screen = Screen("shares")
    screen.show(steps[1].shares)
    stats = screen.show(steps[1].shares)
    assert not stats.full and stats.calls == 0 and stats.rects == []


def test_a_tolerance_leaves_texts_nudged_less_than_it_where_they_are():
    steps = night(20_000, steps=4)
    exact, tolerant = Screen("shares"), Screen("shares")
    tolerant.frames.text_tolerance = 0.5
    exact.show(steps[0].shares)
    tolerant.show(steps[0].shares)
    texts_exact = texts_tolerant = 0
    for step in steps[1:]:
        texts_exact += sum(1 for a in exact.show(step.shares).redrawn if hasattr(a, "get_text"))
        stats = tolerant.show(step.shares)
        texts_tolerant += sum(1 for a in stats.redrawn if hasattr(a, "get_text"))
        renderer = tolerant.chart.figure.canvas.get_renderer()
        for text in tolerant.chart.value_labels + tolerant.chart.change_labels:
            kept = tolerant.frames._texts[id(text)]
            (x, y), key = text_key(text, renderer)
            assert key == kept[1]  # what it says is never stale
            assert abs(x - kept[0][0]) <= 0.5 and abs(y - kept[0][1]) <= 0.5
    assert texts_tolerant < texts_exact


def test_a_polygon_collection_redraws_the_changed_polygons_exactly():
    """One polygon per seat (a map): recoloured in place, only its neighbourhood redrawn."""
    from matplotlib.collections import PolyCollection

    rng = np.random.default_rng(1)
    hexes = [np.array([(x + np.cos(a), y + np.sin(a)) for a in np.linspace(0, 6.28, 7)[:-1]])
             for x in range(0, 40, 2) for y in range(0, 30, 2)]
    colours = rng.random((len(hexes), 4))
    colours[:, 3] = 1

    def drawn():
        fig = figure()
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(-2, 42)
        ax.set_ylim(-2, 32)
        polys = PolyCollection(hexes, facecolors=colours, edgecolors="k", linewidths=0.5)
        ax.add_collection(polys)
        return fig, polys

    fig, polys = drawn()
    frames = Frames(fig)
    renderer = fig.canvas.get_renderer()
    frames.draw(renderer)
    for i in (37, 120, 121):
        colours[i] = (1, 0, 0, 1)
        polys.set_facecolors(colours)
        frames.draw(renderer)
        assert not frames.stats.full and len(frames.stats.rects) <= 2
        fresh, _ = drawn()
        fresh.canvas.draw()
        assert np.array_equal(np.asarray(renderer.buffer_rgba()),
                              np.asarray(fresh.canvas.get_renderer().buffer_rgba()))


@pytest.mark.parametrize("kind", ["seats", "shares"])
def test_texts_drawn_again_from_their_kept_glyphs_are_exact(kind):
    """A text drawn once keeps its glyph bitmaps; drawing the whole frame again from them
    (most texts unchanged) gives the full draw's pixels."""
    steps = night(650, steps=2)
    screen = Screen(kind)
    screen.show(steps[0].of(kind))
    screen.show(steps[1].of(kind))
    screen.frames.invalidate()
    assert screen.show(steps[1].of(kind)).full
    texts = [c for calls in screen.frames._calls for c in calls if c.name == "draw_text"]
    assert sum(c.glyphs is not None for c in texts) >= 10
    screen.frames.invalidate()
    screen.show(steps[1].of(kind))  # every text from its kept glyphs
    assert np.array_equal(screen.pixels(), full_draw(kind, steps[1].of(kind)))


def test_vote_share_names_keep_their_size_and_are_not_laid_out_again():
    """The party names' size is worked out afresh each layout; it must come out the same,
    or every name is measured, recorded and drawn again on every verification."""
    steps = night(650, steps=5)
    screen = Screen("shares", size=(640, 300))  # short: the names shrink to fit
    screen.show(steps[0].of("shares"))
    names = screen.chart.party_labels
    size = names[0].get_fontsize()
    # shrunk to whole half points: a size worked out to the last hair drifts as the
    # header and footer around it change
    assert size < screen.chart.theme.tick_size and (size * 2).is_integer()
    kept = {id(t): (t.get_text(), t.get_fontsize(), screen.frames._texts[id(t)][2])
            for t in names}
    for step in steps[1:]:
        screen.show(step.of("shares"))
    same = [t for t in names if kept[id(t)][0] == t.get_text()]
    assert len(same) >= 5
    assert all(t.get_fontsize() == kept[id(t)][1] for t in same)
    assert all(screen.frames._texts[id(t)][2] is kept[id(t)][2] for t in same)


def _work_of_one_verification(kind: str, seats: int, monkeypatch) -> dict[str, int]:
    """Artists recorded, texts measured and glyphs rasterised (not drawn from kept
    bitmaps) by the frames after single verifications, the most any one of them did."""
    from resultsdesk.charts import _glyphs, textfit

    for module, name in ((textfit, "_EXTENTS"), (_glyphs, "_LAYOUTS"), (_glyphs, "_GLYPHS")):
        monkeypatch.setattr(module, name, {})  # afresh, whatever ran before
    steps = night(seats, steps=4)
    screen = Screen(kind)
    screen.show(steps[0].of(kind))
    screen.show(steps[1].of(kind))
    counts = {"recorded": 0, "measured": 0, "rasterised": 0}
    worst = dict(counts)
    real_measure = textfit._measure

    def measure(*args, **kwargs):
        counts["measured"] += 1
        return real_measure(*args, **kwargs)

    monkeypatch.setattr(textfit, "_measure", measure)
    for step in steps[2:]:
        counts.update(recorded=0, measured=0)
        renders = _glyphs.renders
        assert not screen.show(step.of(kind)).full
        counts["recorded"] = screen.frames.recorded
        counts["rasterised"] = _glyphs.renders - renders
        worst = {k: max(v, counts[k]) for k, v in worst.items()}
    monkeypatch.undo()
    return worst


# What one verification may redo at most, whatever the size of the chamber: the bars and
# labels of the parties whose figures changed, the footer's count, the key's changed chips.
# A vote share's every bar and label moves a little with each seat's votes: ten parties'
# bar, share and change, and the header's and footer's counts.
MOST_REDONE = {"seats": 8, "chamber": 12, "shares": 3 * 10 + 10}
# Glyphs rasterised: only those of changed labels, or of labels at a place within a pixel
# not seen before (a full frame renders 90 to 200). A vote share's labels slide with its
# bars by fractions of a pixel, so most of its value labels' glyphs are new each time.
MOST_GLYPHS = {"seats": 60, "chamber": 60, "shares": 150}


@pytest.mark.parametrize("kind", ["seats", "chamber", "shares"])
def test_one_verification_redoes_only_what_changed_at_any_size(kind, monkeypatch):
    """Counted, never timed: the artists recorded again, the texts measured and the texts
    rasterised after one verification are few, and no more at 10,000 seats than at 650."""
    small = _work_of_one_verification(kind, 650, monkeypatch)
    large = _work_of_one_verification(kind, 10_000, monkeypatch)
    for work in (small, large):
        assert work["recorded"] <= MOST_REDONE[kind], (kind, work)
        assert work["measured"] <= MOST_REDONE[kind], (kind, work)
        assert work["rasterised"] <= MOST_GLYPHS[kind], (kind, work)
    assert all(large[k] <= small[k] + 2 for k in ("recorded", "measured")), (small, large)
    assert large["rasterised"] <= small["rasterised"] + 20, (small, large)


def test_an_unchanged_artist_keeps_its_recorded_drawing():
    """The chamber's title and bars of parties that did not change are not drawn into
    the recorder again; moving the axes (a new layout) records what is in them again."""
    steps = night(650, steps=2)
    screen = Screen("seats")
    screen.show(steps[0].seats)
    title = screen.chart.header.title
    kept = screen.frames._kept[id(title)][3]
    screen.show(steps[1].seats)
    assert screen.frames._kept[id(title)][3] is kept
    assert screen.frames.recorded < len(screen.frames._items) // 3
    screen.chart.ax.set_ylim(0, 1_000)  # every bar in the axes moves, none is stale
    screen.frames.draw(screen.chart.figure.canvas.get_renderer())
    assert screen.frames.recorded >= len(screen.chart.bar_patches)
    assert screen.frames._kept[id(title)][3] is kept  # the title is the figure's


def test_a_party_winning_its_first_seat_is_not_a_full_frame():
    """The seat chart makes its bars ahead (hidden until used): a new bar is shown, not
    every artist made again, and the frame is still exactly a full draw's."""
    from resultsdesk.domain.records import replace

    steps = night(650, steps=1)
    before = steps[0].seats
    fewer = replace(before, bars=tuple(b for b in before.bars if b.party != "PC"))
    screen = Screen("seats")
    screen.show(fewer)
    rebuilds = screen.chart.rebuilds
    stats = screen.show(before)
    assert not stats.full and screen.chart.rebuilds == rebuilds
    assert np.array_equal(screen.pixels(), full_draw("seats", before))
    assert not screen.show(fewer).full  # and hidden again
    assert np.array_equal(screen.pixels(), full_draw("seats", fewer))


def test_counts_changing_do_not_rescale_the_chamber():
    """The key's counts ("Undeclared 9,999") change with every seat; their digits' ink
    must not reflow the key and rescale the chamber, which would draw every dot again."""
    steps = night(20_000, steps=8)
    screen = Screen("chamber")
    screen.show(steps[0].chamber)
    with dots_drawn(screen.chart.figure.canvas.get_renderer()) as drawn:
        for step in steps[1:]:
            drawn.clear()
            sizes = screen.chart.dots.get_sizes().copy()
            assert not screen.show(step.chamber).full
            assert np.array_equal(screen.chart.dots.get_sizes(), sizes)
            assert sum(drawn) < 1_000, sum(drawn)  # the dots around the change


def test_a_text_measures_the_same_wherever_it_is():
    """A measure taken where the text happens to be carries rounding noise in its last
    bits; kept to a fraction of a pixel, the same text measures the same everywhere (or
    the chamber's scale, laid out from its key's measures, moved by a hair)."""
    from resultsdesk.charts import textfit

    fig = figure()
    renderer = fig.canvas.get_renderer()
    text = fig.text(0, 0, "Lab 19,130", fontsize=13, fontweight="bold")
    seen = set()
    for k in range(60):
        textfit._EXTENTS.clear()
        text.set_position((k / 61, (k * 7 % 61) / 61))
        seen.add(textfit.extent(text, renderer))
    assert len(seen) == 1, seen


def test_the_chamber_key_flows_on_the_length_of_its_counts():
    from resultsdesk.charts.chamber_legend import steady

    assert steady("Undeclared 24,979") == steady("Undeclared 24,980") == "Undeclared 00,000"
    assert steady("Lab 9") != steady("Lab 10")


@pytest.mark.parametrize("kind", KINDS)
def test_a_first_frame_looks_each_font_up_once(kind, monkeypatch):
    """Every text matplotlib lays out (to measure it for the layout, then to record it)
    asks for its font's line metrics: a frame keeps them per font properties, so the
    first frame looks a font up for them once per distinct font, not once per text."""
    import matplotlib.text

    from resultsdesk.charts import _glyphs, _text

    looked_up = []
    real = matplotlib.text.get_font
    monkeypatch.setattr(matplotlib.text, "get_font",
                        lambda *a, **k: looked_up.append(a) or real(*a, **k))
    monkeypatch.setattr(_glyphs, "_HEIGHTS", {})
    monkeypatch.setattr(_text, "_LAID_OUT", {})  # laid out afresh, as in a new process
    before = _glyphs.height_lookups
    screen = Screen(kind)
    stats = screen.show(night(650, steps=0)[0].of(kind))
    assert stats.full
    texts = [t for t in screen.chart.figure.findobj(matplotlib.text.Text)
             if t.get_visible() and t.get_text()]
    fonts = {hash(t.get_fontproperties()) for t in texts}
    assert looked_up == []  # matplotlib's own lookup, per text laid out: never
    # Fonts measured at a size tried and not kept (a label shrunk to fit) count too.
    assert 0 < _glyphs.height_lookups - before <= 2 * len(fonts) < len(texts)
    np.testing.assert_array_equal(screen.pixels(), full_draw(kind, night(650, steps=0)[0]
                                                             .of(kind)))
