"""Provisional seats counted on a narrow seats chart: "61 + 14" over each bar, wider than
the bars' spacing, goes onto two lines ("61" over "+ 14") rather than into its
neighbour's.

Found in the nineteenth session: a 470-pixel seats chart (a laptop's dock) with eleven
bars shrank "61 + 14" "52 + 17" "47 + 15" to the least size labels may have (0.45 of
their type), and still they touched."""

from __future__ import annotations

import itertools

from helpers.chart_nights import seat_data
from matplotlib.backends.backend_agg import FigureCanvasAgg

from resultsdesk.charts import SeatChart


def _drawn(width_in: float):
    chart = SeatChart()
    chart.update(seat_data(fraction=0.5, provisional=0.1, show=True, max_parties=10))
    fig = chart.figure
    fig.set_size_inches(width_in, 4.2)
    fig.set_dpi(100)
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    labels = [t for t in chart.value_labels if t.get_visible() and t.get_text()]
    return chart, labels, [t.get_window_extent(renderer) for t in labels]


def test_no_value_runs_into_its_neighbours():
    chart, labels, boxes = _drawn(4.7)
    assert len(labels) >= 10
    assert any("\n+ " in t.get_text() for t in labels)  # stacked where too wide
    assert all(t.get_fontsize() >= 0.6 * chart._th.label_size for t in labels)
    for a, b in itertools.pairwise(boxes):
        assert a.x1 <= b.x0 + 0.5 or a.y1 <= b.y0 or b.y1 <= a.y0, (a, b)


def test_a_wide_chart_keeps_them_on_one_line():
    _, labels, _ = _drawn(19.2)
    assert all("\n" not in t.get_text() for t in labels)
    assert any(" + " in t.get_text() for t in labels)
