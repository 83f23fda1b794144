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


class DeclarationStatus(StrEnum):
    """Where one version of a seat's figures stands in the workflow."""

    PROVISIONAL = "provisional"  # entered, awaiting a second person
    VERIFIED = "verified"  # what counts (one per seat at most)
    REJECTED = "rejected"  # sent back to the desk
    WITHDRAWN = "withdrawn"  # taken back by its author
    SUPERSEDED = "superseded"  # replaced by a newer version (or a recount)


class DeclarationKind(StrEnum):
    """What a version records."""

    DECLARATION = "declaration"  # figures as declared (or the next count of a recount)
    CORRECTION = "correction"  # new figures for a verified result, with a reason
    LOT = "lot"  # the same figures, with the winner of a tie drawn by lot


@dataclass(frozen=True, slots=True)
class Figures:
    """A declaration's figures as read out: votes in ballot order, rejected ballots, the
    total valid vote as read (checked against the sum) and the electorate (None: the
    seat's own)."""

    votes: tuple[int, ...]
    invalid: int | None = None
    total_as_read: int | None = None
    electorate: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "votes", tuple(self.votes))  # a list given: kept as typed

    @property
    def valid_votes(self) -> int:
        return sum(self.votes)


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
