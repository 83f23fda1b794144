"""A seat of the map in words (`seat_text`): what hovering over its hex, or the map's
keyboard ring on it, says. Apart from `map`, which shows it."""

from __future__ import annotations

from ..domain.tally import DEFAULT_RECOUNT_PCT
from ..domain.wording import isolated, majority_share
from .map_data import PROVISIONAL, MapSeat

__all__ = ["seat_text"]


def seat_text(seat: MapSeat, line: float = DEFAULT_RECOUNT_PCT) -> str:
    """A seat in words, for hover: name, winner (and gain), majority, recount. Qt shows
    it, in bidi order: its names isolated (`wording.isolated`)."""
    name, winner, gain_from = (isolated(n or "") for n in (seat.name, seat.winner,
                                                             seat.gain_from))
    if not seat.drawn:
        state = seat.result or ("provisional, awaiting verification"
                                if seat.status == PROVISIONAL else "awaiting declaration")
        parts = [f"{name}: {state}"]
    else:
        won = seat.result or (f"{winner} gain from {gain_from}" if seat.gain_from
                              else f"{winner} win")
        if seat.status == PROVISIONAL:
            won += " (provisional)"
        parts = [f"{name}: {won}"]
        if seat.by_lot:  # "majority 0 (0.00%)" said nothing of how it was won
            parts.append("tied, winner drawn by lot")
        elif seat.majority is not None:
            pct = ("" if seat.majority_pct is None
                   else f" ({majority_share(seat.majority_pct, line)})")
            parts.append(f"majority {seat.majority:,}{pct}")
        elif seat.unopposed:
            parts.append("returned unopposed")
    if seat.recount:
        parts.append("RECOUNT under way")
    elif seat.close and (seat.drawn or seat.tie):  # a tie is the closest result of all
        parts.append("in recount range")
    return " \u00b7 ".join(parts)
