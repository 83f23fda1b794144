"""A window opening a rehearsal: whether its clock goes on, and from where.

A clock the database says is running may have a driver (another window, the `rehearse`
command) or have lost it: the app killed, the machine switched off. Nothing says which, but
a live driver delivers each seat when it is due, so a seat overdue by more than
`ABANDONED_AFTER` means nobody is driving. Left as it is, the clock would have run on all
the while it had no driver: at speed 60 an hour away is the whole night, delivered at once
(650 read-outs for a practise desk). Started again, it goes on from its last delivery, as
the `rehearse` command run again does (`rehearsal.start`).

Holding a lost driver's clock is upkeep, not running the clock: it keeps the night where
the editor who ran it left it, at their pace, so any signed-in account's window does it
(else that window's next step would deliver everything the gap made due at once). A
stopped clock, which someone's quitting held on purpose, goes on only for one whose role
may run the clock (`Permission.REHEARSE`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ..domain.declaration_time import moment
from ..domain.replay import LOST_AFTER
from ..store import rehearsal as sql
from . import rehearsal_holders
from .accounts import Actor
from .rehearsal import (
    REHEARSAL_USER,
    RehearsalState,
    ReplayState,
    _actor,
    _clock,
    _move,
    _moved,
    _row,
    _state_of,
    rehearsal_state,
    start,
)
from .rehearsal_plan import wall_iso
from .session import Desk

ABANDONED_AFTER = LOST_AFTER  # (its name here, kept for callers)
# How far the computer's clock may move ahead of its monotonic clock between two reads of a
# driver before it counts as stepped (`hold_if_put_forward`): both read together, they part
# only by a step (or a machine suspended), or NTP's slewing (half a millisecond a second at
# most); at 60x two seconds are two minutes of the night, delivered as they come.
STEP_TOLERANCE = timedelta(seconds=2)


def abandoned(state: RehearsalState | None, now: datetime) -> bool:
    """A running clock nobody is driving: its next seat overdue for over a minute."""
    return (state is not None and state.state is ReplayState.RUNNING
            and state.next_due_wall is not None
            and now - state.next_due_wall > ABANDONED_AFTER)


def _keep(desk: Desk, now: datetime, state: ReplayState, user: Actor,
          night: datetime | None = None) -> RehearsalState:
    """Upkeep of a lost driver's clock: paused (as of `now`, at `night` if given), or run
    again, by any signed-in account."""
    action = "rehearsal running" if state is ReplayState.RUNNING else "rehearsal paused"
    _actor(desk, user, upkeep=True)  # refused before anything is read
    return _move(desk, now, action, user=user, state=state, night=night, upkeep=True)


def resume_on_opening(desk: Desk, now: datetime | None = None, *,
                      user: Actor = REHEARSAL_USER) -> RehearsalState | None:
    """The rehearsal as a window opening it should drive it: one a closing window or
    Ctrl+C stopped goes on where it stopped (for a role that may run the clock: refused
    otherwise, nothing written), and so does one whose driver was lost (`abandoned`,
    whoever opens it); a paused one stays paused (someone held it on purpose), and one
    running with a driver is left to it. None for a live election."""
    now = now or datetime.now(UTC)
    state = rehearsal_state(desk, now)
    if state is not None and state.state is ReplayState.STOPPED:
        return start(desk, now, user=user)
    if _hold_if_lost(desk, state, now, user) is not None:
        return _keep(desk, now, ReplayState.RUNNING, user)
    return state


def _hold_if_lost(desk: Desk, state: RehearsalState | None, now: datetime,
                  user: Actor) -> RehearsalState | None:
    """A running clock whose driver was lost, held: nobody drove it from when it was lost
    at the latest (`_lost_since`: a driver delivers within a second), so it is paused as of
    then, at the night it goes on from (its last delivery, as `start` finds it), and the
    practise report counts none of the time the driver was gone against the desk. None
    while a driver has it (or it is not running)."""
    lost = _lost_since(desk, state, now)
    if lost is None:
        return None
    return _keep(desk, lost, ReplayState.PAUSED, user, night=_resumed_from(desk))


def _lost_since(desk: Desk, state: RehearsalState | None, now: datetime) -> datetime | None:
    """When a running clock's driver was lost, at the latest, or None while one drives it:
    its next seat over a minute overdue (`abandoned`), or nobody holding it at all (its
    driver killed on this computer is gone at once, `rehearsal_holders`: opened again half
    a minute after, at ten night minutes a second, the clock had run on five hours, all
    delivered at once). Lost when its next seat fell due with nobody to send it, if that
    was before `now`."""
    if state is None or state.state is not ReplayState.RUNNING:
        return None
    if not abandoned(state, now):
        with desk.snapshot():
            if rehearsal_holders.holding(desk, now):
                return None
    return now if state.next_due_wall is None else min(now, state.next_due_wall)


def _resumed_from(desk: Desk) -> datetime:
    """Where a clock whose driver was lost goes on from: its last delivery (or its anchor,
    if later), as `rehearsal.start` finds it."""
    clock = _clock(_row(desk))
    last = moment(sql.last_delivered_time(desk))
    return max(clock.anchor_night, last) if last else clock.anchor_night


def monotonic_origin(now: datetime, monotonic: float) -> datetime:
    """The wall time at which the computer's monotonic clock (`time.monotonic()`, read with
    `now`) read zero. Time passing moves both alike and leaves it where it is; the wall
    clock stepped (NTP, set by hand) moves it by the step. A driver keeps it from its last
    read: the change since is `hold_over_gap`'s `stepped`."""
    return now - timedelta(seconds=monotonic)


def hold_over_gap(desk: Desk, last_seen: datetime, now: datetime, *,
                  stepped: timedelta = timedelta(0),
                  user: Actor = REHEARSAL_USER) -> RehearsalState | None:
    """A driver that read its clock at `last_seen` and reads it again only at `now`, over
    `ABANDONED_AFTER` later: it was not running in between (the laptop asleep, the window
    frozen), and neither was any other driver if the clock's next seat is as overdue
    (`abandoned`). The clock is then held over the gap, paused as of `last_seen` (or as of
    when another driver last set the clock or delivered a seat in the gap, before it went
    too: `_last_driven`) and run again now (both audited), so the night goes on from where
    it was, at its pace, rather than delivering every seat the gap would have brought at
    once. Returns the clock so
    held, or None when there was nothing to hold (no such gap, or another driver ran).
    Upkeep: any signed-in account's driver does it (module docstring). In a quiet part of
    the night (nothing due for most of the gap) nothing is overdue, yet the clock ran on
    with nobody driving it: held too when nobody else holds it and no seat was delivered
    in the gap (seven minutes asleep at 60x after 08:09 took it to 14:52).

    Decided and held in one write, from the clock as stored: two drivers waking together
    (two windows, a window and the command) each found it undriven, and the second held it
    again over the first one's hold (two audit pairs, and the moment between their wakings
    lost from the night). A clock set within `ABANDONED_AFTER` (that hold, or anyone's
    pause, jump or speed) was set by a driver as live as a holder seen then: not held.

    A `now` before `last_seen` is the computer's clock put back (NTP stepping it, a clock
    changed by hand): `hold_if_put_back`. One ahead of the driver's monotonic clock by
    more than `STEP_TOLERANCE` (`stepped`: how far its `monotonic_origin` moved since its
    last read) is the clock put forward: `hold_if_put_forward`."""
    if now < last_seen:
        return hold_if_put_back(desk, now, user=user)
    if now - last_seen <= ABANDONED_AFTER:
        if stepped > STEP_TOLERANCE:
            return hold_if_put_forward(desk, now, stepped, user=user)
        return None
    _actor(desk, user, upkeep=True)  # refused before anything is read
    with desk.snapshot():  # (most gaps need no hold: no write lock taken for them)
        if not _to_hold(desk, last_seen, now):
            return None
    with desk.write():
        if not _to_hold(desk, last_seen, now):
            return None
        since, night = _last_driven(desk, last_seen, now)
        _moved(desk, since, "rehearsal paused", user=user, state=ReplayState.PAUSED,
               night=night, upkeep=True)
        return _moved(desk, now, "rehearsal running", user=user,
                      state=ReplayState.RUNNING, upkeep=True)


def hold_if_put_back(desk: Desk, now: datetime, *,
                     user: Actor = REHEARSAL_USER) -> RehearsalState | None:
    """A running clock under a computer clock put back: it read the night as of a wall time
    that is now still to come, so it showed a night behind seats already on air (an hour
    back at 60x: 02:27 with seats to 04:27 delivered) and delivered nothing until the wall
    caught up again, or, anchored in what is now the future, stood still as long (an hour
    put back, an hour stuck); a pause or a speed change then kept the night behind them.
    Set again as of `now` from where it stood (its anchor, or the last seat delivered if
    later), audited, and goes on at its pace. Upkeep, like a hold over a gap; None when the
    clock did not go back (not running, or another driver set it already: decided in one
    write, as `hold_over_gap` is)."""
    _actor(desk, user, upkeep=True)  # refused before anything is read
    with desk.snapshot():
        if not _put_back(desk, now):
            return None
    with desk.write():
        if not _put_back(desk, now):
            return None
        night = max(_clock(_row(desk)).night_at(now), _resumed_from(desk))
        return _moved(desk, now, "rehearsal clock set", user=user, night=night,
                      upkeep=True)


def hold_if_put_forward(desk: Desk, now: datetime, stepped: timedelta, *,
                        user: Actor = REHEARSAL_USER) -> RehearsalState | None:
    """A running clock under a computer clock put forward by `stepped` (NTP correcting it,
    a clock set by hand) since its driver last read it: the night went on by the step at
    the clock's speed at once (50 s at 60x from 04:27: 102 read-outs delivered together),
    time the desk never lived. Held over the step, as over a gap: paused as of the wall
    time it would be had the clock not moved (`now - stepped`) and run again now, both
    audited (the pause says the computer's clock was put forward), so the night goes on
    from where it was, at its pace, and the practise report counts none of the step
    against the desk. Upkeep, like a hold over a gap.

    Only the drivers on the computer whose clock moved see the step; the first to see it
    holds the clock, decided in one write from the clock as stored: set since the step
    (that hold, or anyone's pause, jump or speed since), it reads the wall as it now is,
    and is not held again. Nor is it held while a driver on another computer holds the
    clock: that one, its clock not stepped, drives the night at the shared wall clock's
    pace, and this one's step was most likely its clock brought into line with it (NTP)
    rather than time the night ran on without it. None when not held."""
    since = now - stepped
    _actor(desk, user, upkeep=True)  # refused before anything is read
    with desk.snapshot():
        if not _put_forward(desk, since, now):
            return None
    with desk.write():
        if not _put_forward(desk, since, now):
            return None
        night = max(_clock(_row(desk)).night_at(since), _resumed_from(desk))
        _moved(desk, since, "rehearsal paused", user=user, state=ReplayState.PAUSED,
               night=night, upkeep=True,
               said={"put_forward": round(stepped.total_seconds())})
        return _moved(desk, now, "rehearsal running", user=user,
                      state=ReplayState.RUNNING, upkeep=True)


def _put_forward(desk: Desk, since: datetime, now: datetime) -> bool:
    """Whether the running clock as stored reads a step of the wall clock that ended by
    `now` as night gone by: anchored before `since` (the wall time had the clock not been
    stepped), and held by no driver on another computer. Read inside the caller's snapshot
    or write."""
    row = _row(desk)
    if row["state"] != ReplayState.RUNNING:
        return False
    anchor = _clock(row).anchor_wall
    return ((anchor is None or anchor <= since)
            and not rehearsal_holders.elsewhere(desk, now))


def _put_back(desk: Desk, now: datetime) -> bool:
    """Whether the running clock as stored reads as if the wall clock went back: anchored
    after `now`, or its night at `now` behind the last seat delivered (which nothing else
    sets it behind). Read inside the caller's snapshot or write."""
    row = _row(desk)
    if row["state"] != ReplayState.RUNNING:
        return False
    clock = _clock(row)
    last = moment(sql.last_delivered_time(desk))
    return ((clock.anchor_wall is not None and clock.anchor_wall > now)
            or (last is not None and clock.night_at(now) < last))


def _to_hold(desk: Desk, last_seen: datetime, now: datetime) -> bool:
    """Whether the clock as stored needs holding over a gap from `last_seen` to `now`
    (`hold_over_gap`). Read inside the caller's snapshot or write."""
    row = _row(desk)
    anchor = _clock(row).anchor_wall
    if anchor is not None and now - anchor <= ABANDONED_AFTER:
        return False
    state = _state_of(desk, row, now)
    return abandoned(state, now) or _undriven(desk, state, last_seen, now)


def _last_driven(desk: Desk, last_seen: datetime, now: datetime
                 ) -> tuple[datetime, datetime]:
    """When the clock held over a gap was last driven, at the latest, and the night it
    goes on from: the caller's `last_seen`, or later when another driver set the clock
    (its anchor) or delivered seats in the gap before going too (asleep alike, Ctrl+C).
    Held as of `last_seen`, the night went back behind what that one had delivered (seats
    to 07:13 on air, the clock at 03:00), and its time at the desk counted as held. Never
    behind its anchor nor the last seat delivered (`_resumed_from`), and never after `now`
    (a delivery stamped ahead of this clock: the pause came after the restart). Read inside
    the caller's write."""
    clock = _clock(_row(desk))
    walls = [last_seen, clock.anchor_wall]
    if (delivered := sql.last_delivery_wall(desk)) is not None:
        walls.append(datetime.fromisoformat(delivered))
    since = min(max(wall for wall in walls if wall is not None), now)
    return since, max(clock.night_at(since), _resumed_from(desk))


def _undriven(desk: Desk, state: RehearsalState | None, last_seen: datetime,
              now: datetime) -> bool:
    """A running clock nobody drove from `last_seen` to `now`: no one else holds it now
    (the caller's own beat is from before the gap, over `ABANDONED_AFTER` ago) and no seat
    was delivered meanwhile. Read inside the caller's snapshot or write."""
    if state is None or state.state is not ReplayState.RUNNING:
        return False
    return not (rehearsal_holders.holding(desk, now)
                or sql.delivered_since(desk, wall_iso(last_seen)))


def hold_lost_driver(desk: Desk, now: datetime | None = None, *,
                     user: Actor = REHEARSAL_USER) -> RehearsalState | None:
    """A clock the database says is running that nobody holds: its driver was killed (the
    `rehearse` command run again after kill -9, a closed terminal). Held, paused at its last
    delivery (as `rehearsal.start` would go on from), as of when it was lost at the latest
    (its next seat falling due with nobody to send it, as `resume_on_opening` has it), so
    that what the command changes before it starts (--speed, --until) is not applied to the
    night as if the clock had run on all the while, delivering it in a burst, and the
    practise report counts none of the time it was gone against the desk. Returns the
    clock (unchanged when it is not running, or someone holds it)."""
    now = now or datetime.now(UTC)
    state = rehearsal_state(desk, now)
    held = _hold_if_lost(desk, state, now, user)
    return state if held is None else held
