"""Hypothesis properties of the tally and validation rules not already covered by
tests/domain/test_tally_properties.py: the runner-up and the majority, Butler swing, the
recount range, the majority line, the order and silencing of validation problems, and counts
read back as written."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from resultsdesk.domain import tally
from resultsdesk.domain.model import CandidateVotes, SeatResult
from resultsdesk.domain.timeline import VersionTimes, declared_at
from resultsdesk.domain.validation import check_figures, parse_count
from resultsdesk.io.csvfile import parse_whole_number

# --- tally and validation rules (beyond tests/domain/test_tally_properties.py) ----------------


@st.composite
def seats(draw) -> SeatResult:
    n = draw(st.integers(1, 6))
    votes = draw(st.lists(st.integers(0, 8), min_size=n, max_size=n))  # ties are common
    cands = tuple(CandidateVotes(f"C{i}", draw(st.sampled_from(["Lab", "Con", "LD", "Ind"])),
                                 v) for i, v in enumerate(votes))
    drawn = None
    if tally.is_tie(cands) and draw(st.booleans()):
        drawn = draw(st.sampled_from(tally.tied_candidates(cands))).name
    return SeatResult("E1", "Seat", cands, tie_winner=drawn)


@given(seats())
def test_property_runner_up_is_never_the_winner_and_sets_the_majority(seat):
    elected, second = tally.winner(seat), tally.runner_up(seat)
    if len(seat.candidates) < 2:
        assert second is None
        return
    assert second is not None and second is not elected
    top = max(c.votes for c in seat.candidates)
    assert second.votes <= top
    if elected is not None:
        assert tally.majority(seat.candidates) == elected.votes - second.votes
    if tally.is_tie(seat.candidates):
        assert second.votes == top  # after a tie the runner-up is another tied candidate


votes_by_party = st.dictionaries(st.sampled_from(["Lab", "Con", "LD", "Grn", "Ind"]),
                                 st.integers(0, 10**6), max_size=5)


@given(votes_by_party, st.lists(st.sampled_from(["Lab", "Con", "LD", "Grn", "Ind", "SNP"]),
                                max_size=3))
def test_property_the_shares_of_some_parties_are_those_of_all(votes, parties):
    """`shares_of` (the swing reads two parties') gives exactly `party_shares`' figures."""
    every = tally.party_shares(votes)
    assert tally.shares_of(votes, parties, sum(votes.values())) == {
        p: every[p] for p in parties if p in every}


times = st.one_of(st.none(), st.just(""), st.sampled_from(
    ["2024-07-05T02:10:00+01:00", "2024-07-05T04:58:00+01:00"]))
versions = st.builds(VersionTimes, st.integers(1, 4), st.integers(0, 2),
                     st.sampled_from(["provisional", "verified", "rejected", "withdrawn",
                                      "superseded"]),
                     times, times, st.sampled_from(["desk", "import", "cli"]))


@given(versions)
def test_property_a_seat_of_one_version_declared_as_the_rule_says(version):
    """`declared_at` of a seat with one version (most seats) is what the whole rule
    says: a version of another count and older, rejected, changes nothing of it."""
    other = VersionTimes(0, version.count_number + 1, "rejected", None, None, "desk")
    assert declared_at([version]) == declared_at([other, version])


shares = st.dictionaries(st.sampled_from(["Lab", "Con", "LD", "Grn"]),
                         st.floats(0, 100, allow_nan=False), max_size=4)


@given(shares, shares, st.floats(-20, 20, allow_nan=False))
def test_property_butler_swing_is_antisymmetric(now, then, shift):
    swing = tally.butler_swing(now, then, "Lab", "Con")
    assert swing == pytest.approx(-tally.butler_swing(now, then, "Con", "Lab"))
    assert swing == pytest.approx(-tally.butler_swing(then, now, "Lab", "Con"))
    assert tally.butler_swing(now, now, "Lab", "Con") == 0
    # both parties moving together is no swing between them
    moved = {**now, "Lab": now.get("Lab", 0) + shift, "Con": now.get("Con", 0) + shift}
    assert tally.butler_swing(moved, then, "Lab", "Con") == pytest.approx(swing, abs=1e-9)


@given(st.integers(0, 10**6), st.floats(0, 100), st.integers(0, 10**4), st.floats(0, 10),
       st.integers(0, 100), st.floats(0, 5))
def test_property_recount_range_is_monotone(votes, pct, threshold, pct_threshold, less,
                                            less_pct):
    if tally.in_recount_range(votes, pct, threshold, pct_threshold):
        # a closer result, or a wider watch, is in range too
        assert tally.in_recount_range(max(0, votes - less), max(0.0, pct - less_pct),
                                      threshold, pct_threshold)
        assert tally.in_recount_range(votes, pct, threshold + less, pct_threshold + less_pct)
    else:
        assert not tally.in_recount_range(votes + less, pct + less_pct, threshold,
                                          pct_threshold)


@given(st.integers(0, 100_000))
def test_property_majority_line_is_the_smallest_majority(seats_total):
    line = tally.majority_line(seats_total)
    assert 2 * line > seats_total >= 2 * (line - 1)


@given(st.lists(st.integers(-3, 50), min_size=0, max_size=6), st.none() | st.integers(-2, 30),
       st.none() | st.integers(0, 400))
def test_property_validation_errors_come_first_and_silence_warnings(votes, invalid,
                                                                   electorate):
    cands = [CandidateVotes(f"C{i}", "P", v) for i, v in enumerate(votes)]
    problems = check_figures(cands, invalid_votes=invalid, electorate=electorate)
    errors = [p for p in problems if p.is_error]
    assert problems[:len(errors)] == errors  # errors first
    if errors:
        assert len(errors) == len(problems)  # no warnings until the errors are fixed
    codes = Counter(p.code for p in problems)
    cast = sum(votes) + (invalid or 0)
    assert ("over_electorate" in codes) == (electorate is not None and cast > electorate)
    assert codes["negative"] == sum(v < 0 for v in votes) + (invalid is not None and
                                                             invalid < 0)
    assert ("no_candidates" in codes) == (not votes)
    if not errors:
        assert codes["zero_votes"] == votes.count(0)
        tie = len(votes) > 1 and sum(votes) > 0 and tally.is_tie(cands)
        assert ("tie" in codes) == tie
        if "recount_range" in codes:
            assert not tie


@given(st.integers(0, 10**12 - 1))
def test_property_counts_read_back_as_written(n):
    for text in (str(n), f"{n:,}", f" {n:,} "):
        assert parse_whole_number(text, ValueError) == n
        assert parse_count(text) == n
    if n:
        with pytest.raises(ValueError, match="negative"):
            parse_whole_number(f"-{n}", ValueError)
        with pytest.raises(ValueError, match="not a whole number"):
            parse_whole_number(f"{n}.5", ValueError)
        assert parse_count(f"-{n}") is None and parse_count(f"{n}.5") is None
    assume(n < 10**11)
    with pytest.raises(ValueError, match="too large"):
        parse_whole_number(str(n + 10**12), ValueError)


@given(st.integers(1_000, 10**12 - 1), st.data())
def test_property_a_misplaced_thousands_separator_is_no_count(n, data):
    """A comma or space moved out of its place (a digit lost or added beside it) reads as
    no count at all, in the form as in an imported file, never as another number."""
    grouped = f"{n:,}"
    commas = [i for i, c in enumerate(grouped) if c == ","]
    at = data.draw(st.sampled_from(commas))
    shift = data.draw(st.sampled_from([-2, -1, 1, 2]))
    bare = grouped.replace(",", "")
    place = at - grouped[:at].count(",") + shift  # where in the bare digits it now stands
    assume(0 < place < len(bare))
    others = [i - grouped[:i].count(",") for i in commas if i != at]
    cuts = [0, *sorted({*others, place}), len(bare)]
    misplaced = ",".join(bare[a:b] for a, b in itertools.pairwise(cuts))
    assert parse_count(misplaced) is None
    assert parse_count(misplaced.replace(",", " ")) is None
    with pytest.raises(ValueError, match="comma that does not separate thousands"):
        parse_whole_number(misplaced, ValueError)

