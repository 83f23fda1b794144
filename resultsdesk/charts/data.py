"""The plain data every chart is drawn from: built by `desk`, drawn by `charts`, on screen
and in exports alike. No Qt, no database."""

from __future__ import annotations

from dataclasses import dataclass, field


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
