"""The map of the night: which bundled hex layout fits the election, and what each seat shows.

    data = map_data(night, viewer, show_provisional=True, focus="Scotland")

The layout is chosen by the election's constituency (GSS) codes: the first bundled layout
holding every one of them. Codes that no layout holds (another country, a synthetic
election, boundaries not bundled) refuse with the reason (`NoMapLayout`) rather than drawing
a wrong map. What a seat shows follows `visibility.Viewer`: a provisional seat is coloured
only for someone allowed to see its figures, and only when provisional seats are asked for.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass

from ..charts._base import SOURCE
from ..charts.map_data import (
    AWAITING,
    PROVISIONAL,
    VERIFIED,
    MapData,
    MapParty,
    MapSeat,
    counted,
)
from ..domain import tally
from ..domain.errors import Cause
from ..domain.model import Status
from ..domain.others import NamedParties, Standing, rank_key
from ..io.hexjson import HexLayout, read_hexjson
from ..paths import HEXMAP, HEXMAP_2010, data_file
from .declarations import DeskRefusal
from .live import NightState, SeatState
from .visibility import Viewer

# The bundled layouts, newest boundaries first: (what they are called, file in resources/data).
BUNDLED_LAYOUTS = (("2024 boundaries", HEXMAP), ("2010\u20132019 boundaries", HEXMAP_2010))
NATIONS = ("England", "Scotland", "Wales", "Northern Ireland")  # the order of the zoom list
WHOLE_MAP = "UK"


class NoMapLayout(DeskRefusal, ValueError):
    """No bundled layout holds every constituency code of the election (or no such nation or
    region to zoom to): the message says which codes and which layouts."""

    cause = Cause.REFUSED


@dataclass(frozen=True)
class MapLayout:
    name: str  # "2024 boundaries"
    hexes: HexLayout


@functools.cache
def bundled_layouts() -> tuple[MapLayout, ...]:
    """Every bundled layout, read once per process."""
    return tuple(MapLayout(name, read_hexjson(data_file(file)))
                 for name, file in BUNDLED_LAYOUTS)


def layout_for(codes: Collection[str],
               layouts: tuple[MapLayout, ...] | None = None) -> MapLayout:
    """The first layout that holds every code in `codes`; `NoMapLayout` naming what is
    missing otherwise."""
    layouts = bundled_layouts() if layouts is None else layouts
    wanted = set(codes)
    if not wanted:
        raise NoMapLayout("no map: the election has no constituencies")
    for layout in layouts:
        if wanted <= layout.hexes.codes:
            return layout
    closest = min(layouts, key=lambda lay: len(wanted - lay.hexes.codes))
    missing = sorted(wanted - closest.hexes.codes)
    names = " or ".join(f"{lay.name} ({lay.hexes.source})" for lay in layouts)
    examples = ", ".join(missing[:3]) + (", \u2026" if len(missing) > 3 else "")
    # a by-election's one seat: "lacks 1 of its 1 seats" read as a slip
    lacks = ("its one seat" if len(wanted) == 1
             else f"{len(missing):,} of its {len(wanted):,} seats")
    raise NoMapLayout(f"no map: this election's constituency codes match no bundled layout "
                      f"({names}); the closest lacks {lacks} ({examples})")


def focus_options(night: NightState) -> list[str]:
    """What the map can zoom to: "UK", the nations, then the regions (of England)."""
    nations = {s.nation for s in night.seats.values() if s.nation}
    regions = {s.region for s in night.seats.values() if s.region} - nations
    order = [n for n in NATIONS if n in nations] + sorted(nations - set(NATIONS))
    return [WHOLE_MAP, *order, *sorted(regions)]


def _focus_codes(night: NightState, focus: str | None) -> tuple[str, ...]:
    if not focus or focus == WHOLE_MAP:
        return ()
    codes = tuple(sorted(s.code for s in night.seats.values()
                         if focus in (s.nation, s.region)))
    if not codes:
        raise NoMapLayout(f"no nation or region '{focus}' to zoom to (choose "
                          f"{', '.join(focus_options(night))})")
    return codes


def _shown_outcome(seat: SeatState, viewer: Viewer, show_provisional: bool):
    """(status, outcome to colour or None): verified figures; a provisional entry only if
    asked for and this viewer may see its figures."""
    if seat.verified is not None:
        return VERIFIED, seat.verified_outcome
    pending = seat.shown is not None and seat.shown.status is Status.PROVISIONAL
    if pending and show_provisional and viewer.sees_pending(seat.shown_entered_by or ""):
        return PROVISIONAL, seat.outcome
    return (PROVISIONAL if pending or seat.hidden_entry_by else AWAITING), None


def _map_seat(night: NightState, seat: SeatState, cell, viewer: Viewer,
              show_provisional: bool, thresholds: tally.RecountThresholds) -> MapSeat:
    status, o = _shown_outcome(seat, viewer, show_provisional)
    common = {"code": seat.code, "name": seat.name, "q": cell.q, "r": cell.r,
              "status": status, "recount": seat.recount_under_way,
              "nation": seat.nation, "region": seat.region or cell.region}
    if o is None:
        return MapSeat(**common)
    winner = o.winner_party
    gain = o.baseline_winner if winner and o.gain else None
    majority, majority_pct = o.stated_majority  # (the card's "none" returned unopposed)
    return MapSeat(**common, winner=winner,
                   winner_colour=night.colour(winner) if winner else None,
                   gain_from=gain, gain_colour=night.colour(gain) if gain else None,
                   result=o.result, close=o.watched(thresholds), tie=winner is None,
                   by_lot=o.by_lot,  # as the card and recounts
                   unopposed=o.unopposed, majority=majority, majority_pct=majority_pct)


def map_data(night: NightState, viewer: Viewer | None = None, *,
             show_provisional: bool = False,
             thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
             focus: str | None = None, as_of: str | None = None,
             named: NamedParties | None = None) -> MapData:
    """Every seat of `night` on the bundled layout its codes fit, as `viewer` (default: the
    night's own) may see it. `focus`: a nation or region name to zoom to; `named`: who the
    legend names (default: the night's one "Others" rule)."""
    viewer = night.viewer if viewer is None else viewer
    layout = layout_for(night.seats)
    cells = layout.hexes.by_code
    seats = tuple(_map_seat(night, s, cells[s.code], viewer, show_provisional, thresholds)
                  for s in sorted(night.seats.values(), key=lambda s: s.code))
    won, gains, provisional = counted(seats)
    # Ranked as every graphic ranks them (`others.rank_key`: seats, then votes): by name
    # on a tie, the map's legend put the DUP's five seats before Reform UK's five.
    votes = night.summary().votes
    parties = tuple(MapParty(s.party, night.name(s.party), night.colour(s.party), s.seats,
                             gains.get(s.party, 0), provisional.get(s.party, 0))
                    for s in sorted((Standing(p, n, votes.get(p, 0)) for p, n in won.items()),
                                    key=rank_key))
    focus = None if focus in (None, "", WHOLE_MAP) else focus
    subtitle = " \u00b7 ".join(p for p in (night.election, focus) if p)
    return MapData(layout=layout.hexes.layout, layout_name=layout.name, seats=seats,
                   parties=parties, seats_total=night.seats_total,
                   declared=sum(1 for s in night.seats.values() if s.verified is not None),
                   provisional_shown=sum(1 for s in seats
                                         if s.status == PROVISIONAL and s.winner),
                   focus=focus, focus_codes=_focus_codes(night, focus), subtitle=subtitle,
                   source=SOURCE, as_of=as_of, recount_line=thresholds.pct,
                   compared=bool(night.baseline),
                   named=named if named is not None else night.named_parties())
