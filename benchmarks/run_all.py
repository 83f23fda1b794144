"""Every figure of issue 15, each against its anchor measured in the same run.

    python3 benchmarks/run_all.py [--json OUT] [--quick]

Collects the figures of the modules in MODULES, each exposing
`measure(quick: bool = False) -> list[dict]` (dicts with measure, value, unit, anchor,
anchor_value, ratio, goal: `common.figure`), prints them as a table and, with --json,
writes them (plus the machine's load and the time) to OUT. A module not present yet, or
one that fails, is reported as "not measured" with the reason; the run goes on.

Each module is measured in a process of its own (`--child`), as when it runs alone: one
module's leftovers (the 50,000-seat nights `bench_live` builds, a heap the collector then
walks) never slow the next. Their child processes get a fresh settings and data folder
(`common.fresh_env`); GUI figures use
one fixed window layout with the three charts on screen (`gui_child.show_all_charts`).
`--quick` takes one or two samples of each, for CI's smoke run: it catches breakage and
never judges a time. Timings are whatever this machine gives; compare ratios, not times.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# In the order of the table; a tuple is one figure's module under the names it may
# have (the first present with a measure() is used). bench_live (data work per
# verification) and the verification -> views module are written alongside.
MODULES: tuple[str | tuple[str, ...], ...] = (
    ("bench_views", "bench_charts"), "bench_map", "bench_live", "bench_import",
    "bench_startup", "bench_svg", "bench_rss", "bench_long_night")


def _not_measured(module: str, why: str) -> dict:
    return {"measure": module, "value": None, "unit": "", "anchor": "", "anchor_value": None,
            "ratio": None, "goal": "", "module": module, "status": f"not measured: {why}"}


def _measure_function(names: tuple[str, ...]):
    """(module name, its measure) for the first of `names` that has one, else (names
    joined, why not)."""
    why = "module not present yet"
    for name in names:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                why = f"{name} cannot import {exc.name}"
            continue
        measure = getattr(module, "measure", None)
        if measure is not None:
            return name, measure
        why = f"{name} has no measure(quick) yet"
    return " or ".join(names), why


def measure_here(names: tuple[str, ...], quick: bool) -> list[dict]:
    """The figures of the first of `names` with a measure(), in this process; a module not
    there, or one that fails, as one "not measured" row."""
    name, measure = _measure_function(names)
    if isinstance(measure, str):
        return [_not_measured(name, measure)]
    try:
        figures = measure(quick=quick)
    except Exception as exc:  # one broken module must not hide the others' figures
        traceback.print_exc()
        return [_not_measured(name, f"{type(exc).__name__}: {exc}")]
    return [{**row, "module": name, "status": "measured"} for row in figures]


def _measure_apart(names: tuple[str, ...], quick: bool) -> list[dict]:
    """`measure_here` in a child process (this script with --child), its rows back."""
    with tempfile.TemporaryDirectory(prefix="resultsdesk-bench-") as tmp:
        out = Path(tmp) / "rows.json"
        argv = [sys.executable, str(Path(__file__).resolve()), "--child-out", str(out),
                *(["--quick"] if quick else []), *(a for n in names for a in ("--child", n))]
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
        sys.stderr.write(done.stderr)
        if done.returncode == 0 and out.exists():
            return json.loads(out.read_text(encoding="utf-8"))
        last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        return [_not_measured(" or ".join(names), f"the child process failed: {last}")]


def collect(quick: bool, modules=MODULES) -> list[dict]:
    rows: list[dict] = []
    for entry in modules:
        names = (entry,) if isinstance(entry, str) else tuple(entry)
        started = time.perf_counter()
        figures = _measure_apart(names, quick)
        rows.extend(figures)
        print(f"  {figures[0]['module']}: {len(figures)} figures in "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return rows


def _number(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"


def table(rows: list[dict]) -> str:
    lines = ["| measure | value | anchor | anchor value | ratio | goal |",
             "| --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        if r.get("status", "measured") != "measured":
            lines.append(f"| {r['measure']} | {r['status']} | | | | |")
            continue
        unit = r["unit"]
        ratio = "–" if r["ratio"] is None or math.isnan(r["ratio"]) else f"{r['ratio']:.1f}×"
        lines.append(f"| {r['measure']} | {_number(r['value'])} {unit} | {r['anchor']} | "
                     f"{_number(r['anchor_value'])} {unit} | {ratio} | {r['goal']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", metavar="OUT", help="write the figures to this JSON file")
    parser.add_argument("--quick", action="store_true",
                        help="one or two samples of each: a smoke run, not figures to quote")
    parser.add_argument("--only", metavar="MODULE", action="append",
                        help="run only this module (repeatable)")
    parser.add_argument("--child", action="append", help=argparse.SUPPRESS)
    parser.add_argument("--child-out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:  # one module's figures, measured in this process for the parent
        rows = measure_here(tuple(args.child), args.quick)
        Path(args.child_out).write_text(json.dumps(rows), encoding="utf-8")
        return 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    rows = collect(args.quick, tuple(args.only) if args.only else MODULES)
    print(table(rows))
    if args.json:
        report = {"quick": args.quick, "python": platform.python_version(),
                  "machine": platform.machine(), "cpus": os.cpu_count(),
                  "load_before": load,
                  "load_after": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
                  "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "figures": rows}
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
