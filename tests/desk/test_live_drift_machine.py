"""One live night kept across a random night of desk work against a night read afresh
after every step (helpers/live_drift.py): another baseline imported mid-night, a seat and
its new parties imported mid-night, someone else signing in, the recount watch asked at
other thresholds mid-night, seats of no votes, ties and lots, recounts."""

from __future__ import annotations

from helpers.live_drift import DriftMachine, drift_night_fixture, run_drift  # noqa: F401


def test_the_kept_night_never_drifts(drift_night):
    run_drift(DriftMachine, drift_night, examples=30, steps=60)
