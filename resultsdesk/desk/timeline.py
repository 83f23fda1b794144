"""The night in time, from the store: each verified seat's winner and declaration time,
and when a party reached the majority line (what `summary --json` reports). The
`timeline` graphic's data is `desk.live_charts.timeline_data`, from the live night state."""

from __future__ import annotations

from collections.abc import Mapping

from ..domain import tally
from ..domain.model import SeatResult, Status
from ..domain.timeline import DeclaredSeat, MajorityReached, declared_at
from ..domain.timeline import majority_reached as reached_by
from ..store import Store
from ..store import repository as repo
from ..store import timeline as times


def declared_seats(store: Store, results: list[SeatResult] | None = None,
                   winners: Mapping[str, str | None] | None = None) -> list[DeclaredSeat]:
    """Every verified seat (of `results` when given: the counting ones) with its winner and
    its declaration time. `winners`: each seat's winning party by code, where the caller
    has already counted them (else each seat is counted here)."""
    if results is None:
        results = repo.seat_results(store)
    versions = times.version_times(store)
    out = []
    for r in results:
        if r.status is not Status.VERIFIED:
            continue
        if winners is not None and r.code in winners:
            party = winners[r.code]
        else:
            elected = tally.standing(r.candidates).winner(r.drawn())
            party = elected.party if elected else None
        out.append(DeclaredSeat(r.code, r.name, party, declared_at(versions.get(r.code, ()))))
    return out


def majority_reached(store: Store, results: list[SeatResult] | None = None,
                     line: int | None = None, *,
                     winners: Mapping[str, str | None] | None = None
                     ) -> MajorityReached | None:
    """When a party's verified seats reached the majority line (None while none has, or
    when the declaration times are not known)."""
    if line is None:
        line = tally.majority_line(repo.seats_total(store))
    return reached_by(declared_seats(store, results, winners), line)
