"""One live night kept across a random night of desk work against a night read afresh
after every step (helpers/live_drift.py): another baseline imported mid-night, a seat and
its new parties imported mid-night, someone else signing in, the recount watch asked at
other thresholds mid-night, seats of no votes, ties and lots, recounts."""

from __future__ import annotations

import pytest
from helpers.agreement import agreement_night
from helpers.live_drift import DriftMachine
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test


@pytest.fixture(scope="module")
def night(tmp_path_factory):
    folder = tmp_path_factory.mktemp("drift")
    return agreement_night(folder), folder


MACHINE = settings(deadline=None, database=None, max_examples=30, stateful_step_count=60,
                   derandomize=True, suppress_health_check=list(HealthCheck))


def test_the_kept_night_never_drifts(night):
    path, folder = night
    machine = type("M", (DriftMachine,), {"template": path, "folder_of_files": folder})
    run_state_machine_as_test(machine, settings=MACHINE)
