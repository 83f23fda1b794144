"""Broadcast graphics written to files: every kind drawn from a real night, written as PNG,
SVG and PDF at the broadcast sizes; nothing clipped or overlapping at any export size; the
same figures give the same file; atomic writes; export_graphic and export_all. What the
graphics say is in test_graphics_content.py, `resultsdesk export` in test_graphics_cli.py.

Nights: the full 2024 night (`night_store`), a 2024 night with a few seats declared
(`early_store`, from the conftest), and a tiny five-seat election imported from a CSV
written here.
"""

from __future__ import annotations

import csv

import pytest
from helpers.disk_full import full_at
from helpers.graphic_files import check_file
from helpers.seats import HENDON
from helpers.texts import layout_problems
from PIL import Image

from resultsdesk.charts import THEMES, ResultCardChart
from resultsdesk.charts.data import CardCandidate, ResultCardData
from resultsdesk.charts.export import SIZES, at_size, export_dpi, parse_size, render
from resultsdesk.desk import export_folder, graphics
from resultsdesk.desk.election import init_election
from resultsdesk.desk.graphics import KINDS
from resultsdesk.desk.imports import import_results
from resultsdesk.domain.errors import KnownError
from resultsdesk.io.hoc_candidates import OPTIONAL, REQUIRED


def text_problems(chart, size) -> list[str]:
    """Texts outside the picture, or overlapping another, as `render` lays it out."""
    with at_size(chart, size):
        chart.figure.canvas.draw()
        return layout_problems(chart.figure, chart.figure.canvas.get_renderer(), "the picture")


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
                       "DC Person ID": "", "Electoral Commission party ID": "",
                       "Electoral Commission adjunct party ID": ""}
                writer.writerow([row[c] for c in header])
    store = init_election(tmp_path / "tiny.db", "Tiny test election")
    import_results(store, path)
    try:
        yield store
    finally:
        store.close()


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
    paths = export_folder.export_all(night_store, tmp_path / "all", size="1280x720")
    formats = (*graphics.FORMATS, graphics.DATA)  # every picture, and the data it draws
    assert len(paths) == len(KINDS) * len(formats)
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == sorted(
        f"{k}.{f}" for k in KINDS for f in formats)
    for p in paths:
        if p.suffix != ".json":
            check_file(p, p.suffix[1:], (1280, 720))


def test_export_all_before_any_result_has_no_card(nominations_store, tmp_path):
    paths = export_folder.export_all(nominations_store, tmp_path, size="hd")
    formats = (*graphics.FORMATS, graphics.DATA)
    assert len(paths) == (len(KINDS) - 1) * len(formats)
    assert not any(p.stem == "card" for p in paths)


def test_export_all_with_no_card_removes_an_earlier_exports_card(night_store,
                                                                 nominations_store, tmp_path):
    """Last night's export left card.png (a seat, "650 of 650") in the folder; tonight's
    before any verification has no card: ours is removed, not left beside "0 of 650" for a
    graphics system to put on air (found by the graphics desk review). A file of someone
    else's named like one stays."""
    formats = (*graphics.FORMATS, graphics.DATA)
    export_folder.export_all(night_store, tmp_path, size="640x360")
    assert all((tmp_path / f"card.{f}").exists() for f in formats)
    (tmp_path / "card.pdf").write_bytes(b"%PDF-1.4 someone else's card")  # not ours
    export_folder.export_all(nominations_store, tmp_path, size="640x360")
    assert [f for f in formats if (tmp_path / f"card.{f}").exists()] == ["pdf"]
    assert (tmp_path / "card.pdf").read_bytes() == b"%PDF-1.4 someone else's card"
    assert (tmp_path / "seats.png").exists()


def test_export_all_card_is_the_latest_verified_seat(early_store):
    night = graphics.night_state(early_store)
    # Bath was verified last of the three verified seats
    assert night.seats[graphics.latest_verified_seat(night, early_store)].name == "Bath"


def test_export_all_stopped_half_way_leaves_the_folder_as_it_was(night_store,
                                                                 nominations_store, tmp_path,
                                                                 monkeypatch):
    """A disk that filled half way through `export all` left each file drawn before it
    in place: the new night's seats.png and card.png beside the last export's map and
    data. Every file is drawn first, then all go in at once, as a publish's do; a failure
    leaves the folder as it was, with no temporary file behind."""
    folder = tmp_path / "all"
    export_folder.export_all(nominations_store, folder, size="640x360")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    full_at("map.json", monkeypatch)
    with pytest.raises(KnownError, match="the disk is full"):
        export_folder.export_all(night_store, folder, size="640x360")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
