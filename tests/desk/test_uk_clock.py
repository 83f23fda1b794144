"""Every time the desk shows of the night is on the UK clock, whatever zone the PC is set
to (a laptop left on Tokyo or New York time): the graphics' "As of HH:MM" among them.
(The audit trail is the exception README documents: local time with its offset.)"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from resultsdesk.desk.graphics import as_of, night_state
from resultsdesk.domain.declaration_time import UK_TIME


@pytest.fixture
def tokyo(monkeypatch):
    """The PC's clock set to Tokyo: nine hours from the UK in winter, eight in summer."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_as_of_an_untimed_night_is_on_the_uk_clock(tokyo, night_store):
    """The 2024 files carry no declaration times, so the footer says when the latest seat
    was verified: it said so on the PC's clock ("As of 13:25" in Tokyo for 04:25 in London)."""
    night = night_state(night_store)
    assert night.latest_declared() is None
    latest = datetime.fromisoformat(night.latest_verified_at())
    assert as_of(night) == latest.astimezone(UK_TIME).strftime("%H:%M")
    assert as_of(night) != latest.astimezone().strftime("%H:%M")  # Tokyo's


def test_as_of_before_any_seat_is_now_on_the_uk_clock(tokyo, nominations_store):
    before = datetime.now(UTC).astimezone(UK_TIME).strftime("%H:%M")
    shown = as_of(night_state(nominations_store))
    after = datetime.now(UTC).astimezone(UK_TIME).strftime("%H:%M")
    assert shown in (before, after)
