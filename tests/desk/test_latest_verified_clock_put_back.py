"""The watch folder's latest seat (card.png, feed.json's declaration) after the clock the
desk stamps verifications with was put back: NTP stepping a fast PC's clock, one of two
desks sharing a file on a network drive with its clock a minute ahead of the other's, a
server's clock corrected. The seat verified after the step has an earlier `verified_at`
than the one verified before it; the latest seat was the one with the latest time, so the
card stayed on the older seat, and the folder's publish of the newer one (`_not_older`)
kept the older card on air until the wall clock caught up. The order the seats were
verified in is the order of their writes (the audit entries' ids), whatever the clocks."""

from __future__ import annotations

import json

import psycopg
import pytest
from helpers.desk_target import desk_target_fixture  # noqa: F401  (fixture)
from helpers.seats import BEACONSFIELD, HENDON
from test_latest_verified_order import _key  # keyed by alice, a landslide

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import graphics, local_writes
from resultsdesk.desk.publishing import FEED_NAME, PublishSettings, publish_news

BEFORE, PUT_BACK = "2024-07-05T01:02:03+00:00", "2024-07-05T01:00:00+00:00"


@pytest.fixture
def settable_clock(desk_target, monkeypatch):
    """`set(time)`: every time the store writes from then on is `time`: on a file, the
    desk's clock; on a server, its `rd_now()` (replaced by the test database's superuser)."""
    def set_clock(stamp: str) -> None:
        if desk_target.on_server:
            with psycopg.connect(str(desk_target.admin_target), autocommit=True) as conn:
                conn.execute("CREATE OR REPLACE FUNCTION resultsdesk.rd_now() RETURNS text "
                             f"LANGUAGE sql STABLE RETURN '{stamp}'")
        else:
            monkeypatch.setattr(local_writes, "now_iso", lambda: stamp)

    desk_target.set_clock = set_clock
    return desk_target


def test_the_seat_verified_after_the_clock_was_put_back_is_the_latest(settable_clock,
                                                                      tmp_path):
    t = settable_clock
    t.set_clock(BEFORE)
    hendon, beaconsfield = _key(t, HENDON), _key(t, BEACONSFIELD)
    dk.verify(t.open("bob"), HENDON, user=t.name("bob"), votes=hendon, invalid=50)
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("card",), data=True)
    publish_news(t.open("eve"), settings, [HENDON])  # Hendon's card on air
    t.set_clock(PUT_BACK)  # the clock stepped back two minutes
    dk.verify(t.open("bob"), BEACONSFIELD, user=t.name("bob"), votes=beaconsfield,
              invalid=50)  # verified after Hendon
    desk = t.open("eve")
    night = graphics.night_state(desk)
    assert night.seats[BEACONSFIELD].verified_at < night.seats[HENDON].verified_at
    assert graphics.latest_verified_seat(night, desk) == BEACONSFIELD  # was Hendon
    publish_news(desk, settings, [BEACONSFIELD])  # the news: Beaconsfield just verified
    feed = json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))
    assert feed["declaration"]["code"] == BEACONSFIELD  # was Hendon's, kept on air
    assert json.loads((folder / "card.json").read_text(encoding="utf-8"))["title"] == \
        "Beaconsfield"


@pytest.mark.parametrize("page", [256, 7])
def test_the_newest_verified_of_a_whole_night_is_found_from_the_newest_entries_back(
        night_store, monkeypatch, page):
    """Of many seats (more than one statement binds), the seat verified last is read from
    the newest verifying entries back, page by page, and is the one the entries of every
    seat looked up by code say: here of the 2024 night's seats less its last 300 imported,
    so the first pages hold none of them."""
    from resultsdesk.store import audit_log

    monkeypatch.setattr(audit_log, "_PAGE", page)
    every = audit_log.last_vouching_entries(night_store, graphics.night_state(
        night_store).seats.keys())
    by_order = sorted(every, key=every.__getitem__)
    assert len(by_order) == 650
    among = by_order[:-300]
    assert audit_log.newest_vouched(night_store, among) == among[-1]
    assert audit_log.newest_vouched(night_store, by_order) == by_order[-1]
    assert audit_log.newest_vouched(night_store, ["E99999999"] * 100) is None
