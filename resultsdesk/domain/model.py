"""Plain data the whole application shares: no Qt, no SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    """Where a constituency stands on the night, in the order a desk cares about."""

    AWAITING = "awaiting"
    PROVISIONAL = "provisional"
    VERIFIED = "verified"


@dataclass(frozen=True, slots=True)
class Party:
    abbreviation: str
    name: str
    colour: str = "#909090"
    mnis_id: int | None = None
    political_order: int = 0


@dataclass(frozen=True, slots=True)
class CandidateVotes:
    """One line of a declaration: who stood, for which party, how many votes."""

    name: str
    party: str  # party abbreviation; independents all count as "Ind"
    votes: int


@dataclass(frozen=True, slots=True)
class SeatResult:
    """A constituency's figures as the tally rules need them."""

    code: str
    name: str
    candidates: tuple[CandidateVotes, ...]
    electorate: int | None = None
    invalid_votes: int | None = None
    status: Status = Status.VERIFIED
    tie_winner: str | None = None  # candidate name drawn by lot when the top two tie

    @property
    def valid_votes(self) -> int:
        return sum(c.votes for c in self.candidates)


@dataclass(frozen=True, slots=True)
class BaselineSeat:
    """The previous (or notional) result of a constituency: its vote by party."""

    code: str
    votes_by_party: dict[str, int] = field(default_factory=dict)
    winner_party: str | None = None
    electorate: int | None = None
