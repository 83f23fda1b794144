"""The recount watch kept seat by seat (domain/summary.py `SummaryTotals`) where two seats
share a name and a close result to the vote: the code is the last key of `watch_order`,
so each has one place, and a seat's update takes away its own entry, never the other
seat's. Found by a mutation test: `watch_order` without the code left every test passing,
while the live totals then dropped the wrong seat from the watch."""

from __future__ import annotations

from helpers.seat_results import cv, seat

from resultsdesk.domain import tally
from resultsdesk.domain.summary import SummaryTotals, seat_outcome


def _put(totals: SummaryTotals, code: str, winner: str) -> None:
    result = seat(code, cv(f"{winner} {code}", winner, 5_050), cv(f"X {code}", "Con", 5_000),
                  name="Newport")  # a majority of 50: in recount range
    totals.put(seat_outcome(result), tally.party_votes(result.candidates))


def _watch(totals: SummaryTotals) -> list[tuple[str, str | None]]:
    return [(e.code, e.winner_party) for e in totals.summary("GE", 650).recount_watch]


def test_two_seats_of_one_name_and_figures_are_listed_by_code():
    totals = SummaryTotals()
    _put(totals, "W2", "Lab")
    _put(totals, "W1", "PC")
    assert _watch(totals) == [("W1", "PC"), ("W2", "Lab")]


def test_dropping_one_of_them_leaves_the_other_on_the_watch():
    totals = SummaryTotals()
    _put(totals, "W1", "PC")
    _put(totals, "W2", "Lab")
    totals.drop("W2")
    assert _watch(totals) == [("W1", "PC")]
    _put(totals, "W2", "Lab")
    _put(totals, "W1", "Grn")  # an update of W1: its old entry goes, W2's stays
    assert _watch(totals) == [("W1", "Grn"), ("W2", "Lab")]
