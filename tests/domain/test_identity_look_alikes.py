"""Look-alikes that NFKC changes (domain/identity.py): a character Unicode's confusables data
gives as a twin of an ASCII one is the same person as it, whatever NFKC makes of it, and a
name is never recorded as something that looks different from what was typed."""

from __future__ import annotations

import unicodedata

import pytest
from helpers.names import FORMERLY_MISSED, name_and_look_alike
from hypothesis import example, given
from hypothesis import strategies as st

from resultsdesk.domain.identity import (
    InvalidName,
    _cased_skeleton,
    _prototypes,
    display_name,
    name_key,
    same_person,
    skeleton,
)


def _ascii_look_alikes() -> dict[str, str]:
    """Every character the confusables data gives an ASCII prototype, with that prototype.
    Only characters NFD leaves alone: TR 39 takes a skeleton of the decomposed text, so
    the data's entries for the others (`ơ` -> "o'") are never used (`ơ` is `o` and a
    combining horn, which has no look-alike)."""
    return {char: proto for char, proto in _prototypes().items()
            if proto.isascii() and char != proto
            and unicodedata.normalize("NFD", char) == char}




def test_a_lunate_sigma_is_the_same_person_as_c():
    """`ϲarol` reads as carol: NFKC made it `ςarol` (a final sigma, whose look-alike is an
    o), and it passed for someone else."""
    for name, twin in (("carol", "\u03f2arol"), ("Carol", "\u03f9arol"),
                       ("CAROL", "\u03f9AROL"), ("Marc", "Mar\u03f2")):
        assert same_person(name, twin) and same_person(twin, name), twin
    assert not same_person("carol", "\u03c2arol")  # a final sigma is not a c
    assert name_key("\u03f2arol") == name_key("\u03c2arol")  # but is the lunate's key


def test_every_look_alike_of_an_ascii_character_is_the_same_person():
    """The systematic check: for every character of the confusables data whose prototype is
    ASCII, a name holding it is the same person as one holding its prototype, alone, at
    the start, inside and at the end of a name, in capitals too."""
    twins = _ascii_look_alikes()
    assert len(twins) > 1500
    assert all(_prototypes()[char] == proto for char, proto in FORMERLY_MISSED.items())
    around = (("", "xy"), ("Ab", "cd"), ("XY", ""))
    missed = [char for char, proto in twins.items()
              if not all(same_person(f"{a}{char}{b}", f"{a}{proto}{b}") for a, b in around)
              or (proto.strip() and not same_person(char, proto))]  # a space alone: nobody
    assert missed == []


def test_the_formerly_missed_look_alikes_are_the_same_person_inside_a_name():
    for char, proto in FORMERLY_MISSED.items():
        assert same_person(f"Ab{char}cd", f"Ab{proto}cd"), hex(ord(char))


@pytest.mark.parametrize(("name", "twin"), [
    ("alice", "a\u04cfice"), ("Alice", "A\u04cfice"), ("ALICE", "A\u04cfICE"),
    ("Phil", "Phi\u04cf"), ("alice", "al\u00a1ce"), ("Alice", "Al\u00a1ce"),
    ("bill", "bi\u04cf\u04cf"),
])
def test_look_alikes_the_confusables_data_gets_wrong_are_the_same_person(name, twin):
    """The Cyrillic small palochka draws as an `l` (the data puts it with `i`) and the
    inverted exclamation mark as an `i` (the data leaves it out): `aӏice` and `al¡ce`
    passed for someone other than alice, and could verify her entries on an open desk.
    They are recorded as typed, and still read as alice."""
    assert same_person(name, twin) and same_person(twin, name)
    assert display_name(twin) == twin
    assert same_person(name, display_name(twin))


def test_the_fixed_look_alikes_leave_i_and_l_apart():
    """Each fix moves one character, not a class: `i` and `l` stay two letters, and the
    palochka, with no dot, is no longer taken for an `i`."""
    assert not same_person("Ali", "All")
    assert not same_person("alice", "aiice")
    assert not same_person("a\u04cfice", "aiice")
    assert not same_person("al\u00a1ce", "allce")
    assert _prototypes()["\u04c0"] == "l"  # the capital palochka: already an l in the data


@pytest.mark.parametrize(("typed", "culprit", "recorded"), [
    ("\u03f2arol", "GREEK LUNATE SIGMA SYMBOL", "\u03c2"),
    ("\u03f9arol", "GREEK CAPITAL LUNATE SIGMA SYMBOL", "\u03a3"),
    ("\u017fam", "LATIN SMALL LETTER LONG S", "s"),
    ("O\u00b4Neil", "ACUTE ACCENT", " \u0301"),
    ("\u24b8arl", "CIRCLED LATIN CAPITAL LETTER C", "C"),
])
def test_a_name_nfkc_would_record_as_another_look_is_refused(typed, culprit, recorded):
    """NFKC records `ϲarol` as `ςarol`, which does not look like what was typed (nor like
    carol): an open desk would then tell carol's `ϲarol` from carol. Refused, naming the
    character, rather than recorded as somebody else."""
    with pytest.raises(InvalidName) as refused:
        display_name(typed)
    assert str(refused.value) == (
        f"A name cannot hold {unicodedata.lookup(culprit)} ({culprit}): it would be "
        f"recorded as '{recorded}', which does not look the same. Type the letter you mean.")


def test_what_nfkc_keeps_looking_the_same_is_still_recorded_normalised():
    assert display_name("\uff43\uff41\uff52\uff4f\uff4c") == "carol"  # full-width
    assert display_name("\U0001d41c\U0001d41a\U0001d42b\U0001d428\U0001d425") == "carol"
    assert display_name("Jose\u0301") == "Jos\u00e9"
    assert display_name("\ufb01ona") == "fiona"  # the fi ligature
    assert display_name("\u01c5uro") == "D\u017euro"  # a Dž digraph
    assert display_name("Mar\u03c2") == "Mar\u03c2"  # a final sigma typed as one




@given(name_and_look_alike())
@example(("carol", "\u03f2arol"))  # what review found
def test_a_name_with_a_look_alike_swapped_in_is_the_same_person(pair):
    """For any name and any one character swapped for a look-alike of it: the same person,
    either way round; and, where the look-alike can be recorded, its recorded form too."""
    name, twin = pair
    assert same_person(name, twin) and same_person(twin, name)
    try:
        recorded = display_name(twin)
    except InvalidName:
        return
    assert same_person(name, recorded)


_TWO_FACED = [*sorted(FORMERLY_MISSED), "\u24b8", "\u02e2", "\u1e9b"]
_MIXED = st.sampled_from(list("carolCAROL1 \u00e9\u0301\u200b") + _TWO_FACED
                         + ["\u0430", "\u041a", "\uff43", "\u03c2", "\u03c3"])


@given(st.text(_MIXED, max_size=10), st.text(_MIXED, max_size=10))
@example("\u03f2arol", "carol")
def test_a_recorded_name_is_the_same_person_as_what_was_typed(a, b):
    """What `display_name` records looks the same as what was typed (its key and both
    skeletons are unchanged): so two people compare the same on their recorded names as on
    what they typed, which is what an open desk compares."""
    try:
        shown_a, shown_b = display_name(a), display_name(b)
    except InvalidName:
        return
    for typed, shown in ((a, shown_a), (b, shown_b)):
        assert name_key(typed) == name_key(shown)
        assert skeleton(typed) == skeleton(shown)
        assert _cased_skeleton(typed) == _cased_skeleton(shown)
    assert same_person(a, b) is same_person(shown_a, shown_b)
