"""A graphic's words are drawn as written, never read as TeX maths: a `--title` with
prices in it ("$5bn vs $3bn") lost its dollar signs to italic maths, and one with a stray
"$x_$" (or a candidate or party so named in an imported file) stopped the export, and
every publish of it, with matplotlib's parse error reported as a bug."""

from __future__ import annotations

import pytest
from helpers.chart_nights import DOCK, draw
from helpers.seats import HENDON
from helpers.texts import shown_words

from resultsdesk.charts import ResultCardChart
from resultsdesk.charts.data import CardCandidate, ResultCardData
from resultsdesk.charts.export import render
from resultsdesk.desk import graphics
from resultsdesk.desk.graphic_kinds import KINDS

TITLE = r"Pledges: $5bn vs $3bn, and $\frac{5}$ or $x_$"


@pytest.mark.parametrize("kind", KINDS)
def test_a_title_with_dollar_signs_is_drawn_as_written(night_store, tmp_path, kind):
    for fmt in ("png", "svg"):
        out = graphics.export_graphic(night_store, kind, tmp_path / f"{kind}.{fmt}",
                                      constituency=HENDON, title=TITLE, size="960x540")
        assert out.stat().st_size > 0
    chart = graphics.chart_for(kind, graphics.night_state(night_store), night_store,
                               constituency=HENDON, title=TITLE)
    draw(chart, DOCK)  # on screen too
    assert TITLE in shown_words(chart.figure)


def test_names_with_dollar_signs_from_a_file_are_drawn_as_written(tmp_path):
    rows = (CardCandidate("Ann $x_$ Smith", "$$", r"The $\frac{1}$ Party", "#d50000",
                          10_000, 52.6, None, elected=True),
            CardCandidate("Bob Cash $$", "Con", "Conservative", "#0063ba", 9_000, 47.4,
                          -1.0))
    data = ResultCardData("Cash $ville$", rows, "$$ gain from Con", "#d50000",
                          majority=1_000, majority_pct=5.3, turnout=60.0,
                          turnout_change=None, electorate=40_000, provisional=False,
                          recount=False, declared=1, seats_total=650)
    chart = ResultCardChart()
    chart.update(data)
    for fmt in ("png", "svg", "pdf"):
        render(chart, tmp_path / f"card.{fmt}", "hd")
    draw(chart, DOCK)
    assert {"Cash $ville$", "Ann $x_$ Smith"} <= set(shown_words(chart.figure))
