"""The majority status (desk/live.py `NightState.majority_text`) exactly at the line: a
party on 326 of 650 has its majority, and a party that can still reach 326 with every
seat left is not yet in a hung parliament. Found by a mutation test: moving either
comparison onto the line left every test passing."""

from __future__ import annotations

from resultsdesk.desk.live import NightState
from resultsdesk.domain.summary import NationalSummary


def _text(store, seats: int, declared: int) -> str:
    night = NightState(store)
    summary = NationalSummary("GE", seats_total=650, majority_line=326, declared=declared,
                              seats={"Lab": seats, "Con": 10})  # the rest: others
    return night.majority_text(summary)


def test_a_party_on_exactly_the_majority_line_has_its_majority(nominations_store):
    assert _text(nominations_store, 326, 400) == "Lab majority reached"
    assert _text(nominations_store, 325, 400) == "Lab need 1 more for a majority"


def test_a_party_that_can_just_reach_the_line_is_no_hung_parliament_yet(nominations_store):
    # 300 won and 26 seats still to declare: exactly 326 if it wins them all
    assert _text(nominations_store, 300, 624) == "Lab need 26 more for a majority"
    assert _text(nominations_store, 300, 625) == "Hung parliament: no party can reach 326"
