"""A verified seat tied at the top and awaiting the lot, in the chamber: declared (the
footer counts it as every other view does), nobody's (no party's dot, not in the middle's
two largest), drawn beside the undeclared seats in its own look, keyed and hovered as a tie.
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers.texts import strings_drawn
from matplotlib.colors import to_rgba
from matplotlib.text import Text

from resultsdesk.charts import HemicycleChart
from resultsdesk.charts.data import TIE, HemicycleBlock, HemicycleData
from resultsdesk.charts.theme import BROADCAST, LIGHT

LAB, SNP = "#e4003b", "#fdf38e"


def chamber(undeclared: str = "middle", ties: tuple[str, ...] = ("Hendon",)) -> HemicycleData:
    blocks = (HemicycleBlock("Lab", LAB, ("North", "South")),
              HemicycleBlock("SNP", SNP, ("East",)))
    return HemicycleData(blocks, 6, 4, 3 + len(ties), undeclared, ties=ties)


@pytest.mark.parametrize("undeclared", ["middle", "end"])
def test_a_tie_is_declared_nobodys_and_beside_the_undeclared_seats(undeclared):
    chart = HemicycleChart()
    chart.update(chamber(undeclared))
    texts = strings_drawn(chart)
    assert any("4 of 6 declared" in t for t in texts)  # as the strip and seat chart say
    owners = chart.seat_owners
    assert owners.count(None) == 2 and owners.count(TIE) == 1
    tie = owners.index(TIE)
    gap = [i for i, p in enumerate(owners) if p is None]
    assert tie in (gap[0] - 1, gap[-1] + 1)  # next to the undeclared seats
    assert chart.party_seats == {"Lab": 2, "SNP": 1}  # a tie is not a party's seat
    assert np.allclose(chart.seat_colours()[tie], to_rgba(LIGHT.foreground))
    assert "Tie 1" in texts and "Undeclared 2" in texts
    assert texts.index("Tie 1") < texts.index("Undeclared 2")
    x, y = chart.geometry.xy[tie]
    assert chart.tooltip_at(x, y) == "Tie, awaiting the lot: 1 seat \u00b7 Hendon"
    assert chart.seat_at(x, y) == (TIE, "Hendon")


def test_the_tie_is_never_one_of_the_two_largest_in_the_middle():
    chart = HemicycleChart()
    chart.update(chamber(ties=("Hendon", "Poole", "Wells")))  # three: more than SNP's one
    texts = strings_drawn(chart)
    assert "Tie 3" in texts and "Undeclared" not in " ".join(texts)
    middle = [t.get_text() for t in chart.centre_chips]
    assert middle == ["Lab", "SNP"]


def test_the_lot_drawn_the_seat_is_its_winners_and_the_key_loses_the_tie():
    chart = HemicycleChart(theme=BROADCAST)
    chart.update(chamber())
    strings_drawn(chart)
    after = HemicycleData((HemicycleBlock("Lab", LAB, ("Hendon", "North", "South")),
                           HemicycleBlock("SNP", SNP, ("East",))), 6, 4, 4)
    chart.update(after)
    texts = strings_drawn(chart)
    assert TIE not in chart.seat_owners and not any(t.startswith("Tie") for t in texts)
    assert any("4 of 6 declared" in t for t in texts)


def test_the_json_export_lists_the_ties():
    data = chamber().to_json()
    assert data["ties"] == ["Hendon"] and data["declared"] == 4
    assert all(s["party"] != TIE for s in data["seats"])


def test_every_key_chip_is_in_the_first_draw_however_many(monkeypatch):
    """The key makes more chips when the data asks for more than it has: made with the
    data, not while the figure draws, or an export (one draw) would leave the last out."""
    parties = [f"P{i}" for i in range(14)]
    blocks = tuple(HemicycleBlock(p, LAB, (f"{p} seat",)) for p in parties)
    chart = HemicycleChart()
    chart.update(HemicycleData(blocks, 20, 11, 15, ties=("Hendon",)))
    drawn_now: list[str] = []
    draw = Text.draw

    def record(self, renderer):
        drawn_now.append(self.get_text())
        return draw(self, renderer)

    monkeypatch.setattr(Text, "draw", record)
    strings_drawn(chart)
    assert {"P13 1", "Tie 1", "Undeclared 5"} <= set(drawn_now)


@pytest.mark.parametrize(("declared", "said"), [
    (0, "No seats declared yet"),
    (1, "No seat won yet: a tie awaiting the drawing of lots"),
    (2, "No seat won yet: 2 ties awaiting the drawing of lots")])
def test_a_seat_chart_with_only_ties_declared_does_not_say_none_is(declared, said):
    """The night's only declaration a tie (declared, nobody's): the seat chart has no bar
    to draw, and said "No seats declared yet" under a footer counting 1 declared."""
    from resultsdesk.charts import SeatChart
    from resultsdesk.charts.data import SeatChartData

    chart = SeatChart()
    chart.update(SeatChartData((), 650, 326, declared))
    texts = strings_drawn(chart)
    assert said in " ".join(texts), texts
    assert any(f"{declared} of 650 declared" in t for t in texts), texts


def test_level_on_seats_the_middle_shows_the_party_with_more_votes():
    """Lab 2, then PC, Spk and BDP on one seat each: the middle's second is the one with
    the most votes (the rule every chart ranks by, seats then votes), not the first in the
    chamber's left-to-right order (found by the graphics desk review)."""
    from resultsdesk.domain.others import name_parties

    blocks = (HemicycleBlock("Lab", LAB, ("North", "South")),
              HemicycleBlock("PC", "#005b54", ("Ynys Môn",)),
              HemicycleBlock("BDP", "#7c6d21", ("Basildon",)),
              HemicycleBlock("Spk", "#3c3c3c", ("Chorley",)))
    named = name_parties({"Lab": (2, 40_000), "PC": (1, 10_000), "BDP": (1, 12_000),
                          "Spk": (1, 25_000)})
    chart = HemicycleChart()
    chart.update(HemicycleData(blocks, 8, 5, 5, named=named))
    strings_drawn(chart)
    assert sorted(t.get_text() for t in chart.centre_chips) == ["Lab", "Spk"]
