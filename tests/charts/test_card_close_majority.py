"""A small result card of a seat in recount range keeps its majority: where the figures
under the table cannot all stay, the close majority stays alone (large, in the alert
colour) and the smallest candidates fold for it; never the runner-up it is a majority over.

Found in the eighteenth session: a 300 x 200 or 400 x 250 card of Hendon (a majority of 15)
dropped every figure under its table, the majority with the rest: only its RECOUNT RANGE
badge said the seat was close."""

from __future__ import annotations

from itertools import product

from helpers.party_votes import declare_by_party
from helpers.texts import drawn_texts, layout_problems

from resultsdesk.charts.export import at_size
from resultsdesk.desk import declarations as dk
from resultsdesk.desk import graphics

RUNNER_UP = "Ameet Jogia"  # Con, 15 votes behind


def _texts(store, size: str) -> list[str]:
    night = graphics.night_state(store)
    chart = graphics.chart_for("card", night, store, constituency="Hendon")
    with at_size(chart, size):
        chart.figure.canvas.draw()
        return [t.get_text() for t in drawn_texts(chart.figure)]


def test_a_small_card_keeps_the_close_majority_alone(night_store):
    texts = _texts(night_store, "400x250")
    assert "Majority" in texts and "15" in texts and "0.04%" in texts
    assert "Turnout" not in texts and "Electorate" not in texts  # they give way
    assert RUNNER_UP in texts and any(t.endswith(" others") for t in texts)


def test_the_runner_up_is_never_folded_for_it(night_store):
    texts = _texts(night_store, "300x200")
    assert RUNNER_UP in texts  # the seat's story: 15,855 to 15,840


def test_a_full_card_has_every_figure(night_store):
    texts = _texts(night_store, "hd")
    assert {"Majority", "Turnout", "Swing", "Electorate", "15"} <= set(texts)


def test_one_card_drawn_at_size_after_size_measures_every_figure_afresh(nominations_store):
    """The limit of one size (the majority alone) was still set when the next size measured
    its figures: measured as one, all four were drawn, over the footer (290 x 380 after
    200 x 335, found by test_export_extremes' random sizes)."""
    declare_by_party(nominations_store, "Hendon",
                     {"Lab": 15_855, "Con": 15_840, "RUK": 3_038})
    dk.mark_recount(nominations_store, "Hendon", user="carol")
    night = graphics.night_state(nominations_store)
    chart = graphics.chart_for("card", night, nominations_store, constituency="Hendon")
    chart.set_paging(True)  # as an export draws it
    for size in [(465, 465), *product((200, 245, 290, 335), (200, 245, 290, 335, 380))]:
        with at_size(chart, size):
            chart.figure.canvas.draw()
            renderer = chart.figure.canvas.get_renderer()
            assert layout_problems(chart.figure, renderer, "the card") == [], size
