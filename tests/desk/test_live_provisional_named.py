"""The parties every chart names (`NightState.named_parties`) count the provisional seats
the window's charts show, for the viewer who may see them, and only where asked: a party's
first seat, keyed and not yet verified, read "Others 0 + 1" with View > "Show provisional
seats on charts" (tests/ui/test_ui_provisional_named.py)."""

from __future__ import annotations

import pytest
from helpers.seats import HENDON, HENDON_2024

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.live import NightState
from resultsdesk.desk.visibility import Viewer
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store


@pytest.fixture
def hendon_keyed(nominations_db):
    """Hendon keyed by alice, verified by nobody yet: the night's only seat."""
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
    return nominations_db


def test_provisional_seats_count_only_where_shown(hendon_keyed):
    with Store(hendon_keyed) as store:
        night = NightState(store, viewer=Viewer("alice", sees_all_provisional=False))
        night.refresh()
        assert night.named_parties(provisional=True).is_named("Lab")
        # the verified night alone, as exports and the watch folder name the parties
        assert not night.named_parties().is_named("Lab")
        # someone who may not see alice's figures is told nothing of them
        blind = NightState(store, viewer=Viewer("bob", sees_all_provisional=False))
        blind.refresh()
        assert not blind.named_parties(provisional=True).is_named("Lab")
