"""What the graphics team found on a night with recounts under way, a tie and provisional
entries, exported at every shape: each test drew the fault before its fix."""

from __future__ import annotations

import pytest
from helpers.texts import cut_short, layout_problems
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from resultsdesk.charts import RecountWatchChart, ResultCardChart
from resultsdesk.charts.data import (
    CardCandidate,
    RecountWatchData,
    ResultCardData,
    WatchedSeat,
)
from resultsdesk.charts.export import at_size
from resultsdesk.charts.textfit import extent, fit_font
from resultsdesk.charts.theme import THEMES

SIZES = ("hd", "uhd", "square", "vertical", "1280x720", "640x360")


def badged_watch(n: int) -> RecountWatchData:
    """Seats in recount range, the first two with a recount under way: a badge column."""
    seats = tuple(WatchedSeat(f"Seat number {i:02d}", "Lab", "#d50000", "Con", "#0063ba",
                              10 + i, 0.02 + i / 1000, recount=i < 2) for i in range(n))
    return RecountWatchData(seats, declared=650, seats_total=650)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("theme", THEMES)
def test_a_continued_recount_page_with_badges_keeps_its_note_inside(size, theme):
    """With a RECOUNT badge column, the page's note ("Seats 1–8 of 15 · continued on the
    next graphic") was fitted to the whole width but started at the names' column: on a
    vertical broadcast graphic it ran off the right edge."""
    chart = RecountWatchChart(theme=THEMES[theme])
    chart.update(badged_watch(15))
    chart.set_paging(True)
    try:
        with at_size(chart, size):
            canvas = FigureCanvasAgg(chart.figure)
            while True:
                canvas.draw()
                assert chart.more.get_text() or not chart.more_pages()
                assert layout_problems(chart.figure, canvas.get_renderer()) == [], (
                    size, theme, chart.first)
                if not chart.more_pages():
                    break
                chart.next_page()
    finally:
        chart.set_paging(False)


LONG_RECOUNTS = ("Kingston upon Hull North and Cottingham",
                 "Middlesbrough South and East Cleveland",
                 "Newcastle upon Tyne East and Wallsend",
                 "Sheffield Brightside and Hillsborough")


@pytest.mark.parametrize("theme", THEMES)
def test_a_continued_recount_page_with_longer_names_keeps_its_rows_inside(theme):
    """22 recounts under way on square pages of 11 (or 13): page one's names fit one line
    a row, but page two's long names ("Kingston upon Hull North and Cottingham") took it
    to a name line over each row's chips and figures, with page one's rows and type: its
    last rows ran off the bottom of the picture, under the footer. A continuation page
    keeps page one's lines a row where more do not fit."""
    names = tuple(f"Bath {chr(65 + i)}" for i in range(18)) + LONG_RECOUNTS
    seats = tuple(WatchedSeat(n, "Lab", "#d50000", "Con", "#0063ba", 10 + i,
                              0.02 + i / 1000, recount=True) for i, n in enumerate(names))
    chart = RecountWatchChart(theme=THEMES[theme])
    chart.update(RecountWatchData(seats, declared=650, seats_total=650))
    chart.set_paging(True)
    try:
        with at_size(chart, "square"):
            canvas = FigureCanvasAgg(chart.figure)
            pages = []
            while True:
                canvas.draw()
                pages.append(chart.shown)
                assert layout_problems(chart.figure, canvas.get_renderer()) == [], (
                    theme, chart.first)
                if not chart.more_pages():
                    break
                chart.next_page()
            assert len(pages) == 2 and sum(pages) == len(names)
    finally:
        chart.set_paging(False)


def test_text_shrunk_to_a_width_is_not_cut_short_a_hair_over_it():
    """Shrunk in proportion to a width, type can measure a hair over it (it is not measured
    exactly in proportion to its size), and was then cut short with an ellipsis: about
    one in eight of these widths. Half a point less fits."""
    fig = Figure(figsize=(7, 12), dpi=154.6)
    renderer = FigureCanvasAgg(fig).get_renderer()
    t = fig.text(0.1, 0.5, "LD gain from Con", weight="bold")
    over = []
    for width in range(300, 700, 7):
        for size in (31.9, 31.53, 22.0):
            fit_font(t, renderer, size, max_width=width)
            if extent(t, renderer)[0] > width + 0.01:
                over.append((width, size, t.get_fontsize()))
    assert over == []


def test_a_result_band_beside_a_recount_badge_is_never_cut(nominations_store):
    """Mid Dorset and North Poole's real 2024 result, a recount then called: on the
    vertical broadcast card the result words, shrunk to the band left beside the RECOUNT
    badge, came out 646.4 px for 646.3 and read "LD gain from C…" on air."""
    from helpers.cards import drawn_card
    from helpers.desk_state import real_votes

    from resultsdesk.desk import declarations as dk
    from resultsdesk.desk import graphics
    from resultsdesk.domain.model import Figures

    store, code = nominations_store, "E14001363"  # Mid Dorset and North Poole
    votes = Figures(real_votes(store, code), 50)
    try:
        dk.declare(store, code, votes, user="alice")
    except dk.FiguresRefused as exc:
        dk.declare(store, code, votes, user="alice",
                   overrides=[p.code for p in exc.problems if not p.is_error])
    dk.verify(store, code, user="bob", votes=None)
    dk.mark_recount(store, code, user="carol")
    night = graphics.night_state(store)
    with drawn_card(night, store, code, "vertical", "broadcast") as (chart, renderer):
        assert chart.band_text.get_text() == "LD gain from Con"
        assert chart.badges == ["RECOUNT"]
        assert cut_short(chart.figure) == []
        assert layout_problems(chart.figure, renderer, "the picture") == []


def vale_of_glamorgan_2019() -> ResultCardData:
    """The card the rehearsal of 2019 showed at 311 seats: four candidates, one with a long
    name, figures in the tens of thousands."""
    rows = (("Alun Cairns", "Con", "Conservative", "#0063ba", 27305, 49.8, 2.3, True),
            ("Belinda Loveluck-Edwards", "Lab", "Labour", "#d50000", 23743, 43.3, -0.1, False),
            ("Anthony Slaughter", "Green", "Green Party", "#78b82a", 3251, 5.9, 5.2, False),
            ("Laurence Williams", "Gwld", "Gwlad Gwlad", "#35db2d", 508, 0.9, None, False))
    return ResultCardData(
        "Vale Of Glamorgan",
        tuple(CardCandidate(n, p, pn, c, v, s, ch, new=ch is None, elected=e)
              for n, p, pn, c, v, s, ch, e in rows),
        "Con hold", "#0063ba", 3562, 6.5, 71.6, None, 1.2, "Lab", "Con", 76508,
        declared=311, seats_total=650)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("theme", THEMES)
def test_a_card_never_cuts_a_party_or_its_heading_to_a_letter(size, theme):
    """On a vertical broadcast card (the names across the row, the figures under them) the
    room left of the votes was a letter wide: the parties read "C…", "L…", "G…" and the
    heading "Cand…" (a rehearsal's footer, on two lines, takes the height that would
    have put the figures beside the names). A word cut to a stub is left out, as the
    one-line layout already does; the chip names the party."""
    chart = ResultCardChart(theme=THEMES[theme])
    chart.set_footer(as_of="03:30", rehearsal=True)
    chart.update(vale_of_glamorgan_2019())
    with at_size(chart, size):
        canvas = FigureCanvasAgg(chart.figure)
        canvas.draw()
        stubs = [w for w in cut_short(chart.figure) if len(w) < 7]
        assert stubs == [], (size, theme)
        assert layout_problems(chart.figure, canvas.get_renderer()) == []


@pytest.mark.parametrize("seat", ["Ynys Môn", "the most candidates"])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("theme", THEMES)
def test_a_card_shows_every_candidate_on_every_picture(night_store, size, theme, seat):
    """Ynys Môn's eight candidates on a 640 x 360 broadcast card: six were drawn and two
    left out without a word (the shares shown did not add up, the JSON had eight). Type
    gives way first; every candidate is on every exported size."""
    from resultsdesk.desk import graphics

    night = graphics.night_state(night_store)
    if seat == "Ynys Môn":
        code = next(c for c, s in night.seats.items() if s.name == seat)
    else:  # type shrinks below the tables' least before a row drops
        code = max(night.seats, key=lambda c: len(night.seats[c].shown_votes))
    chart = graphics.chart_for("card", night, night_store, constituency=code, theme=theme)
    with at_size(chart, size):
        FigureCanvasAgg(chart.figure).draw()
        renderer = chart.figure.canvas.get_renderer()
        names = [t.get_text() for t in chart.names if t.get_visible() and t.get_text()]
        assert len(names) == len(chart.rows) >= 8, (size, theme, names)
        assert layout_problems(chart.figure, renderer, "the picture") == [], (size, theme)


def test_the_2024_recount_watch_has_the_same_pages_in_every_format(night_store, tmp_path,
                                                                   monkeypatch):
    """The night's 13 seats in recount range fit one HD broadcast picture: the PNG showed
    them all, but the SVG (and, after it, the PDF) said "Seats 1–7 of 13 · continued" with
    half the picture empty. The type scaled to fit measured a hair over the room (font
    sizes are not measured exactly in proportion), so a row went, and pages of alike
    length made that 7 and 6."""
    from resultsdesk.charts import textfit
    from resultsdesk.desk import graphics

    monkeypatch.setattr(textfit, "_EXTENTS", {})  # measured afresh, as in a new process
    pages = {fmt: graphics.export_pages(night_store, "recounts", tmp_path / f"r.{fmt}",
                                        theme="broadcast")
             for fmt in ("svg", "pdf", "png")}
    assert {fmt: len(p) for fmt, p in pages.items()} == {"svg": 1, "pdf": 1, "png": 1}


def test_the_2024_recount_watch_fits_one_vertical_broadcast_picture(night_store, tmp_path):
    """The night's 13 close seats went onto two 1080 x 1920 broadcast pages of 7 and 6,
    each with a third of it empty: type held at 0.85 of the vertical's own (a tenth over
    HD's) fitted 11. The vertical's extra tenth goes first, to the type HD's page floors at
    (the light theme's on that picture), and all 13 are one page, in every format."""
    from resultsdesk.charts._rc import rc_set
    from resultsdesk.charts.export import EXPORT_RC
    from resultsdesk.desk import graphics

    pages = {fmt: graphics.export_pages(night_store, "recounts", tmp_path / f"r.{fmt}",
                                        size="vertical", theme="broadcast")
             for fmt in ("png", "svg", "pdf")}
    assert {fmt: len(p) for fmt, p in pages.items()} == {"png": 1, "svg": 1, "pdf": 1}
    from resultsdesk.charts.export import shape_growth
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("recounts", night, night_store, theme="broadcast")
    chart.set_paging(True, grown=shape_growth(1080, 1920, chart.theme))  # as exported
    with at_size(chart, "vertical"), rc_set(EXPORT_RC):
        FigureCanvasAgg(chart.figure)
        chart.figure.draw_without_rendering()
        renderer = chart.figure.canvas.get_renderer()
        rows = [(chart.names[i].get_text(), chart.majorities[i].get_text())
                for i in range(chart.shown)]
        assert len(rows) == len(chart.rows) == 13 and not chart.more.get_text()
        assert rows[:3] == [("Hendon", "15"), ("Poole", "18"),
                            ("Basildon and Billericay", "20")]
        assert layout_problems(chart.figure, renderer, "the picture") == []
    chart.set_paging(False)


@pytest.mark.parametrize(("size", "theme", "grown"), [
    ((1080, 1920), "broadcast", 1.1), ((2160, 3840), "light", 1.1), ((1920, 1080), "light", 1.0),
    ((1080, 1080), "broadcast", 1.0), ((360, 640), "light", 1.0)])
def test_only_a_tall_pictures_larger_type_is_given_up_for_a_page(size, theme, grown):
    """A 360 x 640 light picture's type is the smallest the window shows already, grown
    by nothing: its list pages as before rather than shrink below it."""
    from resultsdesk.charts.export import shape_growth

    assert shape_growth(*size, THEMES[theme]) == pytest.approx(grown)
