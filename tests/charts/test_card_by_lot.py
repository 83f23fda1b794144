"""A seat decided by lot reads so on its result card and in the card's data."""

from __future__ import annotations

from helpers.seats import CON, HENDON, TIED
from helpers.texts import shown_words

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import graphics
from resultsdesk.domain.model import Figures


def _card(store):
    night = graphics.night_state(store)
    chart = graphics.chart_for("card", night, store, constituency=HENDON)
    chart.figure.canvas.draw()
    return chart, " | ".join(shown_words(chart.figure))


def test_a_seat_decided_by_lot_says_so(nominations_store):
    """Hendon tied, the lot drawn for Jogia and verified: the card said 'Con gain from Lab'
    with a majority of 0 flagged RECOUNT RANGE, nothing saying the winner was drawn by lot,
    and its JSON had no word of it either. Now a BY LOT badge, the majority's line says the
    winner was drawn by lot (no recount-range flag), and the JSON has "by_lot": true."""
    store = nominations_store
    jogia = dk.load_sheet(store, HENDON).candidates[CON]
    dk.declare(store, HENDON, user="alice", figures=Figures(TIED, 50), overrides=["tie"])
    dk.verify(store, HENDON, user="bob", votes=None)
    _, before = _card(store)
    assert "TIE" in before and "BY LOT" not in before
    assert graphics.card_data(graphics.night_state(store), store, HENDON).to_json()["tie"]

    dk.decide_tie(store, HENDON, user="carol", winner_id=jogia.id, note="drawn from a hat")
    dk.verify(store, HENDON, user="dave", votes=None)
    _, texts = _card(store)
    assert "BY LOT" in texts and "winner drawn by lot" in texts
    assert "RECOUNT RANGE" not in texts and "| TIE |" not in f"| {texts} |"
    data = graphics.card_data(graphics.night_state(store), store, HENDON).to_json()
    assert (data["by_lot"], data["tie"], data["majority"]) == (True, False, 0)
    assert data["result"].startswith("Con ")
