"""The 2024 import in-process against `pandas.read_csv` of the same files.

    python benchmarks/bench_import.py [--quick]

Subject: into a new election database, the HoC by-candidate file with its by-constituency
file (nominations and verified results, `import_results`) and the notional 2019 baseline
(`import_baseline`); the time to create the empty database, measured alone, is taken off.
Anchor: `pandas.read_csv` of the same three files (the standard library's `csv.reader`
when pandas is not installed, said so). Process (CPU) time, medians of alternated runs;
the wall time is given beside it.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import figure, interleaved

from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_baseline, import_results
from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2024, NOTIONAL_2019, data_file

GOAL = "≤ 5×"


def files() -> list[Path]:
    return [data_file(name) for name in (ELECTION_2024, CONSTITUENCIES_2024, NOTIONAL_2019)]


def _anchor() -> tuple[str, object]:
    try:
        import pandas
    except ImportError:
        def read_all() -> None:
            for path in files():
                with path.open(encoding="utf-8-sig", newline="") as fh:
                    list(csv.reader(fh))
        return "csv.reader of the same 3 files (pandas not installed)", read_all

    def read_all() -> None:
        for path in files():
            pandas.read_csv(path)
    return "pandas.read_csv of the same 3 files", read_all


def measure(quick: bool = False) -> list[dict]:
    candidates, constituencies, notional = files()
    label, anchor = _anchor()
    with tempfile.TemporaryDirectory(prefix="resultsdesk-bench-import-") as tmp:
        counter = itertools.count()

        def subject() -> None:
            with init_election(Path(tmp) / f"import-{next(counter)}.db", "bench") as store:
                import_results(store, candidates, constituencies=constituencies)
                import_baseline(store, notional)

        # The new database is part of the subject; measured alone and taken off, so the
        # figure is the import (the schema is not).
        def empty() -> None:
            init_election(Path(tmp) / f"empty-{next(counter)}.db", "bench").close()

        pairs = 2 if quick else 9
        seconds, anchor_seconds, wall = interleaved(subject, anchor, pairs)
        create, _, create_wall = interleaved(empty, lambda: None, pairs)
    value = max(seconds - create, 0.0)
    return [{**figure("GE2024 import in-process (nominations, results, baseline)",
                      value * 1000, "ms", label, anchor_seconds * 1000, GOAL),
             "wall_ms": round(max(wall - create_wall, 0.0) * 1000, 1)}]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    for row in measure(args.quick):
        print(f"{row['measure']}: {row['value']:.1f} {row['unit']}; {row['anchor']}: "
              f"{row['anchor_value']:.1f} {row['unit']}; ratio {row['ratio']:.1f}× "
              f"(goal {row['goal']})")


if __name__ == "__main__":
    main()
