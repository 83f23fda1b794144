"""Two desk PCs of a team desk publishing into one watch folder, each with its own graphics
ticked: a file one PC wrote is removed only by that PC's own publishes (unticked there, or
its folder moved), never because the other publishes fewer; and a publish of an older
reading of the night, finishing after a newer one (a share offering no locks, where the two
overlap), never puts its older figures over the newer ones."""

from __future__ import annotations

import json
import logging
import threading

from helpers.seats import BASILDON, HENDON, HENDON_2024

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import graphics
from resultsdesk.desk.publishing import FEED_NAME, PublishSettings, publish, publish_news
from resultsdesk.desk.watch_folder import MANIFEST_NAME, read_manifest
from resultsdesk.domain.model import Figures
from resultsdesk.io import folder_lock
from resultsdesk.store import Store

BASILDON_VOTES = (5000, 6000, 7000, 8000, 9000, 10000, 20000)  # seven candidates


def _verify(store, code=HENDON, votes=HENDON_2024):
    dk.declare(store, code, user="alice", figures=Figures(votes, 187),
               overrides=["recount_range"])
    dk.verify(store, code, user="bob", votes=votes, invalid=187)


def _names(folder) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.startswith(".")}


def _read(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_pc_publishing_fewer_graphics_leaves_the_other_pcs_in_place(
        nominations_store, tmp_path):
    _verify(nominations_store)
    folder = tmp_path / "watch"
    folder.mkdir()
    pc_a = PublishSettings(folder, kinds=("seats", "card"), formats=("png", "svg"),
                           computer="PC A")
    pc_b = PublishSettings(folder, kinds=("seats",), formats=("png",), computer="PC B")
    publish(nominations_store, pc_a, HENDON)
    publish(nominations_store, pc_b, HENDON)
    both = {"seats.png", "seats.svg", "card.png", "card.svg", FEED_NAME}
    assert _names(folder) == both  # B's smaller set took none of A's away
    assert set(read_manifest(folder)) == both  # and they are still the desk's
    assert _read(folder / FEED_NAME)["files"] == sorted(both - {FEED_NAME})
    publish(nominations_store, pc_a, HENDON)  # turn and turn about: nothing flickers off
    publish(nominations_store, pc_b, HENDON)
    assert _names(folder) == both

    # A unticks its SVGs: they go (B never published them); seats.png, B's too, stays
    publish(nominations_store, PublishSettings(folder, kinds=("card",), computer="PC A"),
            HENDON)
    assert _names(folder) == {"seats.png", "card.png", FEED_NAME}
    # B's next publish leaves A's card alone; A's folder moved elsewhere, A's card goes
    publish(nominations_store, pc_b, HENDON)
    assert _names(folder) == {"seats.png", "card.png", FEED_NAME}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    publish_news(nominations_store, PublishSettings(elsewhere, kinds=("card",),
                                                    computer="PC A"),
                 [HENDON], leaving=[folder])
    assert _names(folder) == {"seats.png", FEED_NAME}  # what B still publishes
    # and once B unticks seats, nobody publishes it: it goes
    publish(nominations_store, PublishSettings(folder, kinds=("summary",), computer="PC B"),
            HENDON)
    assert _names(folder) == {"summary.png", FEED_NAME}


def test_an_older_publish_finishing_late_never_puts_the_folder_back(
        nominations_store, nominations_db, tmp_path, monkeypatch, caplog):
    """PC A reads the night (Hendon verified) and draws; meanwhile Basildon is verified
    and PC B publishes it whole; A, finishing after, put its older feed.json ("1
    declared", Hendon) and card back over B's: nothing on a share without locks kept them
    apart. Now A's reading is found older than the folder's and A publishes again from a
    new one, which has Basildon."""
    _verify(nominations_store)
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("seats", "card"), data=True, computer="PC A")
    monkeypatch.setattr(folder_lock, "_try_lock", lambda fh: None)  # a share without locks
    monkeypatch.setattr(folder_lock, "_wait", lambda fh: False)
    drawn, other_published, started = graphics.export_pages, [], []

    def pc_b_publishes():
        with Store(nominations_db) as pc_b:
            _verify(pc_b, BASILDON, BASILDON_VOTES)
            publish(pc_b, PublishSettings(folder, kinds=("seats", "card"), data=True,
                                          computer="PC B"), BASILDON)
        other_published.append(_read(folder / FEED_NAME))

    def draw(*args, **kwargs):
        if not started:  # PC B, start to end, while A draws (a thread: a PC of its own)
            started.append(threading.Thread(target=pc_b_publishes))
            started[0].start()
            started[0].join(60)
        return drawn(*args, **kwargs)

    monkeypatch.setattr(graphics, "export_pages", draw)
    with caplog.at_level(logging.INFO, logger="resultsdesk.desk.publishing"):
        publish(nominations_store, settings, HENDON)
    newer = other_published[0]
    assert newer["declaration"]["code"] == BASILDON
    feed = _read(folder / FEED_NAME)
    assert feed["declaration"]["code"] == BASILDON  # was Hendon: the folder went back
    assert feed["summary"]["declared"] == 2
    assert _read(folder / "card.json")["code"] == BASILDON
    assert feed["sequence"] >= newer["sequence"]
    assert _read(folder / "seats.json")["sequence"] == feed["sequence"]
    assert "published again from a new reading" in caplog.text


def test_every_feed_carries_a_sequence_that_only_grows(nominations_store, tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("seats",), data=True)
    publish(nominations_store, settings, None)
    first = _read(folder / FEED_NAME)
    assert isinstance(first["sequence"], int)
    assert _read(folder / "seats.json")["sequence"] == first["sequence"]
    _verify(nominations_store)
    publish(nominations_store, settings, HENDON)
    assert _read(folder / FEED_NAME)["sequence"] > first["sequence"]


def test_a_database_reading_older_than_the_folder_still_publishes(nominations_store,
                                                                  tmp_path, caplog):
    """The folder says a newer change than the desk's database has (a copy of the night
    put back by hand, a standby promoted without the last commits): after one new
    reading the database's night goes out, never left off air for good."""
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("seats",))
    publish(nominations_store, settings, None)
    manifest = folder / MANIFEST_NAME
    listed = _read(manifest)
    listed["sequence"]["live"]["change"] += 1_000
    manifest.write_text(json.dumps(listed), encoding="utf-8")
    _verify(nominations_store)
    with caplog.at_level(logging.INFO, logger="resultsdesk.desk.publishing"):
        publish(nominations_store, settings, HENDON)
    feed = _read(folder / FEED_NAME)
    assert feed["declaration"]["code"] == HENDON and feed["summary"]["declared"] == 1
    assert "published again from a new reading" in caplog.text
    publish(nominations_store, settings, HENDON)  # the list now says the database's number
    assert _read(manifest)["sequence"]["live"]["change"] == feed["sequence"]
