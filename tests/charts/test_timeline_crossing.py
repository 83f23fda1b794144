"""The timeline's majority line on a dock, once a party has crossed it: "Con majority 05:05"
and "326 for a majority" read clear of the end labels, of the winner's line and of each
other. At the dock's size on a 1366 x 768 or 1280 x 720 laptop (and at the first-run dock of
a 1920 x 1080 screen) the crossing ran on over "Lab 202", "SNP 48" and "LD 11", and "326 for
a majority" ran past the crossing, the winner's line and the crossing's rule through it."""

from __future__ import annotations

import pytest
from helpers.chart_nights import DOCK, MIN_CANVAS, SMALL_DOCK, draw
from helpers.texts import layout_problems

from resultsdesk.desk import graphics
from resultsdesk.domain.records import replace
from resultsdesk.store import Store

# The Timeline dock's canvas as the window gives it (first-run layout, window maximised):
# 1366 x 768, 1280 x 720 and 1920 x 1080 screens; then the charts' usual test sizes.
LAPTOP_1366, LAPTOP_1280, FULL_HD = (360, 401), (360, 371), (470, 529)
SIZES = [LAPTOP_1366, LAPTOP_1280, FULL_HD, DOCK, SMALL_DOCK, MIN_CANVAS, (600, 500),
         (1366, 768)]


@pytest.fixture(scope="module")
def night_2019(_night_2019):
    with Store(_night_2019) as store:  # read only: the module shares it
        yield graphics.night_state(store), store


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES)
def test_the_crossing_and_the_majority_read_clear(night_2019, size, theme):
    night, store = night_2019
    chart = graphics.chart_for("timeline", night, store, theme=theme)
    renderer = draw(chart, size)
    assert chart.marker_text.get_visible() and chart.crossing_rule.get_visible()
    assert layout_problems(chart.figure, renderer) == []
    marker, label = chart.marker_text, chart.majority_label
    # the words where they fit clear of the lines, else the time alone (the window's
    # summary strip says "Con majority reached at 05:05")
    assert marker.get_text().replace("\n", " ") in ("Con majority 05:05", "05:05")
    ground = marker.get_bbox_patch().get_window_extent(renderer)
    ends = [t.get_window_extent(renderer) for t in [*chart.end_labels, chart.merged_label]
            if t.get_visible() and t.get_text()]
    assert ends
    for end in ends:  # not even the crossing's ground over an end label
        assert not ground.overlaps(end), (marker.get_text(), end.bounds, ground.bounds)
    panel = chart.ax.get_window_extent(renderer)
    # within the running totals' panel: the crossing under the line, "326 …" above it
    # (the smallest canvas's panel is too short for either: in the canvas, as checked)
    within = size != MIN_CANVAS
    assert ground.y0 >= panel.y0 - 0.5 or not within
    # over Lab's 202, the highest line but the winner's: no party's line is hidden
    lab_y = chart.ax.transData.transform((0, 202))[1]
    assert ground.y0 >= lab_y or not within, (marker.get_text(), ground.bounds, lab_y)
    # "326 …" above the line, ending short of the crossing's dot: the winner's line and
    # the crossing's rule rise through there
    dot_x, line_y = chart.ax.transData.transform(
        (chart.crossing_rule.get_xdata()[0], chart.majority_rule.get_ydata()[0]))
    dot_radius = renderer.points_to_pixels(chart.crossing_dot.get_markersize()) / 2
    box = label.get_window_extent(renderer)
    assert box.x1 <= dot_x - dot_radius, (label.get_text(), box.bounds, dot_x)
    assert box.y0 >= line_y - 0.5 and (box.y1 <= panel.y1 + 0.5 or not within)
    assert label.get_text().split()[0] == "326"


@pytest.mark.parametrize("size", [DOCK, (600, 500), (1366, 768), (1920, 1080)])
def test_with_room_the_crossing_is_said_in_words(night_2019, size):
    night, store = night_2019
    chart = graphics.chart_for("timeline", night, store)
    draw(chart, size)
    said = chart.marker_text.get_text()
    assert said.replace("\n", " ") == "Con majority 05:05"
    assert "\n" not in said or size == DOCK  # on one line where there is the room


def test_before_the_crossing_the_majority_is_named_in_full(night_2019):
    """While nobody has crossed it (most of the night) the line's label is whole."""
    night, store = night_2019
    chart = graphics.chart_for("timeline", night, store)
    chart.update(replace(chart.data, majority_party=None, majority_at=None,
                         majority_label=None))
    draw(chart, LAPTOP_1366)
    assert not chart.marker_text.get_visible()
    assert chart.majority_label.get_text().replace("\n", " ") == "326 for a majority"


def _as_at(data, hour: int, minute: int):
    """The night's timeline as it stood at hour:minute (UK time, on the morning after)."""
    end = data.majority_at.replace(hour=hour, minute=minute)
    bins = tuple(b for b in data.bins if b[0] <= end)
    parties = tuple(replace(p, points=tuple(x for x in p.points if x[0] <= end))
                    for p in data.parties if p.points[0][0] <= end)
    return replace(data, bins=bins, parties=parties, declared=sum(n for _, n in bins))


@pytest.mark.parametrize("size", SIZES)
def test_a_crossing_late_in_the_night_stays_in_the_chart(night_2019, size):
    """At 05:30 the crossing (05:05) is near the panel's right edge: its label goes to the
    left of it, where it ran on over the seat axis ("300") or off the canvas."""
    night, store = night_2019
    chart = graphics.chart_for("timeline", night, store)
    chart.update(_as_at(chart.data, 5, 30))
    renderer = draw(chart, size)
    assert chart.marker_text.get_visible()
    assert layout_problems(chart.figure, renderer) == []
    ground = chart.marker_text.get_bbox_patch().get_window_extent(renderer)
    panel = chart.ax.get_window_extent(renderer)
    assert ground.x0 >= panel.x0 - 0.5  # not over the seat axis's figures
    assert ground.x1 <= chart.figure.bbox.x1
