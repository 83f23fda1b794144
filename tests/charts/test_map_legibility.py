"""The map read at a dock's size and at every export size: every key entry in full (wrapped,
never cut short), the winner's colour filling most of a gained seat's hex, the recount outline
standing clear of the fill, and a verified tie keyed and drawn apart from the undeclared."""

from __future__ import annotations

import numpy as np
import pytest
from helpers.chart_nights import MAP_DOCK, draw
from helpers.seats import HENDON
from helpers.texts import cut_short, layout_problems, shown_words
from matplotlib.colors import to_rgba

from resultsdesk.charts import THEMES
from resultsdesk.charts.export import SIZES, at_size
from resultsdesk.charts.map import MapChart
from resultsdesk.desk import graphics
from resultsdesk.desk.hexmap import map_data

KEYS = ("Gain: ring of the party that lost it", "Recount or recount range")
# The map's canvas on a laptop's first run (1366 x 768, the window maximised): a tab of the
# charts' group above the desk's lists, short and wide; and the smallest export of that shape.
LAPTOP_DOCK = (470, 332)
EARLY_KEYS = ("Provisional: paler", "Recount or recount range")


def _early_map(store, theme="light") -> MapChart:
    """The early night with its provisional seat shown: every kind of key entry."""
    chart = MapChart(theme=THEMES[theme])
    chart.set_footer(as_of="01:00")
    chart.update(map_data(graphics.night_state(store), show_provisional=True))
    return chart


def _read_in_full(chart, keys, where) -> None:
    words = shown_words(chart.figure)
    assert cut_short(chart.figure) == [], where
    for key in keys:
        assert key in words, (key, where)


@pytest.mark.parametrize("theme", list(THEMES))
def test_every_key_entry_reads_in_full_at_every_size(night_store, early_store, theme):
    full = graphics.chart_for("map", graphics.night_state(night_store), night_store,
                              theme=theme)
    early = _early_map(early_store, theme)
    for chart, keys in ((full, KEYS), (early, EARLY_KEYS)):
        renderer = draw(chart, MAP_DOCK)
        _read_in_full(chart, keys, ("dock", theme))
        assert layout_problems(chart.figure, renderer) == [], ("dock", theme)
        for size in (*SIZES, "640x360"):
            with at_size(chart, size):
                chart.figure.canvas.draw()
                _read_in_full(chart, keys, (size, theme))
                assert layout_problems(chart.figure, chart.figure.canvas.get_renderer(),
                                       "the picture") == [], (size, theme)


def _dock_pixels(chart) -> np.ndarray:
    draw(chart, MAP_DOCK)
    return np.asarray(chart.figure.canvas.buffer_rgba())[:, :, :3].astype(float)


def _hex_pixels(chart, rgb, i, inner: float, outer: float) -> np.ndarray:
    """The pixels between `inner` and `outer` times the hex's inradius from seat `i`'s
    centre, as drawn on the dock."""
    x, y = chart.ax.transData.transform(chart.xy[i])
    s = chart.ax.transData.transform((1, 0))[0] - chart.ax.transData.transform((0, 0))[0]
    rows, cols = np.indices(rgb.shape[:2])
    d = np.hypot(cols + 0.5 - x, (rgb.shape[0] - rows - 0.5) - y)
    inradius = s / 2
    return rgb[(d >= inner * inradius) & (d <= outer * inradius)]


def _nearest(pixels: np.ndarray, colours: dict) -> dict:
    names = list(colours)
    palette = np.array([[255 * c for c in to_rgba(colours[n])[:3]] for n in names])
    d = np.linalg.norm(pixels[:, None, :] - palette[None, :, :], axis=2)
    idx = d.argmin(axis=1)
    return {n: float((idx == k).mean()) for k, n in enumerate(names)}


def _blend(a, b) -> tuple:
    """Half of each: what a ring's antialiased edge is on the winner's colour."""
    return tuple(np.mean([to_rgba(a)[:3], to_rgba(b)[:3]], axis=0))


@pytest.mark.parametrize("size", [LAPTOP_DOCK, (640, 360)])
def test_the_map_fills_a_short_wide_canvas(night_store, size):
    """Thirteen key entries in one column are taller than a laptop's dock: the key went in
    rows under the map, which was left 88 pixels high (a quarter of the canvas), its seats
    specks. Two columns beside it leave the map more than half the height, every entry
    still read in full."""
    chart = graphics.chart_for("map", graphics.night_state(night_store), night_store)
    renderer = draw(chart, size)
    _read_in_full(chart, KEYS, size)
    assert layout_problems(chart.figure, renderer) == [], size
    box = chart.ax.get_window_extent(renderer)
    assert box.height >= 0.5 * size[1], (box.height, size)
    key = [t.get_window_extent(renderer) for t in chart.figure.texts
           if t.get_visible() and t.get_text().startswith(("Lab ", "Recount"))]
    assert len(key) == 2 and all(k.x0 >= box.x1 for k in key)  # beside the map, not under


def test_the_closest_seat_reads_at_a_docks_size(night_store):
    """Hendon (Lab gain from Con by 15): its hex mostly Labour red, the Conservative ring
    in it, and the recount outline round it, clear of the fill, on a background halo."""
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("map", night, night_store)
    rgb = _dock_pixels(chart)
    i = chart.codes.index(HENDON)
    th = chart.theme
    colours = {"Lab": night.colour("Lab"), "Con": night.colour("Con"),
               "blend": _blend(night.colour("Lab"), night.colour("Con")),
               "ink": th.foreground, "paper": th.background}
    fill = _nearest(_hex_pixels(chart, rgb, i, 0.0, 0.95), colours)
    assert fill["Lab"] >= 0.5, fill  # the winner's colour dominates
    assert fill["Con"] >= 0.05, fill  # and the ring still shows
    assert fill["ink"] <= 0.02, fill  # the outline does not eat into it
    # just outside the hex: the outline (ink), on paper, whatever the neighbours are
    rim = _nearest(_hex_pixels(chart, rgb, i, 1.2, 1.9), colours)
    assert rim["ink"] >= 0.35 and rim["paper"] >= 0.2, rim



def test_gains_read_as_the_winners_colour_at_a_docks_size(night_store):
    """A Labour gain from the Conservatives is a red hex with a blue ring, not purple."""
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("map", night, night_store)
    rgb = _dock_pixels(chart)
    colours = {"Lab": night.colour("Lab"), "Con": night.colour("Con"),
               "purple": _blend(night.colour("Lab"), night.colour("Con"))}
    gains = [k for k, s in enumerate(chart.data.seats)
             if (s.winner, s.gain_from) == ("Lab", "Con") and not (s.recount or s.close)]
    assert len(gains) > 100
    shares = [_nearest(_hex_pixels(chart, rgb, k, 0.0, 0.95), colours) for k in gains]
    assert np.median([s["Lab"] for s in shares]) >= 0.55
    assert np.median([s["purple"] for s in shares]) <= 0.35



def test_a_tie_is_keyed_and_drawn_apart_from_the_undeclared(early_store):
    night = graphics.night_state(early_store)
    chart = graphics.chart_for("map", night, early_store)
    bath = next(k for k, s in enumerate(chart.data.seats) if s.name == "Bath")
    draw(chart, MAP_DOCK)
    words = shown_words(chart.figure)
    # Hendon and Chingford verified, Poole's provisional entry not shown: 647 to come
    assert "Tie 1" in words and "Undeclared 647" in words, words
    face = tuple(chart.face_colours()[bath])
    assert face != chart.neutral() and face == to_rgba(chart.theme.foreground)
    assert chart.marks.get_edgecolors()[bath][3] > 0  # in recount range, as ties are
    assert "Bath: Tie: no winner yet" in chart.tooltip_at(*chart.xy[bath])
    assert chart.data.to_json()["seats"][bath]["tie"] is True


@pytest.mark.parametrize("size", [MAP_DOCK, LAPTOP_DOCK])
def test_the_key_redrawn_in_place_matches_a_full_draw(nominations_store, size):
    """On screen (`charts.frames`) the key's swatches move as entries come and go (a tie,
    a provisional seat): each frame is what a full draw gives, pixel for pixel."""
    import numpy as np
    from helpers.party_votes import declare_by_party
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from resultsdesk.charts.frames import Frames

    def chart() -> MapChart:
        fig = Figure(figsize=(size[0] / 100, size[1] / 100), dpi=100)
        FigureCanvasAgg(fig)
        return MapChart(fig)

    night = graphics.night_state(nominations_store)
    screen = chart()
    frames = Frames(screen.figure)
    for name, votes, verify in [("Hendon", {"Lab": 15_855, "Con": 15_840}, True),
                                ("Bath", {"LD": 19_000, "Con": 19_000}, True),
                                ("Poole", {"Lab": 14_168, "Con": 14_150}, False)]:
        declare_by_party(nominations_store, name, votes, verify=verify)
        night.refresh()
        data = map_data(night, show_provisional=True)
        screen.update(data)
        frames.draw(screen.figure.canvas.get_renderer())
        assert not frames.stats.full or name == "Hendon"
        full = chart()
        full.update(data)
        full.figure.canvas.draw()
        assert np.array_equal(np.asarray(screen.figure.canvas.get_renderer().buffer_rgba()),
                              np.asarray(full.figure.canvas.get_renderer().buffer_rgba())), name
