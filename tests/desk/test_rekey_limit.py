"""Three failed re-keys of a version per person (domain/rekeys.py, desk/rekeys.py; on a
server its migration 41): a missed re-key names the figures that differ, so unlimited tries
would let a verifier find an entry's figures by guessing and verify without the sheet.

Tests taking `team` run on a file and on a server (see tests/desk/conftest.py).
"""

from __future__ import annotations

import contextlib

import pytest
from helpers.desk_state import actions, snapshot
from helpers.desk_target import (  # noqa: F401  (fixtures)
    Team,
    desk_target_fixture,
    server_fixture,
    team_fixture,
)
from helpers.seats import CLEAN, HENDON, LAB

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.rekeys import tries_left
from resultsdesk.domain.model import Figures
from resultsdesk.domain.rekeys import REKEY_MISMATCHES_ALLOWED

USED_UP = "3 times without a match, so cannot try again"


def _wrong(by: int) -> list[int]:
    votes = list(CLEAN)
    votes[LAB] += by
    return votes


def _miss_three_times(t) -> list[int | None]:
    left = []
    for guess in range(1, REKEY_MISMATCHES_ALLOWED + 1):
        result = dk.verify(t.bob, HENDON, user=t.name("bob"), votes=_wrong(guess), invalid=120)
        assert not result.verified
        left.append(result.tries_left)
    return left


def test_a_fourth_try_is_refused_before_anything_is_compared(team):
    t = team
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    assert _miss_three_times(t) == [2, 1, 0]
    before = snapshot(t.bob)
    # the right figures now: refused all the same, and nothing recorded (no answer given)
    with pytest.raises(dk.DeskRefusal, match=USED_UP):
        dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120)
    assert snapshot(t.bob) == before
    assert dk.load_sheet(t.bob, HENDON).verified is None
    # another person verifies it
    result = dk.verify(t.ann, HENDON, user=t.name("ann"), votes=CLEAN, invalid=120)
    assert result.verified and result.version.verified_by == t.name("ann")
    assert [a for _, a in actions(t.ann)][-4:] == ["verify mismatch"] * 3 + ["verify"]


def test_a_version_keyed_again_gives_fresh_tries(team):
    t = team
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    _miss_three_times(t)
    dk.reject(t.ann, HENDON, user=t.name("ann"), comment="keyed again from the sheet")
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120),
               expected_version=1)
    result = dk.verify(t.bob, HENDON, user=t.name("bob"), votes=_wrong(1), invalid=120)
    assert (result.verified, result.tries_left) == (False, 2)
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120).verified


def test_a_match_within_the_tries_verifies(team):
    t = team
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    for _ in range(REKEY_MISMATCHES_ALLOWED - 1):
        dk.verify(t.bob, HENDON, user=t.name("bob"), votes=_wrong(7), invalid=120)
    result = dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120)
    assert result.verified and result.tries_left is None


@pytest.mark.parametrize("spelling", ["BOB", " bob ", "Bob"])
def test_the_same_person_under_another_spelling_has_no_fresh_tries(nominations_store,
                                                                  spelling):
    store = nominations_store  # on a file, where a name is typed
    dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 120))
    for guess in range(1, REKEY_MISMATCHES_ALLOWED + 1):
        dk.verify(store, HENDON, user="bob", votes=_wrong(guess), invalid=120)
    with pytest.raises(dk.DeskRefusal, match=USED_UP):
        dk.verify(store, HENDON, user=spelling, votes=CLEAN, invalid=120)
    assert dk.verify(store, HENDON, user="carol", votes=CLEAN, invalid=120).verified


def test_check_mode_does_not_get_round_used_up_tries(nominations_store):
    store = nominations_store  # check mode: a file's, for scripts (no window offers it)
    dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 120))
    for guess in range(1, REKEY_MISMATCHES_ALLOWED + 1):
        dk.verify(store, HENDON, user="bob", votes=_wrong(guess), invalid=120)
    with pytest.raises(dk.DeskRefusal, match=USED_UP):
        dk.verify(store, HENDON, user="bob", votes=None)
    assert dk.load_sheet(store, HENDON).verified is None


class _TakenBack(Exception):
    pass


def test_tries_taken_back_on_a_server_count_in_the_tries_left_the_desk_says(server):
    """Two tries taken back (each in a transaction rolled back: no entry, but the server
    counts them, migration 29) and one recorded: the server refuses a fourth, so the desk
    says none are left, not "2 tries left" from the entries alone (found by the file-against-
    server walk), and refuses the next itself."""
    t = Team(server)
    from resultsdesk.store.postgres import calls

    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    conn = t.bob._ready()
    for guess in (1, 2):
        with contextlib.suppress(_TakenBack), conn.transaction():
            calls.verify(conn, HENDON, _wrong(guess), 120)
            raise _TakenBack
    result = dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120)
    assert not result.verified and result.tries_left == 0  # every field marked: taken back
    assert tries_left(t.ann, HENDON, 1, t.name("bob")) == 0
    with pytest.raises(dk.DeskRefusal, match=USED_UP):
        dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120)
