"""The night in time, from the store: each verified seat's winner and declaration time,
when a party reached the majority line, and the data of the `timeline` graphic."""

from __future__ import annotations

from ..charts.data import TimelineData, TimelineParty
from ..domain import tally
from ..domain.declaration_time import moment, uk_clock
from ..domain.model import SeatResult, Status
from ..domain.timeline import DeclaredSeat, MajorityReached, declared_at, timeline_points
from ..domain.timeline import majority_reached as reached_by
from ..store import Store
from ..store import repository as repo
from ..store import timeline as times
from .live import NightState


def declared_seats(store: Store, results: list[SeatResult] | None = None
                   ) -> list[DeclaredSeat]:
    """Every verified seat (of `results` when given: the counting ones) with its winner and
    its declaration time."""
    if results is None:
        results = repo.seat_results(store)
    versions = times.version_times(store)
    out = []
    for r in results:
        if r.status is not Status.VERIFIED:
            continue
        elected = tally.standing(r.candidates).winner(r.tie_winner)
        out.append(DeclaredSeat(r.code, r.name, elected.party if elected else None,
                                declared_at(versions.get(r.code, ()))))
    return out


def majority_reached(store: Store, results: list[SeatResult] | None = None,
                     line: int | None = None) -> MajorityReached | None:
    """When a party's verified seats reached the majority line (None while none has, or
    when the declaration times are not known)."""
    if line is None:
        line = tally.majority_line(repo.seats_total(store))
    return reached_by(declared_seats(store, results), line)


def timeline_data(night: NightState, *, max_parties: int = 4) -> TimelineData:
    """Declarations per half hour and the running totals of the leading parties (by seats
    now) against the majority line, with the moment a party crossed it."""
    seats = night.declared_seats()
    points = timeline_points(seats)
    line = tally.majority_line(night.seats_total)
    leaders = sorted(points.totals, key=lambda p: (-points.totals[p][-1][1], p))[:max_parties]
    reached = night.majority_reached()
    marker = None
    if reached is not None:
        marker = f"{reached.party} majority {uk_clock(reached.at)}"
    return TimelineData(
        bins=points.bins,
        parties=tuple(TimelineParty(p, night.name(p), night.colour(p), points.totals[p])
                      for p in leaders),
        seats_total=night.seats_total, majority_line=line,
        declared=len(seats), untimed=points.untimed,
        majority_party=reached.party if reached else None,
        majority_at=moment(reached.at) if reached else None, majority_label=marker,
        title="The night", subtitle=night.election)
