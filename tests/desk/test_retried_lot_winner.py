"""A verification sent again (`retry`: its reply was lost, or `resultsdesk verify` run again)
is reported saved only if it is the verification that landed, the winner drawn by lot
among what it re-keys. `repeats.own_verification_landed` compared the votes, the rejected
ballots and the electorate, not the winner: bob's retry naming the other tied candidate
was told "verified" although the verification saved named another winner.

Every test runs on a file and on a server (`team`, tests/desk/conftest.py)."""

from __future__ import annotations

import pytest
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import CON, HENDON, LAB, TIED

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures


def _verified_tie(team) -> tuple[int, int]:
    """alice keys Hendon tied, Con drawn by lot in her form; bob verifies it, Con too."""
    sheet = dk.load_sheet(team.alice, HENDON)
    con, lab = sheet.candidates[CON].id, sheet.candidates[LAB].id
    dk.declare(team.alice, HENDON, Figures(TIED, 50), user=team.name("alice"),
               overrides=["tie"], tie_winner=con, note="drawn from a hat")
    assert dk.verify(team.bob, HENDON, user=team.name("bob"), votes=TIED, invalid=50,
                     tie_winner=con, expected_version=1).verified
    return con, lab


def test_a_retried_verification_naming_another_winner_is_not_reported_saved(team):
    con, lab = _verified_tie(team)
    with pytest.raises(dk.DeskRefusal, match="nothing awaiting verification"):
        dk.verify(team.bob, HENDON, user=team.name("bob"), votes=TIED, invalid=50,
                  tie_winner=lab, expected_version=1, retry=True)
    with pytest.raises(dk.DeskRefusal, match="nothing awaiting verification"):
        dk.verify(team.bob, HENDON, user=team.name("bob"), votes=TIED, invalid=50,
                  retry=True)  # no winner re-keyed: not the verification that named Con
    # the same re-key, winner and all, is the one that landed
    again = dk.verify(team.bob, HENDON, user=team.name("bob"), votes=TIED, invalid=50,
                      tie_winner=con, expected_version=1, retry=True)
    assert again.verified and again.version.tie_winner_id == con
    assert dk.load_sheet(team.eve, HENDON).verified.tie_winner_id == con


def test_a_retried_verification_of_a_lot_names_the_lot_s_winner(team):
    """A lot recorded as its own version (Declaration > Decide tie by lot) on alice's
    verified figures, verified by bob: sent again with the other winner, not his."""
    sheet = dk.load_sheet(team.alice, HENDON)
    con, lab = sheet.candidates[CON].id, sheet.candidates[LAB].id
    dk.declare(team.alice, HENDON, Figures(TIED, 50), user=team.name("alice"),
               overrides=["tie"])
    assert dk.verify(team.bob, HENDON, user=team.name("bob"), votes=TIED, invalid=50).verified
    dk.decide_tie(team.alice, HENDON, user=team.name("alice"), winner_id=lab, note="drawn")
    assert dk.verify(team.bob, HENDON, user=team.name("bob"), votes=TIED, invalid=50,
                     tie_winner=lab).verified
    with pytest.raises(dk.DeskRefusal, match="nothing awaiting verification"):
        dk.verify(team.bob, HENDON, user=team.name("bob"), votes=TIED, invalid=50,
                  tie_winner=con, retry=True)
    assert dk.verify(team.bob, HENDON, user=team.name("bob"), votes=TIED, invalid=50,
                     tie_winner=lab, retry=True).verified
