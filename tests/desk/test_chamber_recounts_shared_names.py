"""A recount rings its own seat in the chamber, never another seat of the same name. Two
seats may share a name (a seat added with another's name: `import results --add-seats`;
`watch_order` and the graphics' data join by code for it), but the chamber knew its
recounts by name alone: a recount called in one "Twin" ringed both on the picture and
marked both `recount_under_way` in `hemicycle.json` (the map and the recount watch, by
code, named one), and a recount called off in one took the other's ring away while its
recount went on (found attacking the graphics' data in the forty-first session)."""

from __future__ import annotations

import pytest
from helpers.csv_tables import first_seats, read_table, set_cell, write_table

from resultsdesk.charts import HemicycleChart
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.election import init_election
from resultsdesk.desk.graphic_data import graphic_json
from resultsdesk.desk.graphics import night_state
from resultsdesk.desk.imports import import_results
from resultsdesk.desk.live import NightState
from resultsdesk.paths import ELECTION_2024, data_file


@pytest.fixture
def twins(tmp_path):
    """Three 2024 seats, the first two of them both named "Twin"; their codes."""
    header, rows = first_seats(read_table(data_file(ELECTION_2024)), 3)
    codes = list(dict.fromkeys(r[header.index("ONS ID")] for r in rows))
    for i, row in enumerate(rows):
        if row[header.index("ONS ID")] in codes[:2]:
            set_cell((header, rows), i, "Constituency name", "Twin")
    store = init_election(tmp_path / "twins.db", "Twins")
    import_results(store, write_table(tmp_path / "twins.csv", header, rows))
    try:
        yield store, codes
    finally:
        store.close()


def _ringed(night: NightState) -> dict[str, bool]:
    """Each drawn seat's code: whether the chamber's data marks it under recount."""
    return {s["code"]: s["recount_under_way"] for s in night.hemicycle_data().to_json()["seats"]}


def test_a_recount_marks_its_own_seat_not_its_namesake(twins):
    store, (one, two, other) = twins
    dk.mark_recount(store, two, user="carol")
    night = NightState(store)
    night.refresh()
    assert _ringed(night) == {one: False, two: True, other: False}
    # as the map and the recount watch have it, from the same night
    data = graphic_json("map", night_state(store), store)
    assert {s["code"] for s in data["seats"] if s["recount"]} == {two}
    chart = HemicycleChart()
    chart.update(night.hemicycle_data())
    assert len(chart.recount_marks.places) == 1  # one ring, keyed "Recount 1"


def test_a_recount_called_off_leaves_its_namesakes_ring(twins):
    store, (one, two, other) = twins
    night = NightState(store)
    night.refresh()
    dk.mark_recount(store, one, user="carol")
    dk.mark_recount(store, two, user="carol")
    night.refresh()
    assert _ringed(night) == {one: True, two: True, other: False}
    dk.mark_recount(store, two, user="carol", under_way=False)
    night.refresh()  # kept seat by seat, as the window's night is
    assert _ringed(night) == {one: True, two: False, other: False}
    chamber = night.hemicycle_data()
    assert chamber.to_json()["recounts_under_way"] == ["Twin"]
    chart = HemicycleChart()
    chart.update(chamber)
    assert len(chart.recount_marks.places) == 1
