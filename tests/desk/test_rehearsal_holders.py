"""Who holds a rehearsal's clock (`desk.rehearsal_holders`): every window open on it and the
`rehearse` command. A holder letting go learns who is left (the caller stops the clock only
when nobody is); one unseen for `LOST_AFTER` no longer counts; and `start` on a clock that
says running goes back to the last seat delivered only when nobody holds it (its driver was
killed), never under a driver that is there."""

from __future__ import annotations

from datetime import timedelta

from helpers import rehearsal as helper
from helpers.rehearsal import WALL

from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk import rehearsal_holders as holders
from resultsdesk.domain.replay import HOLDER_BEAT, LOST_AFTER

S = timedelta(seconds=1)
_watch_2019, watch_db, watch_desk = helper._watch_2019, helper.watch_db, helper.watch_desk


def test_letting_go_says_who_is_left(watch_desk):
    alice = holders.hold(watch_desk, "window", "alice", WALL)
    bob = holders.hold(watch_desk, "window", "bob", WALL + S)
    command = holders.hold(watch_desk, "command", "carol", WALL + 2 * S)
    assert [h.described for h in holders.others(watch_desk, alice, WALL + 3 * S)] == [
        "bob's window", "the rehearse command (carol)"]
    assert [h.id for h in holders.release(watch_desk, command, WALL + 4 * S)] == [alice, bob]
    assert [h.name for h in holders.release(watch_desk, alice, WALL + 5 * S)] == ["bob"]
    assert holders.release(watch_desk, bob, WALL + 6 * S) == []


def test_a_holder_unseen_for_a_minute_is_gone_and_back_when_it_beats(watch_desk):
    alice = holders.hold(watch_desk, "window", "alice", WALL)
    bob = holders.hold(watch_desk, "window", "bob", WALL)
    holders.beat(watch_desk, bob, WALL + HOLDER_BEAT)
    later = WALL + HOLDER_BEAT + LOST_AFTER  # alice's window last seen LOST_AFTER + 15 s ago
    assert [h.name for h in holders.others(watch_desk, bob, later)] == []
    assert [h.name for h in holders.others(watch_desk, alice, later)] == ["bob"]
    holders.hold(watch_desk, "command", "carol", later)  # drops alice's row as lost
    assert watch_desk.scalar("SELECT count(*) FROM rehearsal_holders WHERE id = ?",
                             (alice,)) == 0
    holders.beat(watch_desk, alice, later, name="alice")  # her laptop woken: held again
    assert alice in [h.id for h in holders.others(watch_desk, bob, later)]


def test_start_under_a_holder_goes_on_from_where_the_clock_is(watch_desk):
    rh.start(watch_desk, WALL)  # speed 3600: a second is an hour of the night
    holders.hold(watch_desk, "window", "alice", WALL)
    assert len(rh.step(watch_desk, WALL).delivered) == 1  # 23:27
    night = rh.rehearsal_state(watch_desk, WALL + S).night  # 00:27
    again = rh.start(watch_desk, WALL + S)  # `rehearse` started beside the window
    assert again.night == night and again.night_text == "00:27"  # not back to 23:27


def test_a_lost_holder_does_not_keep_a_killed_drivers_clock_running_on(watch_desk):
    rh.start(watch_desk, WALL)
    holders.hold(watch_desk, "command", "carol", WALL)  # then killed: never seen again
    rh.step(watch_desk, WALL)
    later = WALL + LOST_AFTER + S
    assert rh.start(watch_desk, later).night_text == "23:27"


def test_holders_are_named_once_each():
    """One holder: "holds"; one account's two windows: named once, with the count."""
    Holder, described = holders.Holder, holders.described
    assert described([Holder(1, "window", "desk")]) == ("desk's window", False)
    assert described([Holder(1, "window", "desk"), Holder(2, "window", "desk")]) == (
        "desk's 2 windows", True)
    assert described([Holder(1, "command", "bob"), Holder(2, "window", "bob")]) == (
        "the rehearse command (bob) and bob's window", True)
