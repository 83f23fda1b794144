"""Two files name one place alike (`domain.place_names`), found in the twenty-eighth
session's review: a results file in decomposed Unicode (as from a Mac) was refused with
two names that look the same, and so was one saved by Excel as "CSV (Comma delimited)",
which writes "?" for "ŵ", or one writing "&" for "and"."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from resultsdesk.domain.place_names import same_place_name

GLYNDWR = "Montgomeryshire and Glyndŵr"


def test_names_alike():
    assert same_place_name(GLYNDWR, unicodedata.normalize("NFD", GLYNDWR))
    assert same_place_name(GLYNDWR, "Montgomeryshire and Glynd?r")  # Excel's Windows-1252
    assert same_place_name("Na h-Eileanan An Iar", "Na h-Eileanan an Iar")
    assert same_place_name("Basildon & Billericay", "Basildon and  Billericay ")


def test_names_of_other_places():
    assert not same_place_name("Hendon", "Aberafan Maesteg")
    assert not same_place_name("Hendon", "Hend?n")  # "o" is a Windows-1252 letter
    assert not same_place_name("Bath", "Batha")
    assert not same_place_name("Ynys Môn", "Ynys M?n")  # ô is Windows-1252: not a "?"


@given(st.text(max_size=30))
def test_a_name_is_alike_to_itself_however_composed(name):
    assert same_place_name(name, unicodedata.normalize("NFD", name))
    assert same_place_name(name, f"  {name}\t")
