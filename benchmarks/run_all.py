"""ResultsDesk benchmarks: `python benchmarks/run_all.py [--quick]` prints a table.

Measures what the night depends on (targets from the reliability issue):
  import of the 2024 file (< 1 s) and of a synthetic 10,000-seat / 80,000-candidate file;
  a verified declaration committed -> every open view redrawn, 650 and 10,000 seats
  (median < 50 ms and < 250 ms);
  cold start to an interactive main window on the 2024 database (< 2 s);
  `summary` on 10,000 seats; peak memory (RSS) of the app on the 2024 night (< 300 MB).
Timings are wall-clock on whatever machine runs this; they are figures, never test asserts.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_election

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.election import build_bundled_election, init_election
from resultsdesk.desk.imports import import_candidates, import_results
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store

ROWS: list[tuple[str, str, str]] = []


def report(what: str, figure: str, target: str = "") -> None:
    ROWS.append((what, figure, target))
    print(f"{what:<58}{figure:>18}  {target}", flush=True)


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def bench_imports(folder: Path) -> Path:
    seconds, _ = timed(build_bundled_election, folder / "night.db", with_results=True)
    report("import 2024 (4,515 candidates) + baseline, new database", f"{seconds:.2f} s", "< 1 s")
    synthetic = write_election(folder / "synthetic-10000.csv", 10_000, 8)
    store = init_election(folder / "big.db", "Synthetic 10,000")
    seconds, _ = timed(import_results, store, synthetic)
    report("import synthetic 10,000 seats / 80,000 candidates", f"{seconds:.2f} s")
    seconds, _ = timed(national_summary, store)
    report("summary on 10,000 seats", f"{seconds * 1000:.0f} ms")
    store.close()
    return synthetic


def _half_declared(folder: Path, name: str, source: Path | None, seats: int) -> Path:
    """A night with every other seat verified, the rest awaiting (nominations only)."""
    path = folder / name
    if source is None:
        build_bundled_election(path, with_results=False)
    else:
        with init_election(path, name) as store:
            import_candidates(store, source)
    with Store(path) as store:
        codes = [r["code"] for r in store.query("SELECT code FROM constituencies ORDER BY code")]
        rng = random.Random(1)
        for code in codes[: seats // 2]:
            _declare_and_verify(store, code, rng)
    return path


def _declare_and_verify(store: Store, code: str, rng: random.Random) -> None:
    sheet = dk.load_sheet(store, code)
    votes = [rng.randint(100, 5000) for _ in sheet.candidates]
    every = WARNING_CODES
    dk.declare(store, code, user="bench-a", figures=Figures(votes, 10), overrides=every)
    dk.verify(store, code, user="bench-b", votes=None)


def bench_updates(path: Path, label: str, runs: int) -> None:
    """Commit a verified declaration from a second connection, then time until the window
    has noticed it and every view (tables, strip, charts) has redrawn."""
    from PySide6.QtWidgets import QApplication

    from resultsdesk.ui.app import application
    from resultsdesk.ui.main_window import MainWindow

    _app = application()  # held: Qt needs the application alive
    from PySide6.QtCore import QSettings

    # The default layout (one chart tab on screen), not whatever this machine's user saved.
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      tempfile.mkdtemp(prefix="resultsdesk-bench-settings-"))
    window = MainWindow(path, user="bench")
    window.resize(1920, 1080)
    window.show()
    QApplication.processEvents()
    samples = []
    with Store(path) as other:
        awaiting = [r["code"] for r in other.query(
            "SELECT code FROM constituencies k WHERE NOT EXISTS (SELECT 1 FROM declarations d "
            "WHERE d.constituency_id = k.id) ORDER BY code")]
        rng = random.Random(2)
        for code in awaiting[:runs]:
            _declare_and_verify(other, code, rng)
            start = time.perf_counter()
            window.refresh_if_changed()
            QApplication.processEvents()  # runs the charts' pending draws and the repaints
            samples.append(time.perf_counter() - start)
    window.close()
    med = statistics.median(samples) * 1000
    p95 = sorted(samples)[max(0, int(len(samples) * 0.95) - 1)] * 1000
    target = "< 50 ms" if "650" in label else "< 250 ms"
    report(f"commit -> all views redrawn, {label} (median / p95)",
           f"{med:.0f} / {p95:.0f} ms", target)


COLD_START = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
app = application()
w = MainWindow(sys.argv[1], user="bench")
w.show()
QApplication.processEvents()
print(time.perf_counter(), flush=True)
import resource
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""


def bench_cold_start(path: Path) -> None:
    times, rss = [], []
    for _ in range(3):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", COLD_START, str(path)], check=True,
                             capture_output=True, text=True).stdout.split()
        times.append(time.perf_counter() - start)
        rss.append(int(out[1]) / 1024)
    report("cold start to an interactive main window, 2024 night",
           f"{statistics.median(times):.2f} s", "< 2 s")
    report("peak memory (RSS) of the app, 2024 night", f"{max(rss):.0f} MB", "< 300 MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer update samples")
    args = parser.parse_args()
    runs = 10 if args.quick else 40
    print(f"{'what':<58}{'measured':>18}  target")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        synthetic = bench_imports(folder)
        bench_cold_start(folder / "night.db")
        bench_updates(_half_declared(folder, "half-650.db", None, 650), "650 seats", runs)
        bench_updates(_half_declared(folder, "half-10000.db", synthetic, 10_000),
                      "10,000 seats", max(5, runs // 2))


if __name__ == "__main__":
    main()
