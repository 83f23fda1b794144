"""Suites that cross the layers to check what must hold whatever happens: a desk killed
mid-write (crash safety), two desks at once (concurrency), broken and hostile files, file
edge cases, the one error model, the log. They run the desk in subprocesses
(helpers/crash_writer.py, helpers/desk_worker.py), check files from outside with
helpers.dbcheck, and scale with RESULTSDESK_STRESS (helpers.scale). The hostile-input suites
share the real HoC 2024 file as a table (ge2024) and the databases an import can land in
(templates)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers.hostile_files import Table
from helpers.locations import GE2024

from resultsdesk.desk.election import init_election


@pytest.fixture(scope="module")
def ge2024() -> Table:
    with GE2024.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


@pytest.fixture(scope="module")
def templates(tmp_path_factory, _nominations_2024, _night_2024) -> dict[str, Path]:
    """Where an import can land: a new empty election, the 2024 nominations, the 2024 night."""
    empty = tmp_path_factory.mktemp("empty") / "empty.db"
    init_election(empty, "Empty election").close()
    return {"empty": empty, "nominations": _nominations_2024, "night": _night_2024}
