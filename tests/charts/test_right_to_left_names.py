"""A party named in a right-to-left script (Hebrew, Arabic, Urdu...) in a chart's line of
its own words: "<name> 3" drew as "3 <name>" (the bidi algorithm, which matplotlib's
libraqm layout applies, took the figure into the name's run), a wrong count on air. Such a
name goes into the line between First Strong Isolate and Pop Directional Isolate
(`wording.isolated`), which draw as nothing; the graphic's data keeps it as written."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from matplotlib.font_manager import findfont, get_font

from resultsdesk.charts import TimelineChart, _text
from resultsdesk.charts._missing import undrawn
from resultsdesk.charts.export import render
from resultsdesk.charts.gains import flow_text
from resultsdesk.charts.story_data import Flow, TimelineData, TimelineParty
from resultsdesk.domain.wording import ISOLATES

LIKUD = "\u05dc\u05d9\u05db\u05d5\u05d3"  # Hebrew, drawn by DejaVu Sans
START = datetime(2024, 7, 4, 22, 0, tzinfo=UTC)
needs_bidi = pytest.mark.skipif(not _text._BIDI, reason="matplotlib without libraqm "
                                "(before 3.11) draws every line left to right: no isolates")


def _figure_after_name(line: str, prop) -> bool:
    """Whether matplotlib (libraqm) lays `line` out with its "3" right of LIKUD."""
    from matplotlib.ft2font import LoadFlags

    font = get_font(findfont(prop))
    font.set_size(12, 72)
    x = {item.char: item.x for item in font._layout(line, LoadFlags.NO_HINTING)}
    return x["3"] > max(x[c] for c in LIKUD)


def _timeline() -> TimelineData:
    points = tuple((START + timedelta(minutes=30 * i), i + 1) for i in range(3))
    return TimelineData(bins=((START, 3), (START + timedelta(minutes=30), 2)),
                        parties=(TimelineParty(LIKUD, "Likud", "#0038b8", points),
                                 TimelineParty("Lab", "Labour", "#d50000", points[:2])),
                        seats_total=5, majority_line=3, declared=5)


@needs_bidi
def test_a_right_to_left_party_keeps_its_seats_after_it_on_the_timeline(tmp_path):
    chart = TimelineChart()
    data = _timeline()
    chart.update(data)
    labels = [t.get_text() for t in chart.end_labels]
    assert labels == [f"\u2068{LIKUD}\u2069 3", "Lab 2"]  # a Latin name as it was
    # as matplotlib lays the label out (libraqm): the figure right of the name
    assert _figure_after_name(labels[0], chart.end_labels[0].get_fontproperties())
    for fmt in ("png", "svg", "pdf"):
        render(chart, tmp_path / f"timeline.{fmt}", "hd")
        assert undrawn(chart.figure) == []  # the isolates are no word drawn as boxes
    data_json = json.dumps(data.to_json(), ensure_ascii=False)
    assert LIKUD in data_json and not any(c in data_json for c in ISOLATES)


@needs_bidi
def test_a_flow_between_right_to_left_parties_keeps_its_order():
    # bare, "<A> → <B> 4" read right to left whole: B's name first, then A's
    assert flow_text(Flow(LIKUD, None, "\u0645\u062d\u0627", None, 4)) == \
        f"\u2068{LIKUD}\u2069 \u2192 \u2068\u0645\u062d\u0627\u2069 4"


def test_without_libraqm_a_chart_draws_names_as_written(monkeypatch):
    monkeypatch.setattr(_text, "_BIDI", False)
    assert _text.named(LIKUD) == LIKUD  # an isolate would be a box, in no font of ours
