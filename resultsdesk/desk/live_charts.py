"""What the window's live charts read from the night beyond `NightState`'s own chart data: the
time their figures are as of (`as_of`, each chart's footer) and the timeline's data
(`timeline_data`). The broadcast graphics (`graphics`) draw the same from here.

Apart from `graphics` so that the window's first paint loads only these: `graphics` brings
every graphic the desk exports (result card, recount watch, summary, gains), their data
and the export machinery, none of which the window shows.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ..charts.story_data import TimelineData, TimelineParty
from ..domain import tally
from ..domain.declaration_time import moment, uk_clock
from ..domain.others import NamedParties
from ..domain.timeline import timeline_points
from .live import NightState


def as_of(night: NightState) -> str:
    """"04:58", always on the UK clock (as at the counts, whatever zone the PC is set to): a
    rehearsal's night clock; else the declaration time of the latest verified result when
    the times are known, else the time it was verified (the figures have not changed since,
    as far as the national count goes); the time now if nothing is verified. A reading
    drawn into several graphics says the time it was pinned at (`NightState.as_of_pin`)."""
    if night.as_of_pin is not None:
        return night.as_of_pin
    if night.rehearsal:
        # Here, not at the top: the rehearsal's importers and replay rules load only for
        # a rehearsal (the live window's charts ask for this on every refresh).
        from .rehearsal import night_clock

        return uk_clock(night_clock(night.store)) or ""
    declared = night.latest_declared()  # kept as seats change: no walk over the night
    if declared is not None:
        return uk_clock(declared) or ""
    latest = uk_clock(night.latest_verified_at())
    return latest or uk_clock(datetime.now(UTC)) or ""


def timeline_data(night: NightState, named: NamedParties | None = None) -> TimelineData:
    """Declarations per half hour and the running totals of the named parties with a seat
    (`domain.others`, the rule every graphic shares) against the majority line, with the
    moment a party crossed it."""
    seats = night.declared_seats()
    points = timeline_points(seats)
    named = named or night.named_parties()
    leaders = [p for p in named.names if p in points.totals]
    reached = night.majority_reached()
    return TimelineData(
        bins=points.bins,
        parties=tuple(TimelineParty(p, night.name(p), night.colour(p), points.totals[p])
                      for p in leaders),
        seats_total=night.seats_total, majority_line=tally.majority_line(night.seats_total),
        declared=len(seats), untimed=points.untimed,
        majority_party=reached.party if reached else None,
        majority_at=moment(reached.at) if reached else None,
        majority_label=f"{reached.party} majority {uk_clock(reached.at)}" if reached else None,
        subtitle=night.election, named=named)
