"""The timeline's end labels on the smallest canvas, where one label is all the panel holds:
it said "9 more, 311 seats" with nothing above it, "more" than nothing (a reviewer read it
as a count still to come). Alone it names what it is: every party."""

from __future__ import annotations

import shutil

import pytest
from helpers import rehearsal as helper
from helpers.chart_nights import MIN_CANVAS, SMALL_DOCK, draw
from helpers.rehearsal import WALL, replay

from resultsdesk.desk import graphics
from resultsdesk.desk import rehearsal as rh
from resultsdesk.store import Store

_watch_2019 = helper._watch_2019


@pytest.fixture(scope="module")
def night_2019(_watch_2019, tmp_path_factory):
    """The 2019 rehearsal at 311 seats (03:30), as the reviewer's 1366 x 768 window had it:
    nine parties with seats, none yet past the majority line."""
    path = tmp_path_factory.mktemp("at-311") / _watch_2019.name
    shutil.copyfile(_watch_2019, path)
    with Store(path) as store:
        rh.start(store, WALL)
        replay(store, WALL, limit=311)
        yield graphics.night_state(store), store


def _labels(chart) -> tuple[list[str], str | None]:
    shown = [t.get_text() for t in chart.end_labels if t.get_visible() and t.get_text()]
    merged = chart.merged_label
    return shown, merged.get_text() if merged.get_visible() else None


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_lone_shared_label_says_every_party(night_2019, theme):
    night, store = night_2019
    chart = graphics.chart_for("timeline", night, store, theme=theme)
    draw(chart, MIN_CANVAS)
    shown, merged = _labels(chart)
    assert merged is not None and shown == [], (shown, merged)
    parties = len(chart.end_labels)
    seats = sum(int(t.xy[1]) for t in chart.end_labels)
    assert merged == f"{parties} parties, {seats:,} seats"
    assert "more" not in merged


def test_a_shared_label_under_others_still_says_more(night_2019):
    night, store = night_2019
    chart = graphics.chart_for("timeline", night, store)
    draw(chart, SMALL_DOCK)
    shown, merged = _labels(chart)
    assert shown and merged is not None
    assert "parties" not in merged  # the names, or "N more, M seats"
