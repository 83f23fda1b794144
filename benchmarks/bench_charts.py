"""Time an in-place chart update and the draw that follows, at 650 and 10,000 seats.

    python benchmarks/bench_charts.py [--runs 20] [--width 1366 --height 768]

Each run alternates between two nights of the same shape (so the update is in place, as on
the desk), times `update()` and then `canvas.draw()` (Agg, headless), and prints medians.
"frame" is the same update drawn as the desk's canvas draws it (`charts.frames`: only what
changed, texts within half a pixel left where they are), on a second chart in step.
"""

from __future__ import annotations

import argparse
import statistics
import time

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from resultsdesk.charts import HemicycleChart, SeatChart, VoteShareChart
from resultsdesk.charts.data import (
    HemicycleBlock,
    HemicycleData,
    PartyBar,
    SeatChartData,
    ShareBar,
    VoteShareData,
)
from resultsdesk.charts.frames import Frames

# (party, colour, share of seats, share of votes), in left-right order
PARTIES = [
    ("SF", "#02665f", 0.011, 0.007), ("Green", "#78b82a", 0.006, 0.067),
    ("Lab", "#d50000", 0.632, 0.337), ("PC", "#348837", 0.006, 0.007),
    ("SNP", "#fff685", 0.014, 0.025), ("LD", "#fc7d0b", 0.111, 0.122),
    ("Ind", "#a6a6a6", 0.009, 0.020), ("Con", "#0063ba", 0.186, 0.237),
    ("DUP", "#d46a4c", 0.008, 0.006), ("RUK", "#12b6cf", 0.008, 0.143),
]


def nights(seats: int, declared: float):
    counts = {p: int(seats * s * declared) for p, _c, s, _v in PARTIES}
    bars = tuple(PartyBar(p, p, c, counts[p], 0, counts[p] // 3) for p, c, _s, _v in PARTIES)
    seat = SeatChartData(bars, seats, seats // 2 + 1, sum(counts.values()))
    blocks = tuple(HemicycleBlock(p, c, tuple(f"{p} {i}" for i in range(counts[p])))
                   for p, c, _s, _v in PARTIES if counts[p])
    chamber = HemicycleData(blocks, seats, seats // 2 + 1, sum(counts.values()))
    votes = {p: int(seats * 45_000 * v * declared) for p, _c, _s, v in PARTIES}
    total = sum(votes.values())
    shares = tuple(ShareBar(p, p, c, votes[p], 100 * votes[p] / total, declared)
                   for p, c, _s, _v in PARTIES)
    share = VoteShareData(shares, total, int(seats * declared), seats)
    return seat, chamber, share


def bench(kind, a, b, runs: int, width: int, height: int) -> tuple[float, float, int, float]:
    fig = Figure(figsize=(width / 100, height / 100), dpi=100)
    canvas = FigureCanvasAgg(fig)
    chart = kind(fig)
    chart.update(a)
    canvas.draw()
    screen = kind(Figure(figsize=(width / 100, height / 100), dpi=100))
    screen.update(a)
    frames = Frames(screen.figure, text_tolerance=0.5)
    frames.draw(screen.figure.canvas.get_renderer())
    rebuilds = chart.rebuilds
    updates, draws, partial = [], [], []
    for i in range(runs):
        data = b if i % 2 == 0 else a
        t0 = time.perf_counter()
        chart.update(data)
        t1 = time.perf_counter()
        canvas.draw()
        t2 = time.perf_counter()
        screen.update(data)
        frames.draw(screen.figure.canvas.get_renderer())
        t3 = time.perf_counter()
        updates.append(t1 - t0)
        draws.append(t2 - t1)
        partial.append(t3 - t2)
    return (statistics.median(updates) * 1e3, statistics.median(draws) * 1e3,
            chart.rebuilds - rebuilds, statistics.median(partial) * 1e3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=768)
    args = parser.parse_args()
    print(f"median of {args.runs} runs, {args.width}x{args.height} px, Agg")
    print(f"{'chart':<16}{'seats':>8}{'update ms':>12}{'draw ms':>10}{'total ms':>10}"
          f"{'rebuilds':>10}{'frame ms':>10}")
    for seats in (650, 10_000):
        first, second = nights(seats, 0.5), nights(seats, 0.6)
        for i, kind in enumerate((SeatChart, HemicycleChart, VoteShareChart)):
            update, draw, rebuilds, frame = bench(kind, first[i], second[i], args.runs,
                                                  args.width, args.height)
            print(f"{kind.__name__:<16}{seats:>8,}{update:>12.2f}{draw:>10.1f}"
                  f"{update + draw:>10.1f}{rebuilds:>10}{frame:>10.1f}")


if __name__ == "__main__":
    main()
