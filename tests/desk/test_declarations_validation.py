"""Validation of a declaration's figures (desk/declarations.py, domain/validation.py) against
a real 2024 database: errors that refuse the save, warnings that need a recorded override, the
desk's recount thresholds; then hypothesis properties of the differences a re-key finds and of
the total read out.

Tests taking `team` run on a file and on a server (see tests/desk/conftest.py).
"""

from __future__ import annotations

import pytest
from helpers.desk_state import real_votes, snapshot
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import CLEAN, CON, HENDON, HENDON_ELECTORATE, TIED
from hypothesis import given
from hypothesis import strategies as st

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.domain.tally import RecountThresholds
from resultsdesk.domain.validation import WARNING_CODES, check_figures, differences

WARNINGS = WARNING_CODES


# --- validation ---------------------------------------------------------------------------


def test_total_as_read_must_equal_the_sum(team):
    t = team
    before = snapshot(t.alice)
    with pytest.raises(dk.FiguresRefused, match="add up to 39,561, not the 39,651") as e:
        dk.declare(t.alice, HENDON, user=t.name("alice"),
                   figures=Figures(CLEAN, 120, total_as_read=39_651),
                   overrides=WARNINGS)  # errors cannot be overridden
    assert [p.code for p in e.value.problems] == ["total_mismatch"]
    assert snapshot(t.alice) == before
    v = dk.declare(t.alice, HENDON, user=t.name("alice"),
                   figures=Figures(CLEAN, 120, total_as_read=sum(CLEAN)))
    assert v.total_as_read == 39_561


def test_votes_cast_cannot_exceed_the_electorate(team):
    t = team
    votes = [1000, 1000, 1000, 30000, 1000, 1000, 39000, 800]  # 74,800 valid
    before = snapshot(t.alice)
    with pytest.raises(dk.FiguresRefused, match="74,866 ballots cast is more than the "
                                                "electorate of 74,865") as e:
        dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 66),
                   overrides=WARNINGS)
    assert [p.code for p in e.value.problems] == ["over_electorate"]
    assert snapshot(t.alice) == before
    # Exactly the electorate is possible (if remarkable: a 99.9 % turnout needs an override).
    with pytest.raises(dk.FiguresRefused) as e:
        dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 65))
    assert [p.code for p in e.value.problems] == ["high_turnout"]
    v = dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 65),
                   overrides=["high_turnout"])
    assert v.valid_votes + v.invalid_votes == HENDON_ELECTORATE


def test_the_electorate_given_with_the_figures_is_checked_and_kept(team):
    t = team
    with pytest.raises(dk.FiguresRefused) as e:
        dk.declare(t.alice, HENDON, user=t.name("alice"),
                   figures=Figures(CLEAN, 0, electorate=39_000))
    assert [p.code for p in e.value.problems] == ["over_electorate"]
    v = dk.declare(t.alice, HENDON, user=t.name("alice"),
                   figures=Figures(CLEAN, 0, electorate=60_000))
    assert v.electorate == 60_000


WARNING_FIGURES = {
    "low_turnout": (100, 200, 300, 5000, 400, 500, 9000, 600),  # 21.5 % turnout
    "high_turnout": (2000, 2000, 1000, 25000, 1000, 2000, 39000, 500),  # 96.8 %
    "zero_votes": (2667, 1966, 0, 12000, 1518, 3038, 18000, 233),
    "recount_range": None,  # the real 2024 result: Lab by 15
    "tie": TIED,
}


@pytest.mark.parametrize("code", WARNINGS)
def test_a_warning_refuses_the_save_unless_overridden_and_the_override_is_recorded(team, code):
    t = team
    votes = WARNING_FIGURES[code] or real_votes(t.alice, HENDON)
    others = [w for w in WARNINGS if w != code]
    before = snapshot(t.alice)
    with pytest.raises(dk.FiguresRefused, match=f"warning '{code}': override to accept") as e:
        dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 100),
                   overrides=others)
    assert [p.code for p in e.value.problems] == [code]
    assert all(not p.is_error for p in e.value.problems)
    assert snapshot(t.alice) == before

    v = dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 100),
                   overrides=[code])
    assert v.overrides == (code,) and v.status == "provisional"
    assert dk.load_sheet(t.alice, HENDON).latest.overrides == (code,)
    entry = dk.history(t.alice, HENDON).audit[-1]
    assert entry["action"] == "declare" and entry["details"]["overrides"] == [code]


def test_each_warning_needs_its_own_override(team):
    t = team
    votes = list(TIED)
    votes[0] = 0  # a tie and a candidate with no votes
    with pytest.raises(dk.FiguresRefused) as e:
        dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 5),
                   overrides=["tie"])
    assert [p.code for p in e.value.problems] == ["zero_votes"]
    assert "Gabrielle Bailey has 0 votes" in str(e.value)
    v = dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 5),
                   overrides=["zero_votes", "tie"])
    assert v.overrides == ("tie", "zero_votes")
    assert dk.history(t.alice, HENDON).audit[-1]["details"]["overrides"] == ["tie", "zero_votes"]


def test_the_recount_range_follows_the_desk_thresholds(team):
    t = team
    votes = list(CLEAN)
    votes[CON] = 17_850  # Lab by 150 (0.33 % of valid votes)
    with pytest.raises(dk.FiguresRefused):
        dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 1))
    v = dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 1),
                   thresholds=RecountThresholds(100, 0.2))
    assert v.overrides == ()


# --- properties -------------------------------------------------------------------------------


figures = st.lists(st.integers(0, 100_000), min_size=1, max_size=12)


@given(figures, st.data())
def test_differences_name_exactly_the_fields_that_differ(first, data):
    second = data.draw(st.lists(st.integers(0, 100_000), min_size=len(first),
                                max_size=len(first)))
    inv1 = data.draw(st.none() | st.integers(0, 1000))
    inv2 = data.draw(st.none() | st.integers(0, 1000))
    diffs = differences(first, second, inv1, inv2)
    assert diffs == [f"votes:{i}" for i in range(len(first)) if first[i] != second[i]] + \
        (["invalid"] if inv1 != inv2 else [])
    assert (diffs == []) == (list(first) == list(second) and inv1 == inv2)


@given(figures, st.integers(0, 2_000_000), st.none() | st.integers(0, 10_000))
def test_a_total_read_out_that_differs_is_always_an_error(votes, total, invalid):
    from resultsdesk.domain.model import CandidateVotes

    cands = [CandidateVotes(f"C{i}", f"P{i}", v) for i, v in enumerate(votes)]
    problems = check_figures(cands, invalid_votes=invalid, electorate=None, total_as_read=total)
    mismatch = [p for p in problems if p.code == "total_mismatch"]
    assert bool(mismatch) == (total != sum(votes))
    assert all(p.is_error for p in mismatch)
