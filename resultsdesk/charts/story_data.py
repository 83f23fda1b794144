"""The plain data of the night's story: the `timeline` graphic (declarations in time, the
leading parties' running totals) and the `gains` graphic (seats changing hands). Built by
`desk`, drawn by `charts`, on screen and in exports alike. No Qt, no database."""

from __future__ import annotations

from datetime import datetime

from ..domain.others import NamedParties, Standing
from ..domain.records import record
from .data import named_json

# -- the night in time (the `timeline` graphic) -------------------------------------------------

@record
class TimelineParty:
    party: str
    name: str
    colour: str
    points: tuple[tuple[datetime, int], ...]  # (declared at, seats so far) per seat won


def untimed_words(untimed: int) -> str:
    """"1 seat with no time on the night": the seats the Timeline leaves out, which are those
    of no known time and those declared far off the night (a poll postponed when a
    candidate died, declared weeks later), so neither is said to have no time."""
    return f"{untimed:,} seat{'' if untimed == 1 else 's'} with no time on the night"


@record
class TimelineData:
    """Declarations per half hour and the leading parties' running totals, in UK time."""

    bins: tuple[tuple[datetime, int], ...]  # (start of the half hour, seats declared in it)
    parties: tuple[TimelineParty, ...]  # the leading parties, most seats first
    seats_total: int
    majority_line: int
    declared: int  # verified seats, with or without a known time
    untimed: int = 0  # verified seats with no known time on the night (not on the timeline)
    majority_party: str | None = None
    majority_at: datetime | None = None  # when that party's seats reached the line
    majority_label: str | None = None  # "Con majority 05:05"
    title: str = "The night"
    subtitle: str = ""
    named: NamedParties | None = None  # `parties` are the named ones with a seat

    def to_json(self) -> dict:
        return {"kind": "timeline", "title": self.title, "subtitle": self.subtitle,
                "seats_total": self.seats_total, "majority_line": self.majority_line,
                "declared": self.declared, "untimed": self.untimed,
                "majority_party": self.majority_party,
                "majority_at": self.majority_at.isoformat() if self.majority_at else None,
                "majority_label": self.majority_label,
                "bins": [{"from": t.isoformat(), "declared": n} for t, n in self.bins],
                "parties": [{"party": p.party, "name": p.name, "colour": p.colour,
                             "seats": p.points[-1][1] if p.points else 0,
                             "points": [{"at": t.isoformat(), "seats": n}
                                        for t, n in p.points]} for p in self.parties],
                **named_json(self.named)}


# -- seats changing hands (the `gains` graphic) -------------------------------------------------

@record
class Flow:
    """Seats one party won from another ("Con → Lab 182")."""

    from_party: str  # the baseline winner (or "Others")
    from_colour: str | None  # None: "Others", in the theme's colour
    to_party: str
    to_colour: str | None
    seats: int
    within_others: bool = False  # both folded into "Others", named all the same (`gains_data`)


@record
class GainsData:
    flows: tuple[Flow, ...]  # largest first; parties not named folded into "Others"
    declared: int
    seats_total: int
    changed: int | None  # seats that changed hands, in all; None with no baseline
    named: NamedParties | None = None
    title: str = "Seats changing hands"
    subtitle: str = ""

    @property
    def others(self) -> tuple[Standing, ...]:
        return self.named.others if self.named else ()

    def to_json(self) -> dict:
        return {"kind": "gains", "title": self.title, "subtitle": self.subtitle,
                "declared": self.declared, "seats_total": self.seats_total, "changed": self.changed,
                "flows": [{"from": f.from_party, "to": f.to_party, "seats": f.seats,
                           "from_colour": f.from_colour, "to_colour": f.to_colour,
                           "within_others": f.within_others}
                          for f in self.flows], **named_json(self.named)}
