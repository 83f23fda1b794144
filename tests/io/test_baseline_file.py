"""The baseline (`read_baseline`): the notional 2019 results on the 2024 seats (superseded
codes replaced, aggregate rows left out, the Speaker), a previous election's HoC file as a
baseline, and broken copies failing with the row and column.
"""

from __future__ import annotations

from collections import Counter

import pytest
from helpers.csv_tables import first_seats, set_cell, write_table
from helpers.locations import NOTIONAL

from resultsdesk.io import ImportFailure
from resultsdesk.io.baseline import AGGREGATE_CODES, SUPERSEDED_CODES, read_baseline
from resultsdesk.store import repository as repo


def test_notional_baseline():
    records = read_baseline(NOTIONAL)
    assert len(records) == 3529
    assert not any(r.candidate in AGGREGATE_CODES for r in records)
    codes = {r.code for r in records}
    assert len(codes) == 650
    for old, new in SUPERSEDED_CODES.items():
        assert old not in codes
        assert new in codes
    assert SUPERSEDED_CODES == {
        "S14000006": "S14000107", "S14000008": "S14000108", "S14000010": "S14000109",
        "S14000040": "S14000110", "S14000058": "S14000111",
    }
    speaker = [r for r in records if r.candidate == "Commons Speaker"]
    assert len(speaker) == 1
    assert speaker[0].party_abbreviation == "Spk"
    assert speaker[0].party_mnis_id is None  # "NA"
    assert not any(r.party_abbreviation == "Commons Speaker" for r in records)


def test_notional_codes_match_the_2024_seats(ge2024_records):
    assert {r.code for r in read_baseline(NOTIONAL)} == {
        r.constituency.code for r in ge2024_records}


def test_notional_winners_on_the_bundled_night(night_store):
    winners = Counter(b.winner_party for b in repo.baseline_seats(night_store).values())
    assert winners == {"Con": 372, "Lab": 200, "SNP": 48, "DUP": 8, "LD": 8, "SF": 7,
                       "SDLP": 2, "PC": 2, "Green": 1, "Spk": 1, "APNI": 1}


def test_hoc_file_as_baseline(tmp_path, ge2024_table):
    # a previous election's HoC by-candidate file is a baseline too
    path = write_table(tmp_path / "previous.csv", *first_seats(ge2024_table, 2))
    records = read_baseline(path)
    assert len(records) == 17  # 8 + 9 candidates
    assert {r.code for r in records} == {"W07000081", "S14000060"}
    assert all(r.electorate is None for r in records)


def test_broken_notional_rows(tmp_path, notional_table):
    table = first_seats(notional_table, 2)
    set_cell(table, 3, "Votes", "lots")
    path = write_table(tmp_path / "notional.csv", *table)
    with pytest.raises(ImportFailure) as info:
        read_baseline(path)
    assert (info.value.row, info.value.column) == (4, "Votes")
    assert str(info.value).startswith("notional.csv, row 4 (line 5), column 'Votes'")

    table = first_seats(notional_table, 2)
    set_cell(table, 2, "Party code", "CONV")  # Con twice for the seat
    path = write_table(tmp_path / "notional.csv", *table)
    with pytest.raises(ImportFailure, match="CONV appears twice for W07000081") as info:
        read_baseline(path)
    assert (info.value.row, info.value.column) == (3, "Party code")

    table = first_seats(notional_table, 1)
    set_cell(table, 0, "ONS ID", "W0700008")
    path = write_table(tmp_path / "notional.csv", *table)
    with pytest.raises(ImportFailure, match="not a GSS constituency code") as info:
        read_baseline(path)
    assert (info.value.row, info.value.column) == (1, "ONS ID")


def test_notional_with_only_aggregate_rows(tmp_path, notional_table):
    header, rows = first_seats(notional_table, 2)
    code = header.index("Party code")
    path = write_table(tmp_path / "aggregates.csv", header,
                       [r for r in rows if r[code] in AGGREGATE_CODES])
    with pytest.raises(ImportFailure, match=r"^aggregates\.csv: has no baseline results"):
        read_baseline(path)
