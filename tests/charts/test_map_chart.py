"""The map chart: every seat placed with no overlap, gains ringed in the losing party's colour
(visible in the exported pixels), updates that only recolour, and the map exported at every
size, theme and format, for the 2024 night and for 2019 on the 2010-2019 layout."""

from __future__ import annotations

import math

import numpy as np
import pytest
from helpers.seats import HENDON
from matplotlib.colors import to_rgba
from PIL import Image

from resultsdesk.charts import THEMES
from resultsdesk.charts.export import SIZES, at_size, render
from resultsdesk.charts.map import RING_SCALE, MapChart
from resultsdesk.desk import graphics
from resultsdesk.desk.hexmap import bundled_layouts, map_data
from resultsdesk.domain.hexgrid import RADIUS, hex_centre


@pytest.mark.parametrize("index", [0, 1])
def test_every_seat_placed_and_no_two_hexes_overlap(index):
    layout = bundled_layouts()[index].hexes
    xy = np.array([hex_centre(layout.layout, h.q, h.r) for h in layout.hexes])
    assert len(xy) == 650
    d = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
    np.fill_diagonal(d, np.inf)
    assert d.min() >= 1 - 1e-9  # centres a hex apart at least: touching, never overlapping
    # a real map, not scattered hexes: almost every seat touches another
    assert (d.min(axis=1) < 1 + 1e-9).sum() >= 645


def _chart(night_store, theme="light") -> tuple[MapChart, object]:
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("map", night, night_store, theme=theme)
    return chart, night


def test_gains_are_ringed_in_the_losing_partys_colour(night_store):
    chart, night = _chart(night_store)
    rings = chart.rings.get_edgecolors()
    gains = [i for i, s in enumerate(chart.data.seats) if s.gain_from]
    assert len(gains) == 303
    assert (rings[:, 3] > 0).sum() == 303 and all(rings[i, 3] > 0 for i in gains)
    i = chart.codes.index(HENDON)
    assert tuple(rings[i]) == to_rgba(night.colour("Con"))
    assert tuple(chart.face_colours()[i]) == to_rgba(night.colour("Lab"))
    marks = chart.marks.get_edgecolors()
    assert marks[i, 3] > 0  # Hendon: 15 votes, in recount range
    assert "Hendon: Lab gain from Con \u00b7 majority 15" in chart.tooltip_at(*chart.xy[i])


def _pixel(chart, path, size, data_xy) -> tuple[int, int, int]:
    with at_size(chart, size):
        chart.figure.canvas.draw()
        x, y = chart.ax.transData.transform(data_xy)
    with Image.open(path) as im:
        return im.convert("RGB").getpixel((int(x), int(im.height - y)))


def _near(rgb, colour, tolerance=40) -> bool:
    want = [round(255 * c) for c in to_rgba(colour)[:3]]
    return all(abs(a - b) <= tolerance for a, b in zip(rgb, want, strict=True))


def test_the_ring_shows_in_the_exported_picture(night_store, tmp_path):
    chart, night = _chart(night_store)
    path = render(chart, tmp_path / "map.png", "hd")
    centre = chart.xy[chart.codes.index(HENDON)]
    ring = centre + np.array((RADIUS * RING_SCALE * math.cos(math.radians(30)), 0.0))
    assert _near(_pixel(chart, path, "hd", centre), night.colour("Lab"))
    assert _near(_pixel(chart, path, "hd", ring), night.colour("Con"))


def test_an_update_only_recolours(nominations_store):
    from helpers.seats import HENDON_2024

    from resultsdesk.desk import declarations as dk
    from resultsdesk.domain.model import Figures

    night = graphics.night_state(nominations_store)
    chart = MapChart()
    chart.update(map_data(night))
    collections = (chart.hexes, chart.rings, chart.marks)
    paths = chart.hexes.get_paths()
    artists, rebuilds = len(chart.figure.get_children()), chart.rebuilds
    i = chart.codes.index(HENDON)
    assert tuple(chart.face_colours()[i]) == chart.neutral()
    dk.declare(nominations_store, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
               overrides=["recount_range"])
    dk.verify(nominations_store, HENDON, user="bob", votes=HENDON_2024, invalid=187)
    night.refresh()
    chart.update(map_data(night))
    assert (chart.hexes, chart.rings, chart.marks) == collections
    assert chart.hexes.get_paths() is paths and chart.rebuilds == rebuilds
    assert len(chart.figure.get_children()) == artists
    assert tuple(chart.face_colours()[i]) == to_rgba(night.colour("Lab"))


@pytest.mark.parametrize("size", list(SIZES))
def test_map_export_at_every_size(night_store, tmp_path, size):
    for theme in THEMES:
        path = graphics.export_graphic(night_store, "map", tmp_path / f"{theme}.png",
                                       size=size, theme=theme)
        with Image.open(path) as im:
            assert im.size == SIZES[size]
            assert len(im.convert("RGB").getcolors(1 << 20)) > 20  # a map, not a blank
    for fmt in ("svg", "pdf"):
        path = graphics.export_graphic(night_store, "map", tmp_path / f"map.{fmt}", size=size)
        assert path.stat().st_size > 10_000


def test_the_2019_map_on_the_2010_2019_layout(night_2019_store, tmp_path):
    night = graphics.night_state(night_2019_store)
    chart = graphics.chart_for("map", night, night_2019_store)
    assert chart.data.layout_name == "2010\u20132019 boundaries"
    path = render(chart, tmp_path / "ge2019.png", "hd")
    blyth = chart.codes.index("E14000575")  # Blyth Valley: the first Con gain, from Lab
    seat = chart.data.seats[blyth]
    assert (seat.name, seat.winner, seat.gain_from) == ("Blyth Valley", "Con", "Lab")
    centre = chart.xy[blyth]
    ring = centre + np.array((RADIUS * RING_SCALE * math.cos(math.radians(30)), 0.0))
    assert _near(_pixel(chart, path, "hd", centre), night.colour("Con"))
    assert _near(_pixel(chart, path, "hd", ring), night.colour("Lab"))


@pytest.mark.parametrize("theme, outlined, plain", [
    ("light", "SNP", "Lab"),  # yellow on white
    # Sinn Féin's dark green on the navy (the Speaker's grey was the example before his
    # seat went to Others' colour, which reads on the navy: keyed as the chamber keys it)
    ("broadcast", "SF", "SNP"),
])
def test_a_colour_that_melts_into_the_background_is_outlined(night_store, tmp_path, theme,
                                                             outlined, plain):
    """README: a party colour under 3:1 against the background is outlined on every chart;
    the map filled the Speaker's hex grey on the broadcast navy among the undeclared
    neutral, and keyed it so, with no outline (found by the graphics desk review)."""
    chart, night = _chart(night_store, theme)
    lines = chart.outlines.get_edgecolors()
    seats = chart.data.seats
    drawn = {s.winner for i, s in enumerate(seats) if lines[i, 3] > 0}
    assert outlined in drawn and plain not in drawn
    assert all(lines[i, 3] > 0 for i, s in enumerate(seats) if s.winner == outlined)
    keyed = {e.label.split(" ")[0]: e for e in chart.legend_entries}
    # level on seats, keyed as every graphic ranks them: RUK (more votes) above DUP
    assert list(keyed).index("RUK") < list(keyed).index("DUP")
    assert keyed[plain].edge is None
    if outlined in keyed:  # (the Speaker is keyed under Others on the full night)
        assert keyed[outlined].edge is not None
    if theme == "broadcast":  # and it shows: just inside the hex, in the outline's colour
        path = render(chart, tmp_path / "map.png", "hd")
        i = next(i for i, s in enumerate(seats) if s.winner == outlined)
        rim = tuple(round(255 * c) for c in lines[i, :3])
        ray = [_pixel(chart, path, "hd", chart.xy[i] + np.array((0.0, RADIUS * k / 20)))
               for k in range(10, 21)]  # from half way out to the corner
        assert any(all(abs(a - b) <= 40 for a, b in zip(p, rim, strict=True)) for p in ray)
        assert _near(_pixel(chart, path, "hd", chart.xy[i]), night.colour(outlined))


def test_every_hex_is_in_a_colour_the_key_shows(night_store):
    """The key names the night's parties by its one rule and keys the rest "Others": their
    seats are drawn in the Others colour, as the chamber draws them. The map drew them in
    their own colours beside a slate "Others 6" no hex was, SDLP's green reading as the
    Greens' and Alliance's gold as the SNP's."""
    chart, night = _chart(night_store)
    keyed = {tuple(e.face) for e in chart.legend_entries}
    others = next(e for e in chart.legend_entries if e.label.startswith("Others"))
    assert others.label == "Others 6"
    faces = chart.face_colours()
    drawn = [i for i, s in enumerate(chart.data.seats) if s.drawn]
    assert len(drawn) == 650 and {tuple(faces[i]) for i in drawn} <= keyed
    i = next(i for i, s in enumerate(chart.data.seats) if s.winner == "SDLP")
    assert tuple(faces[i]) == tuple(others.face) != to_rgba(night.colour("SDLP"))
    assert chart.data.seats[i].winner == "SDLP"  # the hover names its winner still
    assert "SDLP" in chart.tooltip_at(*chart.xy[i])


def test_a_hover_says_a_lot_and_a_tie_in_recount_range():
    """A seat won by lot read "majority 0 (0.00%)", nothing of the lot; a tie awaiting it
    was not said to be in recount range, which its outline shows."""
    from resultsdesk.charts.map import seat_text
    from resultsdesk.charts.map_data import MapSeat

    lot = MapSeat("E1", "Bath", 0, 0, status="verified", winner="Con", gain_from="LD",
                  result="Con gain from LD", majority=0, majority_pct=0.0, close=True,
                  by_lot=True)
    assert seat_text(lot) == ("Bath: Con gain from LD \u00b7 tied, winner drawn by lot "
                              "\u00b7 in recount range")
    tie = MapSeat("E1", "Bath", 0, 0, status="verified", result="Tie: no winner yet",
                  close=True, tie=True)
    assert seat_text(tie) == "Bath: Tie: no winner yet \u00b7 in recount range"
