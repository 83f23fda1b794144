"""A recount under way, in the chamber: its seat's dot ringed in the text's colour on a
halo of the background (as the map outlines the seat's hex) and keyed "Recount N" after
Undeclared; the chamber marked none before the twenty-eighth session, where only its
tooltip said so. An update that calls no new recount moves no ring."""

from __future__ import annotations

import numpy as np
from helpers.texts import strings_drawn
from matplotlib.colors import to_rgba

from resultsdesk.charts import HemicycleChart
from resultsdesk.charts.data import TIE, HemicycleBlock, HemicycleData
from resultsdesk.charts.export import render
from resultsdesk.charts.theme import DARK, LIGHT

LAB, SNP = "#e4003b", "#fdf38e"


def chamber(recounts: frozenset[str] = frozenset({"South"})) -> HemicycleData:
    blocks = (HemicycleBlock("Lab", LAB, ("North", "South")),
              HemicycleBlock("SNP", SNP, ("East", "West")))
    return HemicycleData(blocks, 6, 4, 4, recounts=recounts)


def test_a_recount_is_ringed_and_keyed():
    chart = HemicycleChart()
    chart.update(chamber())
    texts = strings_drawn(chart)
    south = next(i for i, owner in enumerate(chart.seat_owners)
                 if owner == "Lab" and chart.seat_at(*chart.geometry.xy[i])[1] == "South")
    marks = chart.recount_marks
    assert list(marks.places) == [south]
    assert np.allclose(marks.ring.get_offsets(), [chart.geometry.xy[south]])
    assert np.allclose(marks.ring.get_edgecolors()[0], to_rgba(LIGHT.foreground))
    assert np.allclose(marks.halo.get_edgecolors()[0], to_rgba(LIGHT.background))
    dot = 2 * np.sqrt(chart.dots.get_sizes()[0])
    assert 2 * np.sqrt(marks.ring.get_sizes()[0]) > dot  # round the dot, not on it
    assert "Recount 1" in texts and texts.index("Undeclared 2") < texts.index("Recount 1")
    x, y = chart.geometry.xy[south]
    assert chart.tooltip_at(x, y).endswith("RECOUNT under way")


def test_no_recount_no_ring_and_an_unchanged_one_is_not_set_again():
    chart = HemicycleChart(theme=DARK)
    chart.update(chamber(frozenset()))
    assert "Recount" not in " ".join(strings_drawn(chart))
    assert len(chart.recount_marks.ring.get_offsets()) == 0
    chart.update(chamber())
    strings_drawn(chart)
    ring = chart.recount_marks.ring
    assert np.allclose(ring.get_edgecolors()[0], to_rgba(DARK.foreground))
    chart.update(chamber())  # the same recount: nothing to draw again
    assert not ring.stale
    chart.update(chamber(frozenset()))  # called off
    assert len(ring.get_offsets()) == 0


def test_an_svg_places_each_ring_once(tmp_path):
    chart = HemicycleChart()
    chart.update(chamber(frozenset({"South", "West"})))
    text = render(chart, tmp_path / "chamber.svg", "hd").read_text(encoding="utf-8")
    assert text.count("<use ") >= 6 + 2 * 2  # every dot, then each ring and its halo


def test_a_recount_called_before_its_seat_declared_rings_an_undeclared_place():
    """The count centre says "recount in Hendon" before any figures: the seat has no dot
    of its own, so the first undeclared places are ringed, one a seat (A-Z), keyed with the
    declared ones, and hovering the place names the seat; the chamber showed none before."""
    chart = HemicycleChart()
    chart.update(chamber(frozenset({"South", "Hendon", "Basildon"})))
    texts = strings_drawn(chart)
    undeclared = [i for i, owner in enumerate(chart.seat_owners) if owner is None]
    assert len(undeclared) == 2
    places = list(chart.recount_marks.places)
    assert len(places) == 3 and places[1:] == undeclared  # South's own dot first
    assert np.allclose(chart.recount_marks.ring.get_offsets()[1:],
                       chart.geometry.xy[undeclared])
    assert "Recount 3" in texts
    tips = [chart.tooltip_at(*chart.geometry.xy[i]) for i in undeclared]
    assert tips == ["Undeclared: 2 seats \u00b7 Basildon: RECOUNT under way",
                    "Undeclared: 2 seats \u00b7 Hendon: RECOUNT under way"]
    chart.update(chamber(frozenset({"South"})))  # both called off: their rings go
    assert list(chart.recount_marks.places) == places[:1]
    assert chart.tooltip_at(*chart.geometry.xy[undeclared[0]]) == "Undeclared: 2 seats"


def test_the_chambers_data_lists_every_recount_under_way():
    """Declared, tied or undeclared: every seat the chamber rings is in its data, A-Z; a
    tie's recount was in the picture and not in the data (found by the review)."""
    data = HemicycleData(chamber().blocks, 7, 4, 5, ties=("Tied",),
                         recounts=frozenset({"South", "Hendon", "Tied"}))
    out = data.to_json()
    assert out["recounts_under_way"] == ["Hendon", "South", "Tied"]
    assert data.undeclared_recounts == ("Hendon",)  # South is a seat's dot, Tied the tie's
    assert [s["constituency"] for s in out["seats"] if s["recount_under_way"]] == ["South"]
    assert chamber(frozenset()).to_json()["recounts_under_way"] == []
    chart = HemicycleChart()
    chart.update(data)
    tie = chart.seat_owners.index(TIE)
    assert chart.tooltip_at(*chart.geometry.xy[tie]) == \
        "Tie, awaiting the lot: 1 seat \u00b7 Tied \u00b7 RECOUNT under way"
    assert "Recount 3" in strings_drawn(chart)
