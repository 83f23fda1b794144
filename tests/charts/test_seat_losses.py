"""A party that has lost every seat it held so far is on the seat chart ("Con 0 −3"), and
one folded into "Others" brings its losses with it: early in the night three Labour gains
from the Conservatives drew "Lab 2 +2" and "LD 1 +1" and no Conservatives, the changes
adding up to +3, where the summary graphic said "Con 0 −3"."""

from __future__ import annotations

from helpers.party_votes import declare_by_party

from resultsdesk.desk import graphics
from resultsdesk.desk.graphic_data import graphic_json


def test_a_party_left_with_no_seat_keeps_its_losses_on_the_seat_chart(nominations_store):
    night = graphics.night_state(nominations_store)
    con_seats = sorted(code for code, b in night.baseline.items()
                       if b.winner_party == "Con")[:3]
    for code in con_seats:
        declare_by_party(nominations_store, code, {"Lab": 20_000, "Con": 10_000})
    body = graphic_json("seats", graphics.night_state(nominations_store), nominations_store)
    drawn = {p["party"]: (p["seats"], p["change"]) for p in body["parties"]}
    assert drawn == {"Lab": (3, 3), "Con": (0, -3)}
    summary = graphic_json("summary", graphics.night_state(nominations_store),
                           nominations_store)
    assert {p["party"]: p["change"] for p in summary["parties"] if p["change"]} == \
        {p: c for p, (_s, c) in drawn.items()}


def test_the_seat_chart_changes_add_up_to_nothing_with_others_folded(night_store):
    """The whole night: every seat declared, the changes of the bars drawn (Others with
    the losses of the parties folded into it) add up to nothing."""
    body = graphic_json("seats", graphics.night_state(night_store), night_store, parties=4)
    assert body["parties"][-1]["party"] == "Others"
    assert sum(p["change"] for p in body["parties"]) == 0
