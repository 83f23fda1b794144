"""Charts read at a dock's size as on air: the timeline's end labels kept to the running
totals' panel (never beside the bars under it), a pale party line outlined as a pale bar is
(theme.needs_outline), every chart's empty state saying something true with no stray axes,
and a rehearsal's REHEARSAL marking never shrunk below a readable size."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import rehearsal as helper
from helpers.chart_nights import DOCK, MIN_CANVAS, SMALL_DOCK, draw
from helpers.rehearsal import WALL, replay
from helpers.texts import cut_short, layout_problems, shown_words
from matplotlib.colors import to_hex, to_rgb

from resultsdesk.charts._base import MIN_SMALL_TYPE, SMALL_INCHES
from resultsdesk.charts._panel import MIN_SCALE
from resultsdesk.charts.export import SMALLEST_TYPE, at_size, export_dpi
from resultsdesk.charts.textfit import ELLIPSIS
from resultsdesk.charts.theme import (
    HIGH_CONTRAST,
    MIN_READABLE_PT,
    MIN_TEXT_CONTRAST,
    contrast_ratio,
    needs_outline,
)
from resultsdesk.desk import graphics
from resultsdesk.desk import rehearsal as rh
from resultsdesk.store import Store

_watch_2019 = helper._watch_2019
KINDS = [k for k in graphics.KINDS if k != "card"]  # a card is of a declared seat


@pytest.fixture(scope="module")
def _night_2019_at_311(_watch_2019, tmp_path_factory) -> Path:
    """The 2019 rehearsal replayed to 311 seats once for the module (a fake clock, so every
    replay gives the same file): 50 tests each replaying it took half a second apiece."""
    path = tmp_path_factory.mktemp("at-311") / _watch_2019.name
    shutil.copyfile(_watch_2019, path)
    with Store(path) as desk:
        rh.start(desk, WALL)
        replay(desk, WALL, limit=311)
    return path


@pytest.fixture
def night_2019_at_311(_night_2019_at_311, tmp_path):
    """The 2019 rehearsal with 311 seats delivered (a private copy): the reviewer's
    timeline."""
    path = tmp_path / _night_2019_at_311.name
    shutil.copyfile(_night_2019_at_311, path)
    with Store(path) as desk:
        yield desk


def _in_panel(chart, renderer) -> list[str]:
    """Labels at the lines' ends (right of the running totals' axes) drawn outside those
    axes' height, or beside the bars under them."""
    panel, bars = chart.ax.get_window_extent(renderer), chart.bars_ax.get_window_extent(renderer)
    out = []
    for t in chart.ax.texts:
        if not (t.get_visible() and t.get_text()):
            continue
        bb = t.get_window_extent(renderer)
        if bb.x0 < panel.x1:  # inside the plot: not an end label
            continue
        if bb.y0 < panel.y0 - 0.5 or bb.y1 > panel.y1 + 0.5 or bb.y0 < bars.y1:
            out.append(f"{t.get_text()!r} at {bb.bounds}, panel {panel.bounds}")
    return out


@pytest.mark.parametrize("size", [DOCK, (470, 420), (1366, 768)])
def test_end_labels_stay_beside_the_running_totals(night_2019_at_311, size):
    night = graphics.night_state(night_2019_at_311)
    chart = graphics.chart_for("timeline", night, night_2019_at_311)
    renderer = draw(chart, size)
    assert _in_panel(chart, renderer) == []
    assert len([t for t in chart.ax.texts if t.get_visible()]) >= 3  # (labels are checked)
    assert layout_problems(chart.figure, renderer) == [] and cut_short(chart.figure) == []
    # every party is still labelled: alone, or among the smallest sharing one label
    words = " ".join(shown_words(chart.figure))
    shown = [t for t in chart.end_labels if t.get_visible()]
    merged = chart.merged_label.get_visible()
    assert len(shown) + merged >= 2 and (merged or len(shown) == len(chart.data.parties))
    for t in shown:
        assert t.get_text() in words


def test_end_labels_in_a_short_panel_share_one_label(night_2019_at_311):
    night = graphics.night_state(night_2019_at_311)
    chart = graphics.chart_for("timeline", night, night_2019_at_311)
    renderer = draw(chart, (470, 330))
    assert _in_panel(chart, renderer) == []
    hidden = [t for t in chart.end_labels if not t.get_visible()]
    assert hidden and chart.merged_label.get_visible()
    text = chart.merged_label.get_text()
    seats = sum(int(t.xy[1]) for t in hidden)
    assert text == ", ".join(t.get_text() for t in hidden) or \
        text == f"{len(hidden)} more, {seats} seat{'s' if seats != 1 else ''}"


@pytest.mark.parametrize("theme", ["light", "broadcast"])
def test_a_pale_party_line_is_outlined(night_2019_at_311, theme):
    """SNP yellow on white (and the Speaker's black on the broadcast navy): each line
    whose colour melts into the background has a line under it that reads (3:1)."""
    night = graphics.night_state(night_2019_at_311)
    chart = graphics.chart_for("timeline", night, night_2019_at_311, theme=theme)
    draw(chart, DOCK)
    bg = chart.theme.background
    lines = [ln for ln in chart.ax.get_lines() if ln.get_visible() and len(ln.get_xdata()) > 2]
    pale = [ln for ln in lines if needs_outline(ln.get_color(), bg)]
    assert pale, "a party colour that needs an outline on this theme"
    for ln in pale:
        rims = [r for r in lines if r is not ln and r.get_zorder() < ln.get_zorder()
                and list(r.get_xdata()) == list(ln.get_xdata())
                and list(r.get_ydata()) == list(ln.get_ydata())
                and r.get_linewidth() > ln.get_linewidth()
                and contrast_ratio(r.get_color(), bg) >= 3]
        assert rims, ln.get_color()
    ruled = {id(ln) for ln in lines if not needs_outline(ln.get_color(), bg)}
    assert len(ruled) >= 2  # Con and Lab read alone: no outline under them


@pytest.mark.parametrize("theme", ["light", "dark", "broadcast", HIGH_CONTRAST],
                         ids=lambda t: getattr(t, "name", t))
def test_end_labels_in_their_party_colour_read_as_text(night_2019_at_311, theme):
    """An end label ("Lab 203") is text, and text needs 4.5:1 (WCAG 1.4.3), not the 3:1 of
    a line: Labour's red was drawn as it is on the dark theme, at 3.0:1. A colour too faint
    is moved towards the text colour until it reads, keeping its hue; one that reads is
    kept as it is. On the high-contrast theme, 7:1 (its `min_text`)."""
    night = graphics.night_state(night_2019_at_311)
    chart = graphics.chart_for("timeline", night, night_2019_at_311, theme=theme)
    draw(chart, DOCK)
    bg = chart.theme.background
    labels = [t for t in chart.end_labels if t.get_text()]
    assert len(labels) == len(chart.data.parties) >= 3
    for label, party in zip(labels, chart.data.parties, strict=True):
        ratio = contrast_ratio(label.get_color(), bg)
        assert ratio >= max(MIN_TEXT_CONTRAST, chart.theme.min_text), \
            (label.get_text(), round(ratio, 2))
        if contrast_ratio(party.colour, bg) >= chart.theme.min_text:
            assert to_hex(label.get_color()) == to_hex(party.colour)
        else:  # nearer the party's colour than the plain text colour is
            assert _distance(label.get_color(), party.colour) < \
                _distance(chart.theme.foreground, party.colour)


def _distance(a, b) -> float:
    return sum((x - y) ** 2 for x, y in zip(to_rgb(a), to_rgb(b), strict=True))


# -- empty states ---------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_every_chart_with_nothing_declared_says_so_cleanly(nominations_store, kind):
    night = graphics.night_state(nominations_store)
    chart = graphics.chart_for(kind, night, nominations_store)
    # 300x300 and 200x200: the summary's "No seats declared yet" took a row its layout
    # never counted, so its figures ran into the footer on a small export
    for size in (DOCK, "hd", "vertical", "square", "300x300", "200x200"):
        if isinstance(size, str):
            with at_size(chart, size):
                chart.figure.canvas.draw()
                renderer = chart.figure.canvas.get_renderer()
                problems = layout_problems(chart.figure, renderer, "the picture")
        else:
            problems = layout_problems(chart.figure, draw(chart, size))
        assert problems == [] and cut_short(chart.figure) == [], (size, problems)
        words = shown_words(chart.figure)
        expected = {"seats": "No seats declared yet", "timeline": "No seats declared yet",
                    "hemicycle": "No seats declared yet", "summary": "No seats declared yet",
                    "shares": "No votes counted yet", "gains": "No seat has changed hands",
                    "recounts": "No seat within recount range",
                    "map": "Undeclared 650"}[kind]
        assert expected in words, (size, words)
        # no axis drawn for nothing: no tick numbers, no lone "326 for a majority" rule
        if kind in ("seats", "timeline", "shares"):
            assert not [w for w in words if w.isdigit()], words
            assert "326 for a majority" not in words


def test_a_timeline_with_no_times_says_they_were_not_recorded(night_store):
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("timeline", night, night_store)
    for size in (DOCK, (1920, 1080)):
        renderer = draw(chart, size)
        words = shown_words(chart.figure)
        assert "Declaration times not recorded for this night" in words, words
        assert "Declarations per half hour" not in words
        assert not [w for w in words if w.isdigit()], words  # no ticks of empty axes
        assert not chart.bars_ax.get_visible()
        assert layout_problems(chart.figure, renderer) == [] and cut_short(chart.figure) == []


# -- a rehearsal's marking ------------------------------------------------------------------

@pytest.mark.parametrize("kind", graphics.KINDS)
def test_rehearsal_is_readable_on_every_dock(night_2019_at_311, kind):
    night = graphics.night_state(night_2019_at_311)
    code = graphics.latest_verified_seat(night, night_2019_at_311)
    chart = graphics.chart_for(kind, night, night_2019_at_311, constituency=code)
    renderer = draw(chart, DOCK)
    footer, subtitle = chart.footer.source, chart.header.subtitle
    for t in (footer, chart.footer.status, subtitle):
        assert t.get_fontsize() >= MIN_READABLE_PT, (t.get_text(), t.get_fontsize())
    words = shown_words(chart.figure)
    assert any(w.startswith("REHEARSAL \u00b7 not live results \u00b7 Source:")
               for w in words), words
    assert subtitle.get_text().startswith("REHEARSAL")
    assert layout_problems(chart.figure, renderer) == [], kind
    for t in (footer, chart.footer.status, subtitle):  # in full, however many lines
        assert ELLIPSIS not in t.get_text(), t.get_text()


# -- the smallest a chart is given ----------------------------------------------------------

@pytest.mark.parametrize("kind", graphics.KINDS)
@pytest.mark.parametrize("size", [SMALL_DOCK, MIN_CANVAS, (400, 300), (900, 220)])
def test_every_graphic_reads_at_the_smallest_docks(night_2019_at_311, night_store, kind,
                                                   size):
    """A rehearsal part-way and the full 2024 night, at the smallest sizes a dock gives a
    chart: no text over another or outside the canvas, a rehearsal's footer in full. (The
    vote share's labels, the card's figures, the timeline's ticks and the summary's rows ran
    into each other and over the footer at 320 x 343; at 320 x 220 the chamber's "326" lay
    over its subtitle and the gains' "and 9 more changes" over the Others note.)"""
    for store in (night_2019_at_311, night_store):
        night = graphics.night_state(store)
        code = graphics.latest_verified_seat(night, store)
        chart = graphics.chart_for(kind, night, store, constituency=code)
        renderer = draw(chart, size)
        assert layout_problems(chart.figure, renderer) == [], (kind, size, night.rehearsal)
        if night.rehearsal:
            for t in (chart.footer.source, chart.footer.status):
                assert ELLIPSIS not in t.get_text(), t.get_text()
                assert t.get_fontsize() >= MIN_READABLE_PT


def test_small_docks_get_smaller_type_and_exports_do_not(night_store):
    """Type shrinks with a dock below the first-run one's size (titles took half of a 320 px
    dock), never below MIN_SMALL_TYPE; a dock at least that size and every export from
    about 860 x 480 up keep it (a 1280 x 720 picture is the HD one, smaller)."""
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("shares", night, night_store)
    draw(chart, SMALL_DOCK)
    assert MIN_SMALL_TYPE <= chart.scale < 0.75
    draw(chart, DOCK)
    assert chart.scale == 1.0
    for size in ("320x220", "640x360", "1280x720", "hd", "square", "vertical"):
        with at_size(chart, size):
            chart.figure.canvas.draw()
            assert chart.scale >= 1.0, size


@pytest.mark.parametrize("kind", graphics.KINDS)
def test_a_small_export_has_type_the_window_would_show(night_store, kind):
    """A 640 x 360 picture for the web had 5-pixel type (the HD picture shrunk): below
    about 860 x 480 an export's type is the window's smallest (SMALLEST_TYPE pixels per
    inch of type), a 200 px picture's as near it as that canvas allows; laid out clean."""
    night = graphics.night_state(night_store)
    code = graphics.latest_verified_seat(night, night_store)
    chart = graphics.chart_for(kind, night, night_store, constituency=code)
    for size, least in (("200x200", 200 / SMALL_INCHES[0]), ("320x220", SMALLEST_TYPE),
                        ("640x360", SMALLEST_TYPE), ("400x711", SMALLEST_TYPE)):
        with at_size(chart, size) as dpi:
            chart.figure.canvas.draw()
            renderer = chart.figure.canvas.get_renderer()
            assert chart.scale * dpi == pytest.approx(least, rel=1e-3), size
            assert layout_problems(chart.figure, renderer, "the picture") == [], size
    with at_size(chart, "1280x720") as dpi:  # the HD picture at two thirds, as it was
        assert dpi == pytest.approx(export_dpi(1920, 1080) * 2 / 3)


def test_the_vote_share_labels_rows_apart_rather_than_over_each_other(night_2019_at_311):
    """Eleven rows in a dock's 220 px: the largest shares labelled, as many as fit (every
    few rows from the top, and Others, left Labour's 33.6 % unlabelled), the rest not."""
    night = graphics.night_state(night_2019_at_311)
    chart = graphics.chart_for("shares", night, night_2019_at_311)
    renderer = draw(chart, MIN_CANVAS)
    shown = [t.get_text() for t in chart.party_labels if t.get_visible()]
    by_share = [b.party for b in sorted(chart.bars, key=lambda b: -b.share)]
    assert shown[:2] == ["Con", "Lab"] and set(shown) == set(by_share[:len(shown)])
    assert 2 <= len(shown) < len(chart.bars)
    assert layout_problems(chart.figure, renderer) == []
    draw(chart, DOCK)  # room again: every row labelled
    assert all(t.get_visible() for t in chart.party_labels)


@pytest.mark.parametrize("size", [SMALL_DOCK, MIN_CANVAS, (400, 300), DOCK])
def test_the_summary_table_shows_every_party_or_none(night_store, size):
    """Short of room, the summary's table is not cut to its biggest parties: rows dropped
    from the bottom took the Greens' 4 seats off a table that then did not add up to 650
    (with Others seeming to hold them). Every row, or (on the smallest docks) none, the race
    bar keeping every party's seats."""
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("summary", night, night_store)
    draw(chart, size)
    shown = [t.get_visible() for t in chart.seats]
    assert all(shown) or not any(shown), size
    if all(shown):
        assert sum(int(t.get_text()) for t in chart.seats) == 650
    if size == DOCK:
        assert all(shown)


@pytest.mark.parametrize("size", [SMALL_DOCK, MIN_CANVAS, (400, 300), (900, 220), DOCK])
def test_a_recount_list_names_its_seats_in_readable_type_on_every_dock(night_store, size):
    """At 320 x 343 the list shrank its type to fit more rows, on top of what the small
    dock took (5-pixel names); with type kept readable, the one-line row left the names no
    width at all and the list showed majorities naming no seat. Each row shown names its
    seat (on a line of its own when the row has no room; a name too long for its column on
    two lines in its row where the row is tall enough), its type at least MIN_SCALE of
    full size."""
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("recounts", night, night_store)
    renderer = draw(chart, size)
    assert chart.shown >= 1
    full = chart.theme.label_size
    for seat, name, majority in zip(chart.rows, chart.names[:chart.shown],
                                    chart.majorities[:chart.shown], strict=False):
        shown = name.get_text()  # in full (on two lines where one is too narrow) or cut
        assert name.get_visible() and (shown.replace("\n", " ") == seat.constituency
                                       or (len(shown) >= 7 and shown.endswith(ELLIPSIS))), \
            (size, shown)
        assert shown.count("\n") <= 1, (size, shown)
        assert majority.get_fontsize() >= full * MIN_SCALE - 1e-6, (size, majority)
    assert layout_problems(chart.figure, renderer) == []

