"""The chamber as SVG at 650 seats against parliamentarch's own SVG writer.

    python benchmarks/bench_svg.py [--quick]

Subject: `HemicycleChart` built from the 2024 night's data and written by
`charts.export.render` to an HD SVG (what File > Export and `resultsdesk export` do).
Anchor: `parliamentarch.write_svg_from_attribution` of the same parties, seats and
colours. Process (CPU) time, median of alternated runs, and file size.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import figure, interleaved, night_2024, temp_folder
from parliamentarch import SeatData, write_svg_from_attribution

from resultsdesk.charts import HemicycleChart
from resultsdesk.charts.data import HemicycleData
from resultsdesk.charts.export import render
from resultsdesk.desk.session import open_desk

TIME_GOAL, SIZE_GOAL = "≤ 10×", "≤ 4×"


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


def measure(quick: bool = False) -> list[dict]:
    with temp_folder() as tmp:
        folder = Path(tmp)
        data = chamber_data(night_2024())
        attrib = attribution(data)
        ours, theirs = folder / "ours.svg", folder / "parliamentarch.svg"
        counter = itertools.count()

        def subject() -> None:
            chart = HemicycleChart()
            chart.update(data)
            render(chart, ours, "hd")
            next(counter)

        def anchor() -> None:
            write_svg_from_attribution(str(theirs), attrib)

        seconds, anchor_seconds, _wall = interleaved(subject, anchor, 2 if quick else 9)
        size, anchor_size = ours.stat().st_size, theirs.stat().st_size
    return [figure(f"hemicycle SVG, {data.seats_total} seats: time", seconds * 1000, "ms",
                   "parliamentarch's SVG writer", anchor_seconds * 1000, TIME_GOAL),
            figure(f"hemicycle SVG, {data.seats_total} seats: size", size / 1024, "KB",
                   "parliamentarch's SVG writer", anchor_size / 1024, SIZE_GOAL)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    for row in measure(args.quick):
        print(f"{row['measure']:<34}{row['value']:>9.1f} {row['unit']}  {row['anchor']}: "
              f"{row['anchor_value']:.1f} {row['unit']}  ×{row['ratio']:.1f} "
              f"(goal {row['goal']})")


if __name__ == "__main__":
    main()
