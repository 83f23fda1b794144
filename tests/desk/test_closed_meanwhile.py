"""Two desks on one seat at once, where the second's action is refused because the first's
closed what it was about: the refusal names that change, as a re-key's does ("nothing
awaiting verification: version 1 was verified by bob at … meanwhile").

alice presses *Withdraw my entry* (she saw a figure was wrong) as bob verifies it: "Hendon
has no provisional entry to withdraw." read as if the entry were gone, while her wrong
figures were on air. The desk calls a recount off (not going ahead) as bob verifies its
count: "no recount under way" said nothing of that count being on air now.

Tests taking `team` run on a file and on a server (see tests/desk/conftest.py).
"""

from __future__ import annotations

import pytest
from helpers.desk_state import snapshot
from helpers.desk_target import (  # noqa: F401  (fixtures)
    Team,
    desk_target_fixture,
    server_fixture,
    team_fixture,
)
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.backends import writes_for
from resultsdesk.domain.model import Figures


def test_a_withdrawal_after_someone_verified_the_entry_says_it_is_verified(team):
    t = team
    alice, bob = t.name("alice"), t.name("bob")
    dk.declare(t.alice, HENDON, Figures(CLEAN, 57), user=alice)
    opened = dk.load_sheet(t.alice, HENDON).current_version  # her form, on version 1
    assert dk.verify(t.bob, HENDON, user=bob, votes=CLEAN, invalid=57,
                     expected_version=opened).verified
    before = snapshot(t.eve)
    with pytest.raises(dk.DeskRefusal) as refused:
        dk.withdraw(t.alice, HENDON, user=alice, expected_version=opened)
    said = str(refused.value)
    assert said.startswith("Hendon has no provisional entry to withdraw: version 1 was "
                           f"verified by {bob} at "), said
    assert snapshot(t.eve) == before
    # the command line (no version opened) is told the same
    with pytest.raises(dk.DeskRefusal, match=f"version 1 was verified by {bob} at "):
        dk.withdraw(t.alice, HENDON, user=alice)


def test_a_withdrawal_after_a_rejection_or_a_recount_says_which(team):
    t = team
    alice, bob = t.name("alice"), t.name("bob")
    dk.declare(t.alice, HENDON, Figures(CLEAN, 57), user=alice)
    dk.reject(t.bob, HENDON, user=bob, comment="check the Green figure", expected_version=1)
    with pytest.raises(dk.DeskRefusal, match=f"withdraw: version 1 was sent back to "
                                             f"{alice}'s desk"):
        dk.withdraw(t.alice, HENDON, user=alice, expected_version=1)

    dk.declare(t.alice, HENDON, Figures(CLEAN, 58), user=alice)
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"), expected_version=2)
    with pytest.raises(dk.DeskRefusal, match="withdraw: recount 1 was called, so version 2 "
                                             "no longer counts"):
        dk.withdraw(t.alice, HENDON, user=alice, expected_version=2)


def test_calling_off_a_recount_whose_count_was_verified_meanwhile_says_so(team):
    t = team
    alice, bob, ann = t.name("alice"), t.name("bob"), t.name("ann")
    dk.declare(t.alice, HENDON, Figures(CLEAN, 57), user=alice)
    dk.verify(t.bob, HENDON, user=bob, votes=CLEAN, invalid=57)
    dk.mark_recount(t.ann, HENDON, user=ann)
    dk.declare(t.alice, HENDON, Figures(CLEAN, 58), user=alice)
    opened = dk.load_sheet(t.ann, HENDON).current_version  # ann's question, on version 2
    assert dk.verify(t.bob, HENDON, user=bob, votes=CLEAN, invalid=58).verified
    before = snapshot(t.eve)
    with pytest.raises(dk.DeskRefusal) as refused:
        dk.mark_recount(t.ann, HENDON, user=ann, under_way=False, expected_version=opened)
    said = str(refused.value)
    assert said.startswith("Hendon has no recount under way: recount 1 ended when its "
                           f"figures (version 2) were verified by {bob} at "), said
    assert snapshot(t.eve) == before


def test_a_recount_asked_to_stop_an_entry_counting_is_not_marked_once_it_is_verified(team):
    """The window asks "Mark a recount under way for Hendon? … alice's entry (version 1),
    awaiting verification, will no longer count." As the desk answers yes, bob verifies
    version 1: a verification adds no version, so the mark went through on the verified
    first count, which stayed on air (Lab's seat counted) under RECOUNT, where the other
    order left nothing on air; nobody was told. Refused now, naming bob's verification;
    marked again, knowingly, it is a recount of a verified result."""
    t = team
    alice, bob, ann = t.name("alice"), t.name("bob"), t.name("ann")
    dk.declare(t.alice, HENDON, Figures(CLEAN, 57), user=alice)
    asked = dk.load_sheet(t.ann, HENDON)
    assert dk.verify(t.bob, HENDON, user=bob, votes=CLEAN, invalid=57).verified
    before = snapshot(t.eve)
    with pytest.raises(dk.Conflict) as refused:
        dk.mark_recount(t.ann, HENDON, user=ann, expected_version=asked.current_version,
                        replacing=asked.pending.version)
    said = str(refused.value)
    assert said.startswith(f"Hendon: version 1 was verified by {bob} at "), said
    assert "The recount was not marked" in said and "\n" not in said
    assert snapshot(t.eve) == before

    sheet = dk.mark_recount(t.ann, HENDON, user=ann, expected_version=1)
    assert sheet.recount_under_way and sheet.verified.version == 1


def test_a_recount_asked_to_stop_an_entry_counting_still_does_when_nothing_moved(team):
    t = team
    alice, ann = t.name("alice"), t.name("ann")
    dk.declare(t.alice, HENDON, Figures(CLEAN, 57), user=alice)
    sheet = dk.mark_recount(t.ann, HENDON, user=ann, expected_version=1, replacing=1)
    assert sheet.recount_under_way and sheet.pending is None
    assert [v.status for v in sheet.versions] == ["superseded"]


def test_a_recount_asked_to_stop_an_entry_counting_is_refused_by_the_server_too(
        server, monkeypatch):
    """The same on a server when bob's verification lands between the desk's check (its
    read, not under the server's lock: version 1 still awaited verification) and its call
    of the server's mark_recount: a verification adds no version, so the version the desk
    expected did not catch it, and the recount was marked on the verified count, left on
    air under RECOUNT. The server checks the version replaced under its lock now, and the
    desk is told as above, with nothing written."""
    t = Team(server)
    alice, bob, ann = t.name("alice"), t.name("bob"), t.name("ann")
    dk.declare(t.alice, HENDON, Figures(CLEAN, 57), user=alice)
    checked, before = dk.refuse_replaced_meanwhile, []

    def then_bob_verifies(sheet, replacing):
        checked(sheet, replacing)  # ann's desk: version 1 awaits verification
        monkeypatch.setattr(dk, "refuse_replaced_meanwhile", checked)
        assert dk.verify(t.bob, HENDON, user=bob, votes=CLEAN, invalid=57).verified
        before.append(snapshot(t.eve))

    monkeypatch.setattr(dk, "refuse_replaced_meanwhile", then_bob_verifies)
    with pytest.raises(dk.Conflict) as refused:
        dk.mark_recount(t.ann, HENDON, user=ann, expected_version=1, replacing=1)
    said = str(refused.value)
    assert before, "bob's verification never came"  # the server refused, not the desk
    assert said.startswith(f"Hendon: version 1 was verified by {bob} at "), said
    assert "The recount was not marked" in said and "\n" not in said, said
    assert [snapshot(t.eve)] == before  # ann's call wrote nothing
    sheet = dk.load_sheet(t.eve, HENDON)
    assert not sheet.recount_under_way and sheet.verified.version == 1


def test_the_servers_writes_refuse_a_recount_on_a_stale_read(server):
    """The desk's writes called with the seat as read before bob's verification (what
    `mark_recount` sends once its checks passed): refused, nothing written."""
    t = Team(server)
    dk.declare(t.alice, HENDON, Figures(CLEAN, 57), user=t.name("alice"))
    stale = dk.load_sheet(t.ann, HENDON)
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=57).verified
    before = snapshot(t.eve)
    with pytest.raises(dk.Conflict, match=r"^Hendon: version 1 was verified by "):
        writes_for(t.ann).mark_recount(stale, t.name("ann"), True, replacing=1)
    assert snapshot(t.eve) == before


def test_the_servers_writes_say_a_called_off_recounts_count_was_verified(server):
    """The recount called off with the seat as read before bob verified its count (the
    server's lock, not the desk's read, decides): refused in the desk's words, naming that
    verification, where the server's own ("no recount under way") said nothing of the
    count now on air."""
    t = Team(server)
    alice, bob = t.name("alice"), t.name("bob")
    dk.declare(t.alice, HENDON, Figures(CLEAN, 57), user=alice)
    dk.verify(t.bob, HENDON, user=bob, votes=CLEAN, invalid=57)
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    dk.declare(t.alice, HENDON, Figures(CLEAN, 58), user=alice)
    stale = dk.load_sheet(t.ann, HENDON)
    assert dk.verify(t.bob, HENDON, user=bob, votes=CLEAN, invalid=58).verified
    before = snapshot(t.eve)
    with pytest.raises(dk.DeskRefusal, match=r"^Hendon has no recount under way: recount 1 "
                                             rf"ended when its figures \(version 2\) were "
                                             rf"verified by {bob} at "):
        writes_for(t.ann).mark_recount(stale, t.name("ann"), False)
    assert snapshot(t.eve) == before


def test_the_servers_writes_say_a_withdrawn_entry_was_verified_meanwhile(server):
    """alice presses Withdraw as bob's verification lands between her desk's read (version 1
    still awaited verification) and its call of the server's withdraw: the server refuses
    in its bare "Hendon has no provisional entry to withdraw.", which read as if the entry
    were gone while her figures went on air. Said as the desk's own check says it, naming
    the verification, nothing written."""
    t = Team(server)
    alice, bob = t.name("alice"), t.name("bob")
    dk.declare(t.alice, HENDON, Figures(CLEAN, 57), user=alice)
    stale = dk.load_sheet(t.alice, HENDON)
    assert dk.verify(t.bob, HENDON, user=bob, votes=CLEAN, invalid=57).verified
    before = snapshot(t.eve)
    with pytest.raises(dk.DeskRefusal, match=r"^Hendon has no provisional entry to withdraw: "
                                             rf"version 1 was verified by {bob} at "):
        writes_for(t.alice).withdraw(stale, stale.pending, alice)
    assert snapshot(t.eve) == before
