"""The watch folder's contract with graphics systems, exactly as README states it: the
names of the desk's files there, and `feed.json`'s shape. Other tests read these through
the module's own constants (`FEED_NAME`, `MANIFEST_NAME`), which a rename would move with
them: here they are spelt out, as a graphics system's configuration spells them."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta

from helpers.seats import HENDON, HENDON_2024

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.publishing import PublishSettings, publish
from resultsdesk.domain.model import Figures
from resultsdesk.store.live import current_seq

# README, The watch folder: `feed.json` is one object of these keys, no more
FEED_KEYS = {"published_at", "sequence", "rehearsal", "summary", "declaration", "files"}
DECLARATION_KEYS = {"code", "constituency", "candidates", "recount_under_way", "version"}
RESTATED = (2667, 1966, 139, 15840, 1518, 3038, 15865, 233)  # Lab by 25 after the RO's word


def _verified(store, votes=HENDON_2024):
    dk.declare(store, HENDON, user="alice", figures=Figures(votes, 187),
               overrides=["recount_range"])
    dk.verify(store, HENDON, user="bob", votes=votes, invalid=187)


def test_feed_json_is_the_documented_object_with_its_time_in_utc(nominations_store, tmp_path,
                                                                  monkeypatch):
    """`published_at` is UTC, ISO 8601, whatever zone the PC is set to (a desk in New York
    for a UK night): a graphics system compares it with its own clock."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        _verified(nominations_store)
        folder = tmp_path / "watch"
        folder.mkdir()
        before = datetime.now().astimezone()
        publish(nominations_store, PublishSettings(folder, kinds=("seats",)), HENDON)
        feed = json.loads((folder / "feed.json").read_text(encoding="utf-8"))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert set(feed) == FEED_KEYS
    published = datetime.fromisoformat(feed["published_at"])
    assert published.utcoffset() == timedelta(0)
    assert abs(published - before) < timedelta(minutes=5)
    assert feed["sequence"] == current_seq(nominations_store)
    assert feed["rehearsal"] is False and feed["files"] == ["seats.png"]
    declaration = feed["declaration"]
    assert set(declaration) == DECLARATION_KEYS
    assert (declaration["code"], declaration["constituency"]) == (HENDON, "Hendon")
    assert declaration["recount_under_way"] is False
    assert declaration["version"]["version"] == 1
    assert declaration["version"]["status"] == "verified"


def test_the_feeds_declaration_is_the_seats_verified_version_now(nominations_store,
                                                                  tmp_path):
    """A verified correction publishes the figures now on air (version 2), not the first
    verified version it superseded."""
    _verified(nominations_store)
    dk.correct(nominations_store, HENDON, Figures(RESTATED, 187), user="alice",
               reason="RO restated Lab", overrides=["recount_range"])
    dk.verify(nominations_store, HENDON, user="bob", votes=RESTATED, invalid=187)
    folder = tmp_path / "watch"
    folder.mkdir()
    publish(nominations_store, PublishSettings(folder, kinds=("seats",)), HENDON)
    version = json.loads((folder / "feed.json").read_text(encoding="utf-8"))[
        "declaration"]["version"]
    assert (version["version"], version["status"]) == (2, "verified")
    assert sum(version["votes"].values()) == sum(RESTATED)


def test_the_hidden_list_and_lock_have_their_documented_names(nominations_store, tmp_path):
    """`.resultsdesk-published.json` (what the desk wrote, so it removes only its own) and
    `.resultsdesk-publishing.lock` (desks take turns): another version of ResultsDesk
    publishing into the same folder finds them only under these names."""
    _verified(nominations_store)
    folder = tmp_path / "watch"
    folder.mkdir()
    publish(nominations_store, PublishSettings(folder, kinds=("seats",)), HENDON)
    hidden = {p.name for p in folder.iterdir() if p.name.startswith(".")}
    assert ".resultsdesk-published.json" in hidden
    assert ".resultsdesk-publishing.lock" in hidden
    listed = json.loads((folder / ".resultsdesk-published.json").read_text(encoding="utf-8"))
    assert "seats.png" in json.dumps(listed)
