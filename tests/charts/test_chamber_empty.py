"""The chamber before any seat: "No seats declared yet" sits inside the hemicycle's hole, or
not at all. On a dock floated small the words wrapped onto four lines at the least size and
ran up over the ring of grey seats (the key's "Undeclared 650" and the footer's "0 of 650
declared" say it there)."""

from __future__ import annotations

import math

import pytest
from helpers.chart_nights import DOCK, MIN_CANVAS, SMALL_DOCK, draw, hemicycle_data

from resultsdesk.charts import HemicycleChart

FLOATED = (358, 222)  # a Chamber dock floated and made small (360 x 260 with its title)


@pytest.mark.parametrize("size", [MIN_CANVAS, FLOATED, SMALL_DOCK, DOCK])
def test_the_no_seats_words_stay_inside_the_hole(size):
    chart = HemicycleChart()
    chart.update(hemicycle_data(fraction=0.0))
    renderer = draw(chart, size)
    words = chart._empty
    if not words.get_visible() or not words.get_text():
        return
    centre = chart.stage.transData.transform((1.0, 0.0))
    rim = chart.stage.transData.transform((1.0 + chart.geometry.inner_edge, 0.0))[0] - centre[0]
    box = words.get_window_extent(renderer)
    for x, y in ((box.x0, box.y1), (box.x1, box.y1)):
        assert math.hypot(x - centre[0], y - centre[1]) <= rim + 0.5, \
            (size, words.get_text(), box.bounds, rim)
    assert size != DOCK or words.get_visible()  # at a dock's size the words are there
