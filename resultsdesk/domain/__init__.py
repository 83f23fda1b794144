"""Pure election rules: parties, candidates, declarations, tallies. No Qt, no SQL."""

from .model import BaselineSeat, CandidateVotes, Party, SeatResult, Status
from .summary import NationalSummary, RecountEntry, SeatOutcome, seat_outcome, summarise

__all__ = [
    "BaselineSeat", "CandidateVotes", "NationalSummary", "Party", "RecountEntry",
    "SeatOutcome", "SeatResult", "Status", "seat_outcome", "summarise",
]
