"""The night keeps the recount watch and totals of the latest few recount thresholds asked
for, not of every one ever asked: each kept is every seat's row, brought up to date on
every change. An editor saving other recount figures in Preferences (1,000 votes, then
1,500, 2,000, 2.5 %...) left the window one more watch for each until it closed, every
later declaration updating them all (`live_totals.KEPT_THRESHOLDS`)."""

from __future__ import annotations

import pytest

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import live_totals
from resultsdesk.desk.live import NightState
from resultsdesk.domain import tally
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES

HENDON = "E14001279"
ASKED = [tally.RecountThresholds(votes=500 + 250 * i, pct=1.0 + 0.5 * i) for i in range(10)]


@pytest.fixture
def rows_put(monkeypatch) -> list[int]:
    """How many watch rows were put (one per kept watch for each seat that changed)."""
    count = [0]
    put = live_totals.SortedRows.put

    def counted(self, *args, **kwargs):
        count[0] += 1
        return put(self, *args, **kwargs)

    monkeypatch.setattr(live_totals.SortedRows, "put", counted)
    return count


def _asked(night: NightState, thresholds: list[tally.RecountThresholds]) -> None:
    for t in thresholds:  # as the recount watch and the strip ask, Preferences after Preferences
        night.recount_watch(t)
        night.summary(include_provisional=True, thresholds=t)


def _rows_put_by_one_correction(night: NightState, store, rows_put: list[int], n: int) -> int:
    """Watch rows put as the night reads a correction of Hendon (its `n`th)."""
    sheet = dk.load_sheet(store, HENDON)
    figures = Figures([9000 - 700 * i + n for i in range(len(sheet.candidates))], 50)
    dk.correct(store, HENDON, figures, user="alice", reason="RO restated",
               overrides=WARNING_CODES)
    rows_put[0] = 0
    assert night.refresh() == {HENDON}
    return rows_put[0]


def test_only_the_latest_thresholds_are_kept_up_to_date(night_store, rows_put):
    night = NightState(night_store)
    night.refresh()
    _asked(night, ASKED[:3])  # the strip's, the watch's and one more
    with_few = _rows_put_by_one_correction(night, night_store, rows_put, 1)
    _asked(night, ASKED)
    with_many = _rows_put_by_one_correction(night, night_store, rows_put, 2)
    assert with_many == with_few


def test_thresholds_asked_again_read_as_a_night_read_afresh(night_store):
    night = NightState(night_store)
    night.refresh()
    _asked(night, ASKED)
    _rows_put_by_one_correction(night, night_store, [0], 3)  # while ASKED[0] was not kept
    fresh = NightState(night_store)
    fresh.refresh()
    for t in (ASKED[0], ASKED[-1]):
        assert night.recount_watch(t) == fresh.recount_watch(t)
        assert night.summary(include_provisional=True, thresholds=t) \
            == fresh.summary(include_provisional=True, thresholds=t)
