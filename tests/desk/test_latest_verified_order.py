"""The watch folder's latest seat (card.png, feed.json's declaration) among seats verified
in the same second: the one VERIFIED last, not the one declared last. Times are stored to
the second, so two verifications in one second were told apart by their declarations'
ids: a seat keyed early but verified late lost to one keyed late and verified early. On a
file and on a server, each with its clock stopped, so both verifications share a time."""

from __future__ import annotations

import json

import psycopg
import pytest
from helpers.desk_target import desk_target_fixture  # noqa: F401  (fixture)
from helpers.seats import BEACONSFIELD, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import graphics, local_writes
from resultsdesk.desk.publishing import FEED_NAME, PublishSettings, publish_news
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES

STOPPED = "2024-07-05T01:02:03+00:00"


@pytest.fixture
def stopped_clock(desk_target, monkeypatch):
    """Every time the store writes is STOPPED: on a file, the desk's clock; on a server,
    its `rd_now()` (replaced in this test's own database by its superuser)."""
    if desk_target.on_server:
        with psycopg.connect(str(desk_target.admin_target), autocommit=True) as conn:
            conn.execute("CREATE OR REPLACE FUNCTION resultsdesk.rd_now() RETURNS text "
                         f"LANGUAGE sql STABLE RETURN '{STOPPED}'")
    else:
        monkeypatch.setattr(local_writes, "now_iso", lambda: STOPPED)
    return desk_target


def _key(t, code: str) -> list[int]:
    votes = [20_000] + [100] * (len(dk.load_sheet(t.open("alice"), code).candidates) - 1)
    dk.declare(t.open("alice"), code, user=t.name("alice"), figures=Figures(votes, 50),
               overrides=WARNING_CODES)
    return votes


def test_the_seat_verified_last_in_one_second_is_the_latest(stopped_clock, tmp_path):
    t = stopped_clock
    beaconsfield = _key(t, BEACONSFIELD)  # keyed first...
    hendon = _key(t, HENDON)
    dk.verify(t.open("bob"), HENDON, user=t.name("bob"), votes=hendon, invalid=50)
    dk.verify(t.open("bob"), BEACONSFIELD, user=t.name("bob"), votes=beaconsfield,
              invalid=50)  # ...verified last, in the same second
    desk = t.open("eve")
    night = graphics.night_state(desk)
    assert night.seats[HENDON].verified_at == night.seats[BEACONSFIELD].verified_at
    assert graphics.latest_verified_seat(night, desk) == BEACONSFIELD  # was Hendon
    # the watch folder's publish of both puts the one verified last on air
    folder = tmp_path / "watch"
    folder.mkdir()
    publish_news(desk, PublishSettings(folder, kinds=("card",), data=True),
                 [BEACONSFIELD, HENDON])
    feed = json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))
    assert feed["declaration"]["code"] == BEACONSFIELD
    assert json.loads((folder / "card.json").read_text(encoding="utf-8"))["title"] == \
        "Beaconsfield"
