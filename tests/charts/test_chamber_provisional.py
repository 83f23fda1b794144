"""The chamber with provisional seats shown counts them as the strip and the seats chart
do: verified, then provisional ("Lab 5 + 4"), in its key, its middle and its hover.

Found in the eighteenth session: with View > "Show provisional seats on charts" on, the
chamber's key said "Lab 9" and its middle "9" where the strip said "Lab 5" and the seats
chart "5 + 4": three figures for one party on one screen."""

from __future__ import annotations

from helpers.texts import drawn_texts, strings_drawn
from matplotlib.backends.backend_agg import FigureCanvasAgg

from resultsdesk.charts import HemicycleChart
from resultsdesk.charts.data import HemicycleBlock, HemicycleData
from resultsdesk.charts.describe import describe

LAB, CON, LD = "#e4003b", "#0087dc", "#faa61a"


def _names(prefix: str, n: int) -> tuple[str, ...]:
    return tuple(f"{prefix} {i}" for i in range(n))


def chamber() -> HemicycleData:
    """Lab 5 verified and 4 provisional; Con 6 verified; LD 3, all provisional."""
    blocks = (HemicycleBlock("Lab", LAB, _names("Lab", 5)),
              HemicycleBlock("Lab", LAB, _names("Lab prov", 4), provisional=True),
              HemicycleBlock("LD", LD, _names("LD prov", 3), provisional=True),
              HemicycleBlock("Con", CON, _names("Con", 6)))
    return HemicycleData(blocks, 30, 16, 11)


def test_the_key_counts_provisional_seats_apart():
    chart = HemicycleChart()
    chart.update(chamber())
    texts = strings_drawn(chart)
    assert {"Con 6", "Lab 5 + 4", "LD 0 + 3", "Undeclared 12"} <= set(texts)
    assert "Lab 9" not in texts
    # most verified first, as the strip lists them
    assert texts.index("Con 6") < texts.index("Lab 5 + 4") < texts.index("LD 0 + 3")
    # the middle: the two largest by verified seats, Lab's five (not nine)
    assert sorted(n.get_text() for n in chart.centre_numbers) == ["5", "6"]
    assert sorted(c.get_text() for c in chart.centre_chips) == ["Con", "Lab"]


def test_hover_and_description_say_so_too():
    chart = HemicycleChart()
    chart.update(chamber())
    strings_drawn(chart)
    i = chart.seat_owners.index("Lab")
    x, y = chart.geometry.xy[i]
    assert chart.tooltip_at(x, y).startswith("Lab: 5 seats + 4 provisional \u00b7 ")
    text = describe(chamber())
    assert "Con 6, Lab 5 and 4 provisional, LD 0 and 3 provisional" in text


def test_a_tall_key_lists_the_same_counts():
    chart = HemicycleChart()
    chart.update(chamber())
    fig = chart.figure
    fig.set_size_inches(5, 9)  # tall: a party a row, the count beside its bar
    FigureCanvasAgg(fig).draw()
    texts = [t.get_text() for t in drawn_texts(fig)]
    assert {"5 + 4", "0 + 3", "6"} <= set(texts)
