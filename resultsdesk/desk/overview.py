"""What the desk's results table shows: every seat, where it stands, who won and how."""

from __future__ import annotations

from datetime import UTC

from ..domain.declaration_time import moment, uk_clock
from ..domain.model import DeclarationKind, Status
from ..domain.records import record
from ..store import Store
from .live import NightState, SeatState


@record
class ConstituencyRow:
    code: str
    name: str
    nation: str
    region: str
    status: Status
    winner_party: str | None
    winner_name: str | None
    tie: bool
    recount_under_way: bool = False
    correction_pending: bool = False
    majority: int | None = None
    majority_pct: float | None = None
    turnout: float | None = None
    turnout_change: float | None = None
    result: str = ""
    swing: float | None = None
    swing_to: str | None = None
    swing_from: str | None = None
    declared_at: str | None = None  # when the result on air was declared (None: unknown)
    # what awaits verification over the verified result: a correction, the recount's count
    # (`current_count`), a lot
    pending_over_verified: DeclarationKind | None = None
    current_count: int = 0
    # One candidate and no runner-up (returned unopposed): no majority (`majority` None),
    # so never in recount range (`SeatOutcome.watched`)
    unopposed: bool = False

    @property
    def declared_text(self) -> str:
        """"05:05": the Declared column, UK time as at the count ("" when unknown)."""
        return uk_clock(self.declared_at) or ""

    @property
    def declared_order(self) -> str | None:
        """The Declared column's sort key: the moment in UTC ISO 8601 (None when unknown:
        a blank cell, listed last). The stored strings mix offsets (a count's time on the UK
        clock, +01:00 in summer; a desk-keyed seat's verification time in UTC), and across
        the end of BST even one offset's wall clock runs back: as text 00:20 BST
        (23:20+00:00) sorted before 00:10 BST (00:10+01:00)."""
        when = moment(self.declared_at)
        return when.astimezone(UTC).isoformat() if when is not None else None

    @property
    def status_text(self) -> str:
        """Status as the desk reads it; a recount or a pending correction is always shown."""
        text = self.status.value
        if self.tie:  # which tie: "tie" alone said the same before and after the lot
            text = ("won by lot · " if self.winner_party else "tie · ") + text
        pending = self.pending_over_verified
        if self.correction_pending or pending is DeclarationKind.CORRECTION:
            text += " · correction pending"
        elif pending is DeclarationKind.LOT:
            text += " · lot pending"
        elif pending is not None:  # a count keyed over the verified one: the recount's
            text += f" · recount {self.current_count} pending"
        if self.recount_under_way:
            text = "RECOUNT · " + text
        return text

    @property
    def swing_text(self) -> str:
        if self.swing is None:
            return ""
        return f"{self.swing:.1f} {self.swing_from}→{self.swing_to}"


def row_for(seat: SeatState) -> ConstituencyRow:
    o = seat.outcome
    # returned unopposed: no majority at all, as on its card ("0", "0.00%" read as a dead heat)
    unopposed = bool(o and o.unopposed)
    majority = None if o is None or unopposed else o.majority
    return ConstituencyRow(
        code=seat.code, name=seat.name, nation=seat.nation, region=seat.region,
        status=seat.status, winner_party=o.winner_party if o else None,
        winner_name=o.winner_name if o else None, tie=bool(o and o.tie),
        recount_under_way=seat.recount_under_way, correction_pending=seat.correction_pending,
        majority=majority, majority_pct=None if majority is None else o.majority_pct,
        turnout=seat.turnout, turnout_change=seat.turnout_change,
        result=o.result if o else "", swing=seat.swing, swing_to=seat.swing_to,
        swing_from=seat.swing_from, declared_at=seat.declared_at,
        pending_over_verified=seat.pending_over_verified, current_count=seat.current_count,
        unopposed=unopposed)


def rows_of(night: NightState) -> list[ConstituencyRow]:
    return [row_for(s) for s in sorted(night.seats.values(), key=lambda s: s.name)]


def constituency_rows(store: Store) -> list[ConstituencyRow]:
    night = NightState(store)
    night.refresh()
    return rows_of(night)

