"""A new party is named as most of its rows name it, not as the first row does. One row
of a doctored (or carelessly keyed) file, "Labour Fake" under the abbreviation Lab and no
MNIS id, came first and renamed Labour on every card, table and export of the night:
Stephen Kinnock's row read "Labour Fake" though his own row said "Labour"."""

from __future__ import annotations

import pytest

from resultsdesk.desk import imports
from resultsdesk.desk.election import init_election
from resultsdesk.desk.parties import PartyRegistry


@pytest.fixture
def empty_store(tmp_path):
    with init_election(tmp_path / "empty.db", "Parties") as store:
        yield store


def test_one_odd_row_does_not_rename_the_party(empty_store):
    rows = [("Lab", "Labour Fake", None), *[("Lab", "Labour", 15)] * 3,
            ("Lab", "Labour and Co-operative", 15), ("Con", "Conservative", 4)]
    registry = PartyRegistry(empty_store)
    assert imports._Resolver(registry).rows(rows) == ["Lab"] * 5 + ["Con"]
    names = {p["abbreviation"]: p["name"] for p in registry.plan()}
    assert names == {"Lab": "Labour", "Con": "Conservative"}


def test_a_tie_keeps_the_first_rows_name(empty_store):
    rows = [("Ind", "Independent", None), ("Ind", "Independent candidate", None)]
    registry = PartyRegistry(empty_store)
    imports._Resolver(registry).rows(rows)
    assert registry.plan()[0]["name"] == "Independent"
