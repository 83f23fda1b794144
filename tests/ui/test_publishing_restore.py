"""A backup restored over the night (`resultsdesk restore` at 3 a.m.) takes verified results
away: the window shows the restored night within a refresh, and the watch folder must
follow it, not keep on air a seat the database no longer has verified.

Found by an attack on the watch folder: only a seat newly verified, or a recount called or
called off, was news to publish; a verification taken away was none, so after the restore
feed.json still said "2 declared" and card.png/card.json still showed Basildon, whose
result the desk no longer had, until some other seat was verified."""

from __future__ import annotations

import json

from helpers.seats import BASILDON, HENDON, HENDON_2024

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.publishing import FEED_NAME, PublishSettings
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.store.backup import backup, restore
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.publisher import save_publish_settings


def _declare_and_verify(db, code, votes=None) -> None:
    with Store(db) as store:
        if votes is None:  # a clear win: no warning to override
            others = len(dk.load_sheet(store, code).candidates) - 1
            votes = (20_000, *[100] * others)
        dk.declare(store, code, user="alice", figures=Figures(votes, 187),
                   overrides=["recount_range"])
        dk.verify(store, code, user="bob", votes=votes, invalid=187)


def _read(folder, name: str) -> dict:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def test_a_restore_that_takes_a_verified_seat_away_is_published(qtbot, nominations_db,
                                                                 tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    application()  # first: QSettings are the application's
    save_publish_settings(PublishSettings(folder, kinds=("seats", "card"), data=True))
    window = MainWindow(nominations_db, user="editor")
    qtbot.addWidget(window)
    _declare_and_verify(nominations_db, HENDON, HENDON_2024)
    with qtbot.waitSignal(window.publisher.published, timeout=60_000):
        window.refresh_if_changed()
    saved = tmp_path / "before-basildon.db"
    with Store(nominations_db) as store:
        backup(store, saved)
    _declare_and_verify(nominations_db, BASILDON)
    with qtbot.waitSignal(window.publisher.published, timeout=60_000):
        window.refresh_if_changed()
    assert _read(folder, FEED_NAME)["summary"]["declared"] == 2
    assert _read(folder, "card.json")["code"] == BASILDON

    restore(saved, nominations_db, user="ann")  # Basildon's verification is gone
    with qtbot.waitSignal(window.publisher.published, timeout=60_000):
        window.refresh_if_changed()
    assert window.night.summary().declared == 1
    feed = _read(folder, FEED_NAME)
    assert feed["summary"]["declared"] == 1
    assert feed["declaration"] is None  # none newly verified
    assert _read(folder, "seats.json")["declared"] == 1
    assert _read(folder, "card.json")["code"] == HENDON  # the seat verified last, now
