"""One verification -> every view on screen updated, in the real main window, with the seat
chart, the chamber and the vote share all on screen; against anchors measured in the same run.

    python benchmarks/bench_views.py [--quick] [--seats 650 10000 50000] [--samples 60]

The window: a fresh settings folder, 1920 x 1080, the three chart docks side by side along
the bottom (fixed, whatever the machine's user saved). The night: synthetic
(`benchmarks/synthetic.py`), half its seats verified. Each sample commits one declaration
and its verification from a second connection, then times `refresh_if_changed()` and the
event loop until every canvas has drawn and painted.

Anchors, interleaved with the samples so the machine's load weighs on both alike:
  * a full matplotlib redraw of a 1200 x 600 two-panel figure (bars with value labels,
    lines with a legend), Agg;
  * an artist-only redraw of the same figure (background restored, ten bars and their
    labels drawn with `draw_artist`).
Samples: 60 verifications per size (half that at 50,000 seats). The p95 of 20, the second
slowest, moved past the goal with one slow step more or less; of 60 it is the fourth
slowest. Each sample is timed twice: wall time, and the CPU time of the GUI thread, where
every view is updated and drawn (`time.thread_time`). The p95 goal ("within 1.5x of the
median", for an idle machine) is judged on that CPU time: on an idle machine the two agree,
and on a shared one the wall clock's slowest samples are other tenants' (the host's steal:
1.5-1.7x wall against 1.37-1.45x CPU in three runs in one minute). Not the process's CPU
time: every 25 verifications a backup runs on a worker thread (at 50,000 seats its CPU put
the process's p95 at 1.6x while the wall p95 was 1.26x). The wall p95 is reported beside it.
What the slowest samples are, where the two clocks agree: a party's first seat (4 of the
58), a close result (a row into the recount watch, which repaints it, and the alert: 11 of
58 here, as the synthetic votes are uniform; ~2% of a real night), a backup.
`measure(quick)` returns the figures as dicts for `benchmarks/run_all.py --json`.
"""

from __future__ import annotations

import argparse
import atexit
import csv
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from gui_child import SIZE as WINDOW
from gui_child import bench_screen, show_all_charts

# Qt's offscreen screen is 800 x 800: without a bigger one the window was cut to 796 x 796
# and each chart measured at its 320 x 343 minimum (less drawing than a desk does).
_SCREEN = bench_screen()
if _SCREEN:
    atexit.register(os.unlink, _SCREEN)

from synthetic import write_election  # noqa: E402 (after the path it is found on)

# Its own data and cache folders (platformdirs reads XDG_*), emptied at exit: the backups a
# night's verifications make, and the charts' text memory, never go to the machine user's
# folders nor come from them (the figures would depend on what that user last drew).
_FOLDERS = tempfile.mkdtemp(prefix="resultsdesk-bench-views-home-")
os.environ["XDG_DATA_HOME"] = os.path.join(_FOLDERS, "data")
os.environ["XDG_CACHE_HOME"] = os.path.join(_FOLDERS, "cache")
atexit.register(shutil.rmtree, _FOLDERS, True)

FULL_ANCHOR = "full matplotlib redraw of a 1200\u00d7600 two-panel figure"
ARTIST_ANCHOR = "artist-only redraw of the same figure (10 bars + 10 labels)"
GOALS = {650: "\u2264 33 ms median", 10_000: "\u2264 100 ms median",
         50_000: "\u2264 400 ms median"}


# -- the night ----------------------------------------------------------------------------------

def half_declared(folder: Path, seats: int) -> Path:
    """A synthetic night of `seats`, every seat nominated and the first half verified
    (kept in `folder` between runs)."""
    from resultsdesk.desk.election import init_election
    from resultsdesk.desk.imports import import_candidates, import_results

    db = folder / f"half-{seats}.db"
    if db.exists():
        return db
    full = write_election(folder / f"synthetic-{seats}.csv", seats, 8)
    half = folder / f"synthetic-{seats}-half.csv"
    with full.open(encoding="utf-8", newline="") as src, \
            half.open("w", encoding="utf-8", newline="") as out:
        rows = csv.reader(src)
        writer = csv.writer(out, lineterminator="\r\n")
        header = next(rows)
        writer.writerow(header)
        code = header.index("ONS ID")
        keep = {f"E{14000000 + i:08d}" for i in range(seats // 2)}
        writer.writerows(r for r in rows if r[code] in keep)
    building = folder / f".building-{seats}.db"
    building.unlink(missing_ok=True)
    with init_election(building, f"Synthetic {seats:,}") as store:
        import_candidates(store, full)
        import_results(store, half)
    building.rename(db)
    return db


def declare_and_verify(store, code: str, rng: random.Random) -> None:
    """One seat declared at one desk and verified by blind re-key at another."""
    from resultsdesk.desk import declarations as dk
    from resultsdesk.domain.model import Figures
    from resultsdesk.domain.validation import WARNING_CODES

    sheet = dk.load_sheet(store, code)
    votes = [rng.randint(100, 5000) for _ in sheet.candidates]
    dk.declare(store, code, user="bench-a", figures=Figures(votes, 10),
               overrides=WARNING_CODES)
    dk.verify(store, code, user="bench-b", votes=None)


# -- the window ---------------------------------------------------------------------------------

def open_window(db: Path):
    """The main window on `db` with a fresh settings folder and the three charts on screen."""
    from PySide6.QtCore import QSettings

    from resultsdesk.ui.app import application
    from resultsdesk.ui.main_window import MainWindow

    app = application()
    # As the app's entry (ui.app.run_app) and gui_child.py: the charts' text memory read
    # before the window builds (none here: a fresh cache folder, `_FOLDERS`; finding that
    # folder loads platformdirs, as the app has it loaded before its first verification).
    from resultsdesk.ui.startup import recall_text

    recall_text()
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      tempfile.mkdtemp(prefix="resultsdesk-bench-settings-"))
    window = MainWindow(db, user="bench")
    views = show_all_charts(window)  # the one layout every window figure uses
    window.show()
    for _ in range(3):
        app.processEvents()
    if not all(v.on_screen() for v in views):
        raise RuntimeError("the bench layout does not show all three charts")
    if (window.width(), window.height()) != WINDOW:
        raise RuntimeError(f"the bench window is {window.width()} x {window.height()}, not "
                           f"{WINDOW[0]} x {WINDOW[1]} (a screen too small for it)")
    return app, window, views


def settle(app, canvases) -> None:
    """Run the event loop until no canvas has a draw pending, then once more (paints)."""
    for _ in range(20):
        app.processEvents()
        if not any(getattr(c, "_draw_pending", False) for c in canvases):
            break
    app.processEvents()


# -- anchors --------------------------------------------------------------------------------------

class Anchors:
    """The same-run reference figures: a full redraw, and an artist-only redraw."""

    def __init__(self) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.fig = Figure(figsize=(12, 6), dpi=100)
        self.canvas = FigureCanvasAgg(self.fig)
        left, right = self.fig.subplots(1, 2)
        parties = [f"P{i}" for i in range(10)]
        self.bars = list(left.bar(parties, range(10, 110, 10)))
        self.labels = [left.annotate(f"{10 * (i + 1)}", (i, 10 * (i + 1)), ha="center",
                                     va="bottom") for i in range(10)]
        left.set_title("Seats")
        for k in range(3):
            right.plot(range(50), [(i * (k + 1)) % 37 for i in range(50)], label=f"line {k}")
        right.legend()
        right.set_title("The night")
        self.left = left
        self.tick = 0
        self.canvas.draw()
        for a in self.bars + self.labels:
            a.set_animated(True)
        self.canvas.draw()
        self.background = self.canvas.copy_from_bbox(self.fig.bbox)

    def full(self) -> float:
        self.fig.stale = True
        start = time.perf_counter()
        self.canvas.draw()
        return time.perf_counter() - start

    def artists(self) -> float:
        self.tick += 1
        start = time.perf_counter()
        self.canvas.restore_region(self.background)
        for i, (bar, label) in enumerate(zip(self.bars, self.labels, strict=True)):
            height = 10 * (i + 1) + self.tick % 7
            bar.set_height(height)
            label.set_text(f"{height}")
            label.xy = (i, height)
            self.left.draw_artist(bar)
            self.left.draw_artist(label)
        self.canvas.blit(self.fig.bbox)
        return time.perf_counter() - start


# -- measuring ------------------------------------------------------------------------------------

def timed_draws(canvases, spent: list[float]) -> None:
    """Adds each canvas draw's time to spent[0] (the charts' share of a sample)."""
    for canvas in canvases:
        real = canvas.draw

        def draw(_real=real):
            start = time.perf_counter()
            try:
                _real()
            finally:
                spent[0] += time.perf_counter() - start

        canvas.draw = draw


def sample_night(kept: Path, samples: int, anchors: Anchors) -> dict[str, list[float]]:
    # On a copy: the samples declare seats, and a night kept between runs (--keep) would
    # run out of undeclared seats, each run measuring a later night than the one before.
    work = Path(tempfile.mkdtemp(prefix="resultsdesk-bench-night-"))
    db = work / kept.name
    shutil.copyfile(kept, db)
    try:
        return _sample(db, samples, anchors)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _sample(db: Path, samples: int, anchors: Anchors) -> dict[str, list[float]]:
    from resultsdesk.ui.startup import hold_collector, release_collector

    # As the app's entry does (ui.app.run_app): the collector held while the night loads
    # and the window builds, then, at the first paint, what was made so far frozen out of
    # its scans; without it, full collections over the night's objects land in samples.
    hold_collector()
    app, window, views = open_window(db)
    canvases = [v.canvas for v in views]
    settle(app, canvases)
    release_collector()  # a no-op once the first paint has released it
    # The window's one-off start-up work is done before sampling: its audit chain check
    # runs on a worker thread after the first paint (seconds at 50,000 seats, holding
    # Python's lock in turns with the samples); what is timed is the night's steady state.
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(300_000)
    app.processEvents()  # its result, queued to this thread
    if window.audit.result is None:
        raise RuntimeError("the window's audit check did not finish")
    return timed_samples(app, window, canvases, db, samples, anchors)


def timed_samples(app, window, canvases, db: Path, samples: int,
                  anchors: Anchors) -> dict[str, list[float]]:
    """`samples` verifications of the seats `db` has not declared yet, each committed from
    a second connection, then the window's refresh and the event loop until every canvas
    in `canvases` has drawn and painted, timed; the anchors beside each. Closes the window."""
    from resultsdesk.store import Store

    spent = [0.0]
    timed_draws(canvases, spent)
    out: dict[str, list[float]] = {"views": [], "views_cpu": [], "charts": [], "full": [],
                                   "artists": []}
    try:
        with Store(db) as other:
            awaiting = [r["code"] for r in other.query(
                "SELECT code FROM constituencies k WHERE NOT EXISTS (SELECT 1 FROM "
                "declarations d WHERE d.constituency_id = k.id) ORDER BY code")]
            rng = random.Random(2)
            for code in awaiting[:samples + 2]:
                declare_and_verify(other, code, rng)
                spent[0] = 0.0
                cpu = time.thread_time()
                start = time.perf_counter()
                window.refresh_if_changed()
                settle(app, canvases)
                out["views"].append(time.perf_counter() - start)
                out["views_cpu"].append(time.thread_time() - cpu)
                out["charts"].append(spent[0])
                out["full"].append(anchors.full())
                out["artists"].append(anchors.artists())
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return {k: v[2:] for k, v in out.items()}  # the first two warm caches up


def _ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000


SAMPLES = 60  # verifications timed per size (see the module's docstring)


def measure(quick: bool = False, sizes: tuple[int, ...] | None = None,
            samples: int | None = None, folder: Path | None = None) -> list[dict]:
    """The figures: per size, the median and p95 of one verification -> views updated
    (and the charts' drawing within it), with the two anchors of the same run."""
    sizes = sizes or ((650,) if quick else (650, 10_000, 50_000))
    samples = samples or (5 if quick else SAMPLES)
    anchors = Anchors()
    rows: list[dict] = []
    keep = folder is not None
    folder = folder or Path(tempfile.mkdtemp(prefix="resultsdesk-bench-views-"))
    folder.mkdir(parents=True, exist_ok=True)
    for seats in sizes:
        db = half_declared(folder, seats)
        n = samples if seats <= 10_000 else max(5, samples // 2)
        got = sample_night(db, n, anchors)
        full, artists = _ms(got["full"]), _ms(got["artists"])
        median, p95 = _ms(got["views"]), _p95(got["views"])
        median_cpu, p95_cpu = _ms(got["views_cpu"]), _p95(got["views_cpu"])
        charts = _ms(got["charts"])
        what = f"one verification -> views updated, all three charts, {seats:,} seats"
        rows += [
            _row(f"{what} (median)", median, FULL_ANCHOR, full, GOALS.get(seats, "")),
            _row(f"{what} (median, against artist-only)", median, ARTIST_ANCHOR, artists,
                 ""),
            _row(f"{what} (p95, GUI thread CPU time)", p95_cpu,
                 f"the median, GUI thread CPU time, {median_cpu:.1f} ms", median_cpu,
                 "\u2264 1.5\u00d7 the median"),
            _row(f"{what} (p95, wall time)", p95, f"the median, {median:.1f} ms", median, ""),
            _row(f"charts drawing within it, {seats:,} seats (median)", charts, FULL_ANCHOR,
                 full, ""),
        ]
    if not keep:
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()
    return rows


def _row(measure_: str, value: float, anchor: str, anchor_value: float, goal: str) -> dict:
    return {"measure": measure_, "value": round(value, 2), "unit": "ms", "anchor": anchor,
            "anchor_value": round(anchor_value, 2),
            "ratio": round(value / anchor_value, 3) if anchor_value else float("nan"),
            "goal": goal}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="650 seats, a few samples")
    parser.add_argument("--seats", type=int, nargs="+", help="night sizes (seats)")
    parser.add_argument("--samples", type=int, help="verifications timed per size")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the nights here")
    args = parser.parse_args()
    rows = measure(args.quick, tuple(args.seats) if args.seats else None, args.samples,
                   args.keep)
    print(f"{'measure':<78}{'value':>10}  {'anchor':>8}  {'ratio':>7}  goal")
    for r in rows:
        print(f"{r['measure']:<78}{r['value']:>8.1f}ms  {r['anchor_value']:>6.1f}ms  "
              f"{r['ratio']:>6.2f}\u00d7  {r['goal']}")
    print(f"anchors: {FULL_ANCHOR}; {ARTIST_ANCHOR}")


if __name__ == "__main__":
    main()
