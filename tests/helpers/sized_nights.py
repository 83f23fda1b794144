"""Synthetic nights of any size (`benchmarks/synthetic.py`), every seat nominated and the
first half verified, for tests of the *shape* of work: what an interaction reads or calls is
compared at two sizes of night, never timed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from helpers.desk_target import trimmed
from helpers.locations import ROOT
from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_candidates, import_results


def synthetic():
    """benchmarks/synthetic.py, loaded from its file (benchmarks is not a package)."""
    spec = importlib.util.spec_from_file_location("synthetic",
                                                  ROOT / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seat_code(i: int) -> str:
    return f"E{14000000 + i:08d}"  # synthetic.py's codes


def half_verified(folder: Path, seats: int) -> Path:
    """A night of `seats` seats in `folder`, the first half verified by import."""
    every = synthetic().write_election(folder / f"all-{seats}.csv", seats)
    db = folder / "night.db"
    with init_election(db, f"Synthetic {seats}") as store:
        import_candidates(store, every)
        import_results(store, trimmed(every, folder / f"half-{seats}.csv",
                                      tuple(seat_code(i) for i in range(seats // 2))))
    return db
