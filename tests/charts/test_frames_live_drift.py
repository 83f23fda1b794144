"""The charts drawn through `Frames` (only what changed redrawn) across a random night of
desk work (helpers/live_drift.py: recounts ringed, ties, lots, provisional seats drawn
lighter, another baseline, a seat and its parties added, parties folding into Others)
give, after every step, the pixels of a full draw of the same data."""

from __future__ import annotations

import numpy as np
from helpers.live_drift import DriftMachine, drift_night_fixture, run_drift  # noqa: F401
from helpers.screens import KINDS, Screen, full_draw
from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule

from resultsdesk.desk.live_charts import timeline_data


class FramesDrift(DriftMachine):
    def __init__(self) -> None:
        super().__init__()
        self.screens = {kind: Screen(kind) for kind in KINDS}
        self.provisional = False
        self.named = 10

    @rule(provisional=st.booleans(), named=st.sampled_from([10, 2, 1]))
    def view_menu(self, provisional, named):
        self.steps.append(f"provisional={provisional} named={named}")
        self.provisional, self.named = provisional, named

    def data(self, kind: str):
        night, named = self.kept, self.kept.named_parties(self.named)
        if kind == "seats":
            return night.seat_chart_data(show_provisional=self.provisional, named=named)
        if kind == "chamber":
            return night.hemicycle_data(show_provisional=self.provisional, named=named)
        if kind == "shares":
            return night.vote_share_data(named)
        return timeline_data(night, named)

    @invariant()
    def frames_are_full_draws(self):
        self.kept.refresh()
        for kind, screen in self.screens.items():
            data = self.data(kind)
            screen.show(data)
            assert np.array_equal(screen.pixels(), full_draw(kind, data)), (kind, self.steps)


def test_frames_match_full_draws_all_night(drift_night):
    run_drift(FramesDrift, drift_night, examples=4, steps=30)
