"""A correction typed while a recount is called or called off is still the correction it was.

A correction is of the verified count (`LocalWrites.correct` records it at the verified
version's count, a server's `correct` likewise from migration 35), so a recount called or
called off while it is typed changes nothing it is about: the verified version is the same,
and its verification goes on air without ending the recount, as a correction keyed while
the recount is under way does (README, Recount). The desk refused it all the same, by the
count the form opened at ("recount 1 was called off since you opened it; the figures typed
were for it"), though the Correct form itself had said "these figures correct the verified
count, not recount 1's": the supervisor had to close the form and key the same correction,
reason and all, again. A version changed meanwhile is still refused.

Tests taking `team` run on a file and on a server (see tests/desk/conftest.py).
"""

from __future__ import annotations

import pytest
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import CLEAN, CON, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures

CORRECTED = list(CLEAN)
CORRECTED[CON] += 10


def _verified(t) -> None:
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120)


def _correct(t, opened: dk.SeatSheet) -> dk.Version:
    return dk.correct(t.alice, HENDON, user=t.name("alice"), figures=Figures(CORRECTED, 120),
                      reason="RO restated Con", expected_version=opened.current_version,
                      expected_count=opened.current_count)


def test_a_correction_opened_during_a_recount_called_off_meanwhile_is_saved(team):
    t = team
    _verified(t)
    dk.mark_recount(t.bob, HENDON, user=t.name("bob"))
    opened = dk.load_sheet(t.alice, HENDON)  # alice opens Correct: recount 1 under way
    dk.mark_recount(t.bob, HENDON, user=t.name("bob"), under_way=False)  # not going ahead
    saved = _correct(t, opened)
    assert (saved.kind, saved.count_number, saved.votes) == ("correction", 0, tuple(CORRECTED))
    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CORRECTED, invalid=120)
    sheet = dk.load_sheet(t.bob, HENDON)
    assert sheet.verified.votes == tuple(CORRECTED) and not sheet.recount_under_way


def test_a_correction_opened_before_a_recount_was_called_is_saved_of_the_verified_count(team):
    t = team
    _verified(t)
    opened = dk.load_sheet(t.alice, HENDON)  # alice opens Correct on the verified count
    dk.mark_recount(t.bob, HENDON, user=t.name("bob"))  # meanwhile, at the other desk
    saved = _correct(t, opened)
    assert (saved.kind, saved.count_number) == ("correction", 0)
    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CORRECTED, invalid=120)
    sheet = dk.load_sheet(t.bob, HENDON)
    # on air, the recount still to come: its own figures end it, not the correction
    assert sheet.verified.votes == tuple(CORRECTED)
    assert sheet.recount_under_way and sheet.current_count == 1


def test_a_correction_over_a_version_changed_meanwhile_is_still_refused(team):
    t = team
    _verified(t)
    dk.mark_recount(t.bob, HENDON, user=t.name("bob"))
    opened = dk.load_sheet(t.alice, HENDON)
    dk.declare(t.ann, HENDON, user=t.name("ann"), figures=Figures(CLEAN, 121))  # recount 1
    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=121)
    with pytest.raises(dk.Conflict, match="changed by someone else since you opened it"):
        _correct(t, opened)
