"""A driver back after a gap (a laptop asleep) that another driver (a second window, the
`rehearse` command) drove for part of, then left: the clock was held over the gap as of
when the sleeper was last there, at the night then, so it went back behind the seats the
other had delivered meanwhile (seats to 03:30 on air, the clock at 03:00 and nothing due
for half an hour of the night; after a jump, back to the jump's 04:00 with seats to 04:10
delivered). README: the hold goes on from the later of when anyone last drove the clock
and the last seat delivered, never back."""

from __future__ import annotations

import json
from datetime import timedelta

from helpers import rehearsal as helper
from helpers.rehearsal import WALL

from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk import rehearsal_holders as holders
from resultsdesk.desk.rehearsal_resume import hold_over_gap
from resultsdesk.domain.declaration_time import moment
from resultsdesk.domain.replay import held_periods
from resultsdesk.store import Store
from resultsdesk.store import rehearsal as sql

_watch_2019, watch_db = helper._watch_2019, helper.watch_db
BACK = WALL + timedelta(minutes=3)  # the window asleep three minutes, from WALL


def _drive(desk: Store, holder: int, start, seconds: int) -> None:
    """Another driver stepping the clock each second for `seconds`, then letting go."""
    wall = start
    for _ in range(seconds + 1):
        rh.step(desk, wall)
        holders.beat(desk, holder, wall)
        wall += timedelta(seconds=1)
    holders.release(desk, holder, wall)


def _at_three(path) -> tuple[Store, Store, int]:
    """At 60x, the clock at 03:00 with every seat to then delivered, held at WALL by a
    window (which then sleeps) and the command."""
    window, command = Store(path), Store(path)
    rh.set_speed(window, 60, WALL)
    rh.jump_to(window, "03:00", WALL)
    rh.start(window, WALL)
    rh.step(window, WALL)
    holders.hold(window, "window", "alice", WALL)
    return window, command, holders.hold(command, "command", "bob", WALL)


def _never_back(desk: Store) -> rh.RehearsalState:
    """The clock as the woken window holds it: not behind any seat delivered, and what
    it then delivers comes after them, in plan order, each once."""
    before = sql.delivered_count(desk)
    last = moment(sql.last_delivered_time(desk))
    held = hold_over_gap(desk, WALL, BACK)
    assert held is not None and held.state is rh.ReplayState.RUNNING
    assert held.night >= last
    assert held.next_due_wall - BACK < timedelta(seconds=2)  # the night's pace
    delivered, _ = helper.replay(desk, BACK, limit=5)
    assert [moment(d.declared_at) >= last for d in delivered] == [True] * len(delivered)
    positions = [d.position for d in delivered]
    assert positions == sorted(set(positions)) and positions[0] == before + 1
    return held


def test_seats_another_driver_delivered_in_the_gap_are_not_gone_back_behind(watch_db):
    window, command, bob = _at_three(watch_db)
    with window, command:
        _drive(command, bob, WALL, 30)  # to 03:30, then Ctrl+C
        assert sql.last_delivered_time(window) == "2019-12-13T03:30:00+00:00"
        held = _never_back(window)
        assert held.night_text == "03:30"  # not 03:00, where the window fell asleep
        # the desk's time counts while bob drove: held only from his last delivery
        periods = held_periods(sql.clock_actions(window))
        assert periods[-1] == (WALL + timedelta(seconds=30), BACK)


def test_a_jump_in_the_gap_and_the_seats_after_it_are_not_gone_back_behind(watch_db):
    window, command, bob = _at_three(watch_db)
    with window, command:
        jumped = WALL + timedelta(minutes=1)
        rh.jump_to(command, "04:00", jumped)
        _drive(command, bob, jumped, 10)  # to 04:10
        assert _never_back(window).night_text == "04:10"  # not the jump's 04:00


def test_a_pause_and_resume_in_the_gap_is_not_gone_back_behind(watch_db):
    window, command, bob = _at_three(watch_db)
    with window, command:
        paused = WALL + timedelta(minutes=1)  # at 04:00
        rh.pause(command, paused)
        rh.resume(command, paused + timedelta(seconds=20))
        _drive(command, bob, paused + timedelta(seconds=20), 10)  # to 04:10
        assert _never_back(window).night_text == "04:10"  # not the resume's 04:00


def test_a_delivery_stamped_ahead_of_the_clock_never_dates_the_hold_after_now(watch_db):
    """A seat's delivery stamped later than the waking driver's clock (another PC's clock
    ahead, on a shared file): the hold's pause is dated no later than its restart."""
    window, command, holder = _at_three(watch_db)
    _drive(command, holder, WALL + timedelta(seconds=30), 60)
    ahead = (BACK + timedelta(hours=1)).isoformat()
    with command.write():
        command._conn.execute("UPDATE rehearsal_seats SET delivered_at = ? WHERE position = "
                              "(SELECT max(position) FROM rehearsal_seats WHERE delivered_at "
                              "IS NOT NULL)", (ahead,))
    held = hold_over_gap(window, WALL, BACK)
    assert held is not None and held.state is rh.ReplayState.RUNNING
    entries = window._conn.execute("SELECT action, details FROM audit_log ORDER BY id DESC "
                                   "LIMIT 2").fetchall()[::-1]
    (paused, paused_at), (running, running_at) = [
        (action, json.loads(details)["as_of"]) for action, details in entries]
    assert (paused, running) == ("rehearsal paused", "rehearsal running")
    assert moment(paused_at) <= moment(running_at) == BACK
