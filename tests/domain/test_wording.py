"""A count in a sentence: "1 constituency", "4,515 candidates" (the import's report said
"1 constituencies" and "4515 candidates")."""

from __future__ import annotations

from resultsdesk.domain.wording import count_of


def test_one_is_singular_and_thousands_are_separated():
    assert count_of(1, "constituency", "constituencies") == "1 constituency"
    assert count_of(650, "constituency", "constituencies") == "650 constituencies"
    assert count_of(4515, "candidate") == "4,515 candidates"
    assert count_of(0, "new party", "new parties") == "0 new parties"
    assert count_of(1_295, "seat") == "1,295 seats"
