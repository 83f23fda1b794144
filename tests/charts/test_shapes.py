"""Layouts designed per shape: every kind x {hd, square, vertical} x {light, dark, broadcast}
drawn from the bundled 2024 night, checked for clipped or overlapping text and for a canvas
the graphic fills (no half page left blank); the arrangement each shape gets (the chamber
across a vertical canvas, seats as rows, a card's bars); a long list continued on further
graphics (recounts.png, recounts-2.png) instead of "and 3 more".

The layout runs without rasterising (`Figure.draw_without_rendering`): the positions and
text extents are those of the export, at a fraction of the cost.
"""

from __future__ import annotations

import itertools
import shutil

import pytest
from helpers.seats import HENDON
from helpers.texts import drawn_texts, layout_problems
from matplotlib.patches import Rectangle
from PIL import Image

from resultsdesk import cli
from resultsdesk.charts import RecountWatchChart
from resultsdesk.charts._stage import stages
from resultsdesk.charts.data import RecountWatchData, WatchedSeat
from resultsdesk.charts.export import at_size, page_path, render_pages, type_scale
from resultsdesk.charts.layout import SQUARE, TALL, WIDE, layout_for, shape_of
from resultsdesk.desk import graphics
from resultsdesk.store import Store

KINDS = graphics.KINDS
SIZES = ("hd", "square", "vertical")
THEMES = ("light", "dark", "broadcast")


@pytest.fixture(scope="module")
def night(_night_2024, tmp_path_factory):
    path = tmp_path_factory.mktemp("shapes") / "night.db"
    shutil.copyfile(_night_2024, path)
    with Store(path) as store:
        yield store, graphics.night_state(store)


@pytest.fixture(scope="module")
def charts(night):
    """One chart per kind and theme, drawn at every size in turn, paged as exported."""
    store, state = night
    made: dict = {}

    def get(kind: str, theme: str):
        if (kind, theme) not in made:
            made[kind, theme] = graphics.chart_for(kind, state, store, constituency=HENDON,
                                                   theme=theme)
            made[kind, theme].set_paging(True)  # as render_pages draws a first page
        return made[kind, theme]

    return get


def laid_out(chart, size):
    """The chart laid out as `render` would at `size`: (renderer, canvas box)."""
    fig = chart.figure
    fig.draw_without_rendering()
    return fig._get_renderer(), fig.bbox.frozen()


def content_boxes(chart, renderer) -> list:
    """Window boxes of what the graphic shows: its texts, the visible patches (bars, chips,
    bands) and, for a plotted chart, the plot itself."""
    fig = chart.figure
    boxes = [t.get_window_extent(renderer) for t in drawn_texts(fig)]
    for ax in fig.axes:
        patches = [p for p in ax.patches if p.get_visible()]
        boxes += [p.get_window_extent(renderer) for p in patches]
        if ax.get_xlim() != (0.0, fig.bbox.width):  # a plot, not a panel's pixel canvas
            boxes.append(ax.get_window_extent(renderer))
    boxes += [a.get_window_extent(renderer) for a in fig.artists
              if isinstance(a, Rectangle) and a.get_visible()]
    for stage in stages(fig):  # the chamber, and its list's bars
        boxes.append(stage.get_window_extent(renderer))
        boxes += [a.get_window_extent(renderer) for a in stage.get_children()
                  if isinstance(a, Rectangle) and a.get_visible()]
    return [b for b in boxes if b.width > 0 and b.height > 0]


def largest_blank(boxes, low: float, high: float) -> float:
    """The tallest band between `low` and `high` (pixels) that no box reaches into."""
    spans = sorted((max(b.y0, low), min(b.y1, high)) for b in boxes if b.y1 > low
                   and b.y0 < high)
    blank, reached = 0.0, low
    for y0, y1 in spans:
        blank = max(blank, y0 - reached)
        reached = max(reached, y1)
    return max(blank, high - reached)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_shape_and_theme_fits_and_fills(charts, kind, size, theme):
    chart = charts(kind, theme)
    with at_size(chart, size):
        renderer, canvas = laid_out(chart, size)
        texts = [(t.get_text(), t.get_window_extent(renderer))
                 for t in drawn_texts(chart.figure)]
        for text, bb in texts:  # nothing leaves the picture
            assert (bb.x0 >= canvas.x0 - 0.5 and bb.y0 >= canvas.y0 - 0.5
                    and bb.x1 <= canvas.x1 + 0.5 and bb.y1 <= canvas.y1 + 0.5), \
                (text, bb.bounds)
        for (ta, a), (tb, b) in itertools.combinations(texts, 2):  # nor overlaps
            assert not (a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5 and a.y0 < b.y1 - 0.5
                        and b.y0 < a.y1 - 0.5), (ta, tb)
        assert "more within recount range" not in " ".join(t for t, _ in texts)
        # The graphic fills its canvas: no blank band 14 % of the height tall between
        # header and footer (the HD layouts stretched left 15 to 43 %: a vertical
        # chamber, card, summary or recount list, a square chamber).
        boxes = content_boxes(chart, renderer)
        header = chart.header.subtitle.get_window_extent(renderer).y0
        blank = largest_blank(boxes, chart.floor, header)
        assert blank < 0.14 * canvas.height, (blank / canvas.height)
        assert chart.layout is layout_for(canvas.width, canvas.height)


@pytest.mark.parametrize("theme", THEMES)
def test_the_chamber_fills_the_width_of_a_vertical_graphic(charts, theme):
    chart = charts("hemicycle", theme)
    for size, share in (("vertical", 0.8), ("square", 0.8), ("hd", 0.4)):
        with at_size(chart, size):
            _renderer, canvas = laid_out(chart, size)
            g = chart.geometry  # the outermost dots' edges, in pixels
            xs = chart.stage.transData.transform(
                [(g.xy[:, 0].min() - g.seat_radius, 0), (g.xy[:, 0].max() + g.seat_radius, 0)])
            width = xs[1][0] - xs[0][0]
            assert width >= share * canvas.width, (size, width / canvas.width)
            # the same parties named, Others the same, whatever the shape
            named = [t.get_text().split()[0] for t in chart.legend_chips if t.get_visible()]
            assert named[:3] == ["Lab", "Con", "LD"] and "Others" in named, (size, named)
            if size == "vertical":  # a list: a bar of seats a party, largest first
                bars = [b for b in chart.legend.bars if b.get_visible()]
                assert len(bars) >= 10
                widths = [b.get_width() for b in bars[:-1]]  # Others closes the list
                assert widths == sorted(widths, reverse=True)


def test_type_grows_with_the_canvas_tall_as_wide():
    assert type_scale(1080, 1920) > type_scale(1920, 1080) > type_scale(1080, 1080)
    assert type_scale(2160, 3840) == pytest.approx(2 * type_scale(1080, 1920))
    assert [shape_of(*s) for s in ((1920, 1080), (1080, 1080), (1080, 1920), (1280, 1024))] \
        == ["wide", "square", "tall", "wide"]
    assert (layout_for(1920, 1080), layout_for(1000, 1100), layout_for(720, 1280)) \
        == (WIDE, SQUARE, TALL)


def test_seats_run_as_rows_on_a_tall_canvas(charts):
    chart = charts("seats", "light")
    for size, rows in (("hd", False), ("square", False), ("vertical", True)):
        with at_size(chart, size):
            renderer, _ = laid_out(chart, size)
            boxes = [p.get_window_extent(renderer) for p in chart.bar_patches]
            lab, con = boxes[0], boxes[1]
            if rows:  # Labour's bar the longest, across; Labour above the Conservatives
                assert lab.width > 2 * con.width and lab.y0 > con.y1
                assert abs(lab.height - con.height) < 1
            else:
                assert lab.height > 2 * con.height and lab.x1 < con.x0
                assert abs(lab.width - con.width) < 1


@pytest.mark.parametrize("size", SIZES)
def test_a_card_keeps_its_vote_bars_on_every_shape(charts, size):
    for theme in THEMES:
        chart = charts("card", theme)
        with at_size(chart, size):
            _renderer, canvas = laid_out(chart, size)
            bars = [(c, b) for c, b in zip(chart.rows, chart.bars, strict=True)
                    if b.get_visible()]
            assert len(bars) == len(chart.rows) == 8, (theme, size)
            widths = [b.get_width() for _c, b in bars]
            assert widths == sorted(widths, reverse=True)  # most votes, longest bar
            assert widths[0] >= 0.25 * canvas.width, (theme, size)


def long_watch(n: int) -> RecountWatchData:
    seats = tuple(WatchedSeat(f"Seat number {i:02d}", "Lab", "#d50000", "Con", "#0063ba",
                              10 + i, 0.02 + i / 1000) for i in range(n))
    return RecountWatchData(seats, declared=650, seats_total=650)


def test_a_long_list_continues_on_further_graphics(tmp_path):
    chart = RecountWatchChart()
    chart.update(long_watch(31))
    stale = [page_path(tmp_path / "recounts.png", n) for n in (5, 6)]
    for p in stale:  # pages of an earlier, longer list (ours: the maker says so)
        p.write_bytes(b"\x89PNG old Software ResultsDesk")
    neighbour = tmp_path / "seats-2.png"
    neighbour.write_bytes(b"not ours")
    foreign = page_path(tmp_path / "recounts.png", 7)  # named like a page, not ours
    foreign.write_bytes(b"not ours")
    for size in SIZES:
        pages = render_pages(chart, tmp_path / "recounts.png", size)
        assert pages[0] == tmp_path / "recounts.png"
        assert pages[1:] == [tmp_path / f"recounts-{n}.png" for n in range(2, len(pages) + 1)]
        for p in pages:
            with Image.open(p) as im:
                assert im.size == graphics.parse_size(size)
        assert not any(p.exists() for p in stale) and neighbour.read_bytes() == b"not ours"
        assert foreign.read_bytes() == b"not ours"
    assert chart.paging is False and chart.first == 0  # back to the screen's first page
    # What each page lists: every seat once, in order, pages alike (7 and 6, not 11 and 2).
    chart.set_paging(True)
    seen, counts = [], []
    with at_size(chart, "hd"):
        while True:
            chart.figure.draw_without_rendering()
            shown = [t.get_text() for t in chart.names[:chart.shown]]
            seen += shown
            counts.append(len(shown))
            last = chart.first + chart.shown == 31
            assert chart.more.get_text() == (
                f"Seats {chart.first + 1}\u2013{chart.first + chart.shown} of 31"
                + ("" if last else " \u00b7 continued on the next graphic"))
            if not chart.more_pages():
                break
            chart.next_page()
    chart.set_paging(False)
    assert seen == [s.constituency for s in long_watch(31).seats]
    assert len(counts) >= 2 and max(counts) - min(counts) <= 1


def _page_counts(chart, size) -> list[int]:
    chart.set_paging(True)
    counts, seen = [], []
    with at_size(chart, size):
        while True:
            chart.figure.draw_without_rendering()
            counts.append(chart.shown)
            seen += [t.get_text() for t in chart.names[:chart.shown]]
            if not chart.more_pages():
                break
            chart.next_page()
    chart.set_paging(False)
    assert seen == [s.constituency for s in chart.data.seats]
    return counts


@pytest.mark.parametrize("n", [40, 100])
def test_the_rows_are_shared_out_over_the_pages(n):
    """Every page took page one's count, the last what was left: 100 seats at HD went out
    as five pages of 17 and one of 15 (a desk's 69, five of 12 and one of 9); the README
    promises pages alike give or take one."""
    chart = RecountWatchChart()
    chart.update(long_watch(n))
    counts = _page_counts(chart, "hd")
    assert len(counts) >= 3 and sum(counts) == n
    assert max(counts) - min(counts) <= 1
    assert counts == sorted(counts, reverse=True)  # the longer pages first


def test_on_screen_a_long_list_still_says_how_many_more():
    chart = RecountWatchChart()
    chart.update(long_watch(31))
    chart.figure.draw_without_rendering()
    assert chart.shown <= 10
    assert chart.more.get_text() == f"and {31 - chart.shown} more within recount range"


def test_cli_export_writes_the_continuation_pages(night_db, tmp_path, capsys):
    out = tmp_path / "recounts.png"
    # 13 seats in recount range on the 2024 night: two-line rows of the smallest type on
    # a 360 x 640 picture run onto a second graphic
    assert cli.main(["export", "recounts", "--db", str(night_db), "--out", str(out),
                     "--size", "360x640"]) == 0
    assert capsys.readouterr().out == f"Wrote {out}, {tmp_path / 'recounts-2.png'}.\n"
    # one HD page holds them all: the old page 2 goes, so no graphics system shows it
    assert cli.main(["export", "recounts", "--db", str(night_db), "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"Wrote {out}.\n"
    assert sorted(tmp_path.glob("recounts*.png")) == [out]


@pytest.mark.parametrize("size", [(460, 610), (380, 560)])
def test_a_small_tall_chamber_keeps_its_width_with_chips_under_it(charts, size):
    """A narrow dock on screen is tall, but too small for a chamber as wide as itself over a
    party a row: the key turns to chips, so the chamber still spans most of the width and
    no text overlaps (it had shrunk to a sliver with the list over the footnote)."""
    chart = charts("hemicycle", "dark")
    fig = chart.figure
    old_size, old_dpi = fig.get_size_inches().copy(), fig.dpi
    fig.set_dpi(100)  # as on screen: the theme's type at 100 dpi, not an export's scale
    fig.set_size_inches(size[0] / 100, size[1] / 100)
    try:
        renderer, canvas = laid_out(chart, size)
        g = chart.geometry
        xs = chart.stage.transData.transform(
            [(g.xy[:, 0].min() - g.seat_radius, 0), (g.xy[:, 0].max() + g.seat_radius, 0)])
        assert xs[1][0] - xs[0][0] >= 0.7 * canvas.width
        assert not any(b.get_visible() for b in chart.legend.bars)  # chips, not the list
        texts = [(t.get_text(), t.get_window_extent(renderer))
                 for t in drawn_texts(chart.figure)]
        for (ta, a), (tb, b) in itertools.combinations(texts, 2):
            assert not (a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5 and a.y0 < b.y1 - 0.5
                        and b.y0 < a.y1 - 0.5), (ta, tb)
    finally:
        fig.set_dpi(old_dpi)
        fig.set_size_inches(old_size)


@pytest.mark.parametrize("size", [(480, 1920), (300, 900), (200, 600)])
@pytest.mark.parametrize("theme", THEMES)
def test_a_narrow_tall_summary_keeps_its_table_inside_the_picture(charts, size, theme):
    """A strip for the side of a video wall: the summary's type grew with the height
    alone, so its figures' columns ran off the left edge and the seats were drawn over
    the party chips (480 x 1920 broadcast: '411' over 'Lab'). The table is sized for the
    width too, or, too narrow even at the least type, left out (the race bar names the
    parties' seats)."""
    chart = charts("summary", theme)
    with at_size(chart, size):
        chart.figure.canvas.draw()
        assert layout_problems(chart.figure, chart.figure.canvas.get_renderer(),
                               "the picture") == []
        shown = {t.get_text() for t in drawn_texts(chart.figure)}
    if size[0] >= 300:  # room for the table at some size of type
        assert {"411", "Lab", "Seats", "Vote share"} <= shown, shown


@pytest.mark.parametrize("size", [(360, 640), (300, 900), (200, 600)])
@pytest.mark.parametrize("theme", THEMES)
def test_a_narrow_recount_watch_keeps_its_chips_heads_apart(charts, size, theme):
    """On two lines the chips narrow to the width, and "Winner" and "Runner-up" over them
    ran into each other ("WinnerRunner-up" on a 300 x 900 broadcast page) or off the left
    edge: they now shrink together to fit (cut short only past the table's least type)."""
    chart = charts("recounts", theme)
    with at_size(chart, size):
        chart.figure.canvas.draw()
        assert layout_problems(chart.figure, chart.figure.canvas.get_renderer(),
                               "the picture") == []
        shown = {t.get_text() for t in drawn_texts(chart.figure)}
    if size[0] >= 300:
        assert {"Winner", "Runner-up"} <= shown, shown


@pytest.mark.parametrize("theme", THEMES)
def test_a_narrow_recount_watch_with_badges_keeps_its_heads_apart(early_store, theme):
    """With a RECOUNT or TIE badge column the chips have less room still: on a 300 x 900
    broadcast page "Winner" ran off the left edge and into "Runner-up"."""
    chart = graphics.chart_for("recounts", graphics.night_state(early_store), early_store,
                               theme=theme)
    chart.set_paging(True)  # as exported
    for size in ((300, 900), (360, 640)):
        with at_size(chart, size):
            chart.figure.canvas.draw()
            assert layout_problems(chart.figure, chart.figure.canvas.get_renderer(),
                                   "the picture") == [], size
