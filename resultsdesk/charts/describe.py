"""What an on-screen chart shows, in words: each chart view's accessible description, so a
screen reader reads the seat count, the chamber, the shares, the night and the map as the
picture shows them ("Seats: 650 of 650 declared. Lab 411 (+211), Con 121 (−251), ...").

From the same plain data the chart draws (`charts.data`, `charts.map_data`), folded into
"Others" as the chart folds it; changes written as everywhere else (`domain.signed`).
"""

from __future__ import annotations

from functools import singledispatch

from ..domain.signed import signed, signed_decimal
from ..domain.wording import count_of, isolated
from .data import HemicycleData, SeatChartData, VoteShareData
from .map_data import MapData
from .story_data import TimelineData, untimed_words


@singledispatch
def describe(data: object) -> str:
    """One or two sentences of what the chart for `data` shows; "" for data not known here."""
    return ""


def _declared(declared: int, total: int) -> str:
    return f"{declared:,} of {total:,} declared"


def _change(change: int | None) -> str:
    return "" if change is None else f" ({signed(change)})"


def _held(party: str, seats: int, provisional: int) -> str:
    """"Lab 5 and 4 provisional", or "Lab 5": a party's seats in words, the seats chart's
    and the chamber's alike."""
    return (f"{isolated(party)} {seats:,}"
            + (f" and {provisional:,} provisional" if provisional else ""))


@describe.register
def _seats(data: SeatChartData) -> str:
    bars = data.drawn()
    if not bars:
        return f"{data.title}: {_declared(data.declared, data.seats_total)}. No seats yet."
    parts = [f"{_held(b.party, b.seats, b.provisional)}{_change(b.change)}" for b in bars]
    return (f"{data.title}: {_declared(data.declared, data.seats_total)}. "
            f"{', '.join(parts)}. {data.majority_line:,} for a majority.")


@describe.register
def _chamber(data: HemicycleData) -> str:
    legend, provisional = data.legend(), data.provisional_seats()
    parts = ", ".join(_held(party, seats - provisional.get(party, 0), provisional.get(party, 0))
                      for party, seats, _colour in legend)
    # A tie awaiting the lot is declared (a dot of its own, keyed "Tie"), not to come.
    taken = sum(seats for _party, seats, _colour in legend) + len(data.ties)
    waiting = data.seats_total - taken
    text = f"{data.title}: {parts or 'no seats yet'}"
    if waiting > 0:
        text += f"; {waiting:,} to come"
    text += f". {data.majority_line:,} for a majority." if data.seats_total else "."
    if data.ties:
        text += f" {len(data.ties):,} tied, awaiting the lot."
    if data.recounts:
        text += f" {data.recount_count:,} with a recount under way."
    return text


@describe.register
def _shares(data: VoteShareData) -> str:
    bars = data.drawn()
    if not bars:
        return f"{data.title}: {_declared(data.declared, data.seats_total)}. No votes yet."
    parts = [f"{isolated(b.party)} {b.share:.1f}%"
             + ("" if b.change is None else f" ({signed_decimal(b.change)} pts)")
             for b in bars]
    return (f"{data.title}: {', '.join(parts)}, of {data.valid_votes:,} valid votes in "
            f"{data.declared:,} seats.")


@describe.register
def _night(data: TimelineData) -> str:
    text = f"{data.title}: {_declared(data.declared, data.seats_total)}"
    if data.parties:
        text += ". " + ", ".join(f"{isolated(p.party)} {p.points[-1][1]:,}" if p.points
                                 else f"{isolated(p.party)} 0" for p in data.parties)
    if data.majority_label:
        text += f". {data.majority_label}"
    if data.untimed:
        text += f". {untimed_words(data.untimed)}"
    return text + "."


@describe.register
def _map(data: MapData) -> str:
    text = f"{data.title}: {_declared(data.declared, data.seats_total)}"
    if data.focus:
        text += f", showing {data.focus}"
    key = data.key_rows()  # the key's parties, for the seats framed, as the picture's
    if key:
        text += ". " + ", ".join(
            _held(k.party, k.seats - k.provisional, k.provisional)
            + (f" ({count_of(k.gains, 'gain')})" if k.gains else "") for k in key)
    framed = data.framed()
    ties = sum(1 for s in framed if s.tie)
    if ties:
        text += f". {ties:,} tied, awaiting the lot"
    # The seats the map outlines ("Recount or recount range" in its key), in words: the
    # picture showed them, the words did not. A tie is outlined too, but said just above.
    recounts = sum(1 for s in framed if s.recount)
    close = sum(1 for s in framed if s.close and not s.recount and not s.tie)
    outlined = [f"{recounts:,} with a recount under way" if recounts else "",
                f"{close:,} in recount range" if close else ""]
    if recounts or close:
        text += ". " + ", ".join(p for p in outlined if p)
    if data.provisional_shown:
        text += f". {data.provisional_shown:,} provisional, shown lighter"
    return text + "."
