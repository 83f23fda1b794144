"""Desk user names (domain/identity.py): one person, one name, whatever the keyboard did."""

from __future__ import annotations

import unicodedata

import pytest
from helpers.names import CAROL_VARIANTS
from hypothesis import given
from hypothesis import strategies as st

from resultsdesk.domain.identity import (
    MAX_NAME_LENGTH,
    InvalidName,
    character_prototypes,
    display_name,
    name_key,
    same_person,
    skeleton,
)


@pytest.mark.parametrize("variant", CAROL_VARIANTS.values(), ids=CAROL_VARIANTS.keys())
def test_every_variant_of_a_name_is_the_same_person(variant):
    assert same_person("carol", variant)
    assert same_person(variant, "Carol")


def test_nfd_accents_are_composed():
    composed, decomposed = "Jos\u00e9", "Jose\u0301"
    assert composed != decomposed
    assert name_key(composed) == name_key(decomposed) == "jos\u00e9"
    assert display_name(decomposed) == "Jos\u00e9"
    assert same_person(composed, decomposed)
    # An accent is part of the name: Jose and José are different people.
    assert not same_person("José", "Jose")


def test_different_people_stay_different():
    assert not same_person("carol", "caroline")
    assert not same_person("alice", "bob")
    assert not same_person("", "")
    assert not same_person(None, "carol")
    assert not same_person("\u200b", "")


def test_display_name_is_one_clean_line():
    assert display_name("  ｃａｒｏｌ\u200b   Smith ") == "carol Smith"
    assert display_name("Dr\u00a0Who") == "Dr Who"
    for line_break in ("\n", "\r", "\u2028", "\u2029", "\x85", "\v", "\f"):
        with pytest.raises(InvalidName, match="line break"):
            display_name(f"mallory{line_break}  v2 VERIFIED by bob")


def test_names_have_a_length_limit():
    assert display_name("x" * MAX_NAME_LENGTH) == "x" * MAX_NAME_LENGTH
    with pytest.raises(InvalidName, match="at most 64"):
        display_name("x" * (MAX_NAME_LENGTH + 1))
    with pytest.raises(InvalidName, match="at most 64"):
        display_name("x" * 100_000)
    # Invisible padding does not count against the limit, and cannot dodge it either.
    assert display_name("x" * 64 + "\u200b" * 10) == "x" * 64


@pytest.mark.parametrize("empty", ["", "   ", "\u200b\u00ad", "\x00\x07"])
def test_an_empty_name_is_refused(empty):
    with pytest.raises(InvalidName, match="a name is needed"):
        display_name(empty)


def test_skeleton_maps_look_alikes_to_one_string():
    assert skeleton("c\u0430rol") == skeleton("carol") == skeleton("caro1")
    assert skeleton("b0b") == skeleton("bob")  # the digit's prototype is a capital O
    assert skeleton("m") == skeleton("rn")  # a prototype of more than one character


@pytest.mark.parametrize(("name", "look_alike"), [
    ("Kate", "\u041aate"),  # Cyrillic capital Ka
    ("Hannah", "\u041dannah"),  # Cyrillic capital En
    ("Bob", "\u0412ob"),  # Cyrillic capital Ve
    ("Tom", "\u0422om"),  # Cyrillic capital Te
    ("Nina", "\u039dina"),  # Greek capital Nu
    ("KATE", "\u041a\u0410\u0422\u0415"),
])
def test_a_capital_look_alike_is_the_same_person(name, look_alike):
    """A capital looks like a capital: compared before case folding, which sends the
    Cyrillic capital Ka to a small Ka (like a small capital K), not to a Latin k."""
    assert same_person(name, look_alike)
    assert same_person(look_alike, name)


def test_character_prototypes_give_a_server_the_capitals_look_alikes():
    """What the PostgreSQL store loads to map look-alikes before folding case: one entry
    per character a canonically decomposed name can hold (since migration 15: NFKD made
    some look-alikes something else first), nothing invisible or spacing (the skeleton
    table deals with those), each the same person as what it becomes."""
    rows = dict(character_prototypes())
    assert rows["\u041a"] == "K" and rows["\u039d"] == "N" and "K" not in rows
    assert rows["\u03f2"] == "c" and rows["\u017f"] == "f"  # NFKD: a sigma, an s
    for char, prototype in rows.items():
        assert len(char) == 1 and unicodedata.normalize("NFD", char) == char, char
        assert char.strip() and unicodedata.category(char) not in ("Cc", "Cf"), char
        assert prototype != char, char
        assert unicodedata.normalize("NFKD", prototype) == prototype, char
        assert same_person(char, prototype), char


@given(st.text(max_size=80))
def test_normalising_is_stable_and_never_crashes(text):
    key = name_key(text)
    assert name_key(key) == key
    assert skeleton(skeleton(text)) == skeleton(text)
    assert unicodedata.is_normalized("NFKC", key)
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in key)
    try:
        name = display_name(text)
    except InvalidName:
        return
    assert 0 < len(name) <= MAX_NAME_LENGTH and "\n" not in name
    assert same_person(name, text)


@given(st.text(alphabet=st.characters(max_codepoint=0x7F), min_size=1, max_size=80))
def test_plain_ascii_names_need_no_look_alike_check(raw):
    """display_name skips the look-alike check for ASCII: what it would compare is one
    string, so it could never refuse one."""
    from resultsdesk.domain.identity import _cased_skeleton, _clean

    name = _clean(raw)
    if name and len(name) <= MAX_NAME_LENGTH and not any(c in raw for c in "\n\r\v\f"):
        assert _cased_skeleton(raw) == _cased_skeleton(name)


def test_an_ascii_name_does_not_build_the_look_alike_table():
    """An open desk's window names its user at start; Unicode's confusables table (tens of
    ms to build) waits for a name that needs it."""
    from resultsdesk.domain.identity import _cased_skeleton, _prototypes

    # Whatever ran before (look-alike names in other tests) filled these caches.
    for cached in (_prototypes, _cased_skeleton, skeleton):
        cached.cache_clear()
    assert display_name("  Alice  Smith ") == "Alice Smith"
    assert _prototypes.cache_info().misses == 0
    with pytest.raises(InvalidName):
        display_name("\u03f2arol")  # lunate sigma, recorded as a final sigma: still refused
    assert _prototypes.cache_info().misses == 1
