"""Ending a recount ("E&nd recount (called off)", `resultsdesk recount --ended`) while a count
of it awaits verification. The recount's figures stayed verifiable after it was called
off, and verifying them put on air a count of a recount the desk had said was not going
ahead. A count read out is not called off: ending is refused, saying what to do (verify
it, which ends the recount, or reject or withdraw it first); a correction of the verified
count, which is no count of the recount, stays to be verified and does not stop it.

Tests taking `team` run on a file and on a server (see tests/desk/conftest.py); the
server's own refusal, whatever the client checked, is in tests/store/postgres.
"""

from __future__ import annotations

import pytest
from helpers.desk_state import actions, row, seat_figures, snapshot
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import CLEAN, CON, HENDON, LAB

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures

RECOUNT = list(CLEAN)
RECOUNT[LAB] -= 500


def _verified_then_recounted(t) -> None:
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120)
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))


def test_a_recount_whose_count_awaits_verification_is_not_called_off(team):
    """Hendon verified, recounted, recount 1 keyed by alice: bob ends the recount. It was
    ended, and recount 1's figures were still bob's to verify: verified, they went on air
    for a recount called off. Refused now, nothing written; the figures stay to verify,
    and verifying them ends the recount as any recount's count does."""
    t = team
    _verified_then_recounted(t)
    keyed = dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(RECOUNT, 120))
    before = snapshot(t.bob)
    alice = t.name("alice")
    with pytest.raises(dk.DeskRefusal) as refused:
        dk.mark_recount(t.bob, HENDON, user=t.name("bob"), under_way=False)
    said = str(refused.value)
    assert said == (
        f"Hendon: recount 1's figures (version {keyed.version}, entered by {alice} at "
        f"{dk.local_time(keyed.entered_at)}) await verification, so the recount cannot be "
        f"called off: verify them, which ends it, or reject them (or {alice} withdraws "
        "them) first.")
    assert "\n" not in said and str(RECOUNT[LAB]) not in said  # one line; blind
    assert snapshot(t.bob) == before and row(t.bob).recount_under_way

    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=RECOUNT, invalid=120).verified
    assert not dk.load_sheet(t.bob, HENDON).recount_under_way
    assert seat_figures(t.bob) == tuple(RECOUNT)


def test_a_recount_called_off_once_its_count_is_rejected(team):
    """The recount did not go ahead after all (the figures keyed were a mistake): bob
    rejects them, with why, and then calls the recount off. Nothing is left to verify and
    the verified first count stays on air."""
    t = team
    _verified_then_recounted(t)
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(RECOUNT, 120))
    dk.reject(t.bob, HENDON, user=t.name("bob"), comment="recount not going ahead")
    sheet = dk.mark_recount(t.bob, HENDON, user=t.name("bob"), under_way=False)
    assert not sheet.recount_under_way and sheet.pending is None
    assert dk.verification_queue(t.bob) == []
    assert seat_figures(t.bob) == tuple(CLEAN)
    assert actions(t.bob)[-3:] == [(t.name("alice"), "declare"), (t.name("bob"), "reject"),
                                   (t.name("bob"), "recount ended")]


def test_a_recount_over_a_first_count_nobody_verified_is_not_called_off_with_its_count(team):
    """No verified result: the recount made the first count nothing to verify, and its own
    count is keyed. Called off, that count would have been the seat's first result on air.
    Its author withdraws it; then the recount is called off."""
    t = team
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(RECOUNT, 120))
    with pytest.raises(dk.DeskRefusal, match=r"^Hendon: recount 1's figures .* await "
                                             "verification, so the recount cannot be "
                                             "called off"):
        dk.mark_recount(t.ann, HENDON, user=t.name("ann"), under_way=False)
    dk.withdraw(t.alice, HENDON, user=t.name("alice"))
    assert not dk.mark_recount(t.ann, HENDON, user=t.name("ann"),
                               under_way=False).recount_under_way
    assert dk.load_sheet(t.bob, HENDON).pending is None


def test_a_pending_correction_does_not_stop_a_recount_being_called_off(team):
    """A correction of the verified count is no count of the recount: calling the recount
    off leaves it to be verified, as calling the recount did."""
    t = team
    _verified_then_recounted(t)
    corrected = list(CLEAN)
    corrected[CON] += 1
    dk.correct(t.alice, HENDON, user=t.name("alice"), figures=Figures(corrected, 120),
               reason="one short")
    assert not dk.mark_recount(t.bob, HENDON, user=t.name("bob"),
                               under_way=False).recount_under_way
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=corrected, invalid=120).verified
    assert seat_figures(t.bob) == tuple(corrected)
