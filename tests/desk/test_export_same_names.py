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
