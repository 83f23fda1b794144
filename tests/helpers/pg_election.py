"""A prepared election database on the throw-away cluster, with accounts and a small ballot.

Each test gets its own database (and, since server roles are cluster-wide, accounts named
after it: `<db>_alice`), so no test sees another's audit chain or accounts.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

import psycopg
import pytest

from resultsdesk.store.postgres import calls, prepare

from .pg_cluster import PgCluster

_numbers = itertools.count(1)

# Names that make canonical JSON work: non-ASCII, quotes, backslashes, newlines, tabs and
# other control characters (escaped as \u00xx by both Python and the server).
AWKWARD_FIRST = 'Zoë "Zed"'
AWKWARD_SURNAME = "O'Brien\\Ðž\n\t\x01\x1f\x7f\u2028"

NOMINATIONS = {
    "parties": [
        {"abbreviation": "LAB", "name": "Labour", "colour": "#e4003b", "mnis_id": 15,
         "political_order": 10, "mnis_ids": [15]},
        {"abbreviation": "CON", "name": "Conservative", "colour": "#0087dc", "mnis_id": 4,
         "political_order": 50, "mnis_ids": [4]},
        {"abbreviation": "LD", "name": "Liberal Démocrats", "colour": "#faa61a",
         "political_order": 30},
    ],
    "constituencies": [
        {"code": "E14000001", "name": "Ynys Môn & \"Alpha\"", "nation": "Wales",
         "region": "Wales"},
        {"code": "E14000002", "name": "Tie Town", "nation": "England", "region": "North East"},
        {"code": "E14000003", "name": "Back\\slash\nBay", "nation": "England",
         "region": "London"},
    ],
    "candidates": [
        {"code": "E14000001", "party": "LAB", "first_name": "Ann", "surname": "Able",
         "ballot_order": 1},
        {"code": "E14000001", "party": "CON", "first_name": "Bob", "surname": "Baker",
         "ballot_order": 2},
        {"code": "E14000001", "party": "LD", "first_name": AWKWARD_FIRST,
         "surname": AWKWARD_SURNAME, "ballot_order": 3},
        {"code": "E14000002", "party": "LAB", "first_name": "Tia", "surname": "Ting",
         "ballot_order": 1},
        {"code": "E14000002", "party": "CON", "first_name": "Tom", "surname": "Tong",
         "ballot_order": 2},
        {"code": "E14000003", "party": "LAB", "first_name": "日本", "surname": "語",
         "ballot_order": 1},
        {"code": "E14000003", "party": "LD", "first_name": "Ünïcödé", "surname": "Ꭰ\u200b",
         "ballot_order": 2},
    ],
    "electorates": {"E14000001": 70000, "E14000002": 1000, "E14000003": 50000},
}
SEAT = "E14000001"  # three candidates
TIE_SEAT = "E14000002"  # two


@dataclass
class PgElection:
    cluster: PgCluster
    database: str
    passwords: dict[str, str] = field(default_factory=dict)
    _open: list[psycopg.Connection] = field(default_factory=list)

    @property
    def admin_url(self) -> str:
        """The server's superuser on this database (it prepared it, so counts as admin)."""
        return self.cluster.superuser_url(self.database)

    def user(self, short: str) -> str:
        """The account name of `short` ('alice') in this election."""
        return f"{self.database}_{short}"

    def add(self, short: str, role: str) -> str:
        name = self.user(short)
        password = f"pw {short} ✓"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            calls.add_user(conn, name, role, password)
        self.passwords[name] = password
        return name

    def url(self, short: str) -> str:
        name = self.user(short)
        return self.cluster.url(name, self.passwords[name], self.database)

    def connect(self, short: str, *, autocommit: bool = True) -> psycopg.Connection:
        """A desk's own connection (TCP, SCRAM), closed at the end of the test."""
        conn = psycopg.connect(self.url(short), autocommit=autocommit)
        self._open.append(conn)
        return conn

    def admin(self) -> psycopg.Connection:
        conn = psycopg.connect(self.admin_url, autocommit=True)
        self._open.append(conn)
        return conn

    def close(self) -> None:
        for conn in self._open:
            conn.close()


def recount_count_keyed(election: PgElection, first: list[int], recount: list[int]
                        ) -> tuple[psycopg.Connection, psycopg.Connection]:
    """SEAT's first count (`first`) keyed by alice and verified by bob, a recount called,
    and alice's figures for it (`recount`) keyed, awaiting verification: alice's and bob's
    connections."""
    alice, bob = election.connect("alice"), election.connect("bob")
    calls.declare(alice, SEAT, first, 120)
    calls.verify(bob, SEAT, first, 120)
    calls.mark_recount(bob, SEAT)
    calls.declare(alice, SEAT, recount, 120)
    return alice, bob


@pytest.fixture
def pg_election(pg_cluster: PgCluster) -> Iterator[PgElection]:
    """A fresh prepared database with desk accounts alice and bob, editor eve, admin ann,
    and three seats nominated (one with awkward names)."""
    election = PgElection(pg_cluster, f"rd_test_{next(_numbers)}")
    prepare(election.admin_url, "Test election")
    election.add("ann", "admin")
    election.add("alice", "desk")
    election.add("bob", "desk")
    election.add("eve", "editor")
    calls.import_candidates(election.connect("ann"), "nominations.csv", NOMINATIONS)
    try:
        yield election
    finally:
        election.close()
