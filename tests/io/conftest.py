"""The file readers and writers' tests (HoC CSVs, baseline, results and audit exports). The
real files' paths are in helpers.locations (GE2024, GE2024_SEATS, NOTIONAL).

The fixtures here read those files once per module: as tables to cut short and break
(ge2024_table, notional_table, seats_table; helpers.csv_tables) and the 2024 file's
candidates as read (ge2024_records)."""

from __future__ import annotations

import pytest
from helpers.csv_tables import Table, read_table
from helpers.locations import GE2024, GE2024_SEATS, NOTIONAL

from resultsdesk.io.hoc_candidates import read_candidates


@pytest.fixture(scope="module")
def ge2024_table() -> Table:
    return read_table(GE2024)


@pytest.fixture(scope="module")
def notional_table() -> Table:
    return read_table(NOTIONAL)


@pytest.fixture(scope="module")
def seats_table() -> Table:
    return read_table(GE2024_SEATS)


@pytest.fixture(scope="module")
def ge2024_records():
    return read_candidates(GE2024, with_votes=True)
