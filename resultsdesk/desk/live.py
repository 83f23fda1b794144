"""The night as the live views see it, kept up to date incrementally.

`NightState.refresh()` reloads only the seats whose declarations or flags changed since the
last call (the store's change counter), so a verification at 10,000 seats costs a query of a
handful of rows, not a reload; the totals the views show are kept seat by seat
(`live_totals.NightTotals`), so reading them out costs the parties, not the seats. Every
view (list, charts, recount watch, summary strip) and every export reads its figures from
here, through the same domain rules.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from ..charts.data import (
    HemicycleBlock,
    HemicycleData,
    PartyBar,
    SeatChartData,
    ShareBar,
    VoteShareData,
)
from ..domain import tally
from ..domain.declaration_time import uk_clock
from ..domain.model import BaselineSeat, DeclarationKind, Party, SeatResult, Status
from ..domain.others import DEFAULT_NAMED, NamedParties, name_parties
from ..domain.parties import FALLBACK_COLOUR, majority_leader, speaker_stood
from ..domain.records import factory, record
from ..domain.summary import NO_SEATS_YET, NationalSummary, SeatOutcome, seat_outcome
from ..domain.timeline import DeclaredSeat, MajorityReached, declared_at
from ..store import Store
from ..store import live as sql
from ..store import repository as repo
from ..store.rehearsal import is_rehearsal
from .live_totals import NightTotals, RecountRow, recount_row
from .visibility import EVERYONE, Viewer

__all__ = ["NightState", "RecountRow", "SeatState", "StripData"]

# Past this many seats awaiting verification, Switch user reads the whole night again
# rather than naming each seat in one query.
MOST_READ_BY_CODE = 500


@record(frozen=False)
class SeatState:
    code: str
    name: str
    nation: str
    region: str
    electorate: int | None
    recount_under_way: bool = False
    current_count: int = 0  # the count figures keyed now are (0: the first)
    correction_pending: bool = False
    # the kind of the version awaiting verification over a verified result, if any
    pending_over_verified: DeclarationKind | None = None
    hidden_entry_by: str | None = None  # an entry this viewer may not see, by whom
    shown_entered_by: str | None = None  # who keyed `shown` while it awaits verification
    verified: SeatResult | None = None  # what counts
    shown: SeatResult | None = None  # what views show: verified, else provisional
    verified_at: str | None = None
    declared_at: str | None = None  # when `verified` was declared (None: unknown)
    outcome: SeatOutcome | None = None  # of `shown`
    verified_outcome: SeatOutcome | None = None  # of `verified`: what counts
    shown_votes: dict[str, int] = factory(dict)  # by party
    verified_votes: dict[str, int] = factory(dict)

    @property
    def verified_winner(self) -> str | None:
        return self.verified_outcome.winner_party if self.verified_outcome else None
    turnout: float | None = None
    turnout_change: float | None = None
    swing: float | None = None  # Butler swing, points, towards `swing_to`; None: no
    # baseline, or the Speaker's seat (`parties.speaker_stood`)
    swing_to: str | None = None
    swing_from: str | None = None

    @property
    def status(self) -> Status:
        if self.shown is not None:
            return self.shown.status
        return Status.PROVISIONAL if self.hidden_entry_by else Status.AWAITING


@record
class StripData:
    declared: int
    seats_total: int
    provisional: int
    # (party, seats, change) for the leading parties; change None with no baseline
    leaders: tuple[tuple[str, int, int | None], ...]
    turnout: float | None
    majority_text: str


@dataclass(slots=True)
class NightState:
    store: Store
    seats: dict[str, SeatState] = field(default_factory=dict)
    parties: dict[str, Party] = field(default_factory=dict)
    baseline: dict[str, BaselineSeat] = field(default_factory=dict)
    election: str = ""
    seq: int = -1
    viewer: Viewer = EVERYONE
    rehearsal: bool = False  # set at creation, for the database's whole life
    # The footers' "As of" fixed when a reading is drawn into several graphics at once
    # (`graphics.night_state`), else None: worked out at each ask (`live_charts.as_of`).
    as_of_pin: str | None = None
    _summaries: dict = field(default_factory=dict)  # per arguments: (seq, summary)
    # What `baseline` and the seats were read from (`store.live.changes_since`): an import of
    # another baseline mid-night changes no seat's change number, only this.
    _night_stamp: tuple | None = None
    # Seats to read again for another viewer (`set_viewer`): those with an entry awaiting
    # verification, the only ones a viewer changes.
    _for_viewer: set[str] = field(default_factory=set)
    _read_for_viewer: set[str] = field(default_factory=set)  # by the last refresh
    _totals: NightTotals = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._totals = NightTotals(self.seats)

    @property
    def read_from(self) -> tuple | None:
        """What the seats were last read from as a whole (`store.live.changes_since`): it
        changes when they are read anew (another election restored over the file, a backup
        without seats added since, another baseline), the only time a seat can go."""
        return self._night_stamp

    def set_viewer(self, viewer: Viewer) -> None:
        """Someone else signs in: what they may see differs in the seats with an entry
        awaiting verification (its figures shown or hidden: `Viewer.sees_pending`), read
        again at the next refresh and returned as changed; no other seat shows otherwise.
        (The whole night was read again: ~3 s at 50,000 seats for each Switch user.)"""
        if viewer != self.viewer:
            self.viewer = viewer
            pending = {code for code, seat in self.seats.items()
                       if seat.shown_entered_by is not None or seat.hidden_entry_by is not None}
            # On a server what is handed over changes with the account, and who keyed an
            # entry it hides comes with the seat's row, not its figures: read whole there.
            if len(pending) > MOST_READ_BY_CODE or self.store.dialect == "postgresql":
                self._forget()
                return
            self._for_viewer |= pending
            self._summaries.clear()

    def read_again_since(self, seq: int) -> None:
        """The seats changed since `seq` are read again (and returned as changed) at the
        next refresh: a caller that read them but could not show them all (the window,
        whose other reads failed) asks for them again. Reading a seat twice is harmless.
        So are the seats the last refresh read again for a new viewer."""
        self._for_viewer |= self._read_for_viewer
        if seq < self.seq:
            self.seq = seq
            self._summaries.clear()

    def _forget(self) -> None:
        """Read everything again at the next refresh."""
        self.seq = -1
        self.seats.clear()
        self._summaries.clear()
        self._for_viewer.clear()
        self._totals = NightTotals(self.seats)

    def _read_again(self, stamp: object, now: int) -> bool:
        """Whether the night read so far no longer stands, to be read again as at the start.
        Another baseline imported (by this desk or another): every seat's gain, swing and
        turnout change is against it. So too when a restore put back another election, or
        a backup without seats added since: no change number tells of a seat the file no
        longer holds. And a change number behind the one read last: the database was put
        back to an earlier state of itself (a server restored from its dump, a standby
        promoted without the last commits; a file's restore numbers its contents past
        every window's), so the seats changed since were read from a night it no longer
        holds, and no change number tells of them."""
        return self.seq >= 0 and (stamp != self._night_stamp or now < self.seq)

    def refresh(self, now: int | None = None) -> set[str]:
        """Bring the state up to date; returns the codes of the seats that changed."""
        now = sql.current_seq(self.store, now)  # (given: `session.night_seq`)
        if now == self.seq and not self._for_viewer:
            return set()
        read = sql.changes_since(self.store, max(self.seq, -1))  # (its stamp: before the
        if self._read_again(read.stamp, now):  # baseline is read; a race: read again)
            self._forget()
            read = sql.changes_since(self.store, -1)
        first = self.seq < 0
        if first or read.parties_moved:
            self.parties = {p.abbreviation: p for p in repo.parties(self.store)}
        if first:
            self._night_stamp = read.stamp
            self.baseline = repo.baseline_seats(self.store)
            self.election = repo.election_name(self.store)
            self.rehearsal = is_rehearsal(self.store)
        changed = {r["code"]: r for r in read.seats}
        shown, verified, version_times = read.shown, read.counting, read.times
        for code, row in changed.items():
            seat = self.seats.get(code) or SeatState(code, row["name"], row["nation"],
                                                     row["region"], row["electorate"])
            seat.electorate = row["electorate"]
            seat.recount_under_way = bool(row["recount_under_way"])
            seat.current_count = row["current_count"] or 0
            pending = row["pending_over_verified"]
            seat.pending_over_verified = DeclarationKind(pending) if pending else None
            seat.correction_pending = seat.pending_over_verified is DeclarationKind.CORRECTION
            versions = version_times.get(code)  # none: not declared (half a night as it opens)
            seat.declared_at = declared_at(versions) if versions else None
            self._show(seat, shown, verified, row["pending_by"])
        # Another viewer's: the seats with an entry awaiting verification, their figures
        # only (nothing else of a seat depends on who looks), by code.
        again = tuple(sorted(c for c in self._for_viewer if c in self.seats and c not in changed))
        if again:
            self._summaries.clear()  # (the change number stays: a summary kept is the old viewer's)
            shown, verified = sql.shown_and_counting(self.store, -1, codes=again)
            for code in again:
                seat = self.seats[code]
                self._show(seat, shown, verified,
                           seat.hidden_entry_by if seat.shown is None else None)
        self._for_viewer.clear()
        self._read_for_viewer = set(again)
        self.seq = now
        return set(changed) | self._read_for_viewer

    def _show(self, seat: SeatState, shown: sql.Figures, verified: sql.Figures,
              pending_by: str | None) -> None:
        """The seat's figures as this viewer sees them, from its declarations as read
        (`pending_by`: who keyed an entry whose figures the store did not hand over)."""
        code = seat.code
        seat.verified, seat.verified_at, _ = verified.get(code, (None, None, None))
        seat.shown, _, entered_by = shown.get(code, (None, None, None))
        seat.hidden_entry_by = None
        if seat.shown is not None and seat.shown.status is Status.PROVISIONAL \
                and not self.viewer.sees_pending(entered_by):
            seat.shown, seat.hidden_entry_by = seat.verified, entered_by
        elif seat.shown is None and pending_by:
            # Figures a server let this account read none of (someone else's entry
            # awaiting verification): who keyed it, nothing more, whatever the viewer.
            seat.hidden_entry_by = pending_by
        seat.shown_entered_by = (entered_by if seat.shown is not None
                                 and seat.shown.status is Status.PROVISIONAL else None)
        self._derive(seat)
        self.seats[code] = seat
        self._totals.put(seat, self.baseline.get(code))

    # --- per seat ---------------------------------------------------------------------

    def _derive(self, seat: SeatState) -> None:
        base = self.baseline.get(seat.code)
        shown = seat.shown
        seat.outcome = outcome = seat_outcome(shown, base) if shown else None
        seat.shown_votes = votes = tally.party_votes(shown.candidates) if shown else {}
        if seat.verified is shown:  # one declaration (the store hands it once): once
            seat.verified_outcome, seat.verified_votes = outcome, votes
        else:
            seat.verified_outcome = (seat_outcome(seat.verified, base) if seat.verified
                                     else None)
            seat.verified_votes = (tally.party_votes(seat.verified.candidates)
                                   if seat.verified else {})
        seat.turnout = seat.turnout_change = seat.swing = None
        seat.swing_to = seat.swing_from = None
        if shown is None:
            return
        # the outcome's valid votes (counted once); returned unopposed: no poll, no turnout
        seat.turnout = (None if outcome.unopposed
                        else tally.turnout_pct(outcome.valid_votes, shown.electorate))
        if base is not None:
            base_valid = sum(base.votes_by_party.values())
            base_turnout = tally.turnout_pct(base_valid, base.electorate)
            if seat.turnout is not None and base_turnout is not None:
                seat.turnout_change = seat.turnout - base_turnout
            _swing(seat, base, votes, (outcome.valid_votes, base_valid))

    # --- national --------------------------------------------------------------------

    @property
    def seats_total(self) -> int:
        return len(self.seats)

    def summary(self, include_provisional: bool = False,
                thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
                ) -> NationalSummary:
        """The national summary from the per-seat outcomes kept since the last refresh."""
        key = (include_provisional, thresholds)
        cached = self._summaries.get(key)
        if cached is not None and cached[0] == self.seq:
            return cached[1]
        totals = self._totals.summary_totals(include_provisional, thresholds)
        summary = totals.summary(self.election, self.seats_total,
                                 has_baseline=bool(self.baseline))
        summary.majority_reached, summary.rehearsal = self.majority_reached(), self.rehearsal
        self._summaries[key] = (self.seq, summary)
        return summary

    def colour(self, party: str) -> str:
        return self.parties[party].colour if party in self.parties else FALLBACK_COLOUR

    def name(self, party: str) -> str:
        return self.parties[party].name if party in self.parties else party

    def political_order(self, party: str) -> tuple[int, str]:
        p = self.parties.get(party)
        return (p.political_order if p else 10_000, party)

    def provisional_seats(self) -> Counter[str]:
        """Seats shown as provisional (no verified result yet), by the provisional winner."""
        return +self._totals.provisional_winners  # a copy, without parties down to none

    def provisional_count(self, *, hidden_too: bool = False) -> int:
        """Seats shown provisional, none verified; `hidden_too`: and those hidden from me."""
        return self._totals.awaiting if hidden_too else self._totals.provisional_count

    def named_parties(self, n: int = DEFAULT_NAMED, *, provisional: bool = False) -> NamedParties:
        """Who every chart names, and "Others" (`domain.others`): by verified seats and votes,
        and the provisional seats they show (else a party's first read "Others 0 + 1")."""
        summary, seats = self.summary(), self.provisional_seats() if provisional else Counter()
        seats.update(summary.seats)
        return name_parties({p: (seats[p], summary.votes.get(p, 0))
                             for p in set(seats) | set(summary.votes)}, n)

    def seat_chart_data(self, *, show_provisional: bool = False,
                        named: NamedParties | None = None) -> SeatChartData:
        summary = self.summary()
        provisional = self.provisional_seats() if show_provisional else Counter()
        # In the chamber's order: a set's own order depends on how it was filled, so a night
        # kept seat by seat and the same night read afresh listed bars differently.
        # and a party that has lost seats and holds none (Con 0 -3): `SeatChartData.drawn`
        parties = set(summary.seats) | set(provisional) | set(summary.losses)
        bars = tuple(PartyBar(
            party=p, name=self.name(p), colour=self.colour(p), seats=summary.seats.get(p, 0),
            provisional=provisional.get(p, 0), change=summary.change(p))
            for p in sorted(parties, key=self.political_order))
        return SeatChartData(
            bars=bars, seats_total=self.seats_total, majority_line=summary.majority_line,
            declared=summary.declared, provisional_declared=sum(provisional.values()),
            show_provisional=show_provisional, named=named or self.named_parties(),
            ties=len(self.tied_seats()), title="Seats", subtitle=self.election)

    def tied_seats(self) -> tuple[str, ...]:
        """Names of the verified seats tied at the top and awaiting the lot, A-Z: declared,
        and nobody's seat."""
        return self._totals.tied_seats()

    def hemicycle_data(self, *, undeclared_position: str = "middle",
                       show_provisional: bool = False,
                       named: NamedParties | None = None) -> HemicycleData:
        verified = self._totals.hemicycle_seats(provisional=False)
        provisional = self._totals.hemicycle_seats(provisional=True) if show_provisional \
            else {}
        recounts = self._totals.recounts
        blocks: list[HemicycleBlock] = []
        for p in sorted(set(verified) | set(provisional), key=self.political_order):
            if p in verified:
                names, codes = verified[p]
                blocks.append(HemicycleBlock(p, self.colour(p), names, codes=codes))
            if p in provisional:
                names, codes = provisional[p]
                blocks.append(HemicycleBlock(p, self.colour(p), names, provisional=True,
                                             codes=codes))
        ties = self.tied_seats()
        declared = sum(len(b.constituencies) for b in blocks) + len(ties)
        return HemicycleData(blocks=tuple(blocks), seats_total=self.seats_total,
                             majority_line=tally.majority_line(self.seats_total),
                             declared=declared, undeclared_position=undeclared_position,
                             title="The chamber", subtitle=self.election,
                             named=named or self.named_parties(),
                             recounts=frozenset(name for name, _code in recounts), ties=ties,
                             recount_seats=tuple(sorted(recounts)),
                             tie_codes=self._totals.tied_codes())

    def vote_share_data(self, named: NamedParties | None = None) -> VoteShareData:
        """Shares in the verified seats; each change against the baseline like for like, as
        the HoC Library counts it: the share now and then in the verified seats that have a
        baseline (the share itself is the whole of the verified seats'). Where some verified
        seats had no baseline, their votes counted now and not then moved every change."""
        now, then = self._totals.verified_votes(), +self._totals.then
        declared = self._totals.verified_count
        now_shares = tally.party_shares(now)
        then_shares = tally.party_shares(then) if then else {}
        compared = tally.party_shares(+self._totals.compared) if then_shares else {}

        def change(p: str) -> float | None:
            # A party that stood in none of the compared seats, then or now, has nothing to
            # be compared with there (it stood only where the baseline cannot say).
            if p not in compared and p not in then_shares:
                return None
            return compared.get(p, 0.0) - then_shares.get(p, 0.0)

        bars = [ShareBar(
            party=p, name=self.name(p), colour=self.colour(p), votes=v,
            share=now_shares[p], change=change(p))
            for p, v in now.items()]
        # A party that stood then and not (yet) now has its share then, a bar of none:
        # never drawn, but "Others" counts it in its baseline, so the changes drawn add up
        # to nothing (left out, 2024's Others read +1.4 where it was +1.2).
        bars += [ShareBar(party=p, name=self.name(p), colour=self.colour(p), votes=0,
                          share=0.0, change=-share)
                 for p, share in then_shares.items() if p not in now_shares and share]
        bars = tuple(sorted(bars, key=lambda b: (-b.votes, b.party)))
        return VoteShareData(bars=bars, valid_votes=sum(now.values()), declared=declared,
                             seats_total=self.seats_total,
                             named=named or self.named_parties(),
                             title="Vote share", subtitle=self.election)

    def recount_watch(self, thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
                      ) -> list[RecountRow]:
        """Recounts under way first, then every declared seat (verified or provisional) in
        recount range or tied, smallest majority first (`live_totals.recount_key`)."""
        return list(self._totals.recount_watch(thresholds))

    def recount_row(self, code: str,
                    thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
                    ) -> RecountRow | None:
        """The seat's row on the recount watch, or None when it is not on it."""
        return recount_row(self.seats[code], thresholds)

    def in_recount_range(self, code: str, thresholds: tally.RecountThresholds) -> bool:
        o = self.seats[code].outcome
        return bool(o and o.watched(thresholds))

    def strip_data(self, leaders: int = 4) -> StripData:
        summary = self.summary()
        valid, electorate = self._totals.valid, self._totals.electorate
        top = tuple((p, n, summary.change(p)) for p, n in list(summary.seats.items())[:leaders])
        return StripData(summary.declared, summary.seats_total, self.provisional_count(), top,
                         tally.percentage(valid, electorate) if electorate else None,
                         self.majority_text(summary))

    def majority_text(self, summary: NationalSummary | None = None) -> str:
        """"Lab majority reached at 04:58", "Lab need 12 more for a majority", or hung."""
        summary = summary or self.summary()
        line = summary.majority_line
        if not summary.seats_total:  # a new election: "1 seats for a majority" said nothing
            return NO_SEATS_YET
        leader, seats = majority_leader(summary.seats)
        if leader is None:  # no seat yet, or only the Speaker's and independents'
            return f"{line:,} seats for a majority"
        if seats >= line:
            at = self.majority_reached_at(leader, line)
            return f"{leader} majority reached" + (f" at {at}" if at else "")
        undeclared = summary.seats_total - summary.declared
        if seats + undeclared < line:
            return f"Hung parliament: no party can reach {line:,}"
        return f"{leader} need {line - seats:,} more for a majority"

    def declared_seats(self) -> list[DeclaredSeat]:
        """Every verified seat with its winner and declaration time, by code."""
        return [DeclaredSeat(s.code, s.name, s.verified_winner, s.declared_at)
                for s in sorted(self.seats.values(), key=lambda s: s.code)
                if s.verified is not None]

    def majority_reached(self, line: int | None = None) -> MajorityReached | None:
        """When a party's verified seats reached the majority line (or `line`), by
        declaration time (from the kept totals: `domain.timeline.majority_reached`'s rule)."""
        if line is None:
            line = tally.majority_line(self.seats_total)
        return self._totals.majority_reached(line)

    def majority_reached_at(self, party: str, line: int) -> str | None:
        """"05:05" (UK time, as at the counts) when `party` reached `line` seats; None when
        it has not or the declaration times are not known."""
        reached = self.majority_reached(line)
        return uk_clock(reached.at) if reached and reached.party == party else None

    def latest_declared(self) -> datetime | None:
        """When the latest verified result was declared (None: no time known)."""
        return self._totals.latest_declared()

    def latest_verified_at(self) -> str | None:
        """The newest verification time of a seat on air (None: nothing verified)."""
        return self._totals.latest_verified_at()


def _swing(seat: SeatState, base: BaselineSeat, votes: dict[str, int],
           totals: tuple[int, int]) -> None:
    """Butler swing in the seat: from the baseline winner to a gaining party, or, in a hold,
    between the winner and the runner-up; none in the Speaker's seat, as the HoC Library
    gives none. `votes`: the shown result's by party, and `totals`: its valid votes and the
    baseline's, as the caller counted them."""
    o = seat.outcome
    if o is None or o.winner_party is None or seat.shown is None:
        return
    if speaker_stood(votes, base.votes_by_party):
        return
    other = o.baseline_winner if o.gain else o.runner_up_party
    if other is None or other == o.winner_party:
        return
    # The two parties' shares only (`tally.party_shares` of every party, ~8 a seat, for
    # the two the swing reads: the same figures, worked out for 650 seats at the start).
    pair = (o.winner_party, other)
    now = tally.shares_of(votes, pair, totals[0])
    then = tally.shares_of(base.votes_by_party, pair, totals[1])
    value = tally.butler_swing(now, then, o.winner_party, other)
    if value >= 0:
        seat.swing, seat.swing_to, seat.swing_from = value, o.winner_party, other
    else:
        seat.swing, seat.swing_to, seat.swing_from = -value, other, o.winner_party

