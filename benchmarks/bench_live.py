"""Data work per verification, no drawing: 650, 10,000 and 50,000 seats.

    python benchmarks/bench_live.py [--quick] [--runs N] [--cache DIR]

Each night is synthetic (`synthetic.py`): every seat nominated, half of them declared and
verified, a baseline for gains and swing. A second connection declares and verifies an
awaited seat (not timed); then the clock runs while the desk's side does what the main
window does on that news, short of drawing: `NightState.refresh()` (the store's change
queries), the national summary, the results table, party table, recount watch and
verification queue models (rows updated in place), the summary strip, the seat, hemicycle
and vote-share chart data, the charts' as-of time and the news policies. The nights take
turns, run by run, so a busy machine slows them alike; the 650-seat median is the anchor
(the issue's goal: at most 2x at 50,000 seats). `--cache DIR` keeps the built nights there
(building 50,000 seats takes a minute or two).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_election

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import (
    import_baseline,
    import_candidates,
    import_results,
)
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store

SIZES = (650, 10_000, 50_000)
QUICK_SIZES = (650, 2_000)
RUNS, QUICK_RUNS = 15, 3
GOAL = "at most 2x the 650-seat figure (issue 15)"


def build_night(folder: Path, seats: int) -> Path:
    """Every seat nominated, the first half declared (verified, by import), a baseline."""
    path = folder / f"live-{seats}.db"
    if path.exists():
        return path
    nominations = write_election(folder / f"live-{seats}-candidates.csv", seats)
    half = write_election(folder / f"live-{seats}-results.csv", seats // 2)
    baseline = write_election(folder / f"live-{seats}-baseline.csv", seats, seed=2019)
    building = path.with_suffix(".building")
    building.unlink(missing_ok=True)
    with init_election(building, f"Synthetic {seats:,}") as store:
        import_candidates(store, nominations)
        import_results(store, half)
        import_baseline(store, baseline, name="Synthetic baseline")
    building.rename(path)
    return path


class DeskSide:
    """What the main window keeps for its live views, without the widgets that draw."""

    def __init__(self, path: Path) -> None:
        from resultsdesk.desk.alerts import NewlyVerified, RecountAlerts
        from resultsdesk.desk.live import NightState
        from resultsdesk.domain import tally
        from resultsdesk.ui.constituency_model import ConstituencyTableModel
        from resultsdesk.ui.queue_model import QueueModel
        from resultsdesk.ui.recount_model import RecountModel
        from resultsdesk.ui.seats_model import SeatsTableModel

        self.store = Store(path)
        self.night = NightState(self.store)
        self.thresholds = tally.DEFAULT_THRESHOLDS
        self.model, self.seats_model = ConstituencyTableModel(), SeatsTableModel()
        self.recount_model, self.queue_model = RecountModel(), QueueModel()
        self.recount_alerts, self.newly_verified = RecountAlerts(), NewlyVerified()
        self.update()  # the first look loads everything: not what is measured

    def update(self) -> None:
        from resultsdesk.desk.declarations import verification_queue
        from resultsdesk.desk.graphics import as_of
        from resultsdesk.desk.overview import row_for, rows_of

        night = self.night
        changed = night.refresh()
        colours = {p: party.colour for p, party in night.parties.items()}
        self.model.set_thresholds(self.thresholds)
        if self.model.rowCount() != len(night.seats):
            self.model.set_rows(rows_of(night), colours)
        elif changed:
            self.model.set_colours(colours)
            self.model.update_rows([row_for(night.seats[c]) for c in changed])
        summary = night.summary()
        self.seats_model.set_summary(summary, colours)
        night.seat_chart_data()
        night.hemicycle_data()
        night.vote_share_data()
        as_of(night)
        self._recount_watch(changed, colours)
        night.strip_data()
        self.queue_model.set_items(verification_queue(self.store))
        self._provisional_count()
        self.newly_verified.news(night, changed)
        self.recount_alerts.news(night, changed, self.thresholds)

    def _recount_watch(self, changed: set[str], colours: dict[str, str]) -> None:
        if not hasattr(self.night, "recount_row"):  # before the watch was kept by row
            self.recount_model.set_rows(self.night.recount_watch(self.thresholds), colours)
        else:
            self.recount_model.update(self.night, changed, self.thresholds, colours)

    def _provisional_count(self) -> int:
        count = getattr(self.night, "provisional_count", None)
        if count is None:  # before the count was kept
            return sum(1 for s in self.night.seats.values()
                       if s.verified is None and s.shown is not None)
        return count()

    def close(self) -> None:
        self.store.close()
        # the models go while the application is alive, not at interpreter exit
        self.model = self.seats_model = self.recount_model = self.queue_model = None


def _verify_next(store: Store, codes: list[str], rng: random.Random) -> None:
    """Declare and verify the next awaited seat, as two people at another desk would."""
    code = codes.pop()
    sheet = dk.load_sheet(store, code)
    votes = [rng.randint(100, 5000) for _ in sheet.candidates]
    dk.declare(store, code, user="bench-a", figures=Figures(votes, 10),
               overrides=WARNING_CODES)
    dk.verify(store, code, user="bench-b", votes=None)


def _time(fn: Callable[[], None]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def run(folder: Path, sizes: tuple[int, ...], runs: int,
        progress: Callable[[str], None] = lambda _line: None) -> dict[int, list[float]]:
    """Milliseconds of desk-side work per verification, by night size, taken in turns."""
    from PySide6.QtCore import QCoreApplication

    _app = QCoreApplication.instance() or QCoreApplication([])  # held: the models need it
    sides, writers, awaited = {}, {}, {}
    for seats in sizes:
        progress(f"building or opening the {seats:,}-seat night")
        path = build_night(folder, seats)
        sides[seats], writers[seats] = DeskSide(path), Store(path)
        awaited[seats] = [r["code"] for r in writers[seats].query(
            "SELECT code FROM constituencies k WHERE NOT EXISTS (SELECT 1 FROM declarations d "
            "WHERE d.constituency_id = k.id) ORDER BY code DESC")]
    samples: dict[int, list[float]] = {seats: [] for seats in sizes}
    rng = random.Random(15)
    try:
        for _ in range(runs + 1):  # the first round warms caches up and is not kept
            for seats in sizes:
                _verify_next(writers[seats], awaited[seats], rng)
                samples[seats].append(_time(sides[seats].update))
    finally:
        for seats in sizes:
            sides[seats].close()
            writers[seats].close()
    return {seats: values[1:] for seats, values in samples.items()}


def _rows(samples: dict[int, list[float]]) -> list[dict]:
    anchor_size = min(samples)
    anchor = statistics.median(samples[anchor_size])
    name = "data work per verification (no drawing), {:,} seats, median"
    return [{"measure": name.format(seats), "value": round(statistics.median(values), 2),
             "unit": "ms", "anchor": name.format(anchor_size), "anchor_value": round(anchor, 2),
             "ratio": round(statistics.median(values) / anchor, 2), "goal": GOAL}
            for seats, values in sorted(samples.items())]


def measure(quick: bool = False) -> list[dict]:
    """Every size's median against the smallest night's, measured in the same run."""
    with tempfile.TemporaryDirectory(prefix="resultsdesk-bench-live-") as tmp:
        return _rows(run(Path(tmp), QUICK_SIZES if quick else SIZES,
                         QUICK_RUNS if quick else RUNS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small nights, few runs")
    parser.add_argument("--runs", type=int, help="verifications per night")
    parser.add_argument("--cache", type=Path, help="keep the built nights in this folder")
    args = parser.parse_args()
    sizes = QUICK_SIZES if args.quick else SIZES
    runs = args.runs or (QUICK_RUNS if args.quick else RUNS)

    def go(folder: Path) -> dict[int, list[float]]:
        return run(folder, sizes, runs, progress=lambda line: print(line, flush=True))

    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
        samples = go(args.cache)
    else:
        with tempfile.TemporaryDirectory(prefix="resultsdesk-bench-live-") as tmp:
            samples = go(Path(tmp))
    for row, values in zip(_rows(samples), [samples[s] for s in sorted(samples)], strict=True):
        p95 = sorted(values)[max(0, int(len(values) * 0.95) - 1)]
        print(f"{row['measure']:<70}{row['value']:>9.1f} ms  (p95 {p95:.1f})  "
              f"{row['ratio']:.2f}x the anchor")


if __name__ == "__main__":
    main()
