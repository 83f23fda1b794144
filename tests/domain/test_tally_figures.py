"""The counting rules (domain/tally.py) by hand-computed examples: majorities, turnout and
shares; result labels, gains and Butler swing; the recount range and the majority line."""

from __future__ import annotations

import pytest
from helpers.seat_results import ALICE, BOB, CAROL, cv, seat

from resultsdesk.domain import tally
from resultsdesk.domain.model import BaselineSeat
from resultsdesk.domain.summary import seat_outcome

# --- figures ---------------------------------------------------------------------------------


def test_majority_and_majority_pct_are_of_valid_votes():
    cands = (ALICE, BOB, CAROL)  # 500 / 300 / 200 of 1000
    assert tally.majority(cands) == 200
    assert tally.majority_pct(cands) == pytest.approx(20.0)
    assert tally.majority_pct((cv("A", "X", 2), cv("B", "Y", 1))) == pytest.approx(100 / 3)


def test_turnout():
    assert tally.turnout_pct(600, 1000) == pytest.approx(60.0)
    assert tally.turnout_pct(44423, 69817) == pytest.approx(63.627, abs=1e-3)
    assert tally.turnout_pct(600, None) is None
    assert tally.turnout_pct(600, 0) is None


def test_percentage():
    assert tally.percentage(1, 4) == 25.0
    assert tally.percentage(5, 0) == 0.0


def test_shares_in_given_order():
    assert tally.shares((CAROL, ALICE, BOB)) == pytest.approx([20.0, 50.0, 30.0])
    assert tally.shares((cv("A", "X", 1), cv("B", "Y", 2))) == pytest.approx([100 / 3, 200 / 3])


def test_party_votes_add_independents_together():
    cands = (cv("I1", "Ind", 100), cv("L", "Lab", 50), cv("I2", "Ind", 25), cv("I3", "Ind", 0))
    assert tally.party_votes(cands) == {"Ind": 125, "Lab": 50}


def test_party_shares():
    assert tally.party_shares({"Lab": 3, "Con": 1}) == pytest.approx({"Lab": 75.0, "Con": 25.0})
    assert tally.party_shares({"Lab": 0}) == {"Lab": 0.0}


def test_valid_votes_is_sum_of_candidates():
    assert seat("E1", ALICE, BOB, CAROL).valid_votes == 1000


# --- labels, gains, swing --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("winner", "baseline", "label", "gain"),
    [
        ("Con", "Con", "Con hold", False),
        ("Lab", "Con", "Lab gain from Con", True),
        ("Lab", None, "Lab win", False),
        (None, "Con", "Tie: no winner yet", False),
        (None, None, "Tie: no winner yet", False),
    ],
)
def test_result_label_and_gain(winner, baseline, label, gain):
    assert tally.result_label(winner, baseline) == label
    assert tally.is_gain(winner, baseline) is gain


def test_seat_outcome_hold_and_gain_against_baseline():
    s = seat("E1", ALICE, BOB)
    assert seat_outcome(s, BaselineSeat("E1", {"Lab": 9, "Con": 1}, "Lab")).result == "Lab hold"
    out = seat_outcome(s, BaselineSeat("E1", {"Con": 9, "Lab": 1}, "Con"))
    assert out.result == "Lab gain from Con"
    assert out.gain is True
    assert out.baseline_winner == "Con"
    assert seat_outcome(s).result == "Lab win"
    assert seat_outcome(s).gain is False


def test_butler_swing_con_to_lab_ten_points():
    then = {"Con": 40.0, "Lab": 35.0}
    now = {"Con": 30.0, "Lab": 45.0}
    assert tally.butler_swing(now, then, "Lab", "Con") == pytest.approx(10.0)
    assert tally.butler_swing(now, then, "Con", "Lab") == pytest.approx(-10.0)


def test_butler_swing_other_hand_computed_cases():
    # Con 45 -> 43 (-2), Lab 32 -> 38 (+6): (6 - -2) / 2 = 4 points to Lab.
    assert tally.butler_swing({"Con": 43, "Lab": 38}, {"Con": 45, "Lab": 32},
                              "Lab", "Con") == pytest.approx(4.0)
    # Both up: Lab +6, Con +2 -> 2 points to Lab.
    assert tally.butler_swing({"Con": 42, "Lab": 38}, {"Con": 40, "Lab": 32},
                              "Lab", "Con") == pytest.approx(2.0)
    # A party missing from a side counts as 0 share: LD 0 -> 10, Con 40 -> 30.
    assert tally.butler_swing({"Con": 30, "LD": 10}, {"Con": 40},
                              "LD", "Con") == pytest.approx(10.0)
    # No change, no swing.
    assert tally.butler_swing({"Con": 40, "Lab": 35}, {"Con": 40, "Lab": 35},
                              "Lab", "Con") == 0.0


# --- recount range, majority line ------------------------------------------------------------


@pytest.mark.parametrize(
    ("votes", "pct", "expected"),
    [
        (100, 5.0, True),  # votes threshold inclusive
        (99, 5.0, True),
        (101, 5.0, False),
        (101, 0.5, False),  # percentage threshold exclusive
        (101, 0.4999, True),
        (0, 0.0, True),
        (5000, 12.0, False),
    ],
)
def test_in_recount_range_default_boundaries(votes, pct, expected):
    assert tally.in_recount_range(votes, pct) is expected


def test_default_recount_thresholds():
    assert tally.DEFAULT_RECOUNT_VOTES == 100
    assert tally.DEFAULT_RECOUNT_PCT == 0.5
    # one default: the value object's, which every signature uses
    assert tally.RecountThresholds() == tally.DEFAULT_THRESHOLDS == tally.RecountThresholds(
        100, 0.5)


@pytest.mark.parametrize(("votes", "pct"), [(100, 0.5), (20, 0.0), (0, 12.0), (5000, 1.0)])
def test_recount_thresholds_cover_what_in_recount_range_says(votes, pct):
    thresholds = tally.RecountThresholds(votes, pct)
    for majority, majority_pct in ((0, 0.0), (20, 0.05), (100, 0.49), (101, 0.5),
                                   (4999, 11.9), (5001, 12.5)):
        assert thresholds.covers(majority, majority_pct) is \
            tally.in_recount_range(majority, majority_pct, votes, pct)


def test_in_recount_range_custom_thresholds():
    assert tally.in_recount_range(20, 0.05, 20, 0) is True
    assert tally.in_recount_range(21, 0.05, 20, 0) is False  # pct 0: nothing is under it
    assert tally.in_recount_range(21, 0.99, 20, 1.0) is True
    assert tally.in_recount_range(21, 1.0, 20, 1.0) is False
    assert tally.in_recount_range(0, 0.0, 0, 0) is True


@pytest.mark.parametrize(("seats", "line"), [(650, 326), (1, 1), (2, 2), (9, 5), (10, 6),
                                              (651, 326)])
def test_majority_line(seats, line):
    assert tally.majority_line(seats) == line
