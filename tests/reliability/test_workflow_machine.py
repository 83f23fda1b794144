"""The declaration workflow driven by a state machine (helpers/workflow_machine.py) on a
SQLite file that is an open desk: several people, some typing their names in look-alike
spellings, declaring, verifying, rejecting, withdrawing, correcting, recounting and
drawing lots on three seats, with the four-eyes rule, the refusals, the audit chain and
the live night's kept totals checked after every step. Deterministic (derandomize)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from helpers.desk_target import ELECTION, _nominate
from helpers.workflow_machine import Actor, WorkflowMachine, result_files, spellings
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from resultsdesk.desk.election import init_election
from resultsdesk.desk.session import open_desk
from resultsdesk.store import Store

MACHINE_SETTINGS = settings(derandomize=True, deadline=None, database=None, max_examples=40,
                            stateful_step_count=50,
                            suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def open_desk_night(tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    """A new election of the machine's seats with no accounts (an open desk: names typed),
    and each seat's result file."""
    folder = tmp_path_factory.mktemp("machine")
    path = folder / "night.db"
    init_election(path, ELECTION).close()
    with open_desk(path) as desk:
        _nominate(desk, folder, "ann")
    return path, result_files(folder)


def _open_desk_machine(template: Path, files: dict[str, Path]) -> type[WorkflowMachine]:
    class OpenDeskMachine(WorkflowMachine):
        import_files = files

        def __init__(self) -> None:
            super().__init__()
            self.folder = Path(tempfile.mkdtemp(prefix="machine-"))
            shutil.copyfile(template, self.folder / "night.db")
            self.reader = Store(self.folder / "night.db")
            self.actors = [Actor(raw, person, self.reader)
                           for person, raws in spellings().items() for raw in raws]
            self.start()

        def teardown(self) -> None:
            self.reader.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    return OpenDeskMachine


def test_workflow_holds_its_rules_at_every_step(open_desk_night):
    run_state_machine_as_test(_open_desk_machine(*open_desk_night), settings=MACHINE_SETTINGS)
