"""An import asks the party registry once per distinct (abbreviation, name, MNIS id) row
(`imports._resolver`), and gets the same parties, in the same order, as asking row by row:
the answers are forgotten whenever the registry learns something (a new party, a new MNIS
id), since a later row's party may then resolve differently (a renamed party's successor)."""

from __future__ import annotations

import pytest

from resultsdesk.desk import imports
from resultsdesk.desk.election import init_election
from resultsdesk.desk.parties import PartyRegistry
from resultsdesk.domain.parties import SUCCESSOR_MNIS_IDS

OLD_ID, NEW_ID = next(iter(SUCCESSOR_MNIS_IDS.items()))

# Rows as a file gives them, several repeated; the renamed party's old id resolves on its
# own until its successor's id is seen, then to the successor.
ROWS = [
    ("Lab", "Labour Party", 15), ("Lab", "Labour Party", 15),
    ("BRX", "The Brexit Party", OLD_ID), ("BRX", "The Brexit Party", OLD_ID),
    ("Ind", "Independent", None), ("Ind", "Independent", None),
    ("RUK", "Reform UK", NEW_ID), ("BRX", "The Brexit Party", OLD_ID),
    ("New", "A New Party", None), ("New", "A New Party", 99_999),
    ("New", "A New Party", None), ("Lab", "Labour Party", 15),
]


@pytest.fixture
def empty_store(tmp_path):
    with init_election(tmp_path / "empty.db", "Parties") as store:
        yield store


def test_the_resolver_answers_as_the_registry_does_row_by_row(empty_store):
    by_row = PartyRegistry(empty_store)
    expected = [by_row.resolve(*row) for row in ROWS]
    once = PartyRegistry(empty_store)
    assert imports._Resolver(once).rows(ROWS) == expected
    assert once.plan() == by_row.plan()
    assert once.created == by_row.created
    # the renamed party counted for its successor once the successor stood
    assert expected[2] != expected[7] == expected[6]


def test_the_resolver_asks_the_registry_once_per_distinct_row(empty_store, monkeypatch):
    registry = PartyRegistry(empty_store)
    asked = []
    resolve_row = registry.resolve

    def counting(*row):
        asked.append(row)
        return resolve_row(*row)

    monkeypatch.setattr(registry, "resolve", counting)
    rows = [("Lab", "Labour Party", 15), ("Con", "Conservative Party", 4)] * 500
    imports._Resolver(registry).rows(rows)
    # each row asked at most twice: once to learn, once more after the other one taught
    # the registry something
    assert len(asked) <= 4
