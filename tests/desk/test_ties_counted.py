"""A verified tie awaiting the lot reaches the seat chart's and the national picture's data
(declared, nobody's bar), on both stores, and goes once the lot is drawn and verified."""

from __future__ import annotations

from helpers.desk_target import desk_target_fixture  # noqa: F401  (fixture)
from helpers.seats import HENDON, TIED

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.graphics import night_state, summary_data
from resultsdesk.domain.model import Figures


def test_a_verified_tie_is_said_by_the_seat_views_data(desk_target):
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    dk.declare(alice, HENDON, Figures(TIED, 50), user=t.name("alice"), overrides=["tie"])
    assert dk.verify(bob, HENDON, user=t.name("bob"), votes=list(TIED), invalid=50).verified
    night = night_state(bob)
    seats = night.seat_chart_data()
    assert (seats.ties, summary_data(night).ties) == (1, 1)
    assert sum(b.seats for b in seats.drawn()) + seats.ties == seats.declared
    winner = next(c for c in dk.load_sheet(alice, HENDON).candidates if c.party == "Lab")
    dk.decide_tie(alice, HENDON, user=t.name("alice"), winner_id=winner.id, note="hat")
    assert dk.verify(bob, HENDON, user=t.name("bob"), votes=list(TIED), invalid=50,
                     tie_winner=winner.id).verified
    assert night_state(bob).seat_chart_data().ties == 0
