"""What the live views add up over the whole night, kept seat by seat.

`NightState.refresh()` hands every changed seat to `NightTotals.put`, which takes the seat's
old part out of each total and adds its new one: the national summary (a
`domain.summary.SummaryTotals` for each way of counting asked for), the provisional seats,
the strip's turnout, the vote share, the hemicycle's seats by party, the recount watch (in
its order), the moment of a majority and the latest declaration. So a verification costs
the seats it changed, not the night; a full recompute (`NightState` on a fresh store) gives
the same figures (tests/desk/test_live_totals.py).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from ..domain import tally
from ..domain.declaration_time import moment
from ..domain.model import BaselineSeat, Status
from ..domain.records import record
from ..domain.summary import SummaryTotals, watch_order
from ..domain.timeline import MajorityReached, night_span, off_the_line, reached

if TYPE_CHECKING:
    from .live import SeatState


@record
class RecountRow:
    code: str
    constituency: str
    status: Status
    recount_under_way: bool
    winner_party: str | None
    runner_up_party: str | None
    majority: int | None
    majority_pct: float | None
    # A tie not yet decided by lot: the tied candidates' parties in ballot order (winner and
    # runner-up are then no one's and the second's; `SeatOutcome.tied_parties`); what the
    # watch shows instead.
    tied_parties: tuple[str, ...] = ()


def recount_key(row: RecountRow, line: float = tally.DEFAULT_RECOUNT_PCT) -> tuple:
    """The recount watch's order: recounts under way by name, then close seats in the
    order every recount watch lists them (`domain.summary.watch_order`, their shares as
    shown against the recount `line`; the code last, so every row has one place)."""
    if row.recount_under_way:
        return (0, row.constituency, row.code)
    return (1, *watch_order(row.majority, row.majority_pct, row.constituency, row.code, line))


def recount_order(thresholds: tally.RecountThresholds) -> Callable[[RecountRow], tuple]:
    """`recount_key` against `thresholds`' line: the key a watch at them is sorted by."""
    return partial(recount_key, line=thresholds.pct)


def recount_row(seat: SeatState, thresholds: tally.RecountThresholds, *,
                verified_only: bool = False) -> RecountRow | None:
    """The seat's row on the recount watch, or None when it is not watched: by the figures
    the desk's views show (verified, else provisional), or with `verified_only` by its
    verified result alone, as the graphics that go to air count it."""
    o = seat.verified_outcome if verified_only else seat.outcome
    if not seat.recount_under_way and not (o and o.watched(thresholds)):
        return None
    status = (Status.VERIFIED if seat.verified else Status.AWAITING) if verified_only \
        else seat.status
    return RecountRow(seat.code, seat.name, status, seat.recount_under_way,
                      o.winner_party if o else None, o.runner_up_party if o else None,
                      o.majority if o else None, o.majority_pct if o else None,
                      o.tied_parties if o else ())


class SortedRows:
    """Rows kept in order of `key`, found again by code: put and drop cost a binary search."""

    def __init__(self, key: Callable[[Any], tuple]) -> None:
        self.key = key
        self.rows: list = []
        self._keys: dict[str, tuple] = {}

    def put(self, code: str, row: Any | None) -> None:
        self.drop(code)
        if row is not None:
            insort(self.rows, row, key=self.key)
            self._keys[code] = self.key(row)

    def drop(self, code: str) -> None:
        old = self._keys.pop(code, None)
        if old is not None:
            del self.rows[bisect_left(self.rows, old, key=self.key)]


@record
class _Part:
    """One seat's part in the night's totals (what `put` takes out again)."""

    verified: bool
    provisional: bool  # shown provisional, nothing verified yet
    awaiting: bool  # only an entry awaiting verification, shown to this viewer or not
    provisional_winner: str | None  # its leader on the provisional figures
    valid: int  # verified valid votes, where the electorate is known
    electorate: int
    now: Mapping[str, int]  # verified votes by party
    # The same votes where the seat has a baseline (none where it has not): a share's
    # change is counted over the seats it can be compared in, like for like.
    compared: Mapping[str, int]
    then: Mapping[str, int]  # the baseline's votes by party, in a verified seat
    winner: str | None  # the verified winner
    name: tuple[str, str]  # (name, code): the hemicycle's order
    declared: datetime | None  # when the verified result was declared
    verified_at: str | None
    recount: bool  # a recount under way (the chamber's hover says so)


def _part(seat: SeatState, base: BaselineSeat | None) -> _Part | None:
    """The seat's part, or None where it has none: nothing shown, no recount (a seat not
    yet declared, half the seats as a night opens, takes part in no total)."""
    verified = seat.verified is not None
    awaiting = seat.status is Status.PROVISIONAL  # (an entry hidden from a blind verifier)
    if not verified and seat.shown is None and not seat.recount_under_way and not awaiting:
        return None
    o = seat.outcome
    electorate = seat.verified.electorate if verified and seat.verified.electorate else 0
    if verified and seat.verified_outcome.unopposed:  # no poll: no turnout to count into
        electorate = 0
    return _Part(
        verified=verified,
        provisional=not verified and seat.shown is not None, awaiting=awaiting,
        provisional_winner=o.winner_party if not verified and o else None,
        # (its outcome's, counted once by `NightState._derive`, not added up again here)
        valid=seat.verified_outcome.valid_votes if electorate else 0,
        electorate=electorate,
        now=seat.verified_votes if verified else {},
        compared=seat.verified_votes if verified and base else {},
        then=base.votes_by_party if verified and base else {},
        winner=seat.verified_winner if verified else None,
        name=(seat.name, seat.code),
        declared=moment(seat.declared_at) if verified else None,
        verified_at=seat.verified_at, recount=bool(seat.recount_under_way))


def _sorted_put(values: list, value: Any, sign: int) -> None:
    """Add (sign 1) or take away (-1) one `value` of a sorted list."""
    if sign > 0:
        insort(values, value)
    else:
        del values[bisect_left(values, value)]


def _sorted_add(lists: dict[str, list], party: str, value: Any, sign: int) -> None:
    _sorted_put(lists.setdefault(party, []), value, sign)


# The recount thresholds whose totals and watch are kept seat by seat: the latest few asked
# for (the strip's defaults and the Preferences' own). Each kept is every seat's row, brought
# up to date on every change of the night: kept for every thresholds ever asked, each
# Preferences saved with other recount figures left the window one more for the whole night.
KEPT_THRESHOLDS = 3


class NightTotals:
    """The totals over `seats` (a `NightState`'s, by code), kept as they change."""

    def __init__(self, seats: Mapping[str, SeatState]) -> None:
        self._all = seats
        self._parts: dict[str, _Part] = {}
        self._summaries: dict[tuple[bool, tally.RecountThresholds], SummaryTotals] = {}
        self._watches: dict[tally.RecountThresholds, SortedRows] = {}
        self._asked: list[tally.RecountThresholds] = []  # kept ones, the latest asked last
        self.provisional_count = 0
        self.awaiting = 0  # seats with only an entry awaiting verification, seen or not
        self.provisional_winners: Counter[str] = Counter()
        self.valid = self.electorate = 0  # the strip's turnout, verified seats
        self.verified_count = 0
        self.now: Counter[str] = Counter()  # vote share: verified votes
        self._standing: Counter[str] = Counter()  # verified seats each party stood in
        self.compared: Counter[str] = Counter()  # verified votes in seats with a baseline
        self.then: Counter[str] = Counter()  # and the baseline's in those seats
        self._names: dict[str, list[tuple[str, str]]] = {}  # verified seats by winner
        self._provisional_names: dict[str, list[tuple[str, str]]] = {}
        # (names, codes) of a party's seats, A-Z by name, copied once per change of its own
        self._name_tuples: dict[tuple[bool, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._tied: list[tuple[str, str]] = []  # verified seats awaiting the lot
        self._tied_tuple: tuple[str, ...] | None = ()
        self._won_at: dict[str, list[datetime]] = {}  # verified seats' times, by winner
        self._untimed: Counter[str] = Counter()  # verified seats with no known time
        self._declared: list[datetime] = []
        self._verified_at: list[str] = []
        # (name, code) of the seats with a recount under way: two seats may share a name
        self.recounts: set[tuple[str, str]] = set()

    def put(self, seat: SeatState, base: BaselineSeat | None) -> None:
        """The seat as it now stands (after `NightState._derive`)."""
        old = self._parts.pop(seat.code, None)
        part = _part(seat, base)
        if old is not None:
            self._apply(old, -1)
        if part is not None:
            self._apply(part, 1)
            self._parts[seat.code] = part
        for (provisional, _), totals in self._summaries.items():
            _count(totals, seat, provisional)
        for thresholds, watch in self._watches.items():
            watch.put(seat.code, recount_row(seat, thresholds))

    def _apply(self, p: _Part, sign: int) -> None:
        self.provisional_count += sign * p.provisional
        self.awaiting += sign * p.awaiting
        if p.recount:
            (self.recounts.add if sign > 0 else self.recounts.discard)(p.name)
        if p.provisional_winner:
            self.provisional_winners[p.provisional_winner] += sign
            self._name_list(self._provisional_names, True, p.provisional_winner, p.name, sign)
        if not p.verified:
            return
        self.verified_count += sign
        self.valid += sign * p.valid
        self.electorate += sign * p.electorate
        for party, n in p.now.items():
            self.now[party] += sign * n
            self._standing[party] += sign
        for party, n in p.compared.items():
            self.compared[party] += sign * n
        for party, n in p.then.items():
            self.then[party] += sign * n
        if p.verified_at:
            _sorted_put(self._verified_at, p.verified_at, sign)
        if p.declared is not None:
            _sorted_put(self._declared, p.declared, sign)
        if not p.winner:  # verified but tied: nobody's until the lot is drawn
            _sorted_put(self._tied, p.name, sign)
            self._tied_tuple = None
        else:
            self._name_list(self._names, False, p.winner, p.name, sign)
            if p.declared is None:
                self._untimed[p.winner] += sign
            else:
                _sorted_add(self._won_at, p.winner, p.declared, sign)

    def _name_list(self, lists: dict[str, list], provisional: bool, party: str,
                   name: tuple[str, str], sign: int) -> None:
        _sorted_add(lists, party, name, sign)
        self._name_tuples.pop((provisional, party), None)

    # --- read out ------------------------------------------------------------------------

    def summary_totals(self, include_provisional: bool,
                       thresholds: tally.RecountThresholds) -> SummaryTotals:
        """Kept from the first time it is asked for (then filled from every seat)."""
        self._keep(thresholds)
        key = (include_provisional, thresholds)
        totals = self._summaries.get(key)
        if totals is None:
            totals = self._summaries[key] = SummaryTotals(thresholds)
            for seat in self._all.values():
                _count(totals, seat, include_provisional)
        return totals

    def recount_watch(self, thresholds: tally.RecountThresholds) -> list[RecountRow]:
        self._keep(thresholds)
        watch = self._watches.get(thresholds)
        if watch is None:
            watch = self._watches[thresholds] = SortedRows(recount_order(thresholds))
            for seat in self._all.values():
                watch.put(seat.code, recount_row(seat, thresholds))
        return watch.rows

    def _keep(self, thresholds: tally.RecountThresholds) -> None:
        """`thresholds` the latest asked; those asked longest ago beyond KEPT_THRESHOLDS
        are no longer kept (made afresh from every seat if asked for again)."""
        if self._asked and self._asked[-1] == thresholds:
            return
        if thresholds in self._asked:
            self._asked.remove(thresholds)
        self._asked.append(thresholds)
        for old in self._asked[:-KEPT_THRESHOLDS]:
            self._watches.pop(old, None)
            for provisional in (False, True):
                self._summaries.pop((provisional, old), None)
        del self._asked[:-KEPT_THRESHOLDS]

    def verified_votes(self) -> dict[str, int]:
        """Votes by party in the verified seats: every party that stood in one (on 0 too)."""
        return {p: self.now[p] for p, seats in self._standing.items() if seats}

    def hemicycle_seats(self, provisional: bool
                        ) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """By winner, its seats' constituency names, A-Z, and their codes in the same
        order: verified seats, or provisional ones."""
        lists = self._provisional_names if provisional else self._names
        out = {}
        for party, names in lists.items():
            if names:
                cached = self._name_tuples.get((provisional, party))
                if cached is None:  # only a party whose seats changed is copied again
                    cached = self._name_tuples[(provisional, party)] = (
                        tuple(n for n, _code in names), tuple(c for _name, c in names))
                out[party] = cached
        return out

    def tied_seats(self) -> tuple[str, ...]:
        """Names of the verified seats tied at the top and awaiting the lot, A-Z."""
        if self._tied_tuple is None:
            self._tied_tuple = tuple(n for n, _code in self._tied)
        return self._tied_tuple

    def tied_codes(self) -> frozenset[str]:
        """The codes of `tied_seats`."""
        return frozenset(code for _n, code in self._tied)

    def majority_reached(self, line: int) -> MajorityReached | None:
        """As `domain.timeline.majority_reached` on the verified seats: the line-th seat of
        the party that has `line`, in time order; None when a seat of its has no time, or
        one before the night (`night_span`, `off_the_line`)."""
        counts = self._won_counts()
        leader = max(counts, key=lambda p: (counts[p], p), default=None)
        if leader is None or counts[leader] < line or self._untimed[leader]:
            return None
        # One of its seats before the night (a PC's clock reset to 2000) is one of no known
        # time, as the Timeline counts it: taken first, the majority was marked a seat
        # before the party's line there reached it. One after it (a postponed poll) is not.
        won = self._won_at[leader]
        if off_the_line(won, line, night_span(self._declared)):
            return None
        return reached(leader, won[line - 1])

    def _won_counts(self) -> dict[str, int]:
        return {p: len(self._won_at.get(p, ())) + self._untimed[p]
                for p in set(self._won_at) | set(self._untimed)}

    def latest_declared(self) -> datetime | None:
        return self._declared[-1] if self._declared else None

    def latest_verified_at(self) -> str | None:
        return self._verified_at[-1] if self._verified_at else None


def _count(totals: SummaryTotals, seat: SeatState, include_provisional: bool) -> None:
    if include_provisional:
        outcome, votes = seat.outcome, seat.shown_votes
    else:
        outcome, votes = seat.verified_outcome, seat.verified_votes
    if outcome is None:
        totals.drop(seat.code)
    else:
        totals.put(outcome, votes)
