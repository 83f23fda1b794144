"""`--constituency NAME` (export card, history, declare, ...) finds a seat by its name typed
any way a keyboard gives it: accents decomposed (as a Mac can type them: "Ynys Mo\u0302n")
and capitals beyond ASCII ("YNYS MÔN"), which the database's lower() does not fold. Both
were refused with a message naming the seat as it looked: "No constituency 'Ynys Môn'"."""

from __future__ import annotations

import unicodedata

import pytest

from resultsdesk.store.declarations import find_constituency


@pytest.mark.parametrize("typed", [unicodedata.normalize("NFD", "Ynys Môn"), "YNYS MÔN",
                                   "ynys môn", " Ynys Môn "])
def test_a_name_with_an_accent_is_found_however_typed(night_store, typed):
    found = find_constituency(night_store, typed)
    assert found is not None and found["name"] == "Ynys Môn"


def test_a_name_nobody_has_is_still_none(night_store):
    assert find_constituency(night_store, "Ynys Mônn") is None
