"""The declaration workflow's state machine (helpers/workflow_machine.py) on a server:
alice and bob (desk) and ann (admin) each on a connection of their own, naming themselves
as typed (case, spaces), eve (editor) and a desk naming someone else refused; the server
checks four eyes itself and verifies only a blind re-key. A smaller run than the file's
(tests/reliability/test_workflow_machine.py): each example is a new server database."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.desk_target import server_target
from helpers.workflow_machine import Actor, WorkflowMachine, result_files
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

MACHINE_SETTINGS = settings(derandomize=True, deadline=None, database=None, max_examples=8,
                            stateful_step_count=40,
                            suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    return result_files(tmp_path)


def test_server_workflow_holds_its_rules_at_every_step(pg_cluster, tmp_path, files):
    folders = iter(range(1_000))

    class ServerMachine(WorkflowMachine):
        import_files = files

        def __init__(self) -> None:
            super().__init__()
            folder = tmp_path / f"example-{next(folders)}"
            folder.mkdir()
            self.target = server_target(pg_cluster, folder)
            t = self.target
            # eve, an editor, reads every version's figures (the server's administrator, no
            # editor, reads those awaiting verification as none: blind means blind).
            self.reader = t.open("eve")
            self.recorded = {t.name("alice"): "alice", t.name("bob"): "bob",
                             t.name("ann"): "carol"}
            desks = {short: t.open(short) for short in ("alice", "bob", "ann", "eve")}
            self.actors = [
                Actor(spelt, person, desks[short])
                for short, person in (("alice", "alice"), ("bob", "bob"), ("ann", "carol"))
                for spelt in (t.name(short), t.name(short).upper(), f" {t.name(short)} ")]
            self.actors += [Actor(t.name("eve"), "", desks["eve"]),
                            Actor(t.name("bob"), "", desks["alice"])]
            self.start()

        def can_check(self, how: str) -> bool:
            return how != "check"  # a server verifies only a blind re-key

        def teardown(self) -> None:
            self.target.close()

    run_state_machine_as_test(ServerMachine, settings=MACHINE_SETTINGS)
