"""A chart's footer says when its figures were current ("As of 22:02 · 0 of 650 declared").
Before the first result that is the time now, and a window open since the polls closed must
keep saying so, as one opened now does, though nothing in the database changes to refresh
it: a footer that stopped at the minute the window opened reads as figures hours old."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from resultsdesk.desk import live_charts
from resultsdesk.ui import window_live

OPENED = datetime(2024, 7, 4, 21, 2, tzinfo=UTC)  # 22:02 on the UK clock


class _Clock(datetime):
    """datetime whose now() is `at` (moved by the test)."""

    at = OPENED

    @classmethod
    def now(cls, tz=None):
        return cls.at if tz is None else cls.at.astimezone(tz)


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(live_charts, "datetime", _Clock)
    _Clock.at = OPENED
    # the footers' clock comes round every few milliseconds here, not every 20 s
    monkeypatch.setattr(window_live, "AS_OF_CLOCK_MS", 20)
    return _Clock


def _footers(window) -> list[str]:
    return [v.chart.footer_status() for v in (window.seat_view, window.hemicycle_view,
                                              window.shares_view, window.timeline_view)]


def test_before_the_first_result_the_footers_keep_the_time_of_a_fresh_window(
        qtbot, main_window, nominations_db, clock):
    window = main_window(nominations_db, user="carol")
    assert _footers(window)[0] == "As of 22:02 · 0 of 650 declared"
    clock.at = OPENED + timedelta(minutes=95)  # nothing declared yet at 23:37
    fresh = main_window(nominations_db, user="carol")
    assert _footers(fresh)[0] == "As of 23:37 · 0 of 650 declared"
    qtbot.waitUntil(lambda: _footers(window) == _footers(fresh), timeout=3000)


def test_footers_as_of_a_result_are_not_touched_by_the_clock(qtbot, main_window, night_db,
                                                             clock):
    """Once results are verified the footers say their declaration time: the clock's ticks
    change nothing and draw nothing."""
    window = main_window(night_db, user="carol")
    before = _footers(window)
    versions = [v.chart._version for v in (window.seat_view, window.hemicycle_view,
                                           window.shares_view, window.timeline_view)]
    ticks = []
    window.as_of_clock.timeout.connect(lambda: ticks.append(1))
    clock.at = OPENED + timedelta(hours=3)
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=3000)
    assert _footers(window) == before
    assert "As of 22:02" not in before[0]  # the night's latest declaration, not the clock
    assert [v.chart._version for v in (window.seat_view, window.hemicycle_view,
                                       window.shares_view, window.timeline_view)] == versions
