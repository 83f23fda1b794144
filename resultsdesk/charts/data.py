"""The plain data every chart is drawn from: built by `desk`, drawn by `charts`, on screen
and in exports alike. No Qt, no database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class PartyBar:
    party: str  # abbreviation, as on screen
    name: str
    colour: str  # "#rrggbb"
    seats: int  # verified seats
    provisional: int = 0  # extra seats if provisional declarations are counted
    change: int | None = None  # seats against the baseline (verified), None with no baseline


@dataclass(frozen=True, slots=True)
class SeatChartData:
    bars: tuple[PartyBar, ...]  # every party with seats (or provisional seats), any order
    seats_total: int
    majority_line: int
    declared: int
    provisional_declared: int = 0
    show_provisional: bool = False
    max_parties: int = 8  # beyond this many bars the smallest fold into "Others"
    title: str = "Seats"
    subtitle: str = ""


@dataclass(frozen=True, slots=True)
class HemicycleBlock:
    party: str
    colour: str
    constituencies: tuple[str, ...]  # the seats' names (tooltips); len = the block's seats
    provisional: bool = False  # drawn lighter: not yet verified


@dataclass(frozen=True, slots=True)
class HemicycleData:
    blocks: tuple[HemicycleBlock, ...]  # in political order, left to right
    seats_total: int
    majority_line: int
    declared: int
    undeclared_position: str = "middle"  # or "end": see domain.hemicycle.Undeclared
    title: str = "The chamber"
    subtitle: str = ""


@dataclass(frozen=True, slots=True)
class ShareBar:
    party: str
    name: str
    colour: str
    votes: int
    share: float  # % of valid votes counted so far
    change: float | None = None  # points against the baseline in the same seats


@dataclass(frozen=True, slots=True)
class VoteShareData:
    bars: tuple[ShareBar, ...]
    valid_votes: int
    declared: int
    seats_total: int
    max_parties: int = 8
    title: str = "Vote share"
    subtitle: str = ""
    extra: dict = field(default_factory=dict)


# -- result card, recount watch, national summary (broadcast graphics) -------------------------

@dataclass(frozen=True, slots=True)
class CardCandidate:
    name: str
    party: str  # abbreviation, as on screen
    party_name: str
    colour: str
    votes: int | None = None  # None before the seat declares
    share: float | None = None  # % of valid votes
    change: float | None = None  # share points against the baseline; None: not comparable
    new: bool = False  # the party did not stand here at the baseline election
    elected: bool = False


@dataclass(frozen=True, slots=True)
class ResultCardData:
    """One constituency's result, as a broadcaster's result card."""

    constituency: str
    candidates: tuple[CardCandidate, ...]  # any order: drawn by votes, most first
    result: str  # "Con hold", "Lab gain from Con", "Tie: no winner yet", ...
    winner_colour: str | None = None
    majority: int | None = None
    majority_pct: float | None = None
    turnout: float | None = None  # % of the electorate
    turnout_change: float | None = None  # points against the baseline
    swing: float | None = None  # Butler swing, points, from `swing_from` to `swing_to`
    swing_from: str | None = None
    swing_to: str | None = None
    electorate: int | None = None
    provisional: bool = False  # figures not yet verified: a PROVISIONAL badge
    recount: bool = False  # a recount under way: a RECOUNT badge
    tie: bool = False  # the top two tie and no lot has been drawn: a TIE badge
    declared: int = 0  # seats declared nationally (the footer)
    seats_total: int = 0
    max_candidates: int = 10  # beyond this many the smallest fold into one line
    title: str = ""  # empty: the constituency's name
    subtitle: str = ""


@dataclass(frozen=True, slots=True)
class WatchedSeat:
    constituency: str
    winner: str | None  # party abbreviation; on an undecided tie, one of the tied parties
    winner_colour: str | None
    runner_up: str | None
    runner_up_colour: str | None
    majority: int | None
    majority_pct: float | None
    recount: bool = False  # a recount under way
    provisional: bool = False
    tie: bool = False


@dataclass(frozen=True, slots=True)
class RecountWatchData:
    seats: tuple[WatchedSeat, ...]  # any order: recounts under way first, then by majority
    declared: int
    seats_total: int
    max_rows: int = 10  # beyond this (or what fits) an "and 12 more" line
    title: str = "Recount watch"
    subtitle: str = ""


@dataclass(frozen=True, slots=True)
class SummaryParty:
    party: str
    name: str
    colour: str
    seats: int
    change: int | None = None  # seats against the baseline
    share: float | None = None  # % of the votes counted in the declared seats
    share_change: float | None = None  # points against the baseline in the same seats


@dataclass(frozen=True, slots=True)
class SummaryData:
    """The national picture so far."""

    parties: tuple[SummaryParty, ...]  # any order: drawn by seats, then share
    declared: int
    seats_total: int
    majority_line: int
    provisional: int = 0  # seats with provisional figures only (not counted)
    turnout: float | None = None  # in the declared seats
    valid_votes: int = 0
    majority_text: str = ""  # "Lab majority reached at 04:58"
    max_parties: int = 5  # the leading parties by seats and by vote share; the rest: Others
    title: str = "National picture"
    subtitle: str = ""


# -- the night in time (the `timeline` graphic) -------------------------------------------------

@dataclass(frozen=True, slots=True)
class TimelineParty:
    party: str
    name: str
    colour: str
    points: tuple[tuple[datetime, int], ...]  # (declared at, seats so far) per seat won


@dataclass(frozen=True, slots=True)
class TimelineData:
    """Declarations per half hour and the leading parties' running totals, in UK time."""

    bins: tuple[tuple[datetime, int], ...]  # (start of the half hour, seats declared in it)
    parties: tuple[TimelineParty, ...]  # the leading parties, most seats first
    seats_total: int
    majority_line: int
    declared: int  # verified seats, with or without a known time
    untimed: int = 0  # verified seats with no known time (not on the timeline)
    majority_party: str | None = None
    majority_at: datetime | None = None  # when that party's seats reached the line
    majority_label: str | None = None  # "Con majority 05:05"
    title: str = "The night"
    subtitle: str = ""
