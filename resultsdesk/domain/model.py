"""Plain data the whole application shares: no Qt, no SQL.

Records (`domain.records`), not dataclasses: every command loads this module. `Figures`,
which the declaration rules copy with `dataclasses.replace`, lives in `domain.figures` and
is still importable from here (it loads on first use)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .parties import FALLBACK_COLOUR
from .records import factory, record

if TYPE_CHECKING:
    from .figures import Figures

__all__ = ["BaselineSeat", "CandidateVotes", "DeclarationKind", "DeclarationStatus", "Figures",
           "Party", "SeatResult", "Status"]


def __getattr__(name: str) -> Any:
    if name == "Figures":
        from .figures import Figures

        return Figures
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Status(StrEnum):
    """Where a constituency stands on the night, in the order a desk cares about."""

    AWAITING = "awaiting"
    PROVISIONAL = "provisional"
    VERIFIED = "verified"


@record
class Party:
    abbreviation: str
    name: str
    colour: str = FALLBACK_COLOUR
    mnis_id: int | None = None
    political_order: int = 0


@record
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


@record
class SeatResult:
    """A constituency's figures as the tally rules need them."""

    code: str
    name: str
    candidates: tuple[CandidateVotes, ...]
    electorate: int | None = None
    invalid_votes: int | None = None
    status: Status = Status.VERIFIED
    tie_winner: str | None = None  # candidate name drawn by lot when the top two tie
    # Where the store knows it, the drawn candidate's place in `candidates`: two tied
    # candidates of one name were one name, and the seat went to the first of them.
    tie_place: int | None = None

    @property
    def valid_votes(self) -> int:
        return sum(c.votes for c in self.candidates)

    def drawn(self) -> CandidateVotes | str | None:
        """Who was drawn by lot, for `tally.Standing.winner`: the candidate itself where
        its place is known, else its name."""
        if self.tie_place is not None and 0 <= self.tie_place < len(self.candidates):
            return self.candidates[self.tie_place]
        return self.tie_winner


@record
class BaselineSeat:
    """The previous (or notional) result of a constituency: its vote by party."""

    code: str
    votes_by_party: dict[str, int] = factory(dict)
    winner_party: str | None = None
    electorate: int | None = None
