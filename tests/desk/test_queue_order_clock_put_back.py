"""The Verification queue's order ("oldest first") after the clock a desk stamps entries
with was put back, or ran behind another's: two PCs sharing a file on a network drive, one
an hour slow; NTP stepping a fast PC's clock; a server's clock corrected. The entry keyed
after the step has an earlier `entered_at` than one keyed before it, and the queue, sorted
by that time, put the newer entry at the top, so the desk verified it first and the one
waiting longest sank below it. The order entries were keyed in is the order of their
writes (the declarations' ids), whatever the clocks said."""

from __future__ import annotations

import psycopg
import pytest
from helpers.desk_target import desk_target_fixture  # noqa: F401  (fixture)
from helpers.seats import BEACONSFIELD, HENDON
from test_latest_verified_order import _key  # keyed by alice

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import local_writes

BEFORE, AN_HOUR_SLOW = "2024-07-05T01:02:03+00:00", "2024-07-05T00:03:00+00:00"


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


def test_the_entry_keyed_first_heads_the_queue_whatever_the_clock(settable_clock):
    t = settable_clock
    t.set_clock(BEFORE)
    _key(t, HENDON)  # keyed first, on a PC whose clock is right
    t.set_clock(AN_HOUR_SLOW)
    _key(t, BEACONSFIELD)  # keyed a minute later, on a PC an hour slow
    queue = dk.verification_queue(t.open("bob"))
    at = {q.code: q.entered_at for q in queue}
    assert at[BEACONSFIELD] < at[HENDON]  # the clocks disagree...
    assert [q.code for q in queue] == [HENDON, BEACONSFIELD]  # ...the order keyed does not
