"""Party names on the result card, shown in full on the square and vertical graphics. On a
vertical card (names across the row, the party and the figures on the line under them) a
party's name had only the room left of the votes: "Liberal De…", "Scottish N…",
"Conservat…" on the 2024 broadcast card of Caithness, Sutherland and Easter Ross; every
Belfast seat's unionist parties cut in every theme."""

from __future__ import annotations

import pytest
from helpers.cards import drawn_card, seat_codes
from helpers.texts import layout_problems
from matplotlib.backends.backend_agg import FigureCanvasAgg

from resultsdesk.charts import ResultCardChart
from resultsdesk.charts.data import CardCandidate, ResultCardData
from resultsdesk.charts.export import at_size
from resultsdesk.charts.theme import THEMES
from resultsdesk.desk import graphics

SEATS = ("Caithness, Sutherland and Easter Ross",  # Liberal Democrat, SNP, Conservative
         "Belfast East", "Belfast South and Mid Down",  # DUP, TUV, UUP, SDLP
         "Belfast West",  # ten candidates: the shortest rows
         "Foyle", "Aylesbury",  # People Before Profit Alliance; Workers Party of Britain
         "Aberafan Maesteg",  # Plaid Cymru
         "Glasgow West",  # Christian Party, Proclaiming Christ's Lordship
         # Monster Raving Loony Party: its column's least type fitted it, but the size
         # stopped a quarter point short of that least ("Monster Raving Loony Pa…")
         "Hackney North and Stoke Newington")


def check_parties(chart: ResultCardChart, renderer, where) -> None:
    """Every row's party, in full (on one line or two), inside its row and the canvas, over
    no figure."""
    frame = chart.figure.bbox
    figures = [t.get_window_extent(renderer)
               for t in (*chart.votes, *chart.shares, *chart.changes)
               if t.get_visible() and t.get_text()]
    assert len(chart.row_spans) == len(chart.rows), where
    for c, party, (bottom, top) in zip(chart.rows, chart.parties, chart.row_spans,
                                       strict=True):
        text = party.get_text()
        assert party.get_visible() and text.replace("\n", " ") == c.party_name, (where, text)
        box = party.get_window_extent(renderer)
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1, (where, text)
        assert frame.y0 <= box.y0 and box.y1 <= frame.y1, (where, text)
        assert bottom - 0.5 <= box.y0 and box.y1 <= top + 0.5, (where, text, box, bottom, top)
        for fig in figures:
            assert not fig.overlaps(box), (where, text)
    assert layout_problems(chart.figure, renderer) == [], where


@pytest.mark.parametrize("size", ["square", "vertical"])
@pytest.mark.parametrize("theme", THEMES)
def test_a_card_shows_every_party_name_in_full(night_store, size, theme):
    night = graphics.night_state(night_store)
    by_name = seat_codes(night)
    for seat in SEATS:
        with drawn_card(night, night_store, by_name[seat], size, theme) as (chart, renderer):
            check_parties(chart, renderer, (seat, size, theme))


def long_parties() -> ResultCardData:
    """Parties' longer names as some lists give them, six candidates."""
    rows = (("Liz Saville Roberts", "PC", "Plaid Cymru - The Party of Wales", "#005b54",
             21_788, 45.0, 8.3, True),
            ("Colm Eastwood", "SDLP", "Social Democratic & Labour Party", "#4ea268",
             15_647, 32.3, -2.1, False),
            ("Robin Swann", "UUP", "Ulster Unionist Party", "#48a5ee", 4_100, 8.5, 1.0, False),
            ("Jim Allister", "TUV", "Traditional Unionist Voice", "#0c3a6a", 3_900, 8.0, None,
             False),
            ("George Galloway", "WPB", "Workers Party of Britain", "#a0142d", 1_800, 3.7, None,
             False),
            ("Stephen Flynn", "SNP", "Scottish National Party", "#fdf38e", 1_200, 2.5, -4.0,
             False))
    return ResultCardData(
        "Somewhere and Elsewhere",
        tuple(CardCandidate(n, p, pn, c, v, s, ch, new=ch is None, elected=e)
              for n, p, pn, c, v, s, ch, e in rows),
        "PC hold", "#005b54", 6_141, 12.7, 61.2, -3.0, 5.2, "SDLP", "PC", 79_000,
        declared=650, seats_total=650)


@pytest.mark.parametrize("size", ["square", "vertical"])
@pytest.mark.parametrize("theme", THEMES)
def test_a_card_shows_long_party_names_in_full(size, theme):
    chart = ResultCardChart(theme=THEMES[theme])
    chart.update(long_parties())
    with at_size(chart, size):
        canvas = FigureCanvasAgg(chart.figure)
        canvas.draw()
        check_parties(chart, canvas.get_renderer(), (size, theme))


@pytest.mark.parametrize("size", [(360, 580), (360, 640)])
def test_a_dock_card_fits_its_parties_to_the_column_exactly(night_store, size):
    """The parties' column is sized in proportion to the widest party, but a text's width
    is not quite in proportion to its size: "Scottish National Party" came out 0.05 px too
    wide for its column, and was cut to "Scottish National Pa…", on a 360 x 580 broadcast
    dock (and at 360 x 640 once a two-line title took its height)."""
    night = graphics.night_state(night_store)
    seat = seat_codes(night)["Dumfriesshire, Clydesdale and Tweeddale"]
    with drawn_card(night, night_store, seat, size, "broadcast") as (chart, renderer):
        check_parties(chart, renderer, size)


@pytest.mark.parametrize("seat", ["Chesterfield", "Glasgow West", "Belfast East"])
def test_a_card_awaiting_its_declaration_shows_every_party_in_full(nominations_store, seat):
    """Before a seat declares, its card lists the candidates standing, with nothing beside
    them: on a vertical broadcast card its type grew into the room, and Chesterfield's
    "Chesterfield And North Derbyshire Independents (CANDI)" lost its "(CANDI)" to an
    ellipsis, where the declared card, in full-size type, shows it whole."""
    night = graphics.night_state(nominations_store)
    code = seat_codes(night)[seat]
    with drawn_card(night, nominations_store, code, "vertical", "broadcast") as (chart,
                                                                                 renderer):
        check_parties(chart, renderer, seat)
