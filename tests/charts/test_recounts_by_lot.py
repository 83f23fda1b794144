"""A tie decided by lot stays on the recount watch (its majority is 0), and says how it
was decided, as its result card does (BY LOT): the graphic showed "Bath  Con  LD  0
0.00%" with nothing to say the winner was drawn, and its data had no word of it either."""

from __future__ import annotations

from helpers.party_votes import declare_by_party

from resultsdesk.charts import RecountWatchChart
from resultsdesk.desk import declarations as dk
from resultsdesk.desk import graphics
from resultsdesk.desk.graphic_data import graphic_json


def _bath(store, *, lot_verified: bool) -> None:
    declare_by_party(store, "Bath", {"LD": 19_000, "Con": 19_000})
    con = next(c for c in dk.load_sheet(store, "Bath").candidates if c.party == "Con")
    dk.decide_tie(store, "Bath", user="alice", winner_id=con.id, note="drawn from a hat")
    if lot_verified:
        dk.verify(store, "Bath", user="bob", votes=None, tie_winner=con.id)


def _bath_row(store) -> dict:
    night = graphics.night_state(store)
    body = graphic_json("recounts", night, store)
    return next(s for s in body["seats"] if s["constituency"] == "Bath")


def test_a_tie_decided_by_lot_is_badged_by_lot(nominations_store):
    _bath(nominations_store, lot_verified=True)
    row = _bath_row(nominations_store)
    assert (row["winner"], row["majority"], row["tie"], row["by_lot"]) == ("Con", 0, False,
                                                                          True)
    night = graphics.night_state(nominations_store)
    chart = graphics.chart_for("recounts", night, nominations_store)
    assert isinstance(chart, RecountWatchChart)
    chart.figure.draw_without_rendering()
    bath = [t.get_text() for t in chart.names].index("Bath")
    assert chart.badge_texts[bath].get_text() == "BY LOT"
    assert chart.badges[bath].get_visible()


def test_a_lot_awaiting_verification_is_still_a_tie(nominations_store):
    _bath(nominations_store, lot_verified=False)
    row = _bath_row(nominations_store)
    assert (row["tie"], row["by_lot"], row["majority"]) == (True, False, 0)


def test_an_undecided_tie_names_no_winner(nominations_store):
    """A tie listed "Lab" under Winner and "Con" under Runner-up, and its data said
    "winner": "Lab", where `summary --json` counts the seat for no party: the chips now
    read "LD = Con", and the data has no winner, the tied parties in `tied`."""
    declare_by_party(nominations_store, "Bath", {"LD": 19_000, "Con": 19_000})
    row = _bath_row(nominations_store)
    assert (row["winner"], row["runner_up"], row["tie"], row["majority"]) == (None, None,
                                                                              True, 0)
    assert {t["party"] for t in row["tied"]} == {"LD", "Con"}
    assert all(t["colour"] for t in row["tied"])
    night = graphics.night_state(nominations_store)
    chart = graphics.chart_for("recounts", night, nominations_store)
    chart.figure.draw_without_rendering()
    bath = [t.get_text() for t in chart.names].index("Bath")
    assert chart.badge_texts[bath].get_text() == "TIE"
    tied = {chart.winner_texts[bath].get_text(), chart.runner_texts[bath].get_text()}
    assert tied == {"LD", "Con"} and chart.equals[bath].get_text() == "="
    # the "=" sits between the two chips, clear of both
    renderer = chart.figure.canvas.get_renderer()
    eq = chart.equals[bath].get_window_extent(renderer)
    left, right = (chart.winner_chips[bath].get_window_extent(renderer),
                   chart.runner_chips[bath].get_window_extent(renderer))
    assert left.x1 < eq.x0 and eq.x1 < right.x0
    # a decided seat has none
    others = [i for i in range(chart.shown) if i != bath]
    assert all(not chart.equals[i].get_visible() for i in others)
