"""The plain data of the map (a hex cartogram of every seat): built by `desk.hexmap`, drawn by
`charts.map`, and written as JSON for graphics systems by `MapData.to_json()`."""

from __future__ import annotations

from collections import Counter

from ..domain.others import OTHERS, OTHERS_NAME, NamedParties
from ..domain.records import record
from ..domain.tally import DEFAULT_RECOUNT_PCT
from .data import named_json, watch_pct

# A seat's state on the map, as the JSON says it.
AWAITING, PROVISIONAL, VERIFIED = "awaiting", "provisional", "verified"


@record
class MapSeat:
    code: str  # GSS code
    name: str
    q: int  # the hex's column and row in the layout
    r: int
    status: str = AWAITING  # awaiting, provisional or verified
    winner: str | None = None  # party abbreviation; None while awaited (or not to be seen)
    winner_colour: str | None = None
    gain_from: str | None = None  # the baseline's winner, when this is a gain
    gain_colour: str | None = None
    result: str = ""  # "Lab gain from Con", "Con hold", ...
    majority: int | None = None
    majority_pct: float | None = None
    recount: bool = False  # a recount under way
    close: bool = False  # a majority in recount range (or a tie)
    tie: bool = False  # tied at the top, awaiting the lot: declared, nobody's yet
    by_lot: bool = False  # a tie decided by lot: `winner` was drawn (its majority is 0)
    unopposed: bool = False  # one candidate, no poll: no majority (`majority` None)
    nation: str = ""
    region: str = ""

    @property
    def drawn(self) -> bool:
        """Coloured by its winner (verified, or provisional shown on request)."""
        return self.winner is not None

    def to_json(self, line: float = DEFAULT_RECOUNT_PCT, folded: bool = False) -> dict:
        """`folded`: its winner is one of "Others", drawn in their colour (left out here:
        the theme's, filled in beside the picture, as the key's "Others" row)."""
        return {"code": self.code, "name": self.name, "status": self.status,
                "winner": self.winner,
                "winner_colour": None if folded else self.winner_colour,
                "gain_from": self.gain_from, "result": self.result or None,
                "majority": self.majority,
                "majority_pct": watch_pct(self.majority_pct, line),
                "recount": self.recount, "recount_range": self.close, "tie": self.tie,
                "by_lot": self.by_lot, "unopposed": self.unopposed,
                "nation": self.nation, "region": self.region, "q": self.q, "r": self.r}


@record
class MapParty:
    party: str
    name: str
    colour: str
    seats: int  # seats coloured for it on the map
    gains: int = 0
    provisional: int = 0  # of `seats`, those provisional (shown on request): keyed apart


def counted(seats: tuple[MapSeat, ...]) -> tuple[Counter, Counter, Counter]:
    """Seats coloured for each party, of them the gains, and the provisional ones: what the
    night's parties (`desk.hexmap`) and the key of the seats framed (`MapData.key_rows`)
    both count."""
    drawn = [s for s in seats if s.winner]
    return (Counter(s.winner for s in drawn), Counter(s.winner for s in drawn if s.gain_from),
            Counter(s.winner for s in drawn if s.status == PROVISIONAL))


@record
class KeyRow:
    """One party row of the map's key, for the seats framed (`MapData.key_rows`)."""

    party: str  # or "Others"
    seats: int
    provisional: int  # of `seats`, keyed apart: "Lab 71 + 1"
    gains: int
    colour: str | None  # None: "Others", in the theme's colour


@record
class MapData:
    """Every seat of the election on one hex layout."""

    layout: str  # "odd-r", ...: how the grid's rows or columns are offset
    layout_name: str  # "2024 boundaries": which bundled layout
    seats: tuple[MapSeat, ...]
    parties: tuple[MapParty, ...]  # every party with a seat on the map, most seats first
    seats_total: int
    declared: int  # verified seats
    provisional_shown: int = 0  # provisional seats coloured (lighter) on the map
    focus: str | None = None  # a nation or region to zoom to; None: the whole map
    focus_codes: tuple[str, ...] = ()  # the seats of `focus`
    title: str = "The map"
    subtitle: str = ""
    source: str = ""  # the footer's source line, for the JSON
    as_of: str | None = None  # "04:58", for the JSON's footer
    named: NamedParties | None = None  # who the legend names; the rest are "Others"
    recount_line: float = DEFAULT_RECOUNT_PCT  # the night's line shares are written against
    # Whether there is a baseline to gain from: without, the key's `gains` are null in the
    # JSON, as every graphic's change is where the baseline cannot say (they read 0, "no
    # gains", on a night whose gains nothing could tell)
    compared: bool = True

    def footer(self) -> str:
        count = f"{self.declared:,} of {self.seats_total:,} declared"
        if self.provisional_shown:
            count += f" + {self.provisional_shown:,} provisional"
        return " \u00b7 ".join(p for p in (f"As of {self.as_of}" if self.as_of else "",
                                           count) if p)

    def folds(self, party: str | None) -> bool:
        """Whether the key leaves `party` to "Others" (its seats drawn in their colour)."""
        return self.named is not None and party is not None and not self.named.is_named(party)

    def framed(self) -> tuple[MapSeat, ...]:
        """The seats in the frame: those of `focus` when zoomed, else every seat."""
        if not self.focus_codes:
            return self.seats
        focus = set(self.focus_codes)
        return tuple(s for s in self.seats if s.code in focus)

    def key_rows(self) -> list[KeyRow]:
        """The key's party rows for the seats framed (zoomed, the key counts those): the
        named parties most verified first, then the night's rank, then "Others" (colour
        None: the theme's). What the picture's key and its spoken description both say."""
        seats = self.framed()
        won, gains, pending = counted(seats)
        colours = {p.party: p.colour for p in self.parties}
        # level on seats: in the night's rank (seats, then votes: RUK above DUP), as every
        # graphic ranks them (a name's order put DUP first on the map alone)
        rank = {p.party: i for i, p in enumerate(self.parties)}
        parties = sorted(won, key=lambda p: (pending[p] - won[p], -won[p],
                                             rank.get(p, len(rank)), p))
        rows = [KeyRow(p, won[p], pending[p], gains[p],
                       colours.get(p) or next(s.winner_colour for s in seats if s.winner == p))
                for p in parties if not self.folds(p)]
        rest = [p for p in parties if self.folds(p)]
        if rest:
            rows.append(KeyRow(OTHERS, sum(won[p] for p in rest), sum(pending[p] for p in rest),
                               sum(gains[p] for p in rest), None))
        return rows

    def legend(self) -> list[dict]:
        """The key's parties as drawn (`key_rows`: the seats framed, named parties most
        verified first, then "Others", every party the night's rule folds in one colour),
        for the JSON: sorted and counted apart, a zoomed map's data keyed the whole map's
        parties beside the picture's key of the seats in its frame."""
        names = {p.party: p.name for p in self.parties}
        return [{"party": r.party, "name": OTHERS_NAME if r.colour is None else
                 names.get(r.party, r.party), "colour": r.colour, "seats": r.seats,
                 "gains": r.gains if self.compared else None} for r in self.key_rows()]

    def to_json(self) -> dict:
        """What the picture shows, as plain JSON types (graphics systems take data): the
        key's parties (`legend`) and each hex's colour as drawn, a party folded into
        "Others" in their colour. With every party's own, a system drawing its map from
        the data coloured SDLP's seats green beside the picture's grey "Others 6"."""
        return {
            "kind": "map", "title": self.title, "subtitle": self.subtitle,
            "footer": {"source": self.source, "status": self.footer()},
            "layout": {"grid": self.layout, "name": self.layout_name},
            "focus": self.focus, "seats_total": self.seats_total, "declared": self.declared,
            "provisional_shown": self.provisional_shown,
            "parties": self.legend(),
            "seats": [s.to_json(self.recount_line, self.folds(s.winner)) for s in self.seats],
            **named_json(self.named),
        }
