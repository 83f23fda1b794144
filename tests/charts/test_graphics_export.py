"""Broadcast graphics: every kind drawn from a real night, written as PNG, SVG and PDF at
the broadcast sizes; nothing clipped or overlapping; exact pixels; atomic writes; the CLI.

Nights: the full 2024 night (`night_store`), a 2024 night with a few seats declared (one
verified, one provisional, one recount under way, one undecided tie) built on the
nominations, and a tiny five-seat election imported from a CSV written here.
"""

from __future__ import annotations

import csv
import itertools
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers.seats import HENDON
from helpers.texts import drawn_texts
from matplotlib.colors import to_rgba
from PIL import Image

from resultsdesk import cli
from resultsdesk.charts import (
    SOURCE,
    THEMES,
    HemicycleChart,
    RecountWatchChart,
    ResultCardChart,
    SummaryChart,
)
from resultsdesk.charts.data import CardCandidate, ResultCardData
from resultsdesk.charts.export import SIZES, at_size, export_dpi, parse_size, render
from resultsdesk.desk import declarations as dk
from resultsdesk.desk import graphics
from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_results
from resultsdesk.domain.model import Figures
from resultsdesk.io.hoc_candidates import OPTIONAL, REQUIRED

KINDS = graphics.KINDS
AS_OF = re.compile(r"^As of \d\d:\d\d \u00b7 \d[\d,]* of [\d,]+ declared")


# -- helpers --------------------------------------------------------------------------------------

def text_problems(chart, size) -> list[str]:
    """Texts outside the picture, or overlapping another, as `render` lays it out."""
    fig = chart.figure
    with at_size(chart, size):
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        canvas = fig.bbox.frozen()
        boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in drawn_texts(fig)]
    problems = []
    for text, bb in boxes:
        if not (bb.x0 >= canvas.x0 - 0.5 and bb.y0 >= canvas.y0 - 0.5
                and bb.x1 <= canvas.x1 + 0.5 and bb.y1 <= canvas.y1 + 0.5):
            problems.append(f"{text!r} leaves the picture: {bb.bounds}")
    for (ta, a), (tb, b) in itertools.combinations(boxes, 2):
        if a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5 and a.y0 < b.y1 - 0.5 and b.y0 < a.y1 - 0.5:
            problems.append(f"{ta!r} overlaps {tb!r}")
    return problems


def texts_of(chart) -> list[str]:
    with at_size(chart, "hd"):
        chart.figure.canvas.draw()
        return [t.get_text() for t in drawn_texts(chart.figure)]


def check_file(path: Path, fmt: str, size: tuple[int, int]) -> None:
    assert path.exists() and path.stat().st_size > 1000
    if fmt == "png":
        with Image.open(path) as im:
            assert im.format == "PNG" and im.size == size
    elif fmt == "svg":
        root = ET.parse(path).getroot()
        assert root.tag.endswith("svg")
        w, h = (float(root.get(k).removesuffix("pt")) for k in ("width", "height"))
        assert w / h == pytest.approx(size[0] / size[1], rel=1e-3)
    else:
        data = path.read_bytes()
        assert data.startswith(b"%PDF") and b"%%EOF" in data[-64:]
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


TINY = [  # constituency, [(first, surname, party abbreviation, party, MNIS id, votes)]
    ("Northtown", [("Ann", "Able", "Lab", "Labour", 15, 21_000),
                   ("Bob", "Baker", "Con", "Conservative", 4, 14_000),
                   ("Cat", "Cole", "LD", "Liberal Democrat", 17, 3_000)]),
    ("Southport Marsh", [("Dan", "Dale", "Con", "Conservative", 4, 18_050),
                         ("Eve", "Eden", "Lab", "Labour", 15, 18_020),
                         ("Fay", "Ford", "Green", "Green", 44, 2_500)]),
    ("Eastwick", [("Gus", "Gray", "LD", "Liberal Democrat", 17, 16_000),
                  ("Hal", "Hart", "Con", "Conservative", 4, 12_000)]),
    ("West Lea", [("Ivy", "Irwin", "SNP", "Scottish National Party", 29, 15_000),
                  ("Jon", "Jones", "Lab", "Labour", 15, 14_000),
                  ("Kit", "Kerr", "Con", "Conservative", 4, 4_000)]),
    ("Upper Vale", [("Lee", "Lamb", "Green", "Green", 44, 9_000),
                    ("May", "Moss", "Lab", "Labour", 15, 8_800),
                    ("Ned", "Noon", "Con", "Conservative", 4, 7_000),
                    ("Oli", "Oak", "RUK", "Reform UK", 1036, 3_000)]),
]


@pytest.fixture
def tiny_store(tmp_path):
    """A five-seat election, every seat verified, no baseline."""
    path = tmp_path / "tiny.csv"
    header = [*REQUIRED, "Votes", *OPTIONAL]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for i, (name, people) in enumerate(TINY):
            for first, surname, abbr, party, mnis, votes in people:
                row = {"ONS ID": f"E{14900000 + i:08d}", "Constituency name": name,
                       "Region name": "North East", "Country name": "England",
                       "Party name": party, "Party abbreviation": abbr,
                       "MNIS party ID": mnis, "Candidate first name": first,
                       "Candidate surname": surname, "Votes": votes, "County name": "",
                       "Constituency type": "County", "Candidate gender": "",
                       "Sitting MP": "No", "Former MP": "No", "Member MNIS ID": "",
                       "DC Person ID": ""}
                writer.writerow([row[c] for c in header])
    store = init_election(tmp_path / "tiny.db", "Tiny test election")
    import_results(store, path)
    try:
        yield store
    finally:
        store.close()


def _declare(store, key, votes, *, verify=True):
    sheet = dk.load_sheet(store, key)
    figures = [votes.get(c.party, 100) for c in sheet.candidates]
    try:
        dk.declare(store, key, user="alice", figures=Figures(figures, 50))
    except dk.FiguresRefused as exc:
        dk.declare(store, key, user="alice", figures=Figures(figures, 50),
                   overrides=[p.code for p in exc.problems if not p.is_error])
    if verify:
        dk.verify(store, key, user="bob", votes=None)


@pytest.fixture
def early_store(nominations_store):
    """The 2024 election with four seats in: Hendon verified then a recount called, Poole
    provisional, Chingford and Woodford Green verified, Bath an undecided tie."""
    s = nominations_store
    _declare(s, "Hendon", {"Lab": 15_855, "Con": 15_840, "RUK": 3_038, "Green": 2_667})
    dk.mark_recount(s, "Hendon", user="carol")
    _declare(s, "Poole", {"Lab": 14_168, "Con": 14_150, "RUK": 7_429}, verify=False)
    _declare(s, "Chingford and Woodford Green", {"Lab": 20_000, "Con": 15_000})
    _declare(s, "Bath", {"LD": 19_000, "Con": 19_000})
    return s


# -- sizes and formats ----------------------------------------------------------------------------

def test_parse_size():
    assert parse_size("hd") == (1920, 1080) and parse_size("UHD") == (3840, 2160)
    assert parse_size("square") == (1080, 1080) and parse_size("vertical") == (1080, 1920)
    assert parse_size("1280x720") == (1280, 720) and parse_size(" 640X360 ") == (640, 360)
    assert SIZES["hd"] == (1920, 1080)
    for bad in ("", "huge", "1280", "1280x", "x720", "12.5x7", "-5x100", "0x0", "99999x1080"):
        with pytest.raises(ValueError, match=r"size|pixels"):
            parse_size(bad)


def test_bad_extension_names_the_allowed_ones(night_store, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    chart = graphics.chart_for("seats", graphics.night_state(night_store), night_store)
    for name in ("seats.gif", "seats", "seats.png.txt"):
        with pytest.raises(ValueError, match=r"\.png, \.svg or \.pdf"):
            render(chart, tmp_path / name, "hd")
    assert list(tmp_path.iterdir()) == []


def test_type_is_sized_for_the_picture_not_its_pixels():
    assert export_dpi(3840, 2160) == pytest.approx(2 * export_dpi(1920, 1080))
    assert export_dpi(1920, 1080) == pytest.approx(100)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_in_every_format_at_hd(night_store, tmp_path, kind):
    night = graphics.night_state(night_store)
    chart = graphics.chart_for(kind, night, night_store, constituency=HENDON)
    for fmt in graphics.FORMATS:
        path = render(chart, tmp_path / f"{kind}.{fmt}", "hd")
        check_file(path, fmt, (1920, 1080))


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_at_every_preset_in_png(night_store, tmp_path, kind):
    night = graphics.night_state(night_store)
    chart = graphics.chart_for(kind, night, night_store, constituency=HENDON, theme="dark")
    screen = tuple(chart.figure.get_size_inches())
    for name, size in SIZES.items():
        check_file(render(chart, tmp_path / f"{name}.png", name), "png", size)
    assert tuple(chart.figure.get_size_inches()) == screen  # the on-screen size is kept
    check_file(render(chart, tmp_path / "odd.png", "1281x719"), "png", (1281, 719))


@pytest.mark.parametrize("kind", ["hemicycle", "card"])
def test_uhd_vector_formats(night_store, tmp_path, kind):
    night = graphics.night_state(night_store)
    chart = graphics.chart_for(kind, night, night_store, constituency="Hendon",
                               theme="broadcast")
    for fmt in ("svg", "pdf"):
        check_file(render(chart, tmp_path / f"{kind}.{fmt}", "uhd"), fmt, (3840, 2160))


def test_transparent_png_has_alpha(night_store, tmp_path):
    night = graphics.night_state(night_store)
    for kind in ("seats", "card"):
        chart = graphics.chart_for(kind, night, night_store, constituency=HENDON,
                                   theme="broadcast")
        path = render(chart, tmp_path / f"{kind}.png", "hd", transparent=True)
        with Image.open(path) as im:
            assert im.mode == "RGBA"
            alpha = im.getchannel("A")
            assert alpha.getpixel((0, 0)) == 0 and alpha.getpixel((1919, 1079)) == 0
            assert alpha.getextrema() == (0, 255)  # the graphic itself is opaque
        opaque = render(chart, tmp_path / f"{kind}-opaque.png", "hd")
        with Image.open(opaque) as im:
            assert im.convert("RGBA").getchannel("A").getextrema() == (255, 255)


def test_render_is_atomic(night_store, tmp_path, monkeypatch):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("seats", night, night_store)
    path = render(chart, tmp_path / "seats.png", "hd")
    before = path.read_bytes()
    assert oct(path.stat().st_mode & 0o777) != oct(0o600)  # readable by a graphics system

    def broken(*args, **kwargs):
        fh = args[0]
        fh.write(b"\x89PNG half a file")
        raise OSError("disk full")

    monkeypatch.setattr(chart.figure, "savefig", broken)
    with pytest.raises(OSError, match="disk full"):
        render(chart, path, "hd")
    with pytest.raises(OSError, match="disk full"):
        render(chart, tmp_path / "new.png", "hd")
    assert path.read_bytes() == before  # the old file stays whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seats.png"]


def test_same_figures_same_file(night_store, tmp_path):
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("summary", night, night_store)
    for fmt in graphics.FORMATS:
        a = render(chart, tmp_path / f"a.{fmt}", "hd").read_bytes()
        b = render(chart, tmp_path / f"b.{fmt}", "hd").read_bytes()
        assert a == b, fmt


# -- nothing clipped, nothing overlapping ---------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_no_text_clipped_or_overlapping_on_the_2024_night(night_store, kind):
    night = graphics.night_state(night_store)
    for theme in ("light", "broadcast"):
        chart = graphics.chart_for(kind, night, night_store, constituency=HENDON,
                                   theme=theme)
        for size in SIZES:
            assert text_problems(chart, size) == [], (theme, size)


@pytest.mark.parametrize("kind", KINDS)
def test_no_text_clipped_or_overlapping_on_a_five_seat_election(tiny_store, kind):
    night = graphics.night_state(tiny_store)
    assert night.seats_total == 5
    if kind == "map":  # codes on no bundled layout: refused with the reason, not drawn
        with pytest.raises(graphics.GraphicsRefusal, match="match no bundled layout"):
            graphics.chart_for(kind, night, tiny_store)
        return
    for theme in ("light", "dark"):
        chart = graphics.chart_for(kind, night, tiny_store, constituency="Upper Vale",
                                   theme=theme)
        for size in SIZES:
            assert text_problems(chart, size) == [], (theme, size)


@pytest.mark.parametrize("kind", KINDS)
def test_no_text_clipped_or_overlapping_early_in_the_night(early_store, kind):
    night = graphics.night_state(early_store)
    for key in (["Hendon", "Poole", "Bath", "Aldershot"] if kind == "card" else [None]):
        chart = graphics.chart_for(kind, night, early_store, constituency=key,
                                   theme="broadcast")
        for size in ("hd", "square", "vertical"):
            assert text_problems(chart, size) == [], (key, size)


def test_long_names_are_cut_short_not_clipped():
    long = "Prince Ankit Love Emperor of India and of Several Other Places Besides"
    party = "Chesterfield And North Derbyshire Independents (CANDI) Party of Everyone"
    rows = tuple(CardCandidate(f"{long} {i}", f"Party {i} with a long abbreviation", party,
                               "#a6a6a6", 10_000 - i, 10.0 - i, -1.0, elected=i == 0)
                 for i in range(14))
    data = ResultCardData("Birmingham Hodge Hill and Solihull North and Somewhere Else",
                          rows, "Party 0 gain from Party 1", "#a6a6a6", majority=1,
                          majority_pct=0.01, turnout=60.0, turnout_change=-1.0,
                          electorate=70_000, provisional=True, recount=True,
                          declared=1, seats_total=650, subtitle="A very long subtitle " * 6)
    for theme in THEMES.values():
        chart = ResultCardChart(theme=theme)
        chart.update(data)
        assert len(chart.rows) == 10 and chart.rows[-1].name == "5 others"
        for size in (*SIZES, (800, 450)):
            assert text_problems(chart, size) == [], (theme.name, size)


# -- what the graphics say ------------------------------------------------------------------------

def test_every_graphic_has_title_subtitle_and_footer(night_store):
    night = graphics.night_state(night_store)
    for kind in KINDS:
        chart = graphics.chart_for(kind, night, night_store, constituency=HENDON)
        texts = texts_of(chart)
        assert chart.header.title.get_text() and chart.header.subtitle.get_text(), kind
        assert SOURCE in texts, kind
        assert SOURCE == ("Source: ResultsDesk \u00b7 House of Commons Library data, "
                          "Open Parliament Licence")
        status = chart.footer.status.get_text()
        assert AS_OF.match(status) and status.endswith("650 of 650 declared"), (kind, status)


def test_title_of_your_own(night_store):
    night = graphics.night_state(night_store)
    for kind in KINDS:
        chart = graphics.chart_for(kind, night, night_store, constituency=HENDON,
                                   title="Election 2024: the night")
        assert chart.header.title.get_text() == "Election 2024: the night"


def test_result_card_for_hendon(night_store):
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("card", night, night_store, constituency="Hendon")
    assert isinstance(chart, ResultCardChart)
    texts = texts_of(chart)
    assert chart.header.title.get_text() == "Hendon"
    assert "Lab gain from Con" in texts
    assert chart.badges == ["RECOUNT RANGE"]  # a majority of 15
    first = chart.rows[0]
    assert (first.party, first.votes, first.elected) == ("Lab", 15_855, True)
    assert [c.votes for c in chart.rows] == sorted((c.votes for c in chart.rows), reverse=True)
    assert "15,855" in texts and "38.4%" in texts and "15" in texts and "0.04%" in texts
    assert "new" in texts  # Reform did not stand in Hendon at the notional 2019 election
    for c in chart.rows:  # the screen's colours and names
        assert c.colour == night.parties[c.party].colour
        assert c.party_name == night.parties[c.party].name
    chips = {t.get_text(): to_rgba(b.get_facecolor())
             for t, b in zip(chart.chip_texts, chart.chips, strict=True)}
    assert chips["Lab"] == to_rgba(night.parties["Lab"].colour)
    assert to_rgba(chart.band.get_facecolor()) == to_rgba(night.parties["Lab"].colour)


def test_result_card_hold(night_store):
    night = graphics.night_state(night_store)
    hold = next(s for s in night.seats.values() if s.outcome.result == "Con hold")
    chart = graphics.chart_for("card", night, night_store, constituency=hold.code)
    assert "Con hold" in texts_of(chart)


def test_result_card_badges(early_store):
    night = graphics.night_state(early_store)
    badges = {key: graphics.chart_for("card", night, early_store, constituency=key).badges
              for key in ("Hendon", "Poole", "Bath", "Chingford and Woodford Green")}
    assert badges == {"Hendon": ["RECOUNT"], "Poole": ["RECOUNT RANGE", "PROVISIONAL"],
                      "Bath": ["TIE"],
                      "Chingford and Woodford Green": []}
    bath = graphics.chart_for("card", night, early_store, constituency="Bath")
    assert "Tie: no winner yet" in texts_of(bath) and "TIE" in texts_of(bath)
    poole = texts_of(graphics.chart_for("card", night, early_store, constituency="Poole"))
    assert "PROVISIONAL" in poole and "Lab gain from Con" in poole


def test_result_card_before_the_seat_declares(early_store):
    night = graphics.night_state(early_store)
    chart = graphics.chart_for("card", night, early_store, constituency="Aldershot")
    texts = texts_of(chart)
    assert "Awaiting declaration" in texts
    assert all(c.votes is None for c in chart.rows) and len(chart.rows) >= 3


def test_card_needs_a_known_constituency(night_store):
    night = graphics.night_state(night_store)
    for missing in (None, "", "  "):
        with pytest.raises(ValueError, match="needs a constituency"):
            graphics.chart_for("card", night, night_store, constituency=missing)
    with pytest.raises(dk.DeskRefusal, match="No constituency 'Atlantis'"):
        graphics.chart_for("card", night, night_store, constituency="Atlantis")
    with pytest.raises(graphics.GraphicsRefusal, match="no graphic 'pie'"):
        graphics.chart_for("pie", night, night_store)
    with pytest.raises(graphics.GraphicsRefusal, match="no theme 'neon'"):
        graphics.chart_for("seats", night, night_store, theme="neon")


def test_recount_watch(early_store, night_store):
    night = graphics.night_state(early_store)
    chart = graphics.chart_for("recounts", night, early_store)
    assert isinstance(chart, RecountWatchChart)
    names = [s.constituency for s in chart.rows]
    assert names[0] == "Hendon" and chart.rows[0].recount  # recounts under way first
    assert names[1:] == ["Bath", "Poole"]  # then the smallest majority: the tie, then 18
    bath = chart.rows[1]
    assert bath.tie and {bath.winner, bath.runner_up} == {"LD", "Con"}
    texts = texts_of(chart)
    assert {"RECOUNT", "TIE", "PROVISIONAL"} <= set(texts)

    full = graphics.chart_for("recounts", graphics.night_state(night_store), night_store)
    majorities = [s.majority for s in full.rows]
    assert majorities == sorted(majorities) and full.rows[0].constituency == "Hendon"
    texts = texts_of(full)
    assert 0 < full.shown < len(full.rows)
    assert f"and {len(full.rows) - full.shown:,} more within recount range" in texts


def test_national_summary(night_store, early_store):
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("summary", night, night_store)
    assert isinstance(chart, SummaryChart)
    texts = texts_of(chart)
    # the 2024 file has no declaration times: no time is made up (not the import's)
    assert chart.band_text.get_text() == "Lab majority reached"
    assert [p.party for p in chart.parties][:3] == ["Lab", "Con", "LD"]
    assert "RUK" in [p.party for p in chart.parties]  # many votes, few seats: shown
    assert chart.parties[-1].party == "Others"
    assert sum(p.seats for p in chart.parties) == 650
    assert {"411", "+211", "33.7%", "650 of 650", "326 for a majority"} <= set(texts)
    assert to_rgba(chart.band.get_facecolor()) == to_rgba(night.parties["Lab"].colour)

    early = graphics.chart_for("summary", graphics.night_state(early_store), early_store)
    assert early.band_text.get_text() == "Lab need 324 more for a majority"
    assert "+ 1 provisional" in texts_of(early)


def test_screen_colours_in_national_charts(night_store):
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("hemicycle", night, night_store)
    assert isinstance(chart, HemicycleChart)
    lab = chart.seat_owners.index("Lab")
    assert tuple(chart.seat_colours()[lab]) == to_rgba(night.parties["Lab"].colour)
    seats = graphics.chart_for("seats", night, night_store)
    assert to_rgba(seats.bar_patches[0].get_facecolor()) == \
        to_rgba(night.parties["Lab"].colour)


def test_charts_update_in_place(early_store, night_store):
    early = graphics.night_state(early_store)
    full = graphics.night_state(night_store)
    for kind, key in (("card", "Hendon"), ("recounts", None)):
        chart = graphics.chart_for(kind, early, early_store, constituency=key)
        texts_of(chart)
        rebuilds, ax = chart.rebuilds, chart.ax
        data = (graphics.card_data(full, night_store, "Hendon") if kind == "card"
                else graphics.recount_data(full))
        chart.update(data)
        assert chart.rebuilds == rebuilds and chart.ax is ax, kind
        texts_of(chart)


# -- export_graphic, export_all -------------------------------------------------------------------

def test_export_graphic(night_store, tmp_path):
    path = graphics.export_graphic(night_store, "card", tmp_path / "hendon.png",
                                   size="square", theme="broadcast", constituency=HENDON)
    check_file(path, "png", (1080, 1080))
    with pytest.raises(graphics.GraphicsRefusal, match="size"):
        graphics.export_graphic(night_store, "seats", tmp_path / "x.png", size="big")
    with pytest.raises(graphics.GraphicsRefusal, match=r"\.png, \.svg or \.pdf"):
        graphics.export_graphic(night_store, "seats", tmp_path / "x.jpg")


def test_export_all(night_store, tmp_path):
    paths = graphics.export_all(night_store, tmp_path / "all", size="1280x720")
    formats = (*graphics.FORMATS, graphics.DATA)  # every picture, and the data it draws
    assert len(paths) == len(KINDS) * len(formats)
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == sorted(
        f"{k}.{f}" for k in KINDS for f in formats)
    for p in paths:
        if p.suffix != ".json":
            check_file(p, p.suffix[1:], (1280, 720))


def test_export_all_before_any_result_has_no_card(nominations_store, tmp_path):
    paths = graphics.export_all(nominations_store, tmp_path, size="hd")
    formats = (*graphics.FORMATS, graphics.DATA)
    assert len(paths) == (len(KINDS) - 1) * len(formats)
    assert not any(p.stem == "card" for p in paths)


def test_export_all_card_is_the_latest_verified_seat(early_store):
    night = graphics.night_state(early_store)
    # Bath was verified last of the three verified seats
    assert night.seats[graphics.latest_verified_seat(night, early_store)].name == "Bath"


# -- the command line -----------------------------------------------------------------------------

def test_cli_kinds_are_the_desk_kinds():
    # one list: the CLI offers every graphic the desk makes, `timeline` included
    assert graphics.KINDS == cli.GRAPHIC_KINDS
    assert "timeline" in cli.GRAPHIC_KINDS
    assert ("results", *graphics.KINDS, "all") == cli.EXPORT_KINDS


def test_cli_export_graphics(night_db, tmp_path, capsys):
    out = tmp_path / "card.svg"
    assert cli.main(["export", "card", "--db", str(night_db), "--out", str(out),
                     "--constituency", "Hendon", "--theme", "broadcast"]) == 0
    check_file(out, "svg", (1920, 1080))
    assert str(out) in capsys.readouterr().out
    out = tmp_path / "chamber.png"
    assert cli.main(["export", "hemicycle", "--db", str(night_db), "--out", str(out),
                     "--size", "vertical", "--transparent", "--title", "The new House"]) == 0
    check_file(out, "png", (1080, 1920))
    with Image.open(out) as im:
        assert im.mode == "RGBA"
    assert cli.main(["export", "all", "--db", str(night_db), "--out",
                     str(tmp_path / "all"), "--size", "square"]) == 0
    every = len(KINDS) * (len(graphics.FORMATS) + 1)  # the pictures and their data
    assert len(list((tmp_path / "all").iterdir())) == every
    assert f"Wrote {every} graphics" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "message"), [
    (["card"], "export card needs --constituency"),
    (["card", "--constituency", "Atlantis"], "No constituency 'Atlantis'"),
    (["seats", "--size", "enormous"], "size 'enormous'"),
    (["seats", "--size", "10x10"], "each side must be"),
    (["seats", "--out-name", "seats.gif"], "a graphic is .png, .svg or .pdf"),
    (["seats", "--theme", "neon"], "no theme 'neon'"),
    (["summary", "--constituency", "Hendon"], "--constituency is only for export card"),
])
def test_cli_export_errors(night_db, tmp_path, capsys, args, message):
    name = "out.png"
    if "--out-name" in args:
        name = args[args.index("--out-name") + 1]
        args = args[:args.index("--out-name")]
    out = tmp_path / name
    assert cli.main(["export", *args, "--db", str(night_db), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("resultsdesk: error: "), err
    assert message in lines[0] and "Traceback" not in err
    assert not out.exists()


def test_cli_export_all_into_a_file_is_refused(night_db, tmp_path, capsys):
    target = tmp_path / "a-file"
    target.write_text("x")
    assert cli.main(["export", "all", "--db", str(night_db), "--out", str(target)]) == 1
    assert "is a file" in capsys.readouterr().err


def test_cli_export_in_a_subprocess_prints_no_traceback(night_db, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "resultsdesk", "export", "card", "--db", str(night_db),
         "--out", str(tmp_path / "c.png")],
        capture_output=True, text=True, env={**os.environ, "MPLBACKEND": ""}, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith("resultsdesk: error: export card needs --constituency")
    assert "Traceback" not in result.stderr
