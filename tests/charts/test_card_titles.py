"""A long title keeps its place over the chart. On the vertical broadcast result card
"Dumfriesshire, Clydesdale and Tweeddale" was shrunk to fit one line, to 19.5 pt from 30,
under the 20 pt candidates' names it heads; now a title that would shrink below 75 % of its
size (or below the chart's body type) goes onto two lines, between words, and the chart
under it takes the height that leaves. The header is every chart's: a long title of the
user's own (`--title`) on any graphic wraps the same way instead of shrinking and being cut
short with an ellipsis."""

from __future__ import annotations

import pytest
from helpers.cards import drawn_card, seat_codes
from helpers.texts import cut_short, layout_problems
from matplotlib.backends.backend_agg import FigureCanvasAgg

from resultsdesk.charts.export import at_size
from resultsdesk.charts.theme import THEMES
from resultsdesk.desk import graphics
from resultsdesk.desk.graphic_kinds import KINDS

LONG = ("Caithness, Sutherland and Easter Ross", "Dumfriesshire, Clydesdale and Tweeddale",
        "Inverness, Skye and West Ross-shire", "Mid Dunbartonshire", "Ynys M\u00f4n",
        "South Basildon and East Thurrock")
SHRINK = 0.75  # the header's TITLE_SHRINK, as the subtitle's: the least share on one line
OWN_TITLE = "UK general election 2024: every result from Great Britain and Northern Ireland"


def check_title(chart, renderer, name: str, where, lines: int = 2) -> None:
    """The title says `name` in full on at most `lines` lines, each no smaller than the
    chart's body type nor shrunk past SHRINK on one line, inside the canvas and over
    nothing else."""
    title = chart.header.title
    text = title.get_text()
    assert text.replace("\n", " ") == name, (where, text)
    assert text.count("\n") < lines, (where, text)
    size = title.get_fontsize()  # one size for every line of a text
    assert size >= chart._th.label_size - 1e-9, (where, size)
    assert "\n" in text or size >= chart._th.title_size * SHRINK - 1e-9, (where, size)
    frame = chart.figure.bbox
    box = title.get_window_extent(renderer)
    assert frame.x0 - 0.5 <= box.x0 and box.x1 <= frame.x1 + 0.5, (where, text, box)
    assert frame.y0 - 0.5 <= box.y0 and box.y1 <= frame.y1 + 0.5, (where, text, box)
    subtitle = chart.header.subtitle
    if subtitle.get_visible() and subtitle.get_text():
        assert not box.overlaps(subtitle.get_window_extent(renderer)), where
    assert cut_short(chart.figure) == [], where
    assert layout_problems(chart.figure, renderer) == [], where


@pytest.mark.parametrize("size", ["square", "vertical"])
@pytest.mark.parametrize("theme", THEMES)
def test_a_card_titles_a_long_seat_over_its_candidates(night_store, size, theme):
    night = graphics.night_state(night_store)
    by_name = seat_codes(night)
    for name in LONG:
        with drawn_card(night, night_store, by_name[name], size, theme) as (chart, renderer):
            where = (name, size, theme)
            check_title(chart, renderer, name, where)
            title = chart.header.title
            names = [t.get_fontsize() for t in chart.names if t.get_visible() and t.get_text()]
            assert names and title.get_fontsize() >= max(names), (where, title.get_fontsize(),
                                                                  max(names))
            box = title.get_window_extent(renderer)
            assert chart.band.get_visible()  # the result banner ("Con hold")
            for banner in (chart.band, chart.band_text):
                assert not box.overlaps(banner.get_window_extent(renderer)), where


@pytest.mark.parametrize("size", ["square", "vertical"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_long_title_of_ones_own_wraps_on_every_graphic(night_store, kind, size):
    """Too long for two lines in the body's type on a vertical graphic: a third line,
    rather than a title smaller than what it heads."""
    night = graphics.night_state(night_store)
    seat = next(iter(night.seats)) if kind == "card" else None
    chart = graphics.chart_for(kind, night, night_store, constituency=seat, title=OWN_TITLE,
                               theme="broadcast")
    with at_size(chart, size):
        canvas = FigureCanvasAgg(chart.figure)
        canvas.draw()
        check_title(chart, canvas.get_renderer(), OWN_TITLE, (kind, size), lines=3)
