"""The baseline share a candidate's share is compared with (domain/tally.py `share_then`),
the rule behind every "Change" (the result card, the graphics' data, the results export):
like for like only. Found by a mutation test: comparing independents, or a party with two
candidates, with the one share then left every domain, card and export test passing."""

from __future__ import annotations

import pytest

from resultsdesk.domain import tally
from resultsdesk.domain.parties import INDEPENDENT

_THEN = tally.party_shares({"Lab": 400, "Con": 300, "Ind": 200, "Grn": 100})


def test_a_lone_candidate_of_a_party_that_stood_is_compared_with_its_share_then():
    assert tally.share_then("Lab", {"Lab": 1, "Con": 1}, _THEN) == pytest.approx(40.0)


def test_a_party_that_did_not_stand_then_has_nothing_to_compare_with():
    assert tally.share_then("RUK", {"RUK": 1, "Lab": 1}, _THEN) is None


def test_a_party_with_two_candidates_now_is_not_compared_with_its_one_share_then():
    """Two Greens now (a split nomination) cannot each be set against the 10 % the party
    had as a whole: each would read a fall it never had."""
    assert tally.share_then("Grn", {"Grn": 2, "Lab": 1}, _THEN) is None


def test_an_independent_is_never_compared_even_standing_alone():
    """A lone independent now and an independent then are as like as not two people
    (Guildford 2019): the HoC Library leaves every independent's change empty."""
    assert tally.share_then(INDEPENDENT, {INDEPENDENT: 1, "Lab": 1}, _THEN) is None
