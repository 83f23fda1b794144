"""The national summary, as `summary`, the main window and exports all show it."""

from __future__ import annotations

from ..domain import tally
from ..domain.summary import NationalSummary, summarise
from ..store import Store
from ..store import repository as repo


def national_summary(store: Store, *, include_provisional: bool = False,
                     thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
                     ) -> NationalSummary:
    return summarise(
        repo.election_name(store),
        repo.seats_total(store),
        repo.seat_results(store, include_provisional=include_provisional),
        repo.baseline_seats(store),
        thresholds,
    )
