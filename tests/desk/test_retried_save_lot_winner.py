"""A declaration sent again (`retry`: its reply was lost) is reported saved only if it is
the save that landed, the winner drawn by lot typed with its tied figures too.
`repeats.own_save_landed` compared the votes, the rejected ballots, the total and the
electorate, not the winner: alice's retry naming Labour was told "Saved version 1,
verified since by bob" of the version on air with Conservative drawn (her own, keyed in
her other window), and closed, the form's winner never saved nor said to differ.

Every test runs on a file and on a server (`team`, tests/desk/conftest.py)."""

from __future__ import annotations

import pytest
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import CON, HENDON, LAB, TIED

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures


def _keyed_tie(team, *, verified: bool) -> tuple[int, int]:
    """alice keys Hendon tied, Con drawn by lot (her other window); bob verifies it, or not."""
    sheet = dk.load_sheet(team.alice, HENDON)
    con, lab = sheet.candidates[CON].id, sheet.candidates[LAB].id
    dk.declare(team.alice, HENDON, Figures(TIED, 50), user=team.name("alice"),
               overrides=["tie"], tie_winner=con, note="drawn from a hat", expected_version=0)
    if verified:
        assert dk.verify(team.bob, HENDON, user=team.name("bob"), votes=TIED, invalid=50,
                         tie_winner=con, expected_version=1).verified
    return con, lab


@pytest.mark.parametrize("verified", [False, True], ids=["awaiting", "verified since"])
def test_a_retried_save_naming_another_winner_is_not_reported_saved(team, verified):
    con, lab = _keyed_tie(team, verified=verified)
    with pytest.raises(dk.Conflict, match="changed since you opened it, by you"):
        dk.declare(team.alice, HENDON, Figures(TIED, 50), user=team.name("alice"),
                   overrides=["tie"], tie_winner=lab, expected_version=0, retry=True)
    # the same save, winner and all, is the one that landed
    again = dk.declare(team.alice, HENDON, Figures(TIED, 50), user=team.name("alice"),
                       overrides=["tie"], tie_winner=con, expected_version=0, retry=True)
    assert again.version == 1 and again.tie_winner_id == con
    assert len(dk.load_sheet(team.eve, HENDON).versions) == 1


def test_a_draft_naming_another_winner_is_not_said_saved_and_verified(team):
    """Offered back after the app went down, a draft of the same tied figures with the
    other winner is not the save that landed and was verified ("nothing more to do"): it
    goes back into its form, whose save is refused as the change of alice's since."""
    from resultsdesk.desk.drafts import Draft, saved_and_verified

    con, lab = _keyed_tie(team, verified=True)
    fields = {f"votes_{i}": str(v) for i, v in enumerate(TIED)} | {"invalidEdit": "50"}
    sheet = dk.load_sheet(team.alice, HENDON)
    other = Draft(HENDON, "enter", 0, fields | {"tieWinnerCombo": str(lab)}, ["tie"])
    assert saved_and_verified(sheet, other, team.name("alice")) is None
    same = Draft(HENDON, "enter", 0, fields | {"tieWinnerCombo": str(con)}, ["tie"])
    assert saved_and_verified(sheet, same, team.name("alice")).version == 1
