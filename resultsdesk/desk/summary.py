"""The national summary, as `summary`, the main window and exports all show it."""

from __future__ import annotations

from ..domain import tally
from ..domain.summary import NationalSummary, aggregate, seat_outcome
from ..store import Store
from ..store import repository as repo
from ..store.rehearsal import is_rehearsal
from .collector import collector_paused
from .timeline import majority_reached


@collector_paused  # its seats and outcomes live to the end, without cycles
def national_summary(store: Store, *, include_provisional: bool = False,
                     thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
                     ) -> NationalSummary:
    with store.snapshot():
        results = repo.seat_results(store, include_provisional=include_provisional)
        baseline = repo.baseline_seats(store)
        # Each seat counted once: its outcome serves the totals and the majority's time.
        outcomes = [(seat_outcome(seat, baseline.get(seat.code)),
                     tally.party_votes(seat.candidates)) for seat in results]
        summary = aggregate(repo.election_name(store), repo.seats_total(store), outcomes,
                            thresholds)
        summary.majority_reached = majority_reached(
            store, None if include_provisional else results, summary.majority_line,
            winners={o.code: o.winner_party for o, _votes in outcomes})
        summary.rehearsal = is_rehearsal(store)
    return summary
