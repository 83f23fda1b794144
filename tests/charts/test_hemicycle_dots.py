"""The chamber's dots: one circle drawn once and placed at every seat (an SVG defines it
once and places it with <use>), looking exactly as one ellipse per seat did."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from types import SimpleNamespace

import numpy as np
import pytest
from helpers.svg import HREF, SVG, placed_uses, without
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import EllipseCollection, PathCollection
from matplotlib.textpath import TextToPath

from resultsdesk.charts import HemicycleChart, export
from resultsdesk.charts.data import HemicycleBlock, HemicycleData
from resultsdesk.charts.export import render
from resultsdesk.charts.seat_dots import SeatDots
from resultsdesk.charts.theme import DARK, LIGHT

PARTIES = [("Lab", "#d50000", 0.63), ("SNP", "#fff685", 0.014), ("LD", "#fc7d0b", 0.11),
           ("Con", "#0063ba", 0.19)]


def chamber(seats: int, declared: float) -> HemicycleData:
    """Parties with a colour that needs a rim (SNP yellow), provisional seats (lighter,
    ringed) and undeclared ones (outlines): every kind of dot."""
    blocks = []
    for party, colour, share in PARTIES:
        n = int(seats * share * declared)
        blocks.append(HemicycleBlock(party, colour, tuple(f"{party} {i}" for i in range(n))))
        if party == "Lab":
            blocks.append(HemicycleBlock(party, colour, ("p1", "p2", "p3"), provisional=True))
    declared_seats = sum(len(b.constituencies) for b in blocks)
    return HemicycleData(tuple(blocks), seats, seats // 2 + 1, declared_seats)


def pixels(chart: HemicycleChart, size=(1366, 768), dpi=100) -> np.ndarray:
    fig = chart.figure
    fig.set_dpi(dpi)
    fig.set_size_inches(size[0] / dpi, size[1] / dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., :3].astype(int)


def as_ellipses(chart: HemicycleChart) -> None:
    """The dots as they were drawn before: one ellipse per seat, sized in data units, with
    the same colours and outlines."""
    g, dots = chart.geometry, chart.dots
    d = np.full(g.n, 2 * g.seat_radius)
    ellipses = EllipseCollection(
        d, d, np.zeros(g.n), units="xy", offsets=g.xy, offset_transform=chart.stage.transData,
        facecolors=dots.get_facecolors(), edgecolors=dots.get_edgecolors(),
        linewidths=dots.get_linewidths(), zorder=dots.get_zorder())
    # "xy" units are sized by the collection's axes' transData: the stage's stands in.
    ellipses.axes = SimpleNamespace(transData=chart.stage.transData, _axis_map={})
    dots.set_visible(False)
    chart.stage.add(ellipses)


@pytest.mark.parametrize(("seats", "declared", "theme", "size"), [
    (650, 0.5, LIGHT, (1366, 768)), (650, 1.0, DARK, (1920, 1080)), (120, 0.7, LIGHT, (640, 360)),
])
def test_dots_look_as_one_ellipse_per_seat(seats, declared, theme, size):
    chart = HemicycleChart(theme=theme)
    chart.update(chamber(seats, declared))
    now = pixels(chart, size)
    as_ellipses(chart)
    before = pixels(chart, size)
    diff = np.abs(now - before).max(axis=2)
    # Rounding in the rasteriser may move an edge pixel's shade a little; nothing more.
    assert diff.mean() < 0.2
    assert (diff > 8).mean() < 0.001


def test_svg_defines_the_dot_once_and_places_it_per_seat(tmp_path):
    chart = HemicycleChart()
    chart.update(chamber(650, 0.6))
    root = ET.parse(render(chart, tmp_path / "chamber.svg", "hd")).getroot()
    dots = next(g for g in root.iter(f"{SVG}g") if g.get("id", "").startswith("SeatDots"))
    defined = [e.get("id") for e in dots.iter(f"{SVG}path")]
    assert len(defined) == 1  # one circle for every colour...
    uses = list(dots.iter(f"{SVG}use"))
    assert len(uses) == 650  # ...placed at every seat,
    assert {u.get(HREF) for u in uses} == {f"#{defined[0]}"}
    assert not [u for u in uses if u.get("style")]
    # ...its look written once per look (fill, outline, width), on the group around them.
    looks = {(tuple(f), tuple(e), w) for f, e, w in zip(
        chart.dots.get_facecolors(), chart.dots.get_edgecolors(),
        chart.dots.get_linewidths(), strict=True)}
    groups = [g for g in dots if g.tag == f"{SVG}g"]
    assert len(groups) == len(looks) < 650 // 10
    assert all(g.get("style") and len(g) for g in groups)


def test_svg_dots_look_as_the_collection_wrote_them(tmp_path, monkeypatch):
    """Grouped by look, each seat still has its own place, fill and outline, and the rest
    of the file is what matplotlib's own writer makes of the chart."""
    chart = HemicycleChart(theme=DARK)
    chart.update(chamber(650, 0.6))
    ours = render(chart, tmp_path / "ours.svg", "hd")
    monkeypatch.setattr(SeatDots, "draw", PathCollection.draw)
    monkeypatch.setattr(export, "SVG_BACKEND", "svg")  # matplotlib's own writer
    theirs = render(chart, tmp_path / "theirs.svg", "hd")
    seats = placed_uses(ours, "SeatDots")
    assert len(seats) == 650 and seats == placed_uses(theirs, "SeatDots")
    fills = {dict(s[4]).get("fill") for s in seats}
    assert len(fills) >= 4 and any("stroke-width" in dict(s[4]) for s in seats)
    # all of it (each given the picture's size in pixels, ours by our writer, theirs after
    # matplotlib's, `render`)
    assert 'width="1920px" height="1080px" viewBox="0 0 1382.40072 777.60072"' in \
        ours.read_text(encoding="utf-8")
    assert without(ours, "SeatDots") == without(theirs, "SeatDots")


def test_a_second_svg_lays_out_no_text_again(tmp_path, monkeypatch):
    """Glyph layouts and outlines are kept between exports: the same chart again asks
    FreeType for nothing, and the file is the same byte for byte."""
    chart = HemicycleChart()
    chart.update(chamber(650, 0.6))
    first = render(chart, tmp_path / "a.svg", "hd").read_bytes()
    asked: list[str] = []
    real = TextToPath.get_glyphs_with_font

    def counting(self, font, s, *args, **kwargs):
        asked.append(s)
        return real(self, font, s, *args, **kwargs)

    monkeypatch.setattr(TextToPath, "get_glyphs_with_font", counting)
    again = render(chart, tmp_path / "b.svg", "hd").read_bytes()
    assert again == first
    assert asked == []


def test_only_the_svg_writer_is_given_the_dots_by_look(tmp_path, monkeypatch):
    """PNG and PDF draw the collection as before (and the screen: see test_frames); the
    export SVG writer asks for the dots a look at a time."""
    chart = HemicycleChart()
    chart.update(chamber(650, 0.6))
    looks: list[int] = []
    real = SeatDots.marker_groups

    def counting(self, renderer):
        groups = list(real(self, renderer))
        if self is chart.dots:  # (not the recount rings, which are none here)
            looks.append(len(groups))
        return groups

    monkeypatch.setattr(SeatDots, "marker_groups", counting)
    for fmt in ("png", "pdf"):
        render(chart, tmp_path / f"chamber.{fmt}", "hd")
    assert looks == []
    render(chart, tmp_path / "chamber.svg", "hd")
    assert len(looks) == 1 and 1 < looks[0] < 650 // 10


def test_a_matplotlib_without_what_our_writer_builds_on_gets_its_own(tmp_path, monkeypatch):
    """Our SVG writer builds on private methods of matplotlib's: where they are missing
    (another matplotlib), the export is written by matplotlib's own writer, the same seats
    in the same places and looks, rather than failing."""
    from resultsdesk.charts import _svg

    chart = HemicycleChart()
    chart.update(chamber(650, 0.6))
    assert _svg.SUPPORTED and export.svg_backend() == export.SVG_BACKEND
    ours = render(chart, tmp_path / "ours.svg", "hd")
    monkeypatch.setattr(_svg, "SUPPORTED", False)
    assert export.svg_backend() == "svg"
    theirs = render(chart, tmp_path / "theirs.svg", "hd")
    assert ours.read_bytes() != theirs.read_bytes()  # not our writer's file...
    assert placed_uses(theirs, "SeatDots") == placed_uses(ours, "SeatDots")  # ...same seats
