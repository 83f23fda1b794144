"""Time broadcast exports on the 2024 night: a UHD PNG (3840 x 2160) of the hemicycle and of
the seat chart, from the chart built and filled to the file written (target < 1 s each).

    python benchmarks/bench_export.py [--runs 5] [--size uhd]

Prints the median and the fastest of the runs as a table; figures, never test asserts.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from resultsdesk.charts.export import render
from resultsdesk.desk import graphics
from resultsdesk.desk.election import build_bundled_election
from resultsdesk.store import Store

TARGET_S = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", default="uhd")
    parser.add_argument("--kinds", default="hemicycle,seats")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "night-2024.db"
        build_bundled_election(db, with_results=True)
        with Store(db) as store:
            night = graphics.night_state(store)
            print(f"median of {args.runs} runs, {args.size} PNG, 2024 night (650 seats)")
            print(f"{'graphic':<12}{'median s':>10}{'fastest s':>11}{'KB':>8}  target")
            for kind in args.kinds.split(","):
                times, size = [], 0
                for i in range(args.runs):
                    out = Path(folder) / f"{kind}-{i}.png"
                    start = time.perf_counter()
                    chart = graphics.chart_for(kind, night, store, constituency="Hendon")
                    render(chart, out, args.size)
                    times.append(time.perf_counter() - start)
                    size = out.stat().st_size
                median = statistics.median(times)
                flag = "ok" if median < TARGET_S else "SLOW"
                print(f"{kind:<12}{median:>10.3f}{min(times):>11.3f}{size / 1024:>8.0f}  "
                      f"< {TARGET_S:g} s {flag}")


if __name__ == "__main__":
    main()
