"""The seats-changing-hands graphic on a night with no baseline imported said "No seat has
changed hands" and "0 seats changed hands": on air, a night of holds, where there is nothing
to compare with. It now says "No baseline to compare with", and its JSON gives `changed`
null (README: a change null where the baseline cannot say); with a baseline, the flow."""

from __future__ import annotations

import json

from helpers.no_baseline import add_baseline, five_seats_no_baseline
from helpers.texts import drawn_texts

from resultsdesk import cli
from resultsdesk.charts.export import render
from resultsdesk.charts.gains import NO_BASELINE_TEXT, NONE_TEXT
from resultsdesk.desk import graphics
from resultsdesk.desk.live import NightState
from resultsdesk.store import Store


def _drawn(db, tmp_path) -> tuple[list[str], dict]:
    with Store(db) as store:
        night = NightState(store)
        night.refresh()
        chart = graphics.chart_for("gains", night, store)
        render(chart, tmp_path / "gains.png", "hd")
        texts = [t.get_text() for t in drawn_texts(chart.figure)]
    out = tmp_path / "gains.json"
    assert cli.main(["export", "gains", "--db", str(db), "--out", str(out)]) == 0
    return texts, json.loads(out.read_text(encoding="utf-8"))


def test_the_gains_graphic_says_there_is_no_baseline(tmp_path):
    db = five_seats_no_baseline(tmp_path)
    texts, data = _drawn(db, tmp_path)
    assert NO_BASELINE_TEXT in texts and NONE_TEXT not in texts, texts
    assert not any("changed hands" in t for t in texts if t != "Seats changing hands"), texts
    assert data["changed"] is None and data["flows"] == []

    add_baseline(db, tmp_path)
    texts, data = _drawn(db, tmp_path)
    assert NO_BASELINE_TEXT not in texts and "1 seat changed hands" in texts, texts
    assert data["changed"] == 1
    assert [(f["from"], f["to"], f["seats"]) for f in data["flows"]] == [("Con", "Lab", 1)]
