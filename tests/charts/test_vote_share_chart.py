"""The vote share chart, drawn headless from the nights of helpers.chart_nights: the parties
the one rule names by share, shares and changes as labels, updates in place.
"""

from __future__ import annotations

import pytest
from helpers.chart_nights import (
    COLOURS,
    GE2024,
    TOTAL_VOTES,
    all_texts,
    draw,
    named_2024,
    share_data,
)
from matplotlib.colors import to_rgba

from resultsdesk.charts import VoteShareChart
from resultsdesk.charts.data import ShareBar, VoteShareData


def test_vote_share_labels():
    chart = VoteShareChart()
    chart.update(share_data())
    parties = [b.party for b in chart.bars]
    # the 8 parties the one rule names (most seats, then votes), by share; Green's four seats
    # fold it into Others at 8 (the default, 10, names it)
    assert parties == ["Lab", "Con", "RUK", "LD", "SNP", "Ind", "SF", "DUP", "Others"]
    assert [t.get_text() for t in chart.party_labels] == parties
    assert not chart.ax.yaxis.get_visible()  # plain texts, not ticks (laid out once)
    values = [v.get_text() for v in chart.value_labels]
    assert values[:2] == ["33.7%", "23.7%"]
    changes = [c.get_text() for c in chart.change_labels]
    assert changes[:3] == ["+1.6 pts", "\u221219.9 pts", "+12.3 pts"]
    assert [r.get_width() for r in chart.bar_patches][:2] == [33.7, 23.7]
    assert to_rgba(chart.bar_patches[2].get_facecolor()) == to_rgba(COLOURS["RUK"])
    others = next(b for b in chart.bars if b.party == "Others")
    assert others.votes == sum(v[3] for p, v in GE2024.items()
                               if p not in parties)
    draw(chart)
    assert "28,809,340 votes in 650 of 650 seats" in all_texts(chart.figure)


def test_vote_share_updates_in_place():
    chart = VoteShareChart()
    chart.update(share_data())
    draw(chart)
    rects, rebuilds = list(chart.ax.patches), chart.rebuilds
    bars = tuple(ShareBar(b.party, b.name, b.colour, b.votes, b.share + 1, b.change)
                 for b in share_data().bars)
    chart.update(VoteShareData(bars, TOTAL_VOTES, 650, 650, named=named_2024(8)))
    assert list(chart.ax.patches) == rects and chart.rebuilds == rebuilds
    assert chart.bar_patches[0].get_width() == pytest.approx(34.7)
    assert chart.value_labels[0].get_text() == "34.7%"
