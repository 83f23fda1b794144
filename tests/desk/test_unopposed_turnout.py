"""A seat returned unopposed (one candidate, no poll) has no turnout: its card read
"Turnout 0.0%", and its electorate, with no vote cast, was in the night's turnout so far,
pulling the strip's and the summary graphic's figure down (a Scottish night's 58.2% where
the seats that polled gave 59.0%)."""

from __future__ import annotations

import csv

import pytest

from resultsdesk.desk import graphics
from resultsdesk.desk.election import init_election
from resultsdesk.desk.exports import export_results
from resultsdesk.desk.imports import import_baseline, import_results
from resultsdesk.io.hoc_candidates import OPTIONAL, REQUIRED

CONTESTED, UNOPPOSED = "E14001279", "E14001063"
ROWS = ((CONTESTED, "Hendon", "Ann", "Lab", "Labour", 15, 30_000),
        (CONTESTED, "Hendon", "Bob", "Con", "Conservative", 4, 20_000),
        (UNOPPOSED, "Aldershot", "Cat", "LD", "Liberal Democrat", 17, 0))
ELECTORATES = {CONTESTED: ("Hendon", 100_000), UNOPPOSED: ("Aldershot", 80_000)}


@pytest.fixture
def store(tmp_path):
    results, seats = tmp_path / "results.csv", tmp_path / "constituencies.csv"
    with results.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, [*REQUIRED, "Votes", *OPTIONAL], restval="")
        writer.writeheader()
        for code, seat, first, abbr, party, mnis, votes in ROWS:
            writer.writerow({"ONS ID": code, "Constituency name": seat,
                             "Region name": "London", "Country name": "England",
                             "Party name": party, "Party abbreviation": abbr,
                             "MNIS party ID": mnis, "Candidate first name": first,
                             "Candidate surname": "Test", "Votes": votes})
    with seats.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["ONS ID", "Constituency name", "Electorate"])
        for code, (name, electorate) in ELECTORATES.items():
            writer.writerow([code, name, electorate])
    store = init_election(tmp_path / "unopposed.db", "By-elections")
    import_results(store, results, constituencies=seats)
    yield store
    store.close()


def test_a_seat_returned_unopposed_has_no_turnout_and_counts_in_none(store):
    night = graphics.night_state(store)
    assert night.seats[UNOPPOSED].turnout is None
    assert night.seats[CONTESTED].turnout == pytest.approx(50.0)
    assert graphics.card_data(night, store, UNOPPOSED).turnout is None
    # the night's turnout so far is the seats that polled: 50,000 of 100,000
    assert night.strip_data().turnout == pytest.approx(50.0)


def _csv(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_results_export_gives_an_unopposed_seat_no_majority_share_nor_change(store,
                                                                                  tmp_path):
    """The export's by-constituency `Majority` read 0 for a seat returned unopposed, the dead
    heat its card, the map and the table no longer show, and its candidate's `Share` 0.0 of
    no poll, with a `Change` of minus their whole share then (Bercow's Buckingham, made
    unopposed on the 2017 night: -0.651094): no poll, no figure, left empty."""
    baseline = tmp_path / "baseline.csv"
    with baseline.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, [*REQUIRED, "Votes", *OPTIONAL], restval="")
        writer.writeheader()
        for code, seat, abbr, party, mnis, votes in (
                (CONTESTED, "Hendon", "Lab", "Labour", 15, 25_000),
                (CONTESTED, "Hendon", "Con", "Conservative", 4, 24_000),
                (UNOPPOSED, "Aldershot", "LD", "Liberal Democrat", 17, 30_000),
                (UNOPPOSED, "Aldershot", "Con", "Conservative", 4, 10_000)):
            writer.writerow({"ONS ID": code, "Constituency name": seat,
                             "Region name": "London", "Country name": "England",
                             "Party name": party, "Party abbreviation": abbr,
                             "MNIS party ID": mnis, "Candidate first name": "Then",
                             "Candidate surname": "Test", "Votes": votes})
    import_baseline(store, baseline)
    by_candidate, by_constituency, _ = export_results(store, tmp_path / "results.csv")
    seats = {r["ONS ID"]: r for r in _csv(by_constituency)}
    assert seats[UNOPPOSED]["Majority"] == "" and seats[UNOPPOSED]["First party"] == "LD"
    assert seats[CONTESTED]["Majority"] == "10000"  # a poll's majority as before
    rows = {r["Candidate first name"]: r for r in _csv(by_candidate)}
    assert (rows["Cat"]["Share"], rows["Cat"]["Change"]) == ("", "")
    assert float(rows["Ann"]["Share"]) == pytest.approx(0.6)
    assert float(rows["Ann"]["Change"]) == pytest.approx(0.6 - 25 / 49, abs=1e-6)
    # and it re-imports as the same night: the empty cells are not read
    again = init_election(tmp_path / "again.db", "By-elections")
    try:
        import_results(again, by_candidate, constituencies=by_constituency)
        night = graphics.night_state(again)
        assert night.seats[UNOPPOSED].turnout is None
        assert graphics.card_data(night, again, UNOPPOSED).majority is None
    finally:
        again.close()


def test_the_card_gives_an_unopposed_candidate_no_share_nor_change(store, tmp_path):
    """The results export leaves an unopposed candidate's share and change empty (no poll),
    but the result card put "0.0%" and "-75.0" on air (and its JSON share 0.0, change -75.0):
    a fall to nothing that never happened, disagreeing with the export beside it."""
    baseline = tmp_path / "baseline.csv"
    with baseline.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, [*REQUIRED, "Votes", *OPTIONAL], restval="")
        writer.writeheader()
        for abbr, party, mnis, votes in (("LD", "Liberal Democrat", 17, 30_000),
                                         ("Con", "Conservative", 4, 10_000)):
            writer.writerow({"ONS ID": UNOPPOSED, "Constituency name": "Aldershot",
                             "Region name": "London", "Country name": "England",
                             "Party name": party, "Party abbreviation": abbr,
                             "MNIS party ID": mnis, "Candidate first name": "Then",
                             "Candidate surname": "Test", "Votes": votes})
    import_baseline(store, baseline)
    night = graphics.night_state(store)
    card = graphics.card_data(night, store, UNOPPOSED).to_json()
    (cat,) = card["candidates"]
    assert (cat["votes"], cat["share"], cat["change"], cat["elected"]) == (0, None, None, True)
    contested = graphics.card_data(night, store, CONTESTED).to_json()
    assert contested["candidates"][0]["share"] == pytest.approx(60.0)
