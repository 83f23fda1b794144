"""Peak memory (RSS) of the app on the 2024 night, in the benchmark layout.

    python benchmarks/bench_rss.py [--quick]

A child process (`gui_child.py --json`, fresh settings) opens the real main window with the
three charts on screen and reports its peak RSS (`peak_rss.py`: VmHWM) once they
have painted. Anchor, in the same run: the peak RSS of `python3 -c "import
PySide6.QtWidgets, matplotlib"` (what any Qt app drawing with matplotlib starts from).
The goal is absolute: ≤ 200 MB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import figure, fresh_env, night_2024, temp_folder

HERE = Path(__file__).resolve().parent
ANCHOR = ("peak RSS of python3 -c 'import PySide6.QtWidgets, matplotlib'",
          f"import sys; sys.path.insert(0, {str(HERE)!r}); "
          "import PySide6.QtWidgets, matplotlib; "
          "from peak_rss import peak_rss_mb; print(peak_rss_mb())")


def gui_report(db: Path, env: dict) -> dict:
    done = subprocess.run([sys.executable, str(HERE / "gui_child.py"), str(db), "--json"],
                          env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(quick: bool = False) -> list[dict]:
    runs = 1 if quick else 3
    with temp_folder() as tmp:
        env = fresh_env(tmp)
        db = night_2024()
        rss, anchor = [], []
        for _ in range(runs):
            done = subprocess.run([sys.executable, "-c", ANCHOR[1]], env=env,
                                  capture_output=True, text=True, check=True)
            anchor.append(float(done.stdout.split()[-1]))
            rss.append(gui_report(db, env)["maxrss_mb"])
    return [figure("peak RSS, GUI on the 2024 night (three charts)", max(rss), "MB",
                   ANCHOR[0], statistics.median(anchor), "≤ 200 MB")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    for row in measure(args.quick):
        print(f"{row['measure']}: {row['value']:.0f} MB ({row['anchor']}: "
              f"{row['anchor_value']:.0f} MB, ×{row['ratio']:.2f}; goal {row['goal']})")


if __name__ == "__main__":
    main()
