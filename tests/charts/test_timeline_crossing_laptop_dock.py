"""A rehearsal of 2019 on a 1366 x 768 laptop, stopped just past the majority (its until at
05:06): the Timeline dock showed "Con majority / 05:05" on two lines left of the crossing,
on its own ground, straight over both Con's and Labour's climb from about 80 seats to 300,
the very thing the graphic shows. Where no place left of the crossing is clear, the words
give way to the time alone (the summary strip says whose majority), as README promises."""

from __future__ import annotations

import pytest
from helpers.chart_nights import draw
from helpers.texts import layout_problems
from matplotlib.path import Path

from resultsdesk.desk import graphics
from resultsdesk.domain.records import replace
from resultsdesk.store import Store

# The Timeline dock's canvas in a rehearsal's window on a 1366 x 768 laptop (470 x 383
# under the rehearsal's toolbar and banner) and near it; the smallest dock, a live night's
# laptop dock and a 1920 x 1080 rehearsal's
SIZES = [(470, 383), (470, 381), (470, 400), (466, 390), (320, 343), (360, 401), (470, 509)]


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


@pytest.mark.parametrize("at", [(5, 5), (5, 6), (5, 20), (6, 0), (9, 0)])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_crossing_hides_no_line_on_a_laptops_rehearsal_dock(night_2019, size, at, theme):
    night, store = night_2019
    chart = graphics.chart_for("timeline", night, store, theme=theme)
    chart.update(_as_at(chart.data, *at))
    renderer = draw(chart, size)
    assert chart.marker_text.get_visible()
    assert chart.marker_text.get_text().replace("\n", " ") in ("Con majority 05:05", "05:05")
    assert layout_problems(chart.figure, renderer) == []
    ground = chart.marker_text.get_bbox_patch().get_window_extent(renderer)
    for line in chart.lines:
        path = line.get_transform().transform_path(line.get_path())
        assert not Path.intersects_bbox(path, ground, filled=False), (
            line.get_color(), chart.marker_text.get_text(), ground.bounds)
