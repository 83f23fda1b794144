"""The hemicycle, drawn headless from the nights of helpers.chart_nights: one dot per seat,
parties in one run each in political order with the undeclared gap placed, provisional seats
lighter, the seat under the pointer, updates in place.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from helpers.chart_nights import (
    COLOURS,
    GE2024,
    all_texts,
    draw,
    hemicycle_data,
    political,
    seat_names,
)
from matplotlib.colors import to_rgba

from resultsdesk.charts import HemicycleChart, seat_geometry
from resultsdesk.charts.data import HemicycleBlock, HemicycleData


@pytest.mark.parametrize("n", [1, 2, 9, 650, 10_000])
def test_geometry_places_every_seat_once(n):
    g = seat_geometry(n)
    assert g.xy.shape == (n, 2)
    assert len({(round(x, 9), round(y, 9)) for x, y in g.xy}) == n
    assert np.all(np.diff(g.angle) <= 1e-12)  # left to right
    assert g.xy[:, 1].min() >= 0 and g.xy[:, 0].min() >= 0 and g.xy[:, 0].max() <= 2
    assert seat_geometry(n) is g  # cached


@pytest.mark.parametrize("n", [1, 2, 9, 650, 10_000])
def test_hemicycle_draws_one_dot_per_seat(n):
    parties = [("Lab", n // 2), ("Con", n // 4)]
    blocks = tuple(HemicycleBlock(p, COLOURS[p], tuple(f"{p} {i}" for i in range(k)))
                   for p, k in parties if k)
    data = HemicycleData(blocks, n, n // 2 + 1, sum(k for _p, k in parties))
    chart = HemicycleChart()
    chart.update(data)
    draw(chart, (1366, 768))
    assert len(chart.dots.get_offsets()) == n
    assert len(chart.seat_colours()) == n
    assert len(chart.seat_owners) == n
    assert chart.seat_owners.count("Lab") == n // 2
    assert chart.seat_owners.count(None) == n - n // 2 - n // 4


def runs(owners):
    return [k for k, _ in itertools.groupby(owners)]


@pytest.mark.parametrize("undeclared", ["middle", "end"])
def test_hemicycle_parties_contiguous_and_undeclared_placed(undeclared):
    chart = HemicycleChart()
    chart.update(hemicycle_data(fraction=0.5, provisional=0.05, undeclared=undeclared))
    owners = chart.seat_owners
    sequence = runs(owners)
    assert len(sequence) == len(set(sequence))  # each party (and the gap) one run
    assert sequence.count(None) == 1
    parties = [p for p in sequence if p is not None]
    assert parties == political(parties)  # the political order, left to right
    gap = [i for i, p in enumerate(owners) if p is None]
    if undeclared == "end":
        assert gap == list(range(650 - len(gap), 650))
    else:
        assert gap[0] > 0 and gap[-1] < 649
        # left-of-centre parties fill from the left, the rest from the right
        assert owners[0] == "SF" and owners[-1] == "RUK"
        assert owners[gap[0] - 1] == "LD" and owners[gap[-1] + 1] == "Ind"
    faces = chart.seat_colours()
    edges = chart.dots.get_edgecolors()
    for i in gap:
        assert faces[i][3] == 0  # no fill
        assert edges[i][3] > 0  # but an outline
    assert all(faces[i][3] == 1 for i, p in enumerate(owners) if p is not None)


def test_hemicycle_colours_and_provisional_lighter():
    chart = HemicycleChart()
    chart.update(hemicycle_data(fraction=0.5, provisional=0.05))
    faces = chart.seat_colours()
    lab = [i for i, p in enumerate(chart.seat_owners) if p == "Lab"]
    verified = [i for i in lab if np.allclose(faces[i], to_rgba(COLOURS["Lab"]))]
    lighter = [i for i in lab if not np.allclose(faces[i], to_rgba(COLOURS["Lab"]))]
    assert len(verified) == 206 and len(lighter) == 21
    assert max(verified) < min(lighter)  # Lab's provisional seats sit next to the gap
    assert all(faces[i][0] > to_rgba(COLOURS["Lab"])[0] - 1e-9 for i in lighter)
    assert all(sum(faces[i][:3]) > sum(to_rgba(COLOURS["Lab"])[:3]) for i in lighter)
    for party in ("Con", "SNP", "Green"):
        idx = [i for i, p in enumerate(chart.seat_owners) if p == party]
        assert any(np.allclose(faces[i], to_rgba(COLOURS[party])) for i in idx)


def test_full_hemicycle():
    chart = HemicycleChart()
    chart.update(hemicycle_data())
    owners = chart.seat_owners
    assert None not in owners
    assert {p: owners.count(p) for p in GE2024} == {p: v[1] for p, v in GE2024.items()}
    assert chart.majority_index == 325
    draw(chart)
    texts = all_texts(chart.figure)
    assert "411" in texts and "121" in texts  # the two largest, in the middle
    assert "326" in texts  # the majority marker
    assert "650 of 650 declared" in texts
    assert "Lab 411" in texts  # legend


def test_seat_at_finds_a_known_seat():
    chart = HemicycleChart()
    chart.update(hemicycle_data())
    i = chart.seat_owners.index("Lab") + list(seat_names("Lab", 411)).index("Hendon")
    x, y = chart.geometry.xy[i]
    r = chart.geometry.seat_radius
    assert chart.seat_at(x, y) == ("Lab", "Hendon")
    assert chart.seat_at(x + r * 0.5, y - r * 0.5) == ("Lab", "Hendon")
    assert chart.tooltip_at(x, y) == "Lab: 411 seats \u00b7 Hendon"
    assert chart.seat_at(1.0, 0.1) is None  # the empty middle
    assert chart.seat_at(5.0, 5.0) is None
    con = chart.seat_owners.index("Con")
    party, seat = chart.seat_at(*chart.geometry.xy[con])
    assert party == "Con" and seat.startswith("Con seat")


def test_seat_at_on_undeclared_and_provisional_seats():
    chart = HemicycleChart()
    chart.update(hemicycle_data(fraction=0.5, provisional=0.05))
    gap = chart.seat_owners.index(None)
    assert chart.seat_at(*chart.geometry.xy[gap]) is None
    assert chart.tooltip_at(*chart.geometry.xy[gap]).startswith("Undeclared: ")
    lab = max(i for i, p in enumerate(chart.seat_owners) if p == "Lab")
    assert chart.tooltip_at(*chart.geometry.xy[lab]).endswith("(provisional)")


def test_hemicycle_updates_in_place():
    chart = HemicycleChart()
    chart.update(hemicycle_data(fraction=0.3))
    draw(chart)
    dots, ax, rebuilds = chart.dots, chart.ax, chart.rebuilds
    chart.update(hemicycle_data(fraction=0.6))
    assert chart.dots is dots and chart.ax is ax and chart.rebuilds == rebuilds
    assert chart.seat_owners.count(None) == 650 - sum(round(v[1] * 0.6)
                                                      for v in GE2024.values())
    draw(chart)
    chart.update(hemicycle_data(fraction=0.5, total=600))
    assert chart.rebuilds == rebuilds + 1 and len(chart.dots.get_offsets()) == 600


def test_hemicycle_early_night_sides():
    """With one party declared it sits on its own side, not at the far end of the other."""
    chart = HemicycleChart()
    chart.update(HemicycleData((HemicycleBlock("Lab", COLOURS["Lab"], ("A", "B")),), 650,
                               326, 2))
    assert chart.seat_owners[:2] == ["Lab", "Lab"]
    chart.update(HemicycleData((HemicycleBlock("Con", COLOURS["Con"], ("C",)),), 650, 326, 1))
    assert chart.seat_owners[-1] == "Con"


@pytest.mark.parametrize("size", [(470, 419), (470, 596), (320, 343), (600, 560)])
def test_a_docks_chamber_is_no_thumbnail_under_its_key(size):
    """At a 1366 x 768 window's chart dock (470 x 419, a canvas near square) the square
    layout's large chips took three rows and most of the height: the chamber was 140 px
    across, its middle figures gone. A key taking more than its share of a small canvas
    drops to the small type, as a wide canvas's has."""
    chart = HemicycleChart()
    chart.update(hemicycle_data())
    renderer = draw(chart, size)
    box = chart.stage.get_window_extent(renderer)
    assert box.width >= 0.6 * size[0], (box.width, size)
    texts = all_texts(chart.figure)
    assert {"411", "121", "Lab 411", "TUV 1"} <= set(texts)  # the middle's figures too


def test_the_small_key_holds_until_the_large_one_fits_well():
    """Switching the key's type moves every dot: a canvas near the line, as a night's key
    grows and shrinks, must not switch to and fro. Fresh, a 470 x 470 canvas takes the large
    type; after 470 x 419 (the small type) the same chart keeps the small one there, and
    takes the large one back only with room to spare."""
    fresh = HemicycleChart()
    fresh.update(hemicycle_data())
    draw(fresh, (470, 470))
    large = {c.get_fontsize() for c in fresh.legend_chips if c.get_visible()}
    chart = HemicycleChart()
    chart.update(hemicycle_data())
    draw(chart, (470, 419))
    small = {c.get_fontsize() for c in chart.legend_chips if c.get_visible()}
    assert max(small) < min(large)
    draw(chart, (470, 470))
    assert {c.get_fontsize() for c in chart.legend_chips if c.get_visible()} == small
    draw(chart, (470, 600))
    assert {c.get_fontsize() for c in chart.legend_chips if c.get_visible()} != small
