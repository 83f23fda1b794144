"""The latest verified seat (the card of `export all`, of a publish on settings saved, and
of a publish of an import's seats) where a whole night was verified in one second, as an
import verifies every seat it brings: telling them apart read each one's audit entry with
a statement binding one parameter per seat. SQLite refuses a statement of more than 32,766
("too many SQL variables", its default limit, as in python.org's builds for Windows and
macOS; 999 before 3.32), so on a 50,000-seat night imported in one go `export all` stopped
at its card and the watch folder's publish failed, retried every 15 s all night. Here the
2024 night (650 seats imported in one go) under a limit cut below its seats: the same
statement, one parameter a seat, at a size a test can build."""

from __future__ import annotations

import json
import sqlite3

from resultsdesk.desk import graphics
from resultsdesk.desk.publishing import FEED_NAME, PublishSettings, publish_news
from resultsdesk.store import Store

LIMIT = 300  # parameters a statement may bind: fewer than the night's 650 seats


def _limited(db) -> Store:
    store = Store(db)
    store._conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, LIMIT)
    return store


def test_the_latest_of_a_night_verified_in_one_second(night_db):
    with Store(night_db) as store:  # the answer where nothing is limited
        night = graphics.night_state(store)
        assert len({seat.verified_at for seat in night.seats.values()}) == 1  # one import
        expected = graphics.latest_verified_seat(night, store)
    with _limited(night_db) as store:
        night = graphics.night_state(store)
        # both were sqlite3.OperationalError: too many SQL variables
        assert graphics.latest_verified_seat(night, store) == expected
        assert graphics.latest_verified_seat(night, store, among=set(night.seats)) == expected


def test_a_publish_of_every_seat_of_an_import(night_db, tmp_path):
    """The window's publisher hands over every seat an import verified, in one publish;
    saving the publishing settings publishes with no seat, the card the latest's."""
    with Store(night_db) as store:
        night = graphics.night_state(store)
        expected = graphics.latest_verified_seat(night, store)
        name = night.seats[expected].name
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("card",), data=True)
    with _limited(night_db) as store:
        publish_news(store, settings, sorted(night.seats))
        feed = json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))
        assert feed["declaration"]["code"] == expected
        (folder / "card.json").unlink()
        publish_news(store, settings, [None])
    assert json.loads((folder / "card.json").read_text(encoding="utf-8"))["title"] == name
