"""Start-up against bare Python, each a fresh process with fresh settings:

    python benchmarks/bench_startup.py [--quick]

- `resultsdesk --version` and `resultsdesk summary --json` on the 2024 night against
  `python3 -c "import sqlite3, json, argparse"` (an interpreter importing what any
  command needs);
- the first window with its three charts painted (`gui_child.py`, the benchmark layout)
  against `python3 -c "import PySide6.QtWidgets, matplotlib"`.
Figures are process time (user + system CPU of the child, steadier than wall time on a
shared machine), medians of runs alternating subject and anchor; the window's wall time is
given too. Also lists the heavy packages loaded.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import figure, fresh_env, night_2024, run_times, temp_folder

HERE = Path(__file__).resolve().parent
CLI_ANCHOR = ("python3 -c 'import sqlite3, json, argparse'",
              [sys.executable, "-c", "import sqlite3, json, argparse"])
GUI_ANCHOR = ("python3 -c 'import PySide6.QtWidgets, matplotlib'",
              [sys.executable, "-c", "import PySide6.QtWidgets, matplotlib"])


def _pairs(subject: list[str], anchor: list[str], runs: int, env: dict,
           warm: bool = True) -> tuple[float, float, float]:
    """Median process seconds (user + system CPU) of `subject` and of `anchor`, run in
    alternation, and the subject's median wall seconds; first one untimed run of each
    (`warm`) fills the bytecode cache, as an installed app has it."""
    if warm:
        run_times(anchor, env)
        run_times(subject, env)
    a, s, wall = [], [], []
    for _ in range(runs):
        a.append(run_times(anchor, env)[1])
        w, cpu = run_times(subject, env)
        s.append(cpu)
        wall.append(w)
    return statistics.median(s), statistics.median(a), statistics.median(wall)


def heavy_modules(argv: list[str], env: dict) -> list[str]:
    """Heavy packages a command imports, from `python -X importtime`."""
    done = subprocess.run([sys.executable, "-X", "importtime", *argv], env=env,
                          capture_output=True, text=True, check=True)
    found = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines()
             if "|" in line}
    return sorted(found & {"pandas", "numpy", "matplotlib", "PySide6", "sqlite_utils"})


def measure(quick: bool = False, gui: bool = True) -> list[dict]:
    runs = 1 if quick else 11
    with temp_folder() as tmp:
        env = fresh_env(tmp)
        db = night_2024()
        cli = [sys.executable, "-m", "resultsdesk"]
        out = []
        for label, argv, goal in (
                ("resultsdesk --version", [*cli, "--version"], "≤ 2×"),
                ("resultsdesk summary --json, 2024 night",
                 [*cli, "summary", "--db", str(db), "--json"], "≤ 3×")):
            seconds, anchor, _wall = _pairs(argv, CLI_ANCHOR[1], runs, env, warm=not quick)
            out.append(figure(label, seconds * 1000, "ms", CLI_ANCHOR[0], anchor * 1000, goal))
        if not gui:
            return out
        gui = [sys.executable, str(HERE / "gui_child.py"), str(db)]
        seconds, anchor, wall = _pairs(gui, GUI_ANCHOR[1], max(1, runs // 2), env,
                                       warm=not quick)
        # The ratio in process time; the absolute goal (1.5 s on an idle machine) is wall
        # time, given beside it.
        out.append({**figure("first window with three charts painted, 2024 night",
                             seconds * 1000, "ms", GUI_ANCHOR[0], anchor * 1000,
                             "≤ 1.5× and ≤ 1500 ms wall idle"),
                    "wall_ms": round(wall * 1000, 1)})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--cli", action="store_true",
                        help="only the command-line rows (no window)")
    args = parser.parse_args()
    for row in measure(args.quick, gui=not args.cli):
        print(f"{row['measure']:<52}{row['value']:>8.0f} ms  {row['anchor']}: "
              f"{row['anchor_value']:.0f} ms  ×{row['ratio']:.2f} (goal {row['goal']})")
    with temp_folder() as tmp:
        env = fresh_env(tmp)
        print("heavy packages imported by resultsdesk --version:",
              heavy_modules(["-m", "resultsdesk", "--version"], env) or "none")
        db = night_2024()
        print("heavy packages imported by resultsdesk summary --json:",
              heavy_modules(["-m", "resultsdesk", "summary", "--db", str(db), "--json"], env)
              or "none")
        if args.cli:
            return
        done = subprocess.run([sys.executable, str(HERE / "gui_child.py"), str(db), "--json"],
                              env=env, capture_output=True, text=True, check=True)
        print("heavy packages in the GUI:", json.loads(done.stdout)["modules"])


if __name__ == "__main__":
    main()
