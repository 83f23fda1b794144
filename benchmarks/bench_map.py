"""One verification -> every view on screen updated, with the Map on screen beside the three
charts, on the real 2024 night (its 650 seats on the 2024 hex layout); against a full
matplotlib redraw measured in the same run (`bench_views.Anchors`).

    python benchmarks/bench_map.py [--quick] [--samples N]

`bench_views.py` times the benchmark layout (`gui_child.show_all_charts`), where the
timeline and the map are closed, on synthetic nights whose seats no hex layout has. This is
the same window with the Map docked beside the three charts, on the bundled 2024 election:
every candidate nominated, the first half of the seats (by code) with their real results,
each sample one more seat declared and verified from a second connection. With the Map
shown, each verification took ~4× the anchor until the fifty-fourth session (the map's
five collections of 650 hexes recorded again, and every hex outline's bounds worked out
again, on every update: `tests/charts/test_map_frames.py`).
"""

from __future__ import annotations

import argparse
import csv
import shutil
import tempfile
from pathlib import Path

from bench_views import (
    FULL_ANCHOR,
    Anchors,
    _ms,
    _p95,
    _row,
    open_window,
    settle,
    timed_samples,
)
from common import night_2024

SAMPLES = 40


def half_2024(folder: Path) -> Path:
    """The 2024 election with every candidate and the first half of its seats' results."""
    from resultsdesk.desk.imports import import_results
    from resultsdesk.paths import ELECTION_2024, data_file
    from resultsdesk.store import Store

    db = folder / "half-2024.db"
    if db.exists():
        return db
    shutil.copyfile(night_2024(folder, with_results=False), folder / ".building.db")
    source = data_file(ELECTION_2024)
    half = folder / "half-2024.csv"
    with source.open(encoding="utf-8-sig", newline="") as src, \
            half.open("w", encoding="utf-8", newline="") as out:
        rows = csv.reader(src)
        header = next(rows)
        body = list(rows)
        code = header.index("ONS ID")
        keep = set(sorted({r[code] for r in body})[:325])
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(r for r in body if r[code] in keep)
    with Store(folder / ".building.db") as store:
        import_results(store, half)
    (folder / ".building.db").rename(db)
    return db


def with_the_map(window) -> list:
    """The benchmark layout with the Map docked to the right of the three charts; the four
    chart views."""
    from PySide6.QtCore import Qt

    views = [dock.widget() for dock in window.chart_docks[:3]]
    map_dock = next(d for d in window.chart_docks if d.widget() is window.map_view)
    window.splitDockWidget(window.chart_docks[2], map_dock, Qt.Orientation.Horizontal)
    map_dock.show()
    docks = [*window.chart_docks[:3], map_dock]
    window.resizeDocks(docks, [window.width() // 4] * 4, Qt.Orientation.Horizontal)
    return [*views, window.map_view]


def sample(db: Path, samples: int, anchors: Anchors) -> dict[str, list[float]]:
    from PySide6.QtCore import QThreadPool

    from resultsdesk.ui.startup import hold_collector, release_collector

    hold_collector()  # as the app's entry does (see bench_views._sample)
    app, window, _ = open_window(db)
    views = with_the_map(window)
    canvases = [v.canvas for v in views]
    settle(app, canvases)
    if not all(v.on_screen() for v in views):
        raise RuntimeError("the map layout does not show the three charts and the map")
    release_collector()
    QThreadPool.globalInstance().waitForDone(300_000)  # the audit check, off the samples
    app.processEvents()
    return timed_samples(app, window, canvases, db, samples, anchors)


def measure(quick: bool = False, samples: int | None = None) -> list[dict]:
    samples = samples or (3 if quick else SAMPLES)
    anchors = Anchors()
    folder = Path(tempfile.mkdtemp(prefix="resultsdesk-bench-map-"))
    try:
        kept = half_2024(folder)
        db = folder / "night.db"
        shutil.copyfile(kept, db)
        got = sample(db, samples, anchors)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    full = _ms(got["full"])
    median, median_cpu = _ms(got["views"]), _ms(got["views_cpu"])
    what = "one verification -> views updated, three charts and the map, 2024 night"
    return [
        _row(f"{what} (median)", median, FULL_ANCHOR, full, "\u2264 1\u00d7 (as without it)"),
        _row(f"{what} (p95, GUI thread CPU time)", _p95(got["views_cpu"]),
             f"the median, GUI thread CPU time, {median_cpu:.1f} ms", median_cpu,
             "\u2264 1.5\u00d7 the median"),
        _row("charts drawing within it, the map among them (median)", _ms(got["charts"]),
             FULL_ANCHOR, full, ""),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few samples")
    parser.add_argument("--samples", type=int, help="verifications timed")
    args = parser.parse_args()
    rows = measure(args.quick, args.samples)
    for r in rows:
        print(f"{r['measure']:<90}{r['value']:>8.1f}ms  {r['anchor_value']:>6.1f}ms  "
              f"{r['ratio']:>6.2f}\u00d7  {r['goal']}")
    print(f"anchor: {FULL_ANCHOR} (compare ratios, not times)")


if __name__ == "__main__":
    main()
