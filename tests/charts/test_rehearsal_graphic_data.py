"""A rehearsal's data beside the picture says REHEARSAL where the picture does: its
`subtitle` is the one drawn ("REHEARSAL · UK general election 2019"), as its footer's
`source` already was. The JSON gave the live night's subtitle ("UK general election 2019")
beside a picture marked REHEARSAL, so a template that builds its own lower third from
`title` and `subtitle` (Vizrt, CasparCG) put a rehearsal's figures up unmarked; the live
night's data has no mark."""

from __future__ import annotations

from helpers import rehearsal as helper
from helpers.rehearsal import WALL, replay

from resultsdesk.desk import graphics
from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.graphic_data import graphic_json

_watch_2019, watch_db, watch_desk = helper._watch_2019, helper.watch_db, helper.watch_desk


def test_a_rehearsals_data_has_the_subtitle_drawn(watch_desk, night_store):
    rh.start(watch_desk, WALL)
    replay(watch_desk, WALL, limit=30)
    night = graphics.night_state(watch_desk)
    code = graphics.latest_verified_seat(night, watch_desk)
    for kind in graphics.KINDS:
        chart = graphics.chart_for(kind, night, watch_desk, constituency=code)
        data = graphic_json(kind, night, watch_desk, constituency=code)
        assert data["rehearsal"] is True
        assert data["subtitle"] == chart.header.subtitle.get_text(), kind
        assert data["subtitle"].startswith("REHEARSAL \u00b7 "), kind
        assert data["footer"]["source"].startswith("REHEARSAL"), kind
    live = graphics.night_state(night_store)
    for kind in graphics.KINDS:
        data = graphic_json(kind, live, night_store, constituency="Hendon")
        assert "REHEARSAL" not in data["subtitle"], kind
        assert data["subtitle"].endswith("UK general election 2024"), kind
