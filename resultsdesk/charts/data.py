"""The plain data every chart is drawn from: built by `desk`, drawn by `charts`, on screen
and in exports alike. No Qt, no database."""

from __future__ import annotations

import functools

from ..domain.others import OTHERS, OTHERS_NAME, NamedParties, Standing
from ..domain.records import factory, record
from ..domain.summary import feed_share
from ..domain.tally import DEFAULT_RECOUNT_PCT

TIE = "Tie"  # the chamber's key for verified seats awaiting the lot
UNDECLARED = "Undeclared"  # as every chart names them (two keys said it two ways before)


@record
class PartyBar:
    party: str  # abbreviation, as on screen
    name: str
    colour: str  # "#rrggbb"
    seats: int  # verified seats
    provisional: int = 0  # extra seats if provisional declarations are counted
    change: int | None = None  # seats against the baseline (verified), None with no baseline


@record
class SeatChartData:
    bars: tuple[PartyBar, ...]  # every party with seats (or provisional seats), any order
    seats_total: int
    majority_line: int
    declared: int
    provisional_declared: int = 0
    show_provisional: bool = False
    named: NamedParties | None = None  # who is named (domain.others); None: everyone
    ties: int = 0  # declared seats tied at the top awaiting the lot: in no bar, said so
    title: str = "Seats"
    subtitle: str = ""

    @property
    def others(self) -> tuple[Standing, ...]:
        return self.named.others if self.named else ()

    def drawn(self, others_colour: str | None = None) -> list[PartyBar]:
        """The bars drawn, most seats first, the parties not named folded into one
        "Others" bar at the end (in `others_colour`; None in the data feed)."""
        show = self.show_provisional
        bars = [PartyBar(b.party, b.name, b.colour, b.seats, b.provisional if show else 0,
                         b.change) for b in self.bars]
        # A named party with no seat is drawn while it has lost some (Con 0 -3 after three
        # Labour gains): left out, the night's story was missing and the changes shown did
        # not add up to nothing, where the summary's did. One folded into "Others" brings
        # its losses to that bar (Others 2 -1, as the summary says), which is drawn while it
        # has seats: a bar of none for the small parties' losses alone crowded a small dock.
        bars = [b for b in bars if b.seats + b.provisional > 0 or b.change]
        kept, folded = _split(bars, self.named)
        rank = party_ranks(self.named)
        kept.sort(key=lambda b: (-(b.seats + b.provisional), -b.seats, rank(b.party), b.party))
        if any(b.seats + b.provisional for b in folded):
            kept.append(PartyBar(OTHERS, OTHERS_NAME, others_colour,  # type: ignore[arg-type]
                                 sum(b.seats for b in folded),
                                 sum(b.provisional for b in folded),
                                 _sum_or_none(b.change for b in folded)))
        return kept

    def to_json(self) -> dict:
        return {"kind": "seats", "title": self.title, "subtitle": self.subtitle,
                "seats_total": self.seats_total, "majority_line": self.majority_line,
                "declared": self.declared, "provisional_declared": self.provisional_declared,
                "show_provisional": self.show_provisional, "ties": self.ties,
                "parties": [_plain(b) for b in self.drawn()], **named_json(self.named)}


@record
class HemicycleBlock:
    party: str
    colour: str
    constituencies: tuple[str, ...]  # the seats' names (tooltips); len = the block's seats
    provisional: bool = False  # drawn lighter: not yet verified
    tie: bool = False  # verified level at the top, nobody's until the lot is drawn
    codes: tuple[str, ...] = ()  # the seats' GSS codes, as `constituencies` (JSON joins)


@record
class HemicycleData:
    blocks: tuple[HemicycleBlock, ...]  # in political order, left to right
    seats_total: int
    majority_line: int
    declared: int
    undeclared_position: str = "middle"  # or "end": see domain.hemicycle.Undeclared
    title: str = "The chamber"
    subtitle: str = ""
    named: NamedParties | None = None  # the legend's named parties; None: everyone
    recounts: frozenset[str] = frozenset()  # seats (names) with a recount under way
    # Verified seats tied at the top, awaiting the lot (A-Z): declared (counted), nobody's.
    ties: tuple[str, ...] = ()
    # The seats of `recounts` as (name, code), A-Z, and the codes of `ties`, where the data
    # has codes (the night's always): two seats may share a name, and a recount in one is
    # not the other's. Empty (None): by name alone, as data made without codes is.
    recount_seats: tuple[tuple[str, str], ...] = ()
    tie_codes: frozenset[str] | None = None

    @property
    def others(self) -> tuple[Standing, ...]:
        return self.named.others if self.named else ()

    def legend(self, others_colour: str | None = None) -> list[tuple[str, int, str | None]]:
        """(party, seats, colour) for the legend: the named parties, most seats first (most
        verified first, as the strip orders them, where provisional seats are shown too),
        then "Others" (the seats of every party not named)."""
        seats: dict[str, int] = {}
        verified: dict[str, int] = {}
        colours: dict[str, str] = {}
        for b in self.blocks:
            seats[b.party] = seats.get(b.party, 0) + len(b.constituencies)
            if not b.provisional:
                verified[b.party] = verified.get(b.party, 0) + len(b.constituencies)
            colours[b.party] = b.colour
        order = {p: i for i, p in enumerate(seats)}
        named = [p for p in seats if self.named is None or self.named.is_named(p)]
        rank = party_ranks(self.named)
        named.sort(key=lambda p: (-verified.get(p, 0), -seats[p], rank(p), order[p]))
        out: list[tuple[str, int, str | None]] = [(p, seats[p], colours[p]) for p in named]
        folded = sum(n for p, n in seats.items() if p not in named)
        if folded:
            out.append((OTHERS, folded, others_colour))
        return out

    def provisional_seats(self) -> dict[str, int]:
        """How many of each legend entry's seats (`legend`: a named party, or "Others")
        are provisional: drawn lighter, and counted apart ("Lab 5 + 4") as the strip and
        the seats chart count them."""
        out: dict[str, int] = {}
        for b in self.blocks:
            if b.provisional:
                key = b.party if self.named is None or self.named.is_named(b.party) else OTHERS
                out[key] = out.get(key, 0) + len(b.constituencies)
        return out

    def under_recount(self, name: str, code: str | None = None) -> bool:
        """Whether the seat `name` (its GSS code `code`, where known) has a recount under
        way: by its code where the data has codes, else by its name."""
        if self.recount_seats and code:
            return code in _codes_of(self.recount_seats)
        return name in self.recounts

    @property
    def recount_count(self) -> int:
        """How many seats have a recount under way (two of one name are two)."""
        return len(self.recount_seats) or len(self.recounts)

    @property
    def undeclared_recounts(self) -> tuple[str, ...]:
        """Seats with a recount under way drawn among the undeclared (no figures yet, or
        provisional ones not shown), A-Z: ringed on the first undeclared places."""
        if self.recount_seats and self.tie_codes is not None:
            drawn_codes = {c for b in self.blocks for c in b.codes}
            if all(len(b.codes) == len(b.constituencies) for b in self.blocks):
                return tuple(name for name, code in self.recount_seats
                             if code not in drawn_codes and code not in self.tie_codes)
        drawn = {name for b in self.blocks for name in b.constituencies}
        return tuple(sorted(self.recounts - drawn - set(self.ties)))

    def to_json(self) -> dict:
        seats: list[dict] = []
        for b in self.blocks:
            codes = b.codes or (None,) * len(b.constituencies)  # (data made without codes)
            seats += [{"position": len(seats) + j, "party": b.party, "constituency": name,
                       "code": code, "provisional": b.provisional,
                       "recount_under_way": self.under_recount(name, code)}
                      for j, (name, code) in enumerate(zip(b.constituencies, codes,
                                                           strict=True))]
        return {"kind": "hemicycle", "title": self.title, "subtitle": self.subtitle,
                "seats_total": self.seats_total, "majority_line": self.majority_line,
                "declared": self.declared, "undeclared_position": self.undeclared_position,
                "parties": [{"party": p, "seats": n, "colour": c}
                            for p, n, c in self.legend()],
                "seats": seats, "ties": list(self.ties),
                "recounts_under_way": ([name for name, _code in self.recount_seats]
                                       or sorted(self.recounts)),
                **named_json(self.named)}


@record
class ShareBar:
    party: str
    name: str
    colour: str
    votes: int
    share: float  # % of valid votes counted so far
    change: float | None = None  # points against the baseline in the same seats


@record
class VoteShareData:
    bars: tuple[ShareBar, ...]
    valid_votes: int
    declared: int
    seats_total: int
    named: NamedParties | None = None  # who is named (domain.others); None: everyone
    title: str = "Vote share"
    subtitle: str = ""
    extra: dict = factory(dict)

    @property
    def others(self) -> tuple[Standing, ...]:
        return self.named.others if self.named else ()

    def drawn(self, others_colour: str | None = None) -> list[ShareBar]:
        """The bars drawn, largest share first, then "Others" (every party not named: its
        change counts those with no vote now, as their share then is in its baseline)."""
        kept, folded = _split(list(self.bars), self.named)
        kept = [b for b in kept if b.votes > 0 or b.share > 0]
        kept.sort(key=lambda b: (-b.share, -b.votes, b.party))
        if any(b.votes > 0 or b.share > 0 for b in folded):
            kept.append(ShareBar(OTHERS, OTHERS_NAME, others_colour,  # type: ignore[arg-type]
                                 sum(b.votes for b in folded), sum(b.share for b in folded),
                                 _sum_or_none(b.change for b in folded)))
        return kept

    def to_json(self) -> dict:
        return {"kind": "shares", "title": self.title, "subtitle": self.subtitle,
                "valid_votes": self.valid_votes, "declared": self.declared,
                "seats_total": self.seats_total,
                "parties": [_plain(b) for b in self.drawn()], **named_json(self.named)}


# -- result card, recount watch, national summary (broadcast graphics) -------------------------

@record
class CardCandidate:
    name: str
    party: str  # abbreviation, as on screen
    party_name: str
    colour: str
    votes: int | None = None  # None before the seat declares
    share: float | None = None  # % of valid votes
    change: float | None = None  # share points against the baseline; None: not comparable
    new: bool = False  # the party did not stand here at the baseline election
    elected: bool = False


@record
class ResultCardData:
    """One constituency's result, as a broadcaster's result card."""

    constituency: str
    candidates: tuple[CardCandidate, ...]  # any order: drawn by votes, most first
    result: str  # "Con hold", "Lab gain from Con", "Tie: no winner yet", ...
    winner_colour: str | None = None
    majority: int | None = None
    majority_pct: float | None = None
    turnout: float | None = None  # % of the electorate
    turnout_change: float | None = None  # points against the baseline
    swing: float | None = None  # Butler swing, points, from `swing_from` to `swing_to`
    swing_from: str | None = None
    swing_to: str | None = None
    electorate: int | None = None
    provisional: bool = False  # figures not yet verified: a PROVISIONAL badge
    recount: bool = False  # a recount under way: a RECOUNT badge
    tie: bool = False  # the top two tie and no lot has been drawn: a TIE badge
    by_lot: bool = False  # the top two tie and the winner was drawn by lot: a BY LOT badge
    unopposed: bool = False  # one candidate, no poll: no majority (`majority` None)
    declared: int = 0  # seats declared nationally (the footer)
    seats_total: int = 0
    max_candidates: int = 10  # beyond this many the smallest fold into one line
    title: str = ""  # empty: the constituency's name
    subtitle: str = ""
    recount_range: bool = False  # the majority is within recount range: shown large, flagged
    recounts: int = 0  # recounts before the figures shown (0: first count, or not recorded)
    recount_line: float = DEFAULT_RECOUNT_PCT  # the night's line its share is written against
    code: str = ""  # the seat's GSS code, for joining with the other kinds' data
    winner: str | None = None  # the winning party (abbreviation); None awaited or tied
    # the seat's winner at the baseline: the card draws `result` from the two with each
    # name isolated (`_text.named`); not in the JSON, which has `result` as said
    baseline_winner: str | None = None

    def ordered(self) -> list[CardCandidate]:
        """Most votes first (the one elected first on a tie decided by lot); before the
        seat declares, as given: the ballot paper's order."""
        if all(c.votes is None for c in self.candidates):
            return list(self.candidates)
        return sorted(self.candidates, key=lambda c: (
            -(c.votes if c.votes is not None else -1), not c.elected))

    def to_json(self) -> dict:
        return {"kind": "card", "title": self.title or self.constituency,
                "subtitle": self.subtitle, "constituency": self.constituency,
                "code": self.code, "result": self.result, "winner": self.winner,
                "winner_colour": self.winner_colour,
                "majority": self.majority,
                "majority_pct": watch_pct(self.majority_pct, self.recount_line),
                "turnout": self.turnout, "turnout_change": self.turnout_change,
                "swing": self.swing, "swing_from": self.swing_from, "swing_to": self.swing_to,
                "electorate": self.electorate, "provisional": self.provisional,
                "recount_under_way": self.recount, "tie": self.tie, "by_lot": self.by_lot,
                "unopposed": self.unopposed,
                "recount_range": self.recount_range, "recounts": self.recounts,
                "declared": self.declared, "seats_total": self.seats_total,
                "candidates": [_plain(c) for c in self.ordered()]}


@record
class WatchedSeat:
    constituency: str
    # party abbreviation; on an undecided tie (`tie`), the first of the parties tied for
    # first place and `runner_up` the second: drawn "Lab = Con", given as `tied` in JSON
    winner: str | None
    winner_colour: str | None
    runner_up: str | None
    runner_up_colour: str | None
    majority: int | None
    majority_pct: float | None
    recount: bool = False  # a recount under way
    provisional: bool = False
    tie: bool = False
    by_lot: bool = False  # a tie decided by lot: `winner` was drawn (its majority is 0)
    code: str = ""  # the seat's GSS code, for joining with the other kinds' data

    @property
    def awaiting_lot(self) -> bool:
        """A tie not decided yet: its chips name the tied parties, and no winner."""
        return self.tie and not self.by_lot


# What the recount watch says with no seat on it: the exported graphic and the window's dock.
NO_RECOUNT_SEATS = "No seat within recount range"


@record
class RecountWatchData:
    seats: tuple[WatchedSeat, ...]  # any order: recounts under way first, then by majority
    declared: int
    seats_total: int
    max_rows: int = 10  # beyond this (or what fits) an "and 12 more" line
    title: str = "Recount watch"
    subtitle: str = ""
    recount_line: float = DEFAULT_RECOUNT_PCT  # the night's line shares are written against

    def to_json(self) -> dict:
        return {"kind": "recounts", "title": self.title, "subtitle": self.subtitle,
                "declared": self.declared, "seats_total": self.seats_total,
                "seats": [_watched_json(w, self.recount_line) for w in self.seats]}


def _watched_json(w: WatchedSeat, line: float) -> dict:
    """A watched seat for a graphics system: on an undecided tie no winner nor runner-up
    (as `summary --json` counts it for no party), the parties tied in `tied`."""
    row = _plain(w)
    row["majority_pct"] = watch_pct(w.majority_pct, line)
    tied = [w.winner, w.runner_up] if w.awaiting_lot else []
    if tied:
        row.update(winner=None, winner_colour=None, runner_up=None, runner_up_colour=None)
    row["tied"] = [{"party": p, "colour": c} for p, c in zip(
        tied, (w.winner_colour, w.runner_up_colour), strict=False)]
    return row


@record
class SummaryParty:
    party: str
    name: str
    colour: str
    seats: int
    change: int | None = None  # seats against the baseline
    share: float | None = None  # % of the votes counted in the declared seats
    share_change: float | None = None  # points against the baseline in the same seats


@record
class SummaryData:
    """The national picture so far."""

    parties: tuple[SummaryParty, ...]  # any order: drawn by seats, then share
    declared: int
    seats_total: int
    majority_line: int
    provisional: int = 0  # seats with provisional figures only (not counted)
    turnout: float | None = None  # in the declared seats
    valid_votes: int = 0
    majority_text: str = ""  # "Lab majority reached at 04:58"
    named: NamedParties | None = None  # who is named (domain.others); None: everyone
    ties: int = 0  # as SeatChartData's
    title: str = "National picture"
    subtitle: str = ""

    @property
    def others(self) -> tuple[Standing, ...]:
        return self.named.others if self.named else ()

    def drawn(self, others_colour: str | None = None) -> list[SummaryParty]:
        """The rows drawn: the named parties by seats, then share, then "Others" (whose
        share change counts the parties with no vote now, as `VoteShareData.drawn`'s)."""
        kept, folded = _split(list(self.parties), self.named)
        kept = [p for p in kept if p.seats or p.share]
        rank = party_ranks(self.named)
        kept.sort(key=lambda p: (-p.seats, -(p.share or 0.0), rank(p.party), p.party))
        if any(p.seats or p.share for p in folded):
            kept.append(SummaryParty(
                OTHERS, OTHERS_NAME, others_colour,  # type: ignore[arg-type]
                sum(p.seats for p in folded), _sum_or_none(p.change for p in folded),
                _sum_or_none(p.share for p in folded),
                _sum_or_none(p.share_change for p in folded)))
        return kept

    def to_json(self) -> dict:
        return {"kind": "summary", "title": self.title, "subtitle": self.subtitle,
                "declared": self.declared, "seats_total": self.seats_total,
                "majority_line": self.majority_line, "provisional": self.provisional,
                "turnout": self.turnout, "valid_votes": self.valid_votes,
                "majority_text": self.majority_text, "ties": self.ties,
                "parties": [_plain(p) for p in self.drawn()], **named_json(self.named)}


# -- the data feed's shared parts ---------------------------------------------------------------

def _split(items: list, named: NamedParties | None) -> tuple[list, list]:
    """(named, folded) by the rule's outcome; with no rule, nothing folds."""
    if named is None:
        return list(items), []
    keep = set(named.names)
    return [i for i in items if i.party in keep], [i for i in items if i.party not in keep]


def party_ranks(named: NamedParties | None):
    """A party's place in the rule's order (seats, then votes), for ties in a chart's own
    order: so RUK's five seats come before the DUP's five wherever both are drawn."""
    order = {p: i for i, p in enumerate(named.names)} if named else {}
    return lambda party: order.get(party, len(order))


def _sum_or_none(values) -> float | int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def watch_pct(value: float | None, line: float) -> float | None:
    """A majority's share as `summary --json` gives it (`summary.feed_share`), or None."""
    return None if value is None else feed_share(value, line)


def _plain(item) -> dict:
    """A data row as a plain dict (its fields, in order)."""
    return {f: getattr(item, f) for f in item.__slots__}


def named_json(named: NamedParties | None) -> dict:
    """Who is named and who "Others" are, for every graphic's data feed."""
    if named is None:
        return {"named": None, "others": []}
    return {"named": [_plain(s) for s in named.named],
            "others": [_plain(s) for s in named.others]}


@functools.lru_cache(maxsize=4)
def _codes_of(seats: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """The codes of (name, code) pairs: worked out once for a chamber's every seat."""
    return frozenset(code for _name, code in seats)
