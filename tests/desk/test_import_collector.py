"""Imports and the national summary run with the cyclic garbage collector paused (they
build tens of thousands of acyclic objects; the collector's passes free nothing) and leave
it as they found it, on success and on failure alike (`desk/collector.py`)."""

from __future__ import annotations

import gc

import pytest
from helpers.locations import NOTIONAL

from resultsdesk.desk import imports
from resultsdesk.desk import summary as desk_summary
from resultsdesk.io.csvfile import ImportFailure
from resultsdesk.store import repository as repo


def test_the_collector_is_paused_during_an_import_and_back_after(nominations_store,
                                                                  monkeypatch):
    seen = []
    read = imports.read_baseline

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return read(*args, **kwargs)

    monkeypatch.setattr(imports, "read_baseline", spy)
    assert gc.isenabled()
    imports.import_baseline(nominations_store, NOTIONAL)
    assert seen == [False]
    assert gc.isenabled()
    assert repo.baseline_name(nominations_store)


def test_a_failed_import_turns_the_collector_back_on(nominations_store, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("not,a,baseline\n1,2,3\n", encoding="utf-8")
    with pytest.raises(ImportFailure):
        imports.import_baseline(nominations_store, bad)
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off(nominations_store):
    gc.disable()
    try:
        imports.import_baseline(nominations_store, NOTIONAL)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_summary_pauses_the_collector_and_gives_the_same_figures(night_store,
                                                                      monkeypatch):
    seen = []
    seat_results = desk_summary.repo.seat_results

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return seat_results(*args, **kwargs)

    monkeypatch.setattr(desk_summary.repo, "seat_results", spy)
    summary = desk_summary.national_summary(night_store)
    assert seen == [False] and gc.isenabled()
    assert summary.declared == 650 and summary.seats["Lab"] == 411
