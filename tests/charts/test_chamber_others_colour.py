"""A party folded into "Others" is drawn in the Others colour in the chamber, as its key
shows it: each kept its own colour (SDLP green beside SF's, the Speaker's grey beside the
tie), and the dots matched nothing in the key (found reviewing exports in the
twenty-sixth session). Its tooltip still names the party."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import to_rgba

from resultsdesk.charts import HemicycleChart
from resultsdesk.charts.data import HemicycleBlock, HemicycleData
from resultsdesk.charts.theme import LIGHT
from resultsdesk.domain.others import name_parties

LAB, SDLP = "#e4003b", "#2aa82c"


def test_a_folded_party_is_drawn_in_the_others_colour():
    blocks = (HemicycleBlock("Lab", LAB, ("North", "South", "West")),
              HemicycleBlock("SDLP", SDLP, ("Foyle",)))
    named = name_parties({"Lab": (3, 300), "SDLP": (1, 100), "Alba": (0, 50)}, 1)
    chart = HemicycleChart(theme=LIGHT)
    chart.update(HemicycleData(blocks, 4, 3, 4, named=named))
    faces = {tuple(np.round(c, 4)) for c in chart.seat_colours()}
    assert faces == {tuple(np.round(to_rgba(LAB), 4)), tuple(np.round(to_rgba(LIGHT.others), 4))}
    assert [e[0] for e in chart._legend_entries] == ["Lab", "Others"]
    i = chart.seat_owners.index("SDLP")
    x, y = chart.geometry.xy[i]
    assert chart.tooltip_at(x, y).startswith("SDLP: 1 seat")
