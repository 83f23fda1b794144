"""One `export all` (or one publish) of a rehearsal says one "As of" time on every graphic
and format: the rehearsal's night clock runs on while they are drawn, and one export held
"As of 04:44" to "As of 05:52" on the same 553 seats, a kind's PNG and JSON a minute apart.
The time is read once, with the figures (`graphics.night_state`)."""

from __future__ import annotations

import itertools
import json
import re
from datetime import timedelta

import helpers.rehearsal as helper
from helpers.rehearsal import WALL, replay

from resultsdesk.desk import export_folder
from resultsdesk.desk import rehearsal as rh
from resultsdesk.domain.declaration_time import moment

_watch_2019, watch_db, watch_desk = helper._watch_2019, helper.watch_db, helper.watch_desk


def test_every_graphic_of_one_export_says_one_time(watch_desk, tmp_path, monkeypatch):
    rh.start(watch_desk, WALL)
    replay(watch_desk, WALL, limit=40)
    # the night clock as a driven rehearsal's: a minute on at every reading
    minutes = itertools.count()
    start = moment("2019-12-13T01:00:00+00:00")
    monkeypatch.setattr(rh, "night_clock",
                        lambda desk, now=None: start + timedelta(minutes=next(minutes)))
    export_folder.export_all(watch_desk, tmp_path / "out", size=(640, 360))
    times = set()
    for svg in (tmp_path / "out").glob("*.svg"):
        times |= set(re.findall(r"As of (\d\d:\d\d)", svg.read_text(encoding="utf-8")))
    for data in (tmp_path / "out").glob("rehearsal-*.json"):
        status = json.loads(data.read_text(encoding="utf-8"))["footer"]["status"]
        times |= set(re.findall(r"As of (\d\d:\d\d)", status))
    assert times == {"01:00"}
