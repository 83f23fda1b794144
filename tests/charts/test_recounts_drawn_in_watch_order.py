"""The recounts graphic draws its seats in the order its data (recounts.json), the window's
Recount watch and every feed list them: recounts under way A-Z, then the close seats by
majority, then by the share as shown, then A-Z.

Before: the chart sorted the rows again by a key of its own, the recounts under way by their
majority and every share unrounded. With recounts called in Hendon (15), Poole (18) and
Basildon and Billericay (20) on the 2024 night, the picture on air read Hendon, Poole,
Basildon where recounts.json and the window read Basildon, Hendon, Poole: a template placing
the data's rows over the picture's named the wrong seats, and the pages ("Seats 1–7 of 13")
split a different list from the data's."""

from __future__ import annotations

from helpers.agreement import agreement_night
from helpers.party_votes import declare_by_majority

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.graphic_data import graphic_json
from resultsdesk.desk.graphics import chart_for, night_state
from resultsdesk.store import Store

RECOUNTS = ("Hendon", "Poole", "Basildon and Billericay")


def test_recounts_under_way_are_drawn_in_the_datas_order(night_store):
    for name in RECOUNTS:
        dk.mark_recount(night_store, name, user="carol")
    night = night_state(night_store)
    window = [r.constituency for r in night.recount_watch()]
    data = [s["constituency"] for s in graphic_json("recounts", night, night_store)["seats"]]
    drawn = [s.constituency for s in chart_for("recounts", night, night_store).rows]
    assert window[:3] == data[:3] == sorted(RECOUNTS)
    assert drawn == data


def test_one_majority_and_one_shown_share_are_drawn_a_to_z(tmp_path):
    """Shares of 0.13333% and 0.13329% both read 0.133 in the data: A-Z there, so in the
    picture too (not the smaller unrounded share first)."""
    close = (("S14000062", 30_000), ("E14001083", 30_010))  # A-Z in this order
    with Store(agreement_night(tmp_path)) as store:
        for code, valid in close:
            declare_by_majority(store, code, 40, valid)
        night = night_state(store)
        data = [s["code"] for s in graphic_json("recounts", night, store)["seats"]]
        drawn = [s.code for s in chart_for("recounts", night, store).rows]
    assert data == [code for code, _valid in close]
    assert drawn == data
