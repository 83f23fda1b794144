"""The counting rules of a first-past-the-post seat, as pure functions.

Conventions (those of the House of Commons Library, so figures match its briefings):
- majority = winner's votes - runner-up's votes (a lone candidate's majority is all their votes);
- majority % and shares are of *valid* votes;
- turnout = valid votes / electorate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_DOWN, Decimal
from operator import attrgetter

from .model import CandidateVotes, SeatResult
from .parties import INDEPENDENT
from .records import record

DEFAULT_RECOUNT_VOTES = 100
DEFAULT_RECOUNT_PCT = 0.5
_VOTES = attrgetter("votes")


def ranked(candidates: Iterable[CandidateVotes]) -> list[CandidateVotes]:
    """Candidates by votes, most first; equal votes keep their given order (a reversed
    sort is stable too)."""
    return sorted(candidates, key=_VOTES, reverse=True)


@record
class Standing:
    """The order of the count, worked out once: everything else reads from it."""

    order: tuple[CandidateVotes, ...]  # most votes first; equal votes keep ballot order

    @property
    def tie(self) -> bool:
        """Two or more candidates share the top vote (no one is elected by the count)."""
        return len(self.order) >= 2 and self.order[0].votes == self.order[1].votes

    @property
    def tied(self) -> list[CandidateVotes]:
        if not self.tie:
            return []
        return [c for c in self.order if c.votes == self.order[0].votes]

    @property
    def majority(self) -> int:
        if not self.order:
            return 0
        second = self.order[1].votes if len(self.order) > 1 else 0
        return self.order[0].votes - second

    @property
    def valid_votes(self) -> int:
        return sum(c.votes for c in self.order)

    def winner(self, tie_winner: CandidateVotes | str | None = None) -> CandidateVotes | None:
        """Most votes, or after a tie the candidate drawn by lot (the candidate itself, as
        `SeatResult.drawn` gives it, or their name); None if undecided."""
        if not self.order:
            return None
        if self.tie:
            if tie_winner is None:
                return None
            if isinstance(tie_winner, CandidateVotes):
                return next((c for c in self.tied if c is tie_winner), None)
            return next((c for c in self.tied if c.name == tie_winner), None)
        return self.order[0]

    def runner_up(self, tie_winner: CandidateVotes | str | None = None
                  ) -> CandidateVotes | None:
        """Second place; after a tie, the first tied candidate who was not elected."""
        if len(self.order) < 2:
            return None
        elected = self.winner(tie_winner)
        if elected is None or elected is self.order[0]:
            return self.order[1]
        return next(c for c in self.order if c is not elected)


def standing(candidates: Iterable[CandidateVotes]) -> Standing:
    return Standing(tuple(ranked(candidates)))


def is_tie(candidates: Sequence[CandidateVotes]) -> bool:
    """True when two or more candidates share the top vote (no one is elected by the count)."""
    return standing(candidates).tie


def tied_candidates(candidates: Sequence[CandidateVotes]) -> list[CandidateVotes]:
    return standing(candidates).tied


def winner(seat: SeatResult) -> CandidateVotes | None:
    """The elected candidate: most votes, or the one drawn by lot after a tie; None if undecided."""
    return standing(seat.candidates).winner(seat.drawn())


def runner_up(seat: SeatResult) -> CandidateVotes | None:
    """Second place; after a tie, the first tied candidate who was not elected."""
    return standing(seat.candidates).runner_up(seat.drawn())


def majority(candidates: Sequence[CandidateVotes]) -> int:
    return standing(candidates).majority


def percentage(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def majority_pct(candidates: Sequence[CandidateVotes]) -> float:
    return percentage(majority(candidates), sum(c.votes for c in candidates))


def standing_majority_pct(s: Standing) -> float:
    return percentage(s.majority, s.valid_votes)


def shown_share(pct: float, line: float = DEFAULT_RECOUNT_PCT, places: int = 2) -> float:
    """A majority's share as the desk shows it: rounded to `places`, except that a share
    under the recount line is never rounded up onto it. Alyn and Deeside 2019's 0.4953% is
    in recount range (under 0.5%); rounded it read "0.50%" beside the rule "under 0.5%", so
    it is cut instead: 0.49%. Cut from the shortest decimal that is the float (its repr),
    as 100 * 0.29 is 28.999999999999996."""
    shown = round(pct, places)
    if pct < line <= shown:
        step = Decimal(1).scaleb(-places)
        return float(Decimal(repr(pct)).quantize(step, rounding=ROUND_DOWN))
    return shown


def turnout_pct(valid_votes: int, electorate: int | None) -> float | None:
    if not electorate:
        return None
    return percentage(valid_votes, electorate)


def shares(candidates: Sequence[CandidateVotes]) -> list[float]:
    """Each candidate's share of valid votes, in the order given."""
    total = sum(c.votes for c in candidates)
    return [percentage(c.votes, total) for c in candidates]


def party_votes(candidates: Iterable[CandidateVotes]) -> dict[str, int]:
    """Votes by party; several candidates of one party (independents) add up."""
    out: dict[str, int] = {}
    for c in candidates:
        out[c.party] = out.get(c.party, 0) + c.votes
    return out


def party_shares(votes_by_party: Mapping[str, int]) -> dict[str, float]:
    total = sum(votes_by_party.values())
    return {p: percentage(v, total) for p, v in votes_by_party.items()}


def share_then(party: str, standing: Mapping[str, int],
               then: Mapping[str, float]) -> float | None:
    """The baseline share (per cent) a candidate's share is compared with: their party's,
    where they are its only candidate now (`standing`: candidates by party) and it stood
    then (`then`: `party_shares` of the baseline). None where there is nothing to compare
    with: a change against no figure would be the candidate's whole share, two
    independents cannot each be compared with the one share they had between them, and an
    independent is no party: whoever stood as one then was another person as like as not
    (Guildford 2019's Anne Milton read "+7.3" against a 2017 independent), and the HoC
    Library leaves every independent's Change empty."""
    if party == INDEPENDENT:
        return None
    return then.get(party) if standing.get(party) == 1 else None


def shares_of(votes_by_party: Mapping[str, int], parties: Iterable[str],
              total: int) -> dict[str, float]:
    """`party_shares` of the `parties` given that stood (`total`: every party's votes added
    up), the others left out: the same figures, without every other party's."""
    return {p: percentage(votes_by_party[p], total) for p in parties if p in votes_by_party}


def result_label(winner_party: str | None, baseline_winner: str | None) -> str:
    """The words a broadcaster uses: "Con hold", "Lab gain from Con"; "Lab win" with no
    baseline."""
    if winner_party is None:
        return "Tie: no winner yet"
    if baseline_winner is None:
        return f"{winner_party} win"
    if winner_party == baseline_winner:
        return f"{winner_party} hold"
    return f"{winner_party} gain from {baseline_winner}"


def is_gain(winner_party: str | None, baseline_winner: str | None) -> bool:
    return None not in (winner_party, baseline_winner) and winner_party != baseline_winner


def butler_swing(
    now: Mapping[str, float], then: Mapping[str, float], to_party: str, from_party: str
) -> float:
    """Butler (two-party) swing in points from `from_party` to `to_party`.

    The mean of the first party's gain in share and the second's loss:
    ((to_now - to_then) - (from_now - from_then)) / 2. Positive means towards `to_party`.
    """
    to_change = now.get(to_party, 0.0) - then.get(to_party, 0.0)
    from_change = now.get(from_party, 0.0) - then.get(from_party, 0.0)
    return (to_change - from_change) / 2


def in_recount_range(
    majority_votes: int,
    majority_percent: float,
    votes_threshold: int = DEFAULT_RECOUNT_VOTES,
    pct_threshold: float = DEFAULT_RECOUNT_PCT,
) -> bool:
    """Close enough that a recount is plausible: majority <= N votes or < P % of valid votes."""
    return majority_votes <= votes_threshold or majority_percent < pct_threshold


@record
class RecountThresholds:
    """What the recount watch calls close: a majority of `votes` or fewer, or under `pct`
    per cent of valid votes. One value, so the two never travel (or default) apart."""

    votes: int = DEFAULT_RECOUNT_VOTES
    pct: float = DEFAULT_RECOUNT_PCT

    def covers(self, majority_votes: int, majority_percent: float) -> bool:
        return in_recount_range(majority_votes, majority_percent, self.votes, self.pct)


DEFAULT_THRESHOLDS = RecountThresholds()


def majority_line(seats_total: int) -> int:
    """Seats needed for an overall majority (326 of 650)."""
    return seats_total // 2 + 1
