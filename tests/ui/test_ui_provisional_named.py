"""View > "Show provisional seats on charts" counts a provisional seat for its party ("Lab 5 +
4" on the seats chart and in the chamber's and the map's keys, README): the first seat of
the night, or a party's first, keyed before anyone verified it read "Others 0 + 1" in the
Others grey on all three, as the parties named were worked out from verified seats and votes
alone, and a party with neither was folded into "Others"."""

from __future__ import annotations

import pytest
from helpers.seats import HENDON, HENDON_2024

from resultsdesk.charts.describe import describe
from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store


@pytest.fixture
def hendon_keyed(nominations_db):
    """Hendon keyed by alice, verified by nobody yet: the night's only seat."""
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
    return nominations_db


def _in_front(qtbot, window, view):
    dock = next(d for d in window.chart_docks if d.widget() is view)
    dock.show()
    dock.raise_()
    qtbot.waitUntil(view.on_screen, timeout=3000)
    return view.chart


def test_a_provisional_seat_shown_is_its_partys_on_every_chart(qtbot, main_window,
                                                              hendon_keyed):
    window = main_window(hendon_keyed, user="alice")  # keyed it: may see it
    window.provisional_action.setChecked(True)
    seats = _in_front(qtbot, window, window.seat_view)
    assert seats.data.named.is_named("Lab")
    assert "Lab 0 and 1 provisional" in describe(seats.data)
    chamber = _in_front(qtbot, window, window.hemicycle_view)
    assert chamber.data.legend()[0][0] == "Lab"
    assert "Others" not in describe(chamber.data)
    the_map = _in_front(qtbot, window, window.map_view)
    assert [(row.party, row.seats, row.provisional) for row in the_map.data.key_rows()] == [
        ("Lab", 1, 1)]
