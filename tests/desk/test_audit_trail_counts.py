"""The audit trail's sentences count in words: "(1 entry)", "1 constituency", "1 verified
declaration"; a restore of a one-entry backup read "(1 entries)"."""

from __future__ import annotations

from resultsdesk.desk.audit_text import _count


def test_one_is_singular_and_a_missing_count_is_a_dash():
    assert _count(1, "entry", "entries") == "1 entry"
    assert _count(2_000, "entry", "entries") == "2,000 entries"
    assert _count(1, "verified declaration") == "1 verified declaration"
    assert _count(1, "constituency", "constituencies") == "1 constituency"
    assert _count(None, "entry", "entries") == "- entries"  # a count the entry lacks
    assert _count(True, "entry", "entries") == "- entries"
