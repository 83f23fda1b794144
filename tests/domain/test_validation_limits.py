"""What a count may be and what a title may hold (domain/validation.py): a figure over
MAX_FIGURE (what a PostgreSQL `integer` holds) refused as a figure, naming its field; typed
counts read as the declaration form reads them, for the command line too; election and
baseline names without control or formatting characters."""

from __future__ import annotations

import re

import pytest
from helpers.seat_results import cv

from resultsdesk.domain.validation import (
    MAX_FIGURE,
    check_figures,
    count_refusal,
    parse_count,
    read_count,
    title_problem,
)

CANDIDATES = [cv("Ann", "Lab", 600), cv("Bob", "Con", 400)]


def test_max_figure_is_what_a_postgresql_integer_holds():
    assert MAX_FIGURE == 2**31 - 1


@pytest.mark.parametrize(("kwargs", "field", "words"), [
    ({"invalid_votes": MAX_FIGURE + 1}, "invalid", "Rejected ballots: 2,147,483,648 is more"),
    ({"electorate": 3_000_000_000}, "electorate", "Electorate: 3,000,000,000 is more than"),
    ({"total_as_read": 10**12}, "total", "Total as read out: 1,000,000,000,000 is more than"),
])
def test_a_figure_over_the_largest_is_refused_naming_its_field(kwargs, field, words):
    figures = {"invalid_votes": 0, "electorate": 2000, **kwargs}
    problems = check_figures(CANDIDATES, **figures)
    assert [(p.code, p.field, p.is_error) for p in problems] == [("too_large", field, True)]
    assert problems[0].message.startswith(words)
    assert problems[0].message.endswith("2,147,483,647, the largest figure a count may hold")


def test_votes_over_the_largest_are_refused_alone():
    """Not also 'more than the electorate' and a total that cannot match: the one slip."""
    problems = check_figures([cv("Ann", "Lab", 3_000_000_000), cv("Bob", "Con", 400)],
                             invalid_votes=0, electorate=2000, total_as_read=1000)
    assert [(p.code, p.field) for p in problems] == [("too_large", "votes:0")]
    assert problems[0].message.startswith("Ann: 3,000,000,000 votes is more than 2,147,483,647")


def test_figures_each_a_count_whose_sum_is_none_are_refused():
    """A seat with no electorate recorded had nothing else to stop eight figures of two
    billion: 13 billion valid votes on air, the summary's columns run together."""
    problems = check_figures([cv("Ann", "Lab", 2_000_000_000), cv("Bob", "Con", 147_483_647)],
                             invalid_votes=1, electorate=None)
    assert [(p.code, p.field, p.is_error) for p in problems] == [("too_large", "", True)]
    assert problems[0].message == ("The ballots cast add up to 2,147,483,648, more than "
                                   "2,147,483,647, the largest figure a count may hold")
    assert check_figures([cv("Ann", "Lab", 2_000_000_000), cv("Bob", "Con", 147_483_647)],
                         invalid_votes=0, electorate=None) == []


def test_the_largest_figure_itself_is_a_figure():
    problems = check_figures([cv("Ann", "Lab", MAX_FIGURE), cv("Bob", "Con", 0)],
                             invalid_votes=0, electorate=None)
    assert "too_large" not in {p.code for p in problems}


@pytest.mark.parametrize(("text", "value"), [
    ("12", 12), (" 12,345 ", 12_345), ("12 345", 12_345), ("2,147,483,647", MAX_FIGURE),
    ("0", 0), ("0000000000001", 1),  # leading zeros are no size
    # past the 4,300 digits Python converts, read all the same
    pytest.param("0" * 5000 + "176", 176, id="5000-noughts-176"),
    pytest.param("0" * 5000, 0, id="5000-noughts"),
    ("17\u2009838", 17_838), ("17\u2007838", 17_838),  # a thin or a figure space, as copied
])
def test_counts_read_as_the_form_reads_them(text, value):
    assert read_count(text) == value and count_refusal(text) is None


@pytest.mark.parametrize(("text", "why"), [
    ("99999999999999999999", "is more than 2,147,483,647"),
    ("2147483648", "is more than 2,147,483,647"),
    ("1,000,000,000,000,000", "is more than 2,147,483,647"),
    ("\u0663\u0660\u0660\u0660", "is not a whole number"),  # Arabic-Indic 3000
    ("\uff11\uff12", "is not a whole number"),  # full-width 12
    ("-5", "is below zero: a count is 0 or more"),  # a whole number, but no count
    ("\u221212", "is below zero: a count is 0 or more"),  # with the minus sign
    ("-", "is not a whole number"),
    ("-0", "is not a whole number"),  # no count, but not below zero either
    ("1.5", "is not a whole number"),
    ("17.838", "could be 17838 (a dot between thousands) or 17.838 (a decimal point): "
     "type the count without the dot"),  # never read as 17, 17.838 or 17838 unasked
    ("1.234.567", "could be 1234567 (dots between thousands): type the count without them"),
    ("17.8380", "is not a whole number"),
    ("0.838", "is not a whole number"),  # a fraction: not "could be 0838"
    ("00.123", "is not a whole number"),
    ("", "is not a whole number"),
    ("7,1234", "has a comma or space that does not separate thousands"),
])
def test_what_is_not_a_count_says_why(text, why):
    assert why in count_refusal(text)
    with pytest.raises(ValueError, match="^" + re.escape(f"'{text}' {why}")):
        read_count(text)


@pytest.mark.parametrize(("text", "value", "why"), [
    # spaces of two kinds, as a pasted email mixes them (the import reads both as a space):
    # refused as "more than 2,147,483,647", a figure nobody typed
    ("1 234\u00a0567", 1_234_567, None), ("12\u2009345 678", 12_345_678, None),
    # a comma and a space: no one figure, and said so
    ("1,234 567", None, "has a comma or space that does not separate thousands"),
])
def test_mixed_separators_are_read_or_refused_as_what_they_are(text, value, why):
    assert parse_count(text) == value
    assert (count_refusal(text) or "").startswith(why or "")
    assert (count_refusal(text) is None) is (why is None)


@pytest.mark.parametrize("name", ["UK general election 2029", "Scottish Parliament 2026",
                                  "Étholiad Senedd Cymru", "Notional 2019 (2024 boundaries)"])
def test_plain_titles_are_titles(name):
    assert title_problem(name) is None


@pytest.mark.parametrize(("name", "words"), [
    ("GE\x1b[2J2029", "a control character (U+001B)"),
    ("GE 2029\n", "a control character (U+000A)"),
    ("GE \u202e2029", "an invisible formatting character (U+202E)"),
    ("GE\u200b2029", "an invisible formatting character (U+200B)"),
    ("GE\u20292029", "a paragraph separator (U+2029)"),
    ("GE\x852029", "a control character (U+0085)"),
    ("   ", "is empty"),
])
def test_titles_with_what_acts_on_a_screen_are_refused(name, words):
    assert words in title_problem(name)


@pytest.mark.parametrize("name", ["\u3164", "\u2800", "\u034f", " \u3164 \u2800 "])
def test_a_name_that_shows_nothing_is_refused(name):
    """Each on its own draws nothing: an election with an invisible title on air."""
    assert title_problem(name) == "shows nothing: every character in it is blank or invisible"


def test_a_name_longer_than_a_heading_is_refused():
    assert title_problem("G" * 200) is None
    assert title_problem("G" * 120_000).startswith("is 120,000 characters long")
