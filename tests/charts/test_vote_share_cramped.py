"""The vote share chart in a cramped dock, where not every row has room for its labels: the
rows labelled are the largest parties' (Labour and the Conservatives in 2024, side by side
at the top), never every second row by position (which left the Conservatives' 23.7 %
unlabelled under Plaid Cymru's 0.7 %), no two labels over each other, and the same rows
from one verification to the next."""

from __future__ import annotations

import itertools

import pytest
from helpers.chart_nights import MIN_CANVAS, draw, share_data
from helpers.screens import Screen
from helpers.texts import layout_problems
from helpers.verifications import night

from resultsdesk.charts import VoteShareChart, shares
from resultsdesk.desk import graphics

# Docks the desk gives the chart: a short dock of a crowded window, a small floating one,
# the canvas's minimum, and a wide but low strip.
CRAMPED = [(310, 260), (400, 300), MIN_CANVAS, (900, 220)]


def labelled(chart) -> list[str]:
    """The parties whose row shows its name, share and change."""
    return [b.party for b, name, value, change in zip(
        chart.bars, chart.party_labels, chart.value_labels, chart.change_labels, strict=True)
        if name.get_visible() and value.get_visible() and change.get_visible()
        and name.get_text() and value.get_text()]


def largest(chart, k: int) -> list[str]:
    return [b.party for b in sorted(chart.bars, key=lambda b: -b.votes)[:k]]


@pytest.mark.parametrize("size", CRAMPED)
def test_a_cramped_dock_labels_the_largest_parties(size):
    chart = VoteShareChart()
    chart.update(share_data(max_parties=10))
    renderer = draw(chart, size)
    shown = labelled(chart)
    assert len(shown) < len(chart.bars), size  # cramped: some rows go unlabelled
    assert set(largest(chart, 3)) <= set(shown), (size, shown)
    # no bar labelled while a longer one is not
    assert min(b.share for b in chart.bars if b.party in shown) >= max(
        b.share for b in chart.bars if b.party not in shown), (size, shown)
    assert layout_problems(chart.figure, renderer) == [], size


@pytest.mark.parametrize("size", [(310, 260), (400, 300)])
def test_the_2024_night_labels_labour_and_the_conservatives(night_store, size):
    """The real night as the desk draws it (Greens named too: eleven rows)."""
    night_state = graphics.night_state(night_store)
    chart = graphics.chart_for("shares", night_state, night_store)
    renderer = draw(chart, size)
    shown = labelled(chart)
    assert shown[:3] == ["Lab", "Con", "RUK"], (size, shown)
    assert len(shown) < len(chart.bars)
    assert layout_problems(chart.figure, renderer) == []


def test_the_labelled_rows_hold_from_one_verification_to_the_next():
    """The same rows labelled after each verification (which moves shares, not the order),
    drawn as the desk draws them, without a full frame: no label flickers on or off."""
    steps = night(650, steps=4)
    screen = Screen("shares", size=(310, 260))
    screen.show(steps[0].shares)
    first = labelled(screen.chart)
    assert set(largest(screen.chart, 3)) <= set(first)
    places = [(p.get_y(), p.get_height()) for p in screen.chart.bar_patches]
    for step in steps[1:]:
        stats = screen.show(step.shares)
        assert not stats.full
        assert labelled(screen.chart) == first
        assert [(p.get_y(), p.get_height()) for p in screen.chart.bar_patches] == places


def test_a_roomy_dock_still_labels_every_row():
    chart = VoteShareChart()
    chart.update(share_data())
    draw(chart, (470, 596))
    assert labelled(chart) == [b.party for b in chart.bars]
    assert [p.get_height() for p in chart.bar_patches] == [0.66] * len(chart.bars)
    assert [p.get_y() + 0.33 for p in chart.bar_patches] == pytest.approx(
        range(len(chart.bars)))


@pytest.mark.parametrize(("order", "n", "clearance"), [
    ([0, 3, 1, 2, 4], 5, 3.5),  # labels at 0 and 3 fill the rows exactly
    ([2, 1, 4, 3, 0], 5, 7 / 6),
])
def test_labels_that_fill_the_rows_exactly_are_placed(order, n, clearance):
    """Labelled rows whose gaps add up to the rows' height exactly, but for a rounding
    of the last bit (`fits` allows 1e-9 over), left `_levelled` nothing to divide the
    rest among: ZeroDivisionError out of the chart's layout (~1 % of exact ratios)."""
    rows, centres = shares.label_rows(order, n, clearance)
    assert centres[0] == 0.0 and centres[-1] == pytest.approx(n - 1)
    assert all(centres[b] - centres[a] >= clearance - 1e-9
               for a, b in itertools.pairwise(rows))
