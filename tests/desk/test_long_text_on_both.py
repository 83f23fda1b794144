"""A note, a correction's reason or a rejection's comment holds at most 10,000 characters
(README, Team desk), on a file as on a server: the same desk command behaves the same on
either store. A server refused longer text (migration 30) while a file kept any length, so
`resultsdesk reject --comment` of a pasted 10,001 characters (or 50 MB) was recorded for
good on a file, every window reading it again at each refresh, and refused on a server."""

from __future__ import annotations

import pytest
from helpers.desk_target import desk_target_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON, LAB, TIED

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.domain.model import DeclarationStatus, Figures

TOO_LONG = "x" * 10_001
LONGEST = "y" * 10_000


def _latest(desk):
    return dk.load_sheet(desk, HENDON).latest


def test_a_rejection_comment_over_10000_characters_is_refused(desk_target):
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    with pytest.raises(DeskRefusal, match="A rejection's comment is at most 10,000 "
                                          "characters; this one has 10,001"):
        dk.reject(bob, HENDON, user=t.name("bob"), comment=TOO_LONG)
    assert _latest(alice).status is DeclarationStatus.PROVISIONAL  # nothing written
    dk.reject(bob, HENDON, user=t.name("bob"), comment=LONGEST)
    assert _latest(alice).status is DeclarationStatus.REJECTED


def test_a_correction_reason_and_a_lot_note_over_10000_characters_are_refused(desk_target):
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    dk.declare(alice, HENDON, Figures(TIED, 50), user=t.name("alice"), overrides=["tie"])
    with pytest.raises(DeskRefusal, match="A note is at most 10,000 characters"):
        dk.decide_tie(alice, HENDON, user=t.name("alice"), winner_id=_winner(alice),
                      note=TOO_LONG)
    assert _latest(alice).version == 1
    dk.decide_tie(alice, HENDON, user=t.name("alice"), winner_id=_winner(alice), note="hat")
    dk.verify(bob, HENDON, user=t.name("bob"), votes=TIED, invalid=50,
              tie_winner=_winner(alice))
    with pytest.raises(DeskRefusal, match="A correction's reason is at most 10,000"):
        dk.correct(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"), reason=TOO_LONG)
    assert _latest(alice).status is DeclarationStatus.VERIFIED


def _winner(desk) -> int:
    return dk.load_sheet(desk, HENDON).candidates[LAB].id


def test_an_acceptance_reason_over_10000_characters_is_refused_before_any_store():
    """`audit --accept-rewrite --reason`: a server refuses a longer one (migration 62); a
    file took any length into its log for good."""
    from resultsdesk.desk.audit_accept import accepted_reason

    assert accepted_reason(f"  {LONGEST} ") == LONGEST
    with pytest.raises(DeskRefusal, match="An acceptance's reason is at most 10,000 "
                                          "characters; this one has 10,001"):
        accepted_reason(TOO_LONG)
