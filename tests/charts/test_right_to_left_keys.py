"""A party written right to left (Hebrew, Arabic...) on the result card's lines, in the
chamber's key and in the "Others" note, where its name sits beside figures or another name:
bare, libraqm's bidi order drew "<A> 5" as "5 <A>" and "<A> gain from <B>" as "<B> gain
from <A>", a wrong result on air. Each name goes in between Unicode's isolates
(`wording.isolated` by way of `_text.named`), which draw as nothing; the graphic's data
(JSON) keeps every name as written."""

from __future__ import annotations

import json

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from resultsdesk.charts import HemicycleChart, ResultCardChart, _text
from resultsdesk.charts._base import others_note
from resultsdesk.charts._missing import undrawn
from resultsdesk.charts.data import (
    CardCandidate,
    HemicycleBlock,
    HemicycleData,
    ResultCardData,
)
from resultsdesk.charts.export import render
from resultsdesk.domain.others import Standing
from resultsdesk.domain.wording import ISOLATES

A = "\u05dc\u05d9\u05db\u05d5\u05d3"  # Hebrew
B = "\u0645\u062d\u0627"  # Arabic
FSI, PDI = ISOLATES
needs_bidi = pytest.mark.skipif(not _text._BIDI, reason="matplotlib without libraqm "
                                "(before 3.11) draws every line left to right: no isolates")


def _card(**kw) -> ResultCardData:
    return ResultCardData(
        "\u0627\u0644\u0642\u062f\u0633",
        (CardCandidate("\u05e9\u05e8\u05d4", A, "\u05d4\u05dc\u05d9\u05db\u05d5\u05d3",
                       "#0038b8", 21_788, 45.0, 8.3, elected=True),
         CardCandidate("\u0639\u0644\u064a \u062d\u0633\u0646", B, "\u062d\u0632\u0628",
                       "#007a3d", 15_647, 32.3, -2.1)),
        f"{A} gain from {B}", "#0038b8", 6_141, 12.7, 61.2, -3.0, 5.2, B, A, 79_000,
        declared=650, seats_total=650, winner=A, **kw)


def _drawn(data: ResultCardData) -> ResultCardChart:
    chart = ResultCardChart()
    chart.update(data)
    return chart


@needs_bidi
def test_the_cards_swing_keeps_its_parties_in_order(tmp_path):
    # bare, "<B> to <A>" read right to left whole: A's name first, as if the swing were to B
    chart = _drawn(_card())
    render(chart, tmp_path / "card.png", "hd")
    details = [t.get_text() for t in chart.stats.details]
    assert f"{FSI}{B}{PDI} to {FSI}{A}{PDI}" in details
    assert undrawn(chart.figure) == []  # the isolates are no word drawn as boxes


@needs_bidi
def test_the_cards_result_keeps_who_gained_from_whom():
    data = _card(baseline_winner=B)
    assert _drawn(data).band_text.get_text() == f"{FSI}{A}{PDI} gain from {FSI}{B}{PDI}"
    card_json = json.dumps(data.to_json(), ensure_ascii=False)
    assert f"{A} gain from {B}" in card_json and not any(c in card_json for c in ISOLATES)


def test_a_result_said_otherwise_is_drawn_as_given():
    # tally's words of other parties than the data's (data made elsewhere): as given
    data = _card(baseline_winner="Con")
    assert _drawn(data).band_text.get_text() == f"{A} gain from {B}"


@needs_bidi
def test_the_chambers_key_keeps_each_partys_seats_after_it():
    data = HemicycleData((HemicycleBlock(A, "#0038b8", ("N", "S", "E")),
                          HemicycleBlock("Lab", "#d50000", ("W",))), 6, 4, 4)
    chart = HemicycleChart()
    chart.update(data)
    FigureCanvasAgg(chart.figure).draw()
    labels = [e.label for e in chart.legend.entries]
    assert labels[:2] == [f"{FSI}{A}{PDI} 3", "Lab 1"]  # a Latin name as it was
    assert undrawn(chart.figure) == []
    chamber_json = json.dumps(data.to_json(), ensure_ascii=False)
    assert A in chamber_json and not any(c in chamber_json for c in ISOLATES)


@needs_bidi
def test_the_others_note_keeps_each_figure_after_its_party():
    others = (Standing(A, 2, 900), Standing("SDLP", 1, 500))
    assert others_note(others)[0] == (f"{FSI}{A}{PDI} 2", "SDLP 1")
    assert others_note(others, 1_000)[0] == (f"{FSI}{A}{PDI} 90.0%", "SDLP 50.0%")


def test_the_desks_card_gives_who_held_the_seat_before(nominations_store):
    # the card draws its result from the two parties (`card_parts.result_text`)
    from helpers.seats import HENDON

    from resultsdesk.desk import declarations as dk
    from resultsdesk.desk import graphics
    from resultsdesk.domain.model import Figures

    store = nominations_store  # Lab ahead of Con, who held it at the baseline
    dk.declare(store, HENDON, user="alice",
               figures=Figures((2667, 1966, 139, 12000, 1518, 3038, 18000, 233), 50))
    data = graphics.card_data(graphics.night_state(store), store, HENDON)
    assert (data.result, data.winner, data.baseline_winner) == ("Lab gain from Con", "Lab",
                                                                 "Con")
    assert "baseline_winner" not in data.to_json()  # the JSON's shape as before
