"""Rejected ballots in the constituencies file too many to add up with the votes (the
ballots cast over 2,147,483,647) are refused at that file's row and column, 'Invalid
votes': the refusal named the results file's largest 'Votes' cell, which was right."""

from __future__ import annotations

import pytest
from helpers.csv_tables import first_seats, read_table, write_table
from helpers.locations import GE2024, GE2024_SEATS

from resultsdesk.desk.imports import import_results
from resultsdesk.io.import_failure import ImportFailure
from resultsdesk.store import Store


def test_too_many_rejected_ballots_are_blamed_on_their_own_cell(nominations_db, tmp_path):
    header, rows = first_seats(read_table(GE2024), 1)
    results = write_table(tmp_path / "results.csv", header, rows)
    seats_header, seat_rows = first_seats(read_table(GE2024_SEATS), 1)
    seat_rows[0][seats_header.index("Invalid votes")] = "2147483647"
    seats = write_table(tmp_path / "seats.csv", seats_header, seat_rows)
    with Store(nominations_db) as store, pytest.raises(ImportFailure) as refused:
        import_results(store, results, constituencies=seats)
    said = str(refused.value)
    assert said.startswith("seats.csv, row 1 (line 2), column 'Invalid votes': ")
    assert "ballots cast add up to" in said
