"""The national summary, as `summary`, the main window and exports all show it."""

from __future__ import annotations

from ..domain import tally
from ..domain.summary import NationalSummary, summarise
from ..store import Store
from ..store import repository as repo
from ..store.rehearsal import is_rehearsal
from .timeline import majority_reached


def national_summary(store: Store, *, include_provisional: bool = False,
                     thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
                     ) -> NationalSummary:
    with store.snapshot():
        results = repo.seat_results(store, include_provisional=include_provisional)
        summary = summarise(
            repo.election_name(store),
            repo.seats_total(store),
            results,
            repo.baseline_seats(store),
            thresholds,
        )
        summary.majority_reached = majority_reached(
            store, None if include_provisional else results, summary.majority_line)
        summary.rehearsal = is_rehearsal(store)
    return summary
