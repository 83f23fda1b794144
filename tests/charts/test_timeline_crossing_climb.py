"""At the majority moment (05:05 on the 2019 night, the clock at 05:05) the crossing is near
the panel's right edge and its words ("Con majority 05:05") go to the left of it: there they
lay on their own ground straight over the winner's line as it climbed the last seats to the
majority, so the climb the graphic exists to show was cut out on air, from about 290 seats to
326. The words go where they hide no party's line, the winner's included."""

from __future__ import annotations

import pytest
from helpers.chart_nights import DOCK, draw
from helpers.texts import layout_problems
from matplotlib.path import Path

from resultsdesk.desk import graphics
from resultsdesk.domain.records import replace
from resultsdesk.store import Store


@pytest.fixture(scope="module")
def night_2019(_night_2019):
    with Store(_night_2019) as store:  # read only: the module shares it
        yield graphics.night_state(store), store


def _as_at(data, hour: int, minute: int):
    """The night's timeline as it stood at hour:minute (UK time, on the morning after)."""
    end = data.majority_at.replace(hour=hour, minute=minute)
    bins = tuple(b for b in data.bins if b[0] <= end)
    parties = tuple(replace(p, points=tuple(x for x in p.points if x[0] <= end))
                    for p in data.parties if p.points[0][0] <= end)
    return replace(data, bins=bins, parties=parties, declared=sum(n for _, n in bins))


@pytest.mark.parametrize("theme", ["broadcast", "light"])
@pytest.mark.parametrize("size", [(1920, 1080), (640, 360), (1366, 768), DOCK])
def test_the_crossing_hides_no_line_at_the_majority_moment(night_2019, size, theme):
    night, store = night_2019
    chart = graphics.chart_for("timeline", night, store, theme=theme)
    chart.update(_as_at(chart.data, 5, 5))
    renderer = draw(chart, size)
    assert chart.marker_text.get_visible()
    assert chart.marker_text.get_text().replace("\n", " ") in ("Con majority 05:05", "05:05")
    assert layout_problems(chart.figure, renderer) == []
    ground = chart.marker_text.get_bbox_patch().get_window_extent(renderer)
    panel = chart.ax.get_window_extent(renderer)
    assert ground.x0 >= panel.x0 - 0.5
    for line in chart.lines:
        path = line.get_transform().transform_path(line.get_path())
        assert not Path.intersects_bbox(path, ground, filled=False), (
            line.get_color(), ground.bounds)
