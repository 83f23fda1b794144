"""Start-up of the command line against bare Python: `python3 benchmarks/bench_startup.py`.

Runs each command N times as a fresh process (`python3 -m resultsdesk ...`) and prints the
median wall time and its ratio to `python3 -c "import sqlite3, json, argparse"` (the floor:
an interpreter that imports what any command needs). Also lists any heavy package
(pandas, numpy, matplotlib, PySide6) that `import resultsdesk.cli` pulls in.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("pandas", "numpy", "matplotlib", "PySide6")


def median_seconds(argv: list[str], runs: int, env: dict) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def heavy_imports(env: dict) -> list[str]:
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import resultsdesk.cli"],
                          env=env, capture_output=True, text=True, check=True)
    found = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines()}
    return sorted(found & set(HEAVY))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": str(root), "XDG_DATA_HOME": f"{tmp}/data"}
        db = Path(tmp) / "night.db"
        subprocess.run([sys.executable, "-c", "import sys; from resultsdesk.desk.election "
                        "import build_bundled_election as b; b(sys.argv[1], with_results=True)",
                        str(db)], env=env, check=True)
        py = [sys.executable]
        rows = [("python3 -c 'import sqlite3, json, argparse'",
                 [*py, "-c", "import sqlite3, json, argparse"]),
                ("resultsdesk --version", [*py, "-m", "resultsdesk", "--version"]),
                ("resultsdesk summary --json (2024 night)",
                 [*py, "-m", "resultsdesk", "summary", "--db", str(db), "--json"])]
        floor = None
        for label, argv in rows:
            seconds = median_seconds(argv, args.runs, env)
            floor = floor or seconds
            print(f"{label:<45}{seconds * 1000:>8.0f} ms  x{seconds / floor:.1f}")
        print(f"heavy packages imported by resultsdesk.cli: {heavy_imports(env) or 'none'}")


if __name__ == "__main__":
    main()
