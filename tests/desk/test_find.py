"""Finding a seat from typed text: the ranking the find box uses (resultsdesk.desk.find)."""

from __future__ import annotations

import csv

import pytest

from resultsdesk.desk.find import (
    Tier,
    best,
    candidates,
    closeness,
    normalise,
    rank,
    rank_prepared,
    ranked_codes,
)
from resultsdesk.paths import CONSTITUENCIES_2024, data_file


@pytest.fixture(scope="module")
def seats() -> list[tuple[str, str]]:
    """The 650 seats of 2024 as (GSS code, name), in file order."""
    with open(data_file(CONSTITUENCIES_2024), encoding="utf-8-sig", newline="") as f:
        return [(r["ONS ID"], r["Constituency name"]) for r in csv.DictReader(f)]


def names(matches) -> list[str]:
    return [m.name for m in matches]


@pytest.mark.parametrize(("typed", "expected"), [
    ("Basildon & Bilericay", "Basildon and Billericay"),  # the README's own example
    ("basildon and billericay", "Basildon and Billericay"),
    ("BASILDON AND BILLERICAY", "Basildon and Billericay"),
    ("bilericay", "Basildon and Billericay"),
    ("bassildon", "Basildon and Billericay"),
    ("hendn", "Hendon"),
    ("aldrshot", "Aldershot"),
    ("leeds nroth east", "Leeds North East"),
    ("north leeds east", "Leeds North East"),
    ("cardif west", "Cardiff West"),
    ("St. Albans", "St Albans"),
    ("st albns", "St Albans"),
    ("Ynys Mon", "Ynys Môn"),
    ("holborn & st pancras", "Holborn and St Pancras"),
    ("weston super mare", "Weston-super-Mare"),
    ("E14001077", "Basildon and Billericay"),
    ("e14001077", "Basildon and Billericay"),
])
def test_the_best_match_is_the_seat_meant(seats, typed, expected):
    assert best(typed, seats).name == expected


def test_basildon_typo_finds_only_basildon_not_the_alphabet(seats):
    found = rank("Basildon & Bilericay", seats)
    assert names(found)[0] == "Basildon and Billericay"
    assert "Aberdeenshire North and Moray East" not in names(found)  # what Enter opened before
    assert all(m.tier is Tier.FUZZY for m in found)


def test_exact_beats_prefix_beats_word_beats_contains(seats):
    found = rank("Bath", seats)
    assert [(m.name, m.tier) for m in found] == [("Bath", Tier.EXACT),
                                                 ("Bathgate and Linlithgow", Tier.PREFIX)]
    hull = rank("hull", seats)
    assert [(m.name, m.tier) for m in hull] == [
        ("Kingston upon Hull East", Tier.WORD),
        ("Kingston upon Hull North and Cottingham", Tier.WORD),
        ("Kingston upon Hull West and Haltemprice", Tier.WORD),
        ("Birmingham Hodge Hill and Solihull North", Tier.CONTAINS),
        ("Meriden and Solihull East", Tier.CONTAINS),
        ("Solihull West and Shirley", Tier.CONTAINS),
    ]  # nothing fuzzy when the text is found as typed


def test_a_code_prefix_lists_those_seats_in_name_order(seats):
    found = rank("E1400107", seats)
    assert {m.code[:8] for m in found} == {"E1400107"}
    assert len(found) == 10
    assert names(found) == sorted(names(found), key=normalise)


def test_fuzzy_matches_are_ranked_by_score_not_alphabet(seats):
    found = rank("wolverhmpton south east", seats)
    assert found[0].name == "Wolverhampton South East"
    scores = [m.score for m in found]
    assert scores == sorted(scores, reverse=True)
    assert names(found) != sorted(names(found))  # the alphabet would put North East first


def test_nonsense_and_too_short_text_find_nothing(seats):
    assert rank("xyzzy", seats) == []
    assert rank("qz", seats) == []
    assert rank("   ", seats) == []


def test_normalise_forms():
    assert normalise("  Basildon &  Billericay ") == "basildon and billericay"
    assert normalise("King's Lynn") == normalise("Kings Lynn") == "kings lynn"
    assert normalise("Weston-super-Mare") == "weston super mare"
    assert normalise("Ynys Môn") == "ynys mon"
    assert normalise("St. Albans") == "st albans"


def test_closeness_prefers_the_nearer_name():
    assert closeness("hendn", "hendon") > closeness("hendn", "southend east and rochford")
    assert closeness("basildon and bilericay", "basildon and billericay") > 90


@pytest.mark.parametrize("typed", ["S", "ham", "north", "E1400107", "hendn", "Ynys Mon", "q",
                                   "zzzzzz", ""])
def test_seats_prepared_once_rank_as_seats_given_each_time(seats, typed):
    """The find box ranks the seats as prepared with its rows (names normalised, put in
    name order, once), and asks only for the codes: the same seats, in the same order."""
    prepared = candidates(seats)
    matches = rank(typed, seats)
    assert rank_prepared(typed, prepared) == matches
    assert ranked_codes(typed, prepared) == [m.code for m in matches]


def test_names_in_plain_ascii_normalise_as_any_other():
    """ASCII has no accents: normalised without taking any off, the same as with."""
    import unicodedata

    for text in ("Weston-super-Mare", "King's Lynn", "Holborn & St Pancras", "ABC  def"):
        spelled_out = unicodedata.normalize("NFKD", text) + "\u0301"  # and an accent
        assert normalise(text) == normalise(spelled_out)


@pytest.mark.parametrize(("typed", "expected"), [
    ("poolr", "Poole"),  # r beside e: Hartlepool ("pool") scored the same, and came first
    ("pooel", "Poole"),
    ("opole", "Poole"),  # Mid Dorset and North Poole scored the same
    ("wokinghm", "Wokingham"),  # holds all of Woking: Woking scored 90, Wokingham 89.4
    ("wokingam", "Wokingham"),
    ("barh", "Bath"),  # "bar" starts Barking: 77.1 against Bath's 75
    ("bayh", "Bath"),  # Torbay
    ("fotle", "Foyle"),  # Bootle
    ("lewed", "Lewes"),  # Leeds Central and Headingley
    ("sleby", "Selby"),  # Knowsley
])
def test_a_whole_name_one_typo_away_beats_a_name_partly_close(seats, typed, expected):
    """One letter wrong, missing, doubled or two swapped in a seat's whole name, and
    nothing found as typed: Enter opens that seat, not one a part of whose name is as close
    (Poole, at the top of 2024's recount watch, typed with one slip opened Hartlepool)."""
    found = rank(typed, seats)
    assert found[0].name == expected, names(found)[:3]
    assert found[0].tier is Tier.FUZZY


@pytest.mark.parametrize("typed", ["poolr", "wokinghm", "ynys mnn", "hartlepol", "cerphilly",
                                   "st ivez", "abrdeen suth", "north xyz"])
def test_typos_are_scored_and_ordered_as_closeness_says(seats, typed):
    """Typos are scored over every name at once (a keystroke after a typo at 50,000 seats
    was ~50,000 calls of `closeness` from Python): the same scores, and the same order, as
    `closeness` name by name, a whole name one typo away first, then the closest."""
    from rapidfuzz.distance import OSA

    text = normalise(typed)
    found = rank(typed, seats, cutoff=0, fuzzy_limit=len(seats))
    assert found and all(m.tier == Tier.FUZZY for m in found)
    by_code = dict(seats)
    expected = sorted(
        ((OSA.distance(text, normalise(name), score_cutoff=1) > 1,
          -closeness(text, normalise(name)), normalise(name), code)
         for code, name in seats), key=lambda e: e)
    assert [(m.code, -m.score) for m in found] == [(code, score)
                                                  for _, score, _, code in expected]
    assert all(by_code[m.code] == m.name for m in found)
