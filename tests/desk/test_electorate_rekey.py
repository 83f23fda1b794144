"""The electorate is re-keyed blind, as every figure is: it sets the turnout on air, in
exports, feeds and charts, so the first person's electorate must not go on air unchecked.
A re-key that gives none means the one the form starts from (the verified result's, else
the seat's), as `declare` does; a difference is a mismatch like any other.

Every test runs on a file and on a server (`team`, tests/desk/conftest.py)."""

from __future__ import annotations

import pytest
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import BEACONSFIELD, CLEAN, HENDON, HENDON_ELECTORATE

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.domain.tally import turnout_pct

RO = 71_234  # the returning officer's electorate, read out with the result
ERRS = 91_234  # a wrong digit: a plausible electorate that passes every check


def _mismatches(team) -> list[list[str]]:
    return [a["details"]["fields"] for a in dk.history(team.eve, HENDON).audit
            if a["action"] == "verify mismatch"]


def test_an_electorate_keyed_wrong_is_a_mismatch_and_nothing_goes_on_air(team):
    """alice keys 91,234 for the returning officer's 71,234: before, bob's re-key of the
    votes alone verified it, and the wrong turnout went on air. Now his electorate is
    compared: "the electorate" differs, the mismatch names it, nothing is verified."""
    dk.declare(team.alice, HENDON, Figures(CLEAN, 50, electorate=ERRS), user=team.name("alice"))
    miss = dk.verify(team.bob, HENDON, user=team.name("bob"), votes=CLEAN, invalid=50,
                     electorate=RO)
    assert not miss.verified and miss.differences == ("electorate",)
    assert miss.describe_differences() == "the electorate"
    assert _mismatches(team) == [["electorate"]]
    sheet = dk.load_sheet(team.eve, HENDON)
    assert sheet.verified is None and sheet.pending.electorate == ERRS


def test_a_rekey_without_an_electorate_means_the_one_the_form_starts_from(team):
    """Left as the form shows it (the seat's, from the nominations): it matches an entry
    that kept it, and differs from one that keyed the returning officer's own."""
    dk.declare(team.alice, HENDON, Figures(CLEAN, 50, electorate=RO), user=team.name("alice"))
    miss = dk.verify(team.bob, HENDON, user=team.name("bob"), votes=CLEAN, invalid=50)
    assert miss.differences == ("electorate",)
    done = dk.verify(team.bob, HENDON, user=team.name("bob"), votes=CLEAN, invalid=50,
                     electorate=RO)
    assert done.verified and done.version.electorate == RO
    assert round(turnout_pct(sum(CLEAN), done.version.electorate), 1) == 55.5


def test_an_entry_that_kept_the_seat_s_electorate_verifies_without_one(team):
    dk.declare(team.alice, HENDON, Figures(CLEAN, 50), user=team.name("alice"))
    done = dk.verify(team.bob, HENDON, user=team.name("bob"), votes=CLEAN, invalid=50)
    assert done.verified and done.version.electorate == HENDON_ELECTORATE


def test_a_rekey_s_electorate_differs_with_other_figures_in_the_form_s_order(team):
    dk.declare(team.alice, HENDON, Figures(CLEAN, 50, electorate=RO), user=team.name("alice"))
    wrong = list(CLEAN)
    wrong[0] += 1
    miss = dk.verify(team.bob, HENDON, user=team.name("bob"), votes=wrong, invalid=51,
                     electorate=ERRS)
    assert miss.differences == ("votes:0", "invalid", "electorate")


def test_a_correction_and_a_recount_start_from_the_verified_electorate(team):
    """The returning officer's electorate, verified with the first count, is what a
    correction's and a recount's count mean without one (the seat's own is older), for
    the keyer and the verifier alike; a correction of the electorate alone is a
    correction (it was refused as "the same as the verified ones", so a wrong turnout
    could not be put right)."""
    alice, bob = team.alice, team.bob
    dk.declare(alice, HENDON, Figures(CLEAN, 50, electorate=RO), user=team.name("alice"))
    dk.verify(bob, HENDON, user=team.name("bob"), votes=CLEAN, invalid=50, electorate=RO)
    with pytest.raises(dk.DeskRefusal, match="same as the verified ones"):
        dk.correct(alice, HENDON, Figures(CLEAN, 50), user=team.name("alice"), reason="none")
    fixed = dk.correct(alice, HENDON, Figures(CLEAN, 50, electorate=RO + 10),
                       user=team.name("alice"), reason="RO restated the electorate")
    assert fixed.electorate == RO + 10
    assert dk.verify(bob, HENDON, user=team.name("bob"), votes=CLEAN, invalid=50
                     ).differences == ("electorate",)
    assert dk.verify(bob, HENDON, user=team.name("bob"), votes=CLEAN, invalid=50,
                     electorate=RO + 10).verified
    dk.mark_recount(alice, HENDON, user=team.name("alice"))
    count = dk.declare(alice, HENDON, Figures(CLEAN, 51), user=team.name("alice"))
    assert count.electorate == RO + 10  # not the seat's 74,865 back on air
    done = dk.verify(bob, HENDON, user=team.name("bob"), votes=CLEAN, invalid=51)
    assert done.verified and done.version.electorate == RO + 10


def test_a_verification_sent_again_is_found_only_with_the_same_electorate(team):
    """`retry` (a reply lost): the verification that landed is found when the figures
    sent again are the ones verified, the electorate among them; without one, the one
    the form started from before it (the seat's), as the first try meant."""
    dk.declare(team.alice, HENDON, Figures(CLEAN, 50, electorate=RO), user=team.name("alice"))
    dk.declare(team.alice, BEACONSFIELD, Figures(CLEAN, 10), user=team.name("alice"))
    assert dk.verify(team.bob, HENDON, user=team.name("bob"), votes=CLEAN, invalid=50,
                     electorate=RO, expected_version=1).verified
    again = dk.verify(team.bob, HENDON, user=team.name("bob"), votes=CLEAN, invalid=50,
                      electorate=RO, expected_version=1, retry=True)
    assert again.verified and again.version.version == 1
    with pytest.raises(dk.DeskRefusal):
        dk.verify(team.bob, HENDON, user=team.name("bob"), votes=CLEAN, invalid=50,
                  electorate=ERRS, expected_version=1, retry=True)
    with pytest.raises(dk.DeskRefusal):  # none given: the seat's 74,865, not what he keyed
        dk.verify(team.bob, HENDON, user=team.name("bob"), votes=CLEAN, invalid=50,
                  expected_version=1, retry=True)
    # and one that kept the seat's: found again without it
    assert dk.verify(team.bob, BEACONSFIELD, user=team.name("bob"), votes=CLEAN,
                     invalid=10).verified
    assert dk.verify(team.bob, BEACONSFIELD, user=team.name("bob"), votes=CLEAN, invalid=10,
                     retry=True).verified
