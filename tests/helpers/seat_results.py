"""Seat results built inline for the domain's counting tests: a candidate's votes (cv), a seat
of them (seat) and three candidates of a plain three-way result (ALICE, BOB, CAROL)."""

from __future__ import annotations

from resultsdesk.domain.model import CandidateVotes, SeatResult


def cv(name: str, party: str, votes: int) -> CandidateVotes:
    return CandidateVotes(name, party, votes)


def seat(code: str, *candidates: CandidateVotes, tie_winner: str | None = None,
         name: str | None = None, electorate: int | None = None) -> SeatResult:
    return SeatResult(code=code, name=name or f"Seat {code}", candidates=tuple(candidates),
                      electorate=electorate, tie_winner=tie_winner)


ALICE = cv("Alice Able", "Lab", 500)
BOB = cv("Bob Baker", "Con", 300)
CAROL = cv("Carol Cole", "LD", 200)
