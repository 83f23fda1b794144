"""The seat chart's dashed majority rule never strikes a figure through: where it runs
behind a value or change label, the label's box (the background's colour) hides it there.
On a small on-screen chart the rule at 326 ran through the Conservatives' "−251", which read
"=251"."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from resultsdesk.charts import SeatChart
from resultsdesk.charts.data import PartyBar, SeatChartData
from resultsdesk.charts.seats import RULE_WIDTH_PT

BARS_2024 = (("Lab", "#d50000", 411, +209), ("Con", "#0063ba", 121, -251),
             ("LD", "#fc7d0b", 72, +64), ("SNP", "#fff685", 9, -39), ("SF", "#02665f", 7, 0))


def chart_2024(size: tuple[int, int], dpi: int = 100):
    chart = SeatChart()
    bars = tuple(PartyBar(p, p, colour, seats, 0, change)
                 for p, colour, seats, change in BARS_2024)
    chart.update(SeatChartData(bars, 650, 326, sum(b.seats for b in bars), 0,
                               show_provisional=False, title="Seats", subtitle="2024"))
    fig = chart.figure
    fig.set_dpi(dpi)
    fig.set_size_inches(size[0] / dpi, size[1] / dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return chart, canvas.get_renderer()


def crossings(chart, renderer) -> dict[str, tuple[bool, bool]]:
    """Each label with text: (the rule runs through its box, its box is shown)."""
    ax = chart.ax
    rows = chart.majority_vrule.get_visible()
    if rows:
        at = ax.transData.transform((chart.majority_vrule.get_xdata()[0], 0))[0]
    else:
        at = ax.transData.transform((0, chart.majority_rule.get_ydata()[0]))[1]
    reach = renderer.points_to_pixels(RULE_WIDTH_PT) / 2 + 1
    out = {}
    for label in (*chart.value_labels, *chart.change_labels):
        if not label.get_text():
            continue
        box = label.get_window_extent(renderer)
        lo, hi = (box.x0, box.x1) if rows else (box.y0, box.y1)
        out[label.get_text()] = (lo - reach < at < hi + reach,
                                 label.get_bbox_patch().get_visible())
    return out


def test_the_rule_through_a_label_is_hidden_behind_it_on_a_small_chart():
    # About the seat chart's dock on a 1080p screen (a third of the width, a third of the
    # height): the rule at 326 runs through the Conservatives' change.
    chart, renderer = chart_2024((636, 320))
    seen = crossings(chart, renderer)
    assert seen["\u2212251"] == (True, True)  # crossed, and masked
    assert all(shown == crossed for crossed, shown in seen.values()), seen


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1080), (1080, 1920), (480, 300), (400, 900),
                                  (700, 900), (636, 270), (636, 300), (360, 700)])
def test_a_box_is_shown_exactly_where_the_rule_crosses_a_label(size):
    chart, renderer = chart_2024(size)
    seen = crossings(chart, renderer)
    assert seen
    assert all(shown == crossed for crossed, shown in seen.values()), seen


def test_a_large_chart_shows_no_box():
    chart, renderer = chart_2024((1920, 1080))
    assert not any(shown for _crossed, shown in crossings(chart, renderer).values())
