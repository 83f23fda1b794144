"""The national picture from individual seats: seats, votes, gains, the recount watch."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterable, Mapping

from . import tally
from .model import BaselineSeat, SeatResult
from .others import Standing, rank_key
from .records import as_dict, factory, record
from .timeline import MajorityReached


@record
class SeatOutcome:
    """Everything the desk shows about one declared seat."""

    code: str
    constituency: str
    winner_party: str | None
    winner_name: str | None
    runner_up_party: str | None
    majority: int
    majority_pct: float
    valid_votes: int
    tie: bool
    baseline_winner: str | None
    result: str
    # A tie not yet decided by lot: the tied candidates' parties in ballot order.
    tied_parties: tuple[str, ...] = ()

    @property
    def by_lot(self) -> bool:
        """A tie whose winner was drawn by lot (`tie` is so of any tie at the top)."""
        return self.tie and self.winner_party is not None

    @property
    def unopposed(self) -> bool:
        """Returned unopposed: one candidate, no poll, so no runner-up and no majority
        (its `majority` of 0 is no dead heat, and must never be shown as one)."""
        return self.winner_party is not None and self.runner_up_party is None \
            and not self.tie

    @property
    def stated_majority(self) -> tuple[int | None, float | None]:
        """(`majority`, `majority_pct`) as the card and the map show them (the table too,
        `overview.row_for`): none returned unopposed, where "0" and "0.00%" read as a dead
        heat."""
        return (None, None) if self.unopposed else (self.majority, self.majority_pct)

    @property
    def gain(self) -> bool:
        return tally.is_gain(self.winner_party, self.baseline_winner)

    def watched(self, thresholds: tally.RecountThresholds) -> bool:
        """On the recount watch: a tie, or a majority in recount range over a runner-up. A
        seat returned unopposed (one candidate, no poll: 0 votes) has no majority to
        recount, and was on the watch, badged RECOUNT RANGE, at a majority of 0."""
        return self.tie or (self.runner_up_party is not None
                            and thresholds.covers(self.majority, self.majority_pct))


def seat_outcome(seat: SeatResult, baseline: BaselineSeat | None = None) -> SeatOutcome:
    count = tally.standing(seat.candidates)
    tie = count.tie  # each of the count's answers read once: the summary asks 650 seats
    drawn = seat.drawn()
    elected = count.winner(drawn)
    second = count.runner_up(drawn)
    winner_party = elected.party if elected else None
    baseline_winner = baseline.winner_party if baseline else None
    valid = count.valid_votes
    majority = 0 if tie else count.majority
    return SeatOutcome(
        code=seat.code,
        constituency=seat.name,
        winner_party=winner_party,
        winner_name=elected.name if elected else None,
        # An undecided tie has nobody second, as it has nobody first: one of the tied named
        # second read as the seat's loser (summary --json, feed.json, the results export).
        runner_up_party=second.party if second and (elected or not tie) else None,
        majority=majority,
        # `tally.standing_majority_pct`, from the majority and valid votes counted above
        majority_pct=0.0 if tie else tally.percentage(majority, valid),
        valid_votes=valid,
        tie=tie,
        baseline_winner=baseline_winner,
        result=tally.result_label(winner_party, baseline_winner),
        tied_parties=tuple(c.party for c in count.tied) if tie and not elected else (),
    )


@record
class RecountEntry:
    code: str
    constituency: str
    winner_party: str | None
    runner_up_party: str | None
    majority: int
    # Unrounded, so text made from it (`wording.majority_share`) reads as every view's does;
    # `--json` gives it to WATCH_PCT_PLACES places (it was rounded here, then again for the
    # command line's table: 0.4953 read "0.49%" there and "0.50%" on the graphics).
    majority_pct: float
    # An undecided tie's parties (`SeatOutcome.tied_parties`): for the text summary; not in
    # `--json`, whose shape is fixed (README).
    tied_parties: tuple[str, ...] = ()


# What the desk says of a new election before its seats are imported, where a count would
# read "0 of 0 declared · 1 for a majority" (the majority line of no seats is 1)
NO_SEATS_YET = "No seats yet: import the nominations"


@record(frozen=False)
class NationalSummary:
    election: str
    seats_total: int
    majority_line: int
    declared: int
    seats: dict[str, int] = factory(dict)
    votes: dict[str, int] = factory(dict)
    gains: dict[str, int] = factory(dict)
    losses: dict[str, int] = factory(dict)
    recount_watch: list[RecountEntry] = factory(list)
    ties: list[str] = factory(list)
    changes: list[dict] = factory(list)  # [{"from", "to", "seats"}], most first
    valid_votes: int = 0
    # When a party's verified seats reached the majority line, by declaration time (None
    # while none has, or when the times are unknown); filled in by the desk, which has them.
    majority_reached: MajorityReached | None = None
    rehearsal: bool = False  # a rehearsal's figures: never the live night's
    # The recount line its watch was made at, which `--json`'s shares are never rounded up
    # onto (`feed_share`); not in `--json`, whose shape is fixed (README).
    recount_line: float = tally.DEFAULT_RECOUNT_PCT
    # Whether a baseline was there to count gains against: with none (a night before
    # `import baseline`), no party gained or lost anything, and every view says nothing of
    # a change rather than "±0" (which read as "nothing changed hands"). Not in `--json`,
    # whose shape is fixed (README: `gains` and `losses` objects, `changes` a list, empty
    # here as on a night of holds; the text output says why).
    has_baseline: bool = True
    # Declared seats the baseline in place does not cover (a Scottish night's seats added
    # later, a baseline file short of a few): counted as neither gain nor hold, so a
    # party's "+0" there is no hold; the text output says how many. Not in `--json` either.
    not_in_baseline: int = 0

    def change(self, party: str) -> int | None:
        """`party`'s seats against the baseline (gains less losses); None with no baseline."""
        if not self.has_baseline:
            return None
        return self.gains.get(party, 0) - self.losses.get(party, 0)

    def to_json_dict(self) -> dict:
        out = as_dict(self)
        del out["recount_line"], out["has_baseline"], out["not_in_baseline"]
        for entry in out["recount_watch"]:
            del entry["tied_parties"]
            entry["majority_pct"] = feed_share(entry["majority_pct"], self.recount_line)
        return out


# A party with no seat and no change is listed in the summary tables (the command line's,
# the desk's dock) from this share of the valid votes: Reform's 14% before their first seat,
# not a hundred fringe candidates (they stay in --json).
LISTED_SHARE = 0.005


def listed(s: NationalSummary, party: str) -> bool:
    """Whether the summary tables show `party`: it has seats, a change, or a real share."""
    return bool(s.seats.get(party) or s.change(party)
                or s.votes.get(party, 0) >= s.valid_votes * LISTED_SHARE)


def _by_count(counter: Mapping[str, int]) -> dict[str, int]:
    return dict(sorted(((k, v) for k, v in counter.items() if v), key=lambda kv: (-kv[1], kv[0])))


def summarise(
    election: str,
    seats_total: int,
    results: Iterable[SeatResult],
    baseline: Mapping[str, BaselineSeat] | None = None,
    thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
) -> NationalSummary:
    """Aggregate declared seats. A tie not yet decided by lot counts for no party."""
    baseline = baseline or {}
    return aggregate(
        election, seats_total,
        ((seat_outcome(seat, baseline.get(seat.code)), tally.party_votes(seat.candidates))
         for seat in results),
        thresholds, has_baseline=bool(baseline))


def aggregate(
    election: str,
    seats_total: int,
    outcomes: Iterable[tuple[SeatOutcome, Mapping[str, int]]],
    thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
    *, has_baseline: bool = True,
) -> NationalSummary:
    """The national summary from seats already worked out (outcome, votes by party), at
    once; live views keep a `SummaryTotals` instead and apply each changed seat.
    `has_baseline`: whether the outcomes were worked out against a baseline at all."""
    totals = SummaryTotals(thresholds)
    for outcome, party_votes in outcomes:
        totals.put(outcome, party_votes)
    return totals.summary(election, seats_total, has_baseline=has_baseline)


# The recount watch's majority share is given to this many places (`summary --json`).
WATCH_PCT_PLACES = 3


def feed_share(pct: float, line: float = tally.DEFAULT_RECOUNT_PCT) -> float:
    """A majority's share as every data feed gives it (`summary --json`, feed.json and the
    graphics' JSON): to WATCH_PCT_PLACES places (0.495, never 0.49525669642857145, which a
    template rounding to two put on air as 0.50%), and, as every view's, never rounded up
    onto the recount line (`tally.shown_share`): 0.4996% under a 0.5% line is 0.499, where
    rounding gave 0.5."""
    return tally.shown_share(pct, line, WATCH_PCT_PLACES)


def watch_order(majority: int, majority_pct: float, constituency: str, code: str,
                line: float = tally.DEFAULT_RECOUNT_PCT) -> tuple:
    """Where a close seat comes on every recount watch (`summary --json`, feed.json, the
    window's Recount watch, the recounts graphic): smallest majority first, then the
    smallest share as the feeds give it (`feed_share`: to WATCH_PCT_PLACES places, never
    rounded up onto the recount line; seats shown alike were listed A-Z in the summary but by
    the unrounded share in the window, and 0.4996% and 0.4992%, both shown 0.499, by 0.5 and
    0.499), then A-Z, the code last (two seats of one name still have one place each).
    `line`: the recount line the shares are shown against (Preferences, --recount-pct)."""
    return (majority, feed_share(majority_pct, line), constituency, code)


class SummaryTotals:
    """The national totals kept seat by seat: `put` replaces a seat's contribution (its old
    one taken away, its new one added) and `drop` removes it, so a live update costs the
    changed seats, not the night. `summary()` reads the totals out; only the recount watch
    is copied whole (already in order), the rest is per party."""

    def __init__(self, thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS) -> None:
        self.thresholds = thresholds
        self._seats: dict[str, tuple[SeatOutcome, Mapping[str, int]]] = {}  # by code
        self._won: Counter[str] = Counter()
        self._votes: Counter[str] = Counter()
        self._gains: Counter[str] = Counter()
        self._losses: Counter[str] = Counter()
        self._changes: Counter[tuple[str, str]] = Counter()
        self._watch: list[RecountEntry] = []  # in `_watch_key` order
        self._ties: set[str] = set()
        self._unbased = 0  # seats counted with no baseline seat (`not_in_baseline`)

    def __len__(self) -> int:
        return len(self._seats)

    def _watch_key(self, entry: RecountEntry) -> tuple:
        return watch_order(entry.majority, entry.majority_pct, entry.constituency, entry.code,
                           self.thresholds.pct)

    def put(self, outcome: SeatOutcome, party_votes: Mapping[str, int]) -> None:
        """The seat `outcome.code` now counts with this outcome and these votes."""
        self.drop(outcome.code)
        self._apply(outcome, party_votes, 1)
        self._seats[outcome.code] = (outcome, party_votes)

    def drop(self, code: str) -> None:
        """The seat no longer counts (undeclared, or not shown)."""
        old = self._seats.pop(code, None)
        if old is not None:
            self._apply(*old, -1)

    def _apply(self, outcome: SeatOutcome, party_votes: Mapping[str, int], sign: int) -> None:
        if outcome.baseline_winner is None:
            self._unbased += sign
        for party, n in party_votes.items():
            self._votes[party] += sign * n
        if outcome.winner_party is not None:
            self._won[outcome.winner_party] += sign
            if outcome.gain:
                self._gains[outcome.winner_party] += sign
                self._losses[outcome.baseline_winner] += sign
                self._changes[(outcome.baseline_winner, outcome.winner_party)] += sign
        if outcome.tie and outcome.winner_party is None:  # decided by lot: not awaiting
            (self._ties.add if sign > 0 else self._ties.discard)(outcome.code)
        if outcome.watched(self.thresholds):
            entry = RecountEntry(
                code=outcome.code,
                constituency=outcome.constituency,
                winner_party=outcome.winner_party,  # None while a tie is undecided
                runner_up_party=outcome.runner_up_party,  # and so is this (`seat_outcome`)
                majority=outcome.majority,
                majority_pct=outcome.majority_pct,
                tied_parties=outcome.tied_parties,
            )
            if sign > 0:
                insort(self._watch, entry, key=self._watch_key)
            else:
                key = self._watch_key
                del self._watch[bisect_left(self._watch, key(entry), key=key)]

    def summary(self, election: str, seats_total: int, *, has_baseline: bool = True,
                ) -> NationalSummary:
        votes = _by_count(self._votes)
        return NationalSummary(
            election=election,
            seats_total=seats_total,
            majority_line=tally.majority_line(seats_total),
            declared=len(self._seats),
            not_in_baseline=self._unbased if has_baseline else 0,
            # Most seats, then most votes (RUK above DUP on 5 each in 2024): as the tables
            # and every graphic rank them; a name's order put DUP first here alone.
            seats=dict(sorted(((p, n) for p, n in self._won.items() if n),
                              key=lambda kv: rank_key(Standing(kv[0], kv[1],
                                                               votes.get(kv[0], 0))))),
            votes=votes,
            gains=_by_count(self._gains),
            losses=_by_count(self._losses),
            recount_watch=list(self._watch),
            ties=sorted(self._ties),
            changes=[
                {"from": a, "to": b, "seats": n}
                for (a, b), n in sorted(self._changes.items(), key=lambda kv: (-kv[1], kv[0]))
                if n
            ],
            valid_votes=sum(votes.values()),
            recount_line=self.thresholds.pct,
            has_baseline=has_baseline,
        )
