"""The by-constituency export's member columns are the winner's own row: two candidates
of one name in a seat (the Labour winner and a WPB candidate, both "David
Pinto-Duschinsky") gave the winner the other's gender, and the other's votes as "Of which
other winner"."""

from __future__ import annotations

import csv

from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.exports import export_results
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store


def test_a_winner_shares_a_name_with_another_candidate(nominations_db, tmp_path):
    with Store(nominations_db) as store:  # the nominations as a file could have given them
        seat = store.scalar("SELECT id FROM constituencies WHERE code = ?", (HENDON,))
        with store.write():
            store._conn.execute(
                "UPDATE candidates SET first_name = 'David', surname = 'Pinto-Duschinsky', "
                "gender = 'Female' WHERE constituency_id = ? AND ballot_order = 5", (seat,))
        dk.declare(store, HENDON, Figures(CLEAN, 50), user="alice")
        assert dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=50).verified
        _, by_constituency, _ = export_results(store, tmp_path / "results.csv")
    with by_constituency.open(encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["ONS ID"] == HENDON)
    assert (row["Member first name"], row["Member surname"]) == ("David", "Pinto-Duschinsky")
    assert row["Member gender"] == "Male" and row["First party"] == "Lab"
    assert row["Of which other winner"] == "0"


def test_a_lot_between_two_candidates_of_one_name_goes_to_the_one_drawn(nominations_db,
                                                                       tmp_path):
    """Review: the store kept the drawn candidate's id, but the night turned it back into a
    name, and the seat went to the first tied candidate of that name: the Conservative
    (first on the ballot paper), where the lot drew Labour's."""
    from helpers.seats import CON, LAB, TIED

    from resultsdesk.desk.live import NightState
    from resultsdesk.desk.summary import national_summary

    with Store(nominations_db) as store:
        seat = store.scalar("SELECT id FROM constituencies WHERE code = ?", (HENDON,))
        with store.write():  # Jogia (Con) renamed as Labour's candidate is named
            store._conn.execute(
                "UPDATE candidates SET first_name = 'David', surname = 'Pinto-Duschinsky' "
                "WHERE constituency_id = ? AND ballot_order = ?", (seat, CON + 1))
        lab = dk.load_sheet(store, HENDON).candidates[LAB]
        dk.declare(store, HENDON, Figures(TIED, 50), user="alice", overrides=["tie"],
                   tie_winner=lab.id)
        assert dk.verify(store, HENDON, user="bob", votes=TIED, invalid=50,
                         tie_winner=lab.id).verified
        night = NightState(store)
        night.refresh()
        assert night.seats[HENDON].outcome.winner_party == "Lab"
        assert night.seats[HENDON].outcome.runner_up_party == "Con"
        assert national_summary(store).seats == {"Lab": 1}
        _, by_constituency, _ = export_results(store, tmp_path / "results.csv")
    with by_constituency.open(encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["ONS ID"] == HENDON)
    assert (row["First party"], row["Second party"]) == ("Lab", "Con")
