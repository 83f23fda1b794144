"""The audit chain's cost: `python benchmarks/bench_audit.py [--desk]` prints a table.

  import of the 2024 results (every declaration sealed and chained) and of 10,000 seats;
  `check_audit_chain` (what the app runs on opening a database, off the GUI thread) on the
  2024 night and on 10,000 imported seats; with --desk also on 10,000 seats each declared and
  verified through the desk (20,000 entries; building it takes minutes).
Timings are wall-clock on whatever machine runs this; they are figures, never test asserts.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_election

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_candidates, import_results
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2024, data_file
from resultsdesk.store import Store

ALL_WARNINGS = WARNING_CODES


def report(what: str, figure: str) -> None:
    print(f"{what:<62}{figure:>20}", flush=True)


def timed_import(path: Path, source: Path, constituencies: Path | None) -> float:
    with init_election(path, path.stem) as store:
        start = time.perf_counter()
        import_results(store, source, constituencies=constituencies)
        return time.perf_counter() - start


def timed_check(path: Path, label: str, runs: int = 5) -> None:
    with Store(path) as store:
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            result = check_audit_chain(store)
            samples.append(time.perf_counter() - start)
    assert result.intact, result.summary()
    report(f"check, {label} ({result.entries:,} entries), median",
           f"{statistics.median(samples) * 1000:.0f} ms")


def desk_night(folder: Path, source: Path) -> Path:
    path = folder / "desk-10000.db"
    with init_election(path, "desk") as store:
        import_candidates(store, source)
    rng = random.Random(1)
    with Store(path) as store:
        for (code,) in store._conn.execute("SELECT code FROM constituencies").fetchall():
            sheet = dk.load_sheet(store, code)
            votes = [rng.randint(1000, 20000) + i for i, _ in enumerate(sheet.candidates)]
            dk.declare(store, code, user="alice", figures=Figures(votes, 5),
                       overrides=ALL_WARNINGS)
            dk.verify(store, code, user="bob", votes=votes, invalid=5)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--desk", action="store_true",
                        help="also 10,000 seats declared and verified at the desk (slow)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        night = folder / "night.db"
        times = [timed_import(folder / f"n{i}.db", data_file(ELECTION_2024),
                              data_file(CONSTITUENCIES_2024)) for i in range(5)]
        report("import 2024 results (650 seats, 4,515 candidates), median",
               f"{statistics.median(times) * 1000:.0f} ms")
        timed_import(night, data_file(ELECTION_2024), data_file(CONSTITUENCIES_2024))
        synthetic = write_election(folder / "synthetic-10000.csv", 10_000, 8)
        big = folder / "big.db"
        report("import 10,000 seats / 80,000 candidates",
               f"{timed_import(big, synthetic, None):.2f} s")
        timed_check(night, "2024 night")
        timed_check(big, "10,000 seats imported")
        if args.desk:
            timed_check(desk_night(folder, synthetic), "10,000 seats declared at the desk", 3)


if __name__ == "__main__":
    main()
