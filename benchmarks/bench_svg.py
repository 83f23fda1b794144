"""The chamber as SVG at 650 seats against parliamentarch's own SVG writer.

    python benchmarks/bench_svg.py [--quick]

Subject: `HemicycleChart` built from the 2024 night's data and written by
`charts.export.render` to an HD SVG (what File > Export and `resultsdesk export` do).
Anchor: `parliamentarch.write_svg_from_attribution` of the same parties, seats and
colours. Process (CPU) time, median of alternated runs, and file size.

Also against the floor of matplotlib's own SVG writer for this picture: a bare figure
with the same texts (strings, fonts, places) and the same 650 dots (one marker line per
colour), written by `savefig` with matplotlib's SVG backend and the export's settings
(text as paths), run in the same alternation.
"""

from __future__ import annotations

import argparse
import io
import itertools
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from common import figure, night_2024, temp_folder
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from parliamentarch import SeatData, write_svg_from_attribution

from resultsdesk.charts import HemicycleChart
from resultsdesk.charts.data import HemicycleData
from resultsdesk.charts.export import at_size, render
from resultsdesk.desk.session import open_desk

TIME_GOAL, SIZE_GOAL = "≤ 10×", "≤ 4×"
# Rounds of the alternation. The anchor takes ~2 ms, where a millisecond of the machine's
# noise moves the ratio by a third: of 9 rounds the ratio read 9.2-10.8x in four runs one
# after another on an idle machine; 25 rounds (~2.5 s) give its median that much firmer.
ROUNDS = 25
FLOOR_GOAL = "for reference"


def chamber_data(db: Path) -> HemicycleData:
    from resultsdesk.desk.graphics import night_state

    with open_desk(db) as desk:
        return night_state(desk).hemicycle_data()


def attribution(data: HemicycleData) -> dict[SeatData, int]:
    """The same chamber for parliamentarch: seats by party, undeclared as white."""
    seats: dict[tuple[str, str], int] = {}
    for block in data.blocks:
        key = (block.party, block.colour)
        seats[key] = seats.get(key, 0) + len(block.constituencies)
    out = {SeatData(party, colour): n for (party, colour), n in seats.items()}
    rest = data.seats_total - sum(seats.values())
    if rest:
        out[SeatData("Undeclared", "#ffffff", border_size=0.5)] = rest
    return out


def bare_figure(data: HemicycleData):
    """A maker of the floor's figure: the chart's drawn texts and dots, nothing else."""
    chart = HemicycleChart()
    chart.update(data)
    with at_size(chart, "hd") as dpi:
        fig = chart.figure
        FigureCanvasAgg(fig).draw()
        w, h = fig.bbox.width, fig.bbox.height
        texts = [(t.get_text(), t.get_fontproperties().copy(), t.get_color(),
                  t.get_window_extent()) for t in fig.findobj(_drawn_text)]
        dots = chart.dots
        xy = dots.get_offset_transform().transform(dots.get_offsets())
        size = 2 * float(np.sqrt(dots.get_sizes()[0]))
    looks: dict[tuple, list[int]] = {}
    for i, look in enumerate(zip(map(tuple, dots.get_facecolors()),
                                 map(tuple, dots.get_edgecolors()), dots.get_linewidths(),
                                 strict=True)):
        looks.setdefault(look, []).append(i)

    def make() -> Figure:
        bare = Figure(figsize=(w / dpi, h / dpi), dpi=dpi)
        for (face, edge, width), seats in looks.items():
            bare.add_artist(Line2D(xy[seats, 0], xy[seats, 1], transform=None, ls="none",
                                   marker="o", ms=size, mfc=face if face[3] else "none",
                                   mec=edge, mew=width))
        for text, prop, colour, box in texts:
            bare.text(box.x0 / w, box.y0 / h, text, fontproperties=prop, color=colour)
        return bare

    return make


def _drawn_text(a) -> bool:
    return hasattr(a, "get_fontproperties") and a.get_visible() and bool(a.get_text())


def measure(quick: bool = False) -> list[dict]:
    with temp_folder() as tmp:
        folder = Path(tmp)
        data = chamber_data(night_2024())
        attrib = attribution(data)
        bare = bare_figure(data)
        ours, theirs = folder / "ours.svg", folder / "parliamentarch.svg"
        counter = itertools.count()

        def subject() -> None:
            chart = HemicycleChart()
            chart.update(data)
            render(chart, ours, "hd")
            next(counter)

        def anchor() -> None:
            write_svg_from_attribution(str(theirs), attrib)

        def floor() -> None:
            with rc_context({"svg.fonttype": "path", "svg.hashsalt": "resultsdesk"}):
                bare().savefig(io.StringIO(), format="svg", metadata={"Date": None})

        times = interleaved_medians((anchor, floor, subject), 2 if quick else ROUNDS)
        seconds, anchor_seconds, floor_seconds = times[2], times[0], times[1]
        size, anchor_size = ours.stat().st_size, theirs.stat().st_size
    name = f"hemicycle SVG, {data.seats_total} seats"
    return [figure(f"{name}: time", seconds * 1000, "ms",
                   "parliamentarch's SVG writer", anchor_seconds * 1000, TIME_GOAL),
            figure(f"{name}: size", size / 1024, "KB",
                   "parliamentarch's SVG writer", anchor_size / 1024, SIZE_GOAL),
            figure(f"{name}: time against matplotlib's floor", seconds * 1000, "ms",
                   "bare figure, same texts and dots, matplotlib's SVG writer",
                   floor_seconds * 1000, FLOOR_GOAL)]


def interleaved_medians(fns, rounds: int) -> list[float]:
    """Median process seconds of each of `fns`, run in turn `rounds` times after one
    untimed warm-up each (as `common.interleaved`, for three)."""
    for fn in fns:
        fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(rounds):
        for fn, out in zip(fns, times, strict=True):
            start = time.process_time()
            fn()
            out.append(time.process_time() - start)
    return [statistics.median(t) for t in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    for row in measure(args.quick):
        print(f"{row['measure']:<58}{row['value']:>9.1f} {row['unit']}  {row['anchor']}: "
              f"{row['anchor_value']:.1f} {row['unit']}  ×{row['ratio']:.1f} "
              f"(goal {row['goal']})")


if __name__ == "__main__":
    main()
