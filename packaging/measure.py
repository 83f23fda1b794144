"""Start-up figures for packaging/README.md: the bundle against the source checkout.

    python3 packaging/measure.py [--runs 5] [--drop-caches] [--no-gui]

Needs a built bundle (packaging/build.sh). Measures, for `dist/resultsdesk/resultsdesk` and
for `python3 -m resultsdesk` from this checkout:
  * `--version` (imports the whole CLI and store),
  * `summary --db X` on the full 2024 night (X is built first, with the bundle),
  * time to the main window of `demo` under Xvfb (packaging/check-gui.sh; needs xvfb-run).
The first run of each is "cold" only with --drop-caches (root: drops the page cache of the
whole machine first); the median is over warm runs. All runs use throw-away XDG folders.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "resultsdesk"
FROZEN = [str(BUNDLE / "resultsdesk")]
SOURCE = [sys.executable, "-m", "resultsdesk"]
DATA = ROOT / "resources" / "data"


def drop_caches() -> None:
    subprocess.run(["sync"], check=True)
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def window_time(cmd: list[str], env: dict[str, str]) -> float:
    run = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24",
                          str(ROOT / "packaging" / "check-gui.sh"), "--wait", "0", "--", *cmd],
                         env=env, cwd=ROOT, capture_output=True, text=True)
    # xvfb-run can exit 5 ("problem while cleaning up temporary directory") after the check
    # itself succeeded: the figure is what check-gui.sh printed.
    match = re.search(r"window-seconds=([\d.]+)", run.stdout)
    if not match:
        raise RuntimeError(f"no window (exit {run.returncode}): {run.stdout}{run.stderr}")
    if run.returncode:
        print(f"  (xvfb-run exit {run.returncode}: {run.stderr.strip()})", file=sys.stderr)
    return float(match.group(1))


def series(label: str, measure, runs: int, cold: bool) -> str:
    first = None
    if cold:
        drop_caches()
        first = measure()
    warm = [measure() for _ in range(runs)]
    cold_text = f"{first:.2f} s" if first is not None else "n/a"
    return f"| {label} | {cold_text} | {statistics.median(warm):.2f} s | {min(warm):.2f} s |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--drop-caches", action="store_true")
    parser.add_argument("--no-gui", action="store_true")
    args = parser.parse_args()
    if not Path(FROZEN[0]).exists():
        sys.exit("measure.py: no bundle; run packaging/build.sh first")

    scratch = Path(tempfile.mkdtemp())
    env = dict(os.environ, XDG_CONFIG_HOME=str(scratch / "config"),
               XDG_DATA_HOME=str(scratch / "data"), XDG_CACHE_HOME=str(scratch / "cache"),
               QT_QPA_PLATFORM="offscreen")
    db = scratch / "night.db"
    for step in (["init", "--name", "UK GE 2024"],
                 ["import", "results", str(DATA / "HoC-GE2024-results-by-candidate.csv"),
                  "--constituencies", str(DATA / "HoC-GE2024-results-by-constituency.csv")],
                 ["import", "baseline", str(DATA / "notional-GE2019-on-2024-boundaries.csv")]):
        subprocess.run([*FROZEN, *step, "--db", str(db)], check=True, env=env, cwd=ROOT,
                       stdout=subprocess.DEVNULL)

    size = subprocess.run(["du", "-sh", str(BUNDLE)], capture_output=True, text=True,
                          check=True).stdout.split()[0]
    print(f"Bundle: {BUNDLE.relative_to(ROOT)} {size}; {os.cpu_count()} cores\n")
    print("| what | first run" + (" (page cache dropped)" if args.drop_caches else "")
          + " | median warm | best warm |")
    print("|---|---|---|---|")
    for name, cmd in (("bundle", FROZEN), ("source", SOURCE)):
        print(series(f"{name}: `--version`", lambda c=cmd: timed([*c, "--version"], env),
                     args.runs, args.drop_caches), flush=True)
    for name, cmd in (("bundle", FROZEN), ("source", SOURCE)):
        print(series(f"{name}: `summary --db X`",
                     lambda c=cmd: timed([*c, "summary", "--db", str(db)], env),
                     args.runs, args.drop_caches), flush=True)
    if not args.no_gui and shutil.which("xvfb-run"):
        for name, cmd in (("bundle", FROZEN), ("source", SOURCE)):
            print(series(f"{name}: `demo` to main window (Xvfb)",
                         lambda c=cmd: window_time([*c, "demo"], env),
                         max(1, args.runs // 2), args.drop_caches), flush=True)
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
