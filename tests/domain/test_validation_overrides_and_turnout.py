"""What an override can and cannot accept (domain/validation.py `unresolved`), and where the
turnout warnings start: README's "turnout under 25 % or over 95 %" is a strict line, so a
turnout of exactly 25 % or 95 % warns of nothing. Found by a mutation test: every error
made overridable, and either line moved onto its figure, left every test passing."""

from __future__ import annotations

import pytest
from helpers.seat_results import cv

from resultsdesk.domain.validation import (
    HIGH_TURNOUT_PCT,
    LOW_TURNOUT_PCT,
    WARNING_CODES,
    check_figures,
    unresolved,
)

# 600 and 400 of 1,000 valid votes: a majority of 200 (20 %), far from recount range
_CANDIDATES = [cv("Ann", "Lab", 600), cv("Bob", "Con", 400)]


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"total_as_read": 1_001, "electorate": 2_000}, "total_mismatch"),
    ({"electorate": 999}, "over_electorate"),
    ({"invalid_votes": -1, "electorate": 2_000}, "negative"),
])
def test_an_error_stops_the_save_even_with_its_own_code_given_as_an_override(kwargs, code):
    """An override accepts a warning, never an error: the code of an error named among the
    overrides (a script passing `--override total_mismatch`) leaves it blocking."""
    figures = {"invalid_votes": 0, **kwargs}
    problems = check_figures(_CANDIDATES, **figures)
    assert [p.code for p in problems] == [code] and problems[0].is_error
    assert unresolved(problems, [code, *WARNING_CODES]) == problems


def test_a_warning_is_accepted_by_its_own_override_only():
    problems = check_figures(_CANDIDATES, invalid_votes=0, electorate=1_000 * 100 // 20)
    assert [p.code for p in problems] == ["low_turnout"]
    assert unresolved(problems, ["high_turnout"]) == problems
    assert unresolved(problems, ["low_turnout"]) == []


def _turnout_codes(electorate: int) -> list[str]:
    return [p.code for p in check_figures(_CANDIDATES, invalid_votes=0, electorate=electorate)
            if p.code in ("low_turnout", "high_turnout")]


def test_a_turnout_of_exactly_the_low_line_is_not_low():
    assert LOW_TURNOUT_PCT == 25.0
    assert _turnout_codes(4_000) == []  # 1,000 of 4,000: exactly 25 %
    assert _turnout_codes(4_001) == ["low_turnout"]  # 24.99 %


def test_a_turnout_of_exactly_the_high_line_is_not_high():
    assert HIGH_TURNOUT_PCT == 95.0
    # 1,000 of 1,052 is 95.06 %; of 1,053, 94.97 %: neither is the line itself, so a
    # 1,900-vote seat of 2,000 electors (exactly 95 %) pins it
    exact = [cv("Ann", "Lab", 1_140), cv("Bob", "Con", 760)]
    codes = [p.code for p in check_figures(exact, invalid_votes=0, electorate=2_000)]
    assert "high_turnout" not in codes
    assert _turnout_codes(1_052) == ["high_turnout"]
    assert _turnout_codes(1_053) == []
