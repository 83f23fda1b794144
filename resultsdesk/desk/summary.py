"""The national summary, as `summary`, the main window and exports all show it."""

from __future__ import annotations

from ..domain import tally
from ..domain.summary import NationalSummary, aggregate, seat_outcome
from ..store import Store
from ..store import live as sql
from ..store import repository as repo
from ..store.rehearsal import is_rehearsal
from .collector import collector_paused
from .timeline import majority_reached


@collector_paused  # its seats and outcomes live to the end, without cycles
def national_summary(store: Store, *, include_provisional: bool = False,
                     thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
                     ) -> NationalSummary:
    with store.snapshot():
        if include_provisional:  # what is shown, and what counts, from one read
            shown, counting = sql.shown_and_counting(store, -1)
            results = [result for result, *_ in shown.values()]
            verified = {code: result for code, (result, *_) in counting.items()}
        else:
            results = repo.seat_results(store)
            verified = {result.code: result for result in results}
        baseline = repo.baseline_seats(store)
        # Each seat counted once: its outcome serves the totals and, where it is the
        # counting declaration itself, the majority's time.
        outcomes = [(seat_outcome(seat, baseline.get(seat.code)),
                     tally.party_votes(seat.candidates)) for seat in results]
        summary = aggregate(repo.election_name(store), repo.seats_total(store), outcomes,
                            thresholds, has_baseline=bool(baseline))
        summary.majority_reached = majority_reached(
            store, list(verified.values()), summary.majority_line,
            winners={o.code: o.winner_party for (o, _votes), seat in zip(outcomes, results,
                                                                         strict=True)
                     if verified.get(seat.code) is seat})
        summary.rehearsal = is_rehearsal(store)
    return summary
