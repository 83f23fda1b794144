"""The counting rules (domain/tally.py) by hand-computed examples: the winner, the runner-up
and the majority whatever the ballot order, ties (two-way, three-way, for second place, all
zero) and ties decided by lot, one candidate or none."""

from __future__ import annotations

from helpers.seat_results import ALICE, BOB, CAROL, cv, seat

from resultsdesk.domain import tally
from resultsdesk.domain.model import BaselineSeat
from resultsdesk.domain.summary import seat_outcome

# --- winner, runner-up and ties --------------------------------------------------------------


def test_winner_is_most_votes_whatever_the_ballot_order():
    for order in [(ALICE, BOB, CAROL), (CAROL, BOB, ALICE), (BOB, ALICE, CAROL)]:
        s = seat("E1", *order)
        assert tally.winner(s) == ALICE
        assert tally.runner_up(s) == BOB
        assert not tally.is_tie(s.candidates)
        assert tally.majority(s.candidates) == 200


def test_ranked_is_most_first_and_stable_for_equal_votes():
    a, b = cv("A", "X", 10), cv("B", "Y", 10)
    assert tally.ranked([cv("C", "Z", 1), a, b]) == [a, b, cv("C", "Z", 1)]
    assert tally.ranked([b, a]) == [b, a]


def test_two_way_tie_has_no_winner_and_no_majority():
    a, b = cv("Ann Ash", "Lab", 400), cv("Ben Birch", "Con", 400)
    s = seat("E1", a, b, cv("Cy Cedar", "LD", 10))
    assert tally.is_tie(s.candidates)
    assert tally.tied_candidates(s.candidates) == [a, b]
    assert tally.winner(s) is None
    assert tally.majority(s.candidates) == 0
    assert tally.majority_pct(s.candidates) == 0.0
    out = seat_outcome(s)
    assert out.tie is True
    assert out.winner_party is None and out.winner_name is None
    assert out.majority == 0 and out.majority_pct == 0.0
    assert out.result == "Tie: no winner yet"


def test_three_way_tie_lists_all_three_tied():
    a, b, c = cv("A", "Lab", 99), cv("B", "Con", 99), cv("C", "LD", 99)
    s = seat("E1", cv("D", "Green", 5), a, b, c)
    assert tally.tied_candidates(s.candidates) == [a, b, c]
    assert tally.winner(s) is None


def test_tie_for_second_place_is_not_a_tie():
    s = seat("E1", cv("A", "Lab", 100), cv("B", "Con", 50), cv("C", "LD", 50))
    assert not tally.is_tie(s.candidates)
    assert tally.tied_candidates(s.candidates) == []
    assert tally.winner(s).name == "A"
    assert tally.majority(s.candidates) == 50


def test_all_zero_votes_is_a_tie_with_zero_percentages():
    s = seat("E1", cv("A", "Lab", 0), cv("B", "Con", 0), cv("C", "LD", 0))
    assert tally.is_tie(s.candidates)
    assert len(tally.tied_candidates(s.candidates)) == 3
    assert tally.winner(s) is None
    assert tally.majority(s.candidates) == 0
    assert tally.majority_pct(s.candidates) == 0.0  # no ZeroDivisionError
    assert tally.shares(s.candidates) == [0.0, 0.0, 0.0]
    assert seat_outcome(s).majority_pct == 0.0


def test_an_undecided_tie_has_nobody_first_and_nobody_second():
    """One of the tied named second read as the seat's loser (summary --json, feed.json,
    the results export's "Second party")."""
    s = seat("E1", cv("Ann Ash", "Lab", 400), cv("Ben Birch", "Con", 400),
             cv("Cy Cedar", "LD", 10))
    out = seat_outcome(s)
    assert (out.tie, out.winner_party, out.runner_up_party) == (True, None, None)
    assert out.tied_parties == ("Lab", "Con")


def test_tie_decided_by_lot():
    a, b = cv("Ann Ash", "Lab", 400), cv("Ben Birch", "Con", 400)
    s = seat("E1", a, b, cv("Cy Cedar", "LD", 10), tie_winner="Ben Birch")
    assert tally.winner(s) == b
    assert tally.runner_up(s) == a  # the tied candidate who was not drawn
    out = seat_outcome(s, BaselineSeat("E1", {"Lab": 1}, "Lab"))
    assert out.tie is True
    assert out.winner_party == "Con" and out.winner_name == "Ben Birch"
    assert out.runner_up_party == "Lab"
    assert out.majority == 0
    assert out.result == "Con gain from Lab"


def test_lot_in_three_way_tie_picks_the_named_one_and_runner_up_is_another_tied():
    a, b, c = cv("A", "Lab", 99), cv("B", "Con", 99), cv("C", "LD", 99)
    s = seat("E1", a, b, c, cv("D", "Green", 98), tie_winner="C")
    assert tally.winner(s) == c
    assert tally.runner_up(s) == a


def test_lot_naming_someone_not_tied_decides_nothing():
    s = seat("E1", cv("A", "Lab", 10), cv("B", "Con", 10), cv("C", "LD", 1), tie_winner="C")
    assert tally.winner(s) is None
    s = seat("E1", cv("A", "Lab", 10), cv("B", "Con", 10), tie_winner="Nobody")
    assert tally.winner(s) is None


def test_lot_without_a_tie_is_ignored():
    s = seat("E1", ALICE, BOB, tie_winner="Bob Baker")
    assert tally.winner(s) == ALICE


def test_single_candidate_majority_is_all_their_votes():
    s = seat("E1", cv("Only One", "Spk", 25238))
    assert tally.winner(s).name == "Only One"
    assert tally.runner_up(s) is None
    assert not tally.is_tie(s.candidates)
    assert tally.majority(s.candidates) == 25238
    assert tally.majority_pct(s.candidates) == 100.0
    out = seat_outcome(s)
    assert out.majority == 25238 and out.runner_up_party is None


def test_single_candidate_with_no_votes_is_still_elected():
    s = seat("E1", cv("Only One", "Spk", 0))
    assert tally.winner(s).name == "Only One"
    assert tally.majority(s.candidates) == 0


def test_zero_candidates():
    s = seat("E1")
    assert tally.winner(s) is None
    assert tally.runner_up(s) is None
    assert not tally.is_tie(s.candidates)
    assert tally.tied_candidates(s.candidates) == []
    assert tally.majority(s.candidates) == 0
    assert tally.majority_pct(s.candidates) == 0.0
    assert tally.shares(s.candidates) == []
    assert tally.party_votes(s.candidates) == {}
    assert s.valid_votes == 0
