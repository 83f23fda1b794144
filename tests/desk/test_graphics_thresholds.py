"""The graphics call close what the desk calls close: the recount thresholds the desk set
(Preferences in the window, --recount-votes/--recount-pct on the command line) reach the
recounts graphic, the card's badge, the map's rings and feed.json's watch.

Found in the nineteenth session: every graphic used the default thresholds whatever the
desk had set, so with a watch of 1% a seat won by 0.74% raised the desk's recount alert
and was never on the recounts graphic pushed to the watch folder."""

from __future__ import annotations

import json

from helpers.agreement import agreement_night
from helpers.cli import run_cli
from helpers.party_votes import declare_by_majority

from resultsdesk.desk import graphics
from resultsdesk.desk.graphic_data import graphic_json
from resultsdesk.desk.publishing import PublishSettings, publish
from resultsdesk.domain import tally
from resultsdesk.store import Store

SEAT = "S14000062"  # Aberdeenshire North and Moray East, on the agreement night
NAME = "Aberdeenshire North and Moray East"
WIDER = tally.RecountThresholds(votes=100, pct=1.0)


def _close_seat(store: Store) -> None:
    """Won by 300 of 40,380 valid votes: 0.74%, close at 1%, not at the default 0.5%."""
    declare_by_majority(store, SEAT, 300, 40_380)


def test_every_graphic_of_a_close_seat_follows_the_desks_thresholds(tmp_path):
    with Store(agreement_night(tmp_path)) as store:
        _close_seat(store)
        night = graphics.night_state(store)
        # the defaults: not close
        assert graphic_json("recounts", night, store)["seats"] == []
        assert not graphic_json("card", night, store, constituency=SEAT)["recount_range"]
        # the desk's: close everywhere
        watched = graphic_json("recounts", night, store, thresholds=WIDER)
        assert [s["constituency"] for s in watched["seats"]] == [NAME]
        assert "under 1%" in watched["subtitle"]
        card = graphic_json("card", night, store, constituency=SEAT, thresholds=WIDER)
        assert card["recount_range"]
        seat = next(s for s in graphic_json("map", night, store, thresholds=WIDER)["seats"]
                    if s["code"] == SEAT)
        assert seat["recount_range"]


def test_the_watch_folder_publishes_at_the_desks_thresholds(tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    with Store(agreement_night(tmp_path)) as store:
        _close_seat(store)
        publish(store, PublishSettings(folder, kinds=("recounts",), data=True, recount=WIDER),
                SEAT)
    recounts = json.loads((folder / "recounts.json").read_text(encoding="utf-8"))
    assert [s["constituency"] for s in recounts["seats"]] == [NAME]
    feed = json.loads((folder / "feed.json").read_text(encoding="utf-8"))
    assert [e["code"] for e in feed["summary"]["recount_watch"]] == [SEAT]


def test_export_takes_the_thresholds_summary_takes(tmp_path):
    db = agreement_night(tmp_path)
    with Store(db) as store:
        _close_seat(store)
    out = tmp_path / "recounts.json"
    code, _, err = run_cli("export", "recounts", "--db", db, "--out", out)
    assert code == 0, err
    assert json.loads(out.read_text(encoding="utf-8"))["seats"] == []
    code, _, err = run_cli("export", "recounts", "--db", db, "--out", out,
                           "--recount-pct", "1")
    assert code == 0, err
    assert [s["constituency"] for s in json.loads(out.read_text(encoding="utf-8"))["seats"]] \
        == [NAME]
    code, text, err = run_cli("summary", "--db", db, "--recount-pct", "1")
    assert code == 0, err
    assert NAME in text and "0.74%" in text
