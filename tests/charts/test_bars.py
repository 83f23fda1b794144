"""`charts._bars.bars`: the Rectangles `Axes.bar` / `Axes.barh` make, without the data limits."""

from __future__ import annotations

import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from resultsdesk.charts._bars import bars


def _looks(r) -> tuple:
    return (tuple(map(float, r.get_xy())), float(r.get_width()), float(r.get_height()),
            r.get_facecolor(), r.get_edgecolor(), r.get_linewidth(), r.get_hatch(),
            r.get_zorder(), r.get_label(), r.get_clip_path() is not None,
            list(r.sticky_edges.x), list(r.sticky_edges.y), r.axes is not None)


@pytest.mark.parametrize("horizontal", [False, True])
@pytest.mark.parametrize("props", [
    {"edgecolor": "#333333", "linewidth": 0.8, "zorder": 2},
    {"edgecolor": "#333333", "linewidth": 0.8, "hatch": "//", "zorder": 2},
    {"color": "#a0a0a0", "zorder": 2},
])
def test_bars_are_the_rectangles_axes_bar_makes(horizontal, props):
    places = [0, 1, 2.5, 7]
    theirs_ax = Figure().add_subplot()
    make = theirs_ax.barh if horizontal else theirs_ax.bar
    size = {"height" if horizontal else "width": 0.66}
    theirs = list(make(places, [0] * len(places), **size, **props))
    ours_ax = Figure().add_subplot()
    ours = bars(ours_ax, places, 0.66, horizontal=horizontal, **props)
    assert [_looks(r) for r in ours] == [_looks(r) for r in theirs]
    assert list(ours_ax.patches) == ours  # in the Axes' artists, drawn with them


def test_bars_leave_the_data_limits_alone(monkeypatch):
    # The point of them: no extent worked out per bar (the charts set their own limits).
    calls = []
    monkeypatch.setattr(Axes, "_update_patch_limits", lambda self, p: calls.append(p))
    ax = Figure().add_subplot()
    bars(ax, range(24), 0.7)
    assert calls == []
    ax.bar(range(3), [0] * 3)
    assert len(calls) == 3  # (what `Axes.bar` does, counted the same way)



def _no_extents(monkeypatch) -> list:
    calls: list = []
    real = Axes._update_patch_limits
    monkeypatch.setattr(Axes, "_update_patch_limits",
                        lambda self, p: (calls.append(p), real(self, p)))
    return calls


def _drawn_bars(figure) -> list:
    return [p for p in figure.findobj(Rectangle) if p.get_visible()
            and p.get_width() > 0 and p.get_height() > 0 and p.get_label() == "_nolegend_"]


@pytest.mark.parametrize("kind", ["seats", "shares"])
def test_the_bar_charts_work_out_no_patch_extents(kind, _night_2024, monkeypatch):
    # ~20 ms of each seat chart built (the first window, every export) went on extents
    # nothing read: each chart sets its own view limits before it draws.
    from resultsdesk.desk import graphics
    from resultsdesk.store import Store

    calls = _no_extents(monkeypatch)
    with Store(_night_2024) as store:
        chart = graphics.chart_for(kind, graphics.night_state(store), store)
    chart.figure.draw_without_rendering()
    assert calls == []
    assert len(_drawn_bars(chart.figure)) >= 10  # the parties' bars, drawn


def test_the_timeline_works_out_no_patch_extents(monkeypatch):
    from resultsdesk.charts import TimelineChart
    from resultsdesk.charts.story_data import TimelineData, TimelineParty
    from resultsdesk.domain.timeline import DeclaredSeat, timeline_points

    seats = [DeclaredSeat(c, c, "A", f"2024-07-05T0{h}:{m}:00+01:00")
             for c, h, m in (("w", 0, 45), ("x", 1, 15), ("y", 1, 20), ("z", 2, 50))]
    points = timeline_points(seats)
    calls = _no_extents(monkeypatch)
    chart = TimelineChart()
    chart.update(TimelineData(bins=points.bins, parties=(
        TimelineParty("A", "A", "#d50000", points.totals["A"]),), seats_total=4,
        majority_line=3, declared=4, untimed=0))
    chart.figure.draw_without_rendering()
    assert calls == []
    assert len(_drawn_bars(chart.figure)) == 3  # the three half hours with a declaration
