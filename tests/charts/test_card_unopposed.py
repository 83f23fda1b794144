"""A seat returned unopposed (one candidate, no poll) has no majority: its result card and
the card's and the map's data must not give it one. The card read "Majority 0 0.00%",
on air the words of a dead heat, and the JSON "majority": 0."""

from __future__ import annotations

import csv

from helpers.texts import shown_words

from resultsdesk.desk import graphics
from resultsdesk.desk.election import init_election
from resultsdesk.desk.hexmap import map_data
from resultsdesk.desk.imports import import_results
from resultsdesk.io.hoc_candidates import OPTIONAL, REQUIRED

ROWS = (("E14001279", "Hendon", "Ann", "Lab", "Labour", 15, 900),
        ("E14001279", "Hendon", "Bob", "Con", "Conservative", 4, 800),
        ("E14001063", "Aberafan Maesteg", "Cat", "LD", "Liberal Democrat", 17, 0))


def _store(tmp_path):
    path = tmp_path / "unopposed.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, [*REQUIRED, "Votes", *OPTIONAL], restval="")
        writer.writeheader()
        for code, seat, first, abbr, party, mnis, votes in ROWS:
            writer.writerow({"ONS ID": code, "Constituency name": seat,
                             "Region name": "London", "Country name": "England",
                             "Party name": party, "Party abbreviation": abbr,
                             "MNIS party ID": mnis, "Candidate first name": first,
                             "Candidate surname": "Test", "Votes": votes,
                             "Constituency type": "Borough", "Sitting MP": "No",
                             "Former MP": "No"})
    store = init_election(tmp_path / "unopposed.db", "By-elections")
    import_results(store, path)
    return store


def test_a_seat_returned_unopposed_has_no_majority_on_its_card(tmp_path):
    store = _store(tmp_path)
    try:
        night = graphics.night_state(store)
        data = graphics.card_data(night, store, "Aberafan Maesteg")
        assert data.to_json()["majority"] is None
        assert data.to_json()["majority_pct"] is None
        assert data.to_json()["unopposed"] is True
        chart = graphics.chart_for("card", night, store, constituency="Aberafan Maesteg")
        chart.figure.canvas.draw()
        words = " | ".join(shown_words(chart.figure))
        assert "returned unopposed" in words and "0.00%" not in words
        # a contested seat's card still gives its majority
        contested = graphics.card_data(night, store, "Hendon").to_json()
        assert (contested["majority"], contested["unopposed"]) == (100, False)
        # the map's data as the card's
        seats = {s["code"]: s for s in map_data(night).to_json()["seats"]}
        assert seats["E14001063"]["majority"] is None
        assert seats["E14001279"]["majority"] == 100
    finally:
        store.close()
