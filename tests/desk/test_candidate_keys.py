"""A seat's candidates told apart by one string each (`domain.candidate_keys`): in JSON
objects keyed by candidate and in `--vote KEY=N`. Mid Buckinghamshire had two Greg Smiths
in 2024 (Green, and the Conservative who won)."""

from __future__ import annotations

import pytest

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.candidate_lookup import votes_from_keys
from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.domain.candidate_keys import candidate_keys

MID_BUCKS = "Mid Buckinghamshire"


def test_a_name_alone_where_it_tells_the_candidates_apart():
    assert candidate_keys([("Ann Lee", "Lab"), ("Bob Roe", "Con")]) == ["Ann Lee", "Bob Roe"]


def test_a_shared_name_gets_the_party_and_a_shared_party_the_place_too():
    assert candidate_keys([("Greg Smith", "Con"), ("Ann Lee", "Lab"), ("greg  SMITH", "Green"),
                           ("John Smith", "Ind"), ("John Smith", "Ind")]) == [
        "Greg Smith (Con)", "Ann Lee", "greg  SMITH (Green)", "John Smith (Ind, 4)",
        "John Smith (Ind, 5)"]


def _mid_bucks_votes(sheet, con: str, green: str) -> list[tuple[str, str]]:
    pairs = []
    for c, n in zip(sheet.candidates, sheet.verified.votes, strict=True):
        key = {"Con": con, "Green": green}.get(c.party) if c.name == "Greg Smith" else c.name
        pairs.append((key, str(n)))
    return pairs


def test_two_greg_smiths_are_given_by_name_and_party_or_by_party(night_store):
    sheet = dk.load_sheet(night_store, MID_BUCKS)
    for con, green in (("Greg Smith (Con)", "greg smith (GREEN)"), ("Con", "Green")):
        assert votes_from_keys(sheet, _mid_bucks_votes(sheet, con, green)) == \
            list(sheet.verified.votes)


def test_the_name_two_share_is_refused_naming_each_ones_key(night_store):
    sheet = dk.load_sheet(night_store, MID_BUCKS)
    with pytest.raises(DeskRefusal, match=r"^'Greg Smith' names 2 candidates in Mid "
                                          r"Buckinghamshire: give each as 'Greg Smith \("):
        votes_from_keys(sheet, _mid_bucks_votes(sheet, "Greg Smith", "Green"))


def test_the_audit_trail_gives_each_greg_smith_his_own_votes(night_store):
    """The import's entry named one "Greg Smith", and the trail read "Greg Smith (Green)
    20,150": the Conservative winner's votes, given to the Green, and no Conservative."""
    from resultsdesk.desk.audit_text import trail_lines

    code = dk.load_sheet(night_store, MID_BUCKS).code
    imported = trail_lines(night_store, code)[-1].text
    assert "Greg Smith (Green) 2,942, Greg Smith (Con) 20,150" in imported
