"""Rehearsals: a past night replayed at its own pace into a database marked a rehearsal for
its whole life.

    desk = create_rehearsal("rehearsal.db", results, constituencies, baseline, speed=60)
    start(desk)
    while not (r := step(desk)).finished:       # the CLI sleeps; the GUI uses a QTimer
        wait_until(r.state.next_due_wall)

Everything is in the database (the plan, what was delivered, the clock's anchor, paused or
not), so a stop and a start, or a killed process and a new one, continue where it left
off. Each delivery is one transaction with its audit entry: a kill loses nothing delivered.

- **watch**: a due seat arrives as a verified result from the feed user `rehearsal`,
  exactly as an import of that seat would record it (`import declaration`, its figures
  sealed in the audit chain), with its declaration time.
- **practise**: a due seat arrives as a read-out (`desk.practise`) that the desk keys and
  verifies by hand; the declaration keyed takes the read-out's time.

Stepping delivers what the clock has made due, whoever's driver asks. Changing the clock
(start/resume, pause, stop, jump, speed, until) is the night's editor's: on a file with
accounts it needs `Permission.REHEARSE` (editors, admins); a refusal writes nothing.

Wall times (`now`) are aware datetimes; every function takes one so tests and drivers can
run a fake clock. Night times are UK local time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from ..domain.candidate_keys import candidate_keys
from ..domain.declaration_time import moment, on_uk_clock, uk_clock, uk_iso
from ..domain.replay import (
    ElectionKind,
    Pending,
    ReplayClock,
    ReplayMode,
    ReplayState,
    due,
    next_day_form,
)
from ..io.csvfile import ProgressCallback
from ..store import audit_log
from ..store import rehearsal as sql
from . import rehearsal_holders
from .accounts import Actor, Permission, acting_user
from .local_writes import insert_verified
from .rehearsal_create import (
    bundled_baseline_constituencies,
    bundled_night,
    create_rehearsal,
    open_rehearsal,
)
from .rehearsal_plan import (
    BUNDLED_BASELINE,
    BUNDLED_NIGHT,
    REHEARSAL_USER,
    checked_speed,
    night_moment,
    start_moment,
    until_before_start,
    wall_iso,
)
from .rehearsal_target import RehearsalRefusal, refuse_server_desk, refuse_server_target
from .session import Desk

__all__ = ["BUNDLED_BASELINE", "BUNDLED_NIGHT", "REHEARSAL_USER", "Delivery", "ElectionKind",
           "RehearsalRefusal", "RehearsalState", "ReplayMode", "ReplayState", "StepResult",
           "bundled_baseline_constituencies", "bundled_night", "check_changes",
           "create_rehearsal", "is_rehearsal", "jump_to",
           "never_delivered_note", "night_clock", "open_rehearsal", "pause",
           "refuse_server_target", "rehearsal_state", "resume", "set_speed", "set_until",
           "start", "step", "stop"]


def is_rehearsal(desk: Desk) -> bool:
    """Whether the database is a rehearsal (set when it was created, never changed)."""
    return sql.is_rehearsal(desk)


def _wall(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("wall times are aware datetimes")
    return now


# --- the state and its clock -----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RehearsalState:
    mode: ReplayMode
    speed: float
    state: ReplayState
    night: datetime  # the clock now (UK time)
    first: datetime  # the first and last declaration of the plan
    last: datetime
    until: datetime | None
    delivered: int
    total: int  # seats in the plan (up to `until` or not)
    next_due: datetime | None  # night time of the next delivery (None: none left)
    next_due_wall: datetime | None  # when it is due at this speed (None: clock stopped)
    results_file: str
    constituencies_file: str

    @property
    def finished(self) -> bool:
        return self.state is ReplayState.FINISHED

    @property
    def has_due(self) -> bool:
        """A step has work: a seat due by the clock, or the end of the night to record."""
        return self.state in _STARTED and (self.next_due is None or self.next_due <= self.night)

    @property
    def night_text(self) -> str:
        """"05:05": the clock, as the banner and the read-out panel show it."""
        return uk_clock(self.night) or ""


def _row(desk: Desk) -> dict:
    refuse_server_desk(desk)  # its election is live and it has no replay tables
    row = sql.state(desk)
    if row is None:
        raise RehearsalRefusal(f"{desk.path} is not a rehearsal")
    return row


def _clock(row: dict) -> ReplayClock:
    wall = row["anchor_wall"]
    return ReplayClock(moment(row["anchor_night"]), datetime.fromisoformat(wall) if wall
                       else None, row["speed"], row["state"] == ReplayState.RUNNING)


def _pending(desk: Desk) -> list[Pending]:
    return [Pending(p, code, moment(at)) for p, code, at in sql.pending(desk)]


def _end_of_night(until: datetime | None, last: datetime) -> datetime:
    """Where the clock stops: `until`, and never after the plan's last declaration (when
    there is nothing left to deliver, the night is over)."""
    return last if until is None else min(until, last)


def _clock_end(desk: Desk, until: str | None) -> datetime:
    """The end of the night for `until` (a stored night time, or None)."""
    return _end_of_night(moment(until), moment(sql.plan_bounds(desk)[1]))


def _state_of(desk: Desk, row: dict, now: datetime) -> RehearsalState:
    clock = _clock(row)
    until = moment(row["night_until"])
    first, last, total = sql.plan_bounds(desk)
    # A running clock reads past the end of the night between two steps (at speed 100,000
    # a second is more than a day): what it shows stops at the end.
    night = min(clock.night_at(now), _end_of_night(until, moment(last)))
    pending = _pending(desk)
    # the plan is in time order: the next delivery is the first not yet made (if any is
    # left before `until`); already due when a step has yet to deliver it
    upcoming = pending[0].declared_at if pending and (
        until is None or pending[0].declared_at <= until) else None
    return RehearsalState(
        ReplayMode(row["mode"]), row["speed"], ReplayState(row["state"]), _uk(night),
        _uk(first), _uk(last), _uk(until), total - len(pending), total, _uk(upcoming),
        clock.wall_at(upcoming) if upcoming is not None else None,
        row["results_file"], row["constituencies_file"])


def _uk(value: str | datetime | None) -> datetime | None:
    """A night time on the UK clock, fixed offset: compared by the moment (`on_uk_clock`)."""
    when = moment(value) if isinstance(value, str) or value is None else value
    return on_uk_clock(when) if when is not None else None


def _bounds(desk: Desk) -> tuple[datetime, datetime]:
    """The night's first and last declaration: what a time typed is read against."""
    _row(desk)  # a rehearsal, or refused
    first, last, _ = sql.plan_bounds(desk)
    return moment(first), moment(last)


def rehearsal_state(desk: Desk, now: datetime | None = None) -> RehearsalState | None:
    """Where the rehearsal stands at wall time `now`; None for a live election."""
    if not is_rehearsal(desk):
        return None
    with desk.snapshot():
        return _state_of(desk, _row(desk), _wall(now))


def night_clock(desk: Desk, now: datetime | None = None) -> datetime | None:
    """The rehearsal's night time at wall time `now` (None for a live election)."""
    state = rehearsal_state(desk, now)
    return state.night if state else None


def _actor(desk: Desk, user: Actor, *, upkeep: bool = False) -> str:
    """Who changes the clock, asked before anything is read or written. A server's desk is
    refused (it writes no rows itself, and has no replay tables); on a file with accounts,
    a role that may not run the clock (`Permission.REHEARSE`: the editor running the night
    and admins; the desk practises against it). `upkeep`: a driver holding the clock where
    its lost driver left it (`rehearsal_resume`), which any signed-in account's window does."""
    refuse_server_desk(desk)
    return acting_user(desk, user, None if upkeep else Permission.REHEARSE,
                       default=REHEARSAL_USER)


def _move(desk: Desk, now: datetime | None, action: str, *, user: Actor,
          state: ReplayState | None = None, night: datetime | None = None,
          speed: float | None = None, until: str | bool | None = False,
          upkeep: bool = False) -> RehearsalState:
    """Re-anchor the clock at wall time `now` (its night time then, or `night`), with a new
    state, speed or `until`, and audit it: one transaction. `user` as given (an Account,
    not its name: an open desk's must sign in once the file has accounts), asked again
    under the write lock (a role changed, or a first account added, since counts).
    Upkeep's entries say the wall time they are as of (`as_of`): a lost driver's clock is
    held from when it was last driven, which is before the entry is written, and the
    practise report counts no desk time while it was held (`store.rehearsal`)."""
    now = _wall(now)
    with desk.write():
        return _moved(desk, now, action, user=user, state=state, night=night,
                      speed=speed, until=until, upkeep=upkeep)


def _moved(desk: Desk, now: datetime, action: str, *, user: Actor,
           state: ReplayState | None = None, night: datetime | None = None,
           speed: float | None = None, until: str | bool | None = False,
           upkeep: bool = False, said: dict | None = None) -> RehearsalState:
    """`_move` inside the caller's write (a hold over a gap decides and moves the clock
    twice in one transaction: `rehearsal_resume.hold_over_gap`); `said`: more for its
    audit entry (why upkeep held it)."""
    name = _actor(desk, user, upkeep=upkeep)
    row = _row(desk)
    clock = _clock(row)
    current = clock.night_at(now)
    if row["state"] == ReplayState.RUNNING and state is ReplayState.RUNNING \
            and not rehearsal_holders.holding(desk, now):
        # started again while the database says running and nobody holds the clock:
        # its driver was killed. The clock continues from the last seat delivered, not
        # from the wall time since. (Held, by a window or the command, it is driven:
        # it goes on from where it is, never back: `rehearsal_holders`.)
        last = moment(sql.last_delivered_time(desk))
        current = max(clock.anchor_night, last) if last else clock.anchor_night
    # the clock never passes the end of the night: not by running on, nor by a jump
    end = _clock_end(desk, row["night_until"] if until is False else until)
    target = min(night or current, end)
    fields = {"anchor_night": uk_iso(target), "anchor_wall": wall_iso(now)}
    if state is not None and row["state"] != ReplayState.FINISHED:
        fields["state"] = state.value
    if speed is not None:
        fields["speed"] = speed
    if until is not False:
        fields["night_until"] = until
        if row["state"] == ReplayState.FINISHED:
            fields["state"] = ReplayState.PAUSED.value  # more of the night to come
    sql.set_state(desk, **fields)
    desk.audit(name, action, "rehearsal", "", {
        "night": uk_iso(target), **({"speed": speed} if speed is not None else {}),
        **({"until": until} if until is not False else {}),
        **({"as_of": wall_iso(now)} if upkeep else {}), **(said or {})})
    return _state_of(desk, _row(desk), now)


def start(desk: Desk, now: datetime | None = None, *,
          user: Actor = REHEARSAL_USER) -> RehearsalState:
    """Run the clock: from the start, or on from wherever a pause, a stop or a killed
    driver left it. Each change of the clock needs a role that may run it (`_actor`)."""
    _actor(desk, user)  # refused before anything is read
    return _move(desk, now, "rehearsal running", user=user, state=ReplayState.RUNNING)


resume = start


def pause(desk: Desk, now: datetime | None = None, *,
          user: Actor = REHEARSAL_USER) -> RehearsalState:
    """Hold the clock (the driver keeps running; `resume` goes on)."""
    _actor(desk, user)  # refused before anything is read
    return _move(desk, now, "rehearsal paused", user=user, state=ReplayState.PAUSED)


def stop(desk: Desk, now: datetime | None = None, *,
         user: Actor = REHEARSAL_USER) -> RehearsalState:
    """Hold the clock for a driver that is quitting; `start` later continues from here."""
    _actor(desk, user)  # refused before anything is read
    return _move(desk, now, "rehearsal stopped", user=user, state=ReplayState.STOPPED)


def never_delivered_note(desk: Desk) -> str | None:
    """What the desk is told as a rehearsal is made (by `rehearse` and File > Rehearsal)
    when seats have no declaration time in its file: they stay undeclared all night (a
    blank cell, unnoticed, left only "649 seats" to show). None when every seat comes."""
    left = sql.unplanned_seats(desk)
    if not left:
        return None
    from .import_seats import seats_named

    return (f"Never delivered, with no declaration time in "
            f"{rehearsal_state(desk).constituencies_file} (they stay undeclared): "
            f"{seats_named(left)}.")


def jump_to(desk: Desk, when: str | datetime, now: datetime | None = None, *,
            user: Actor = REHEARSAL_USER) -> RehearsalState:
    """Set the clock to `when` ("05:00" or a date and time): forward delivers everything
    before it at the next step; never back before a seat already delivered."""
    _actor(desk, user)  # refused before anything is read
    night = _bounds(desk)
    target = night_moment(when, night, "jump")
    _after_delivered(desk, target, "cannot go back to", when, night)
    return _move(desk, now, "rehearsal clock set", user=user, night=target)


def _after_delivered(desk: Desk, target: datetime, refusal: str, typed: str | datetime,
                     night: tuple[datetime, datetime]) -> None:
    last = moment(sql.last_delivered_time(desk))  # never back past a seat delivered
    if last is not None and target < last:
        said = (f"{refusal} {uk_clock(target)}: seats up to {uk_clock(last)} have already "
                "been delivered")
        # a bare HH:MM is read from six hours before the first seat: on a night running
        # into the next evening (2017: Kensington at 21:03) "21:03" is polling day's, and
        # "seats up to 09:51" read as if 21:03 came after them
        later = next_day_form(typed, target, *night)
        if later is not None and night_moment(later, night, "jump") >= last:  # not refused too
            said += f"; for the next day's {uk_clock(target)} give {later}"
        raise RehearsalRefusal(said)


def check_changes(desk: Desk, *, speed: float | None = None,
                  until: str | datetime | None = None,
                  start: str | datetime | None = None) -> None:
    """Refuse, before any of them is made, changes asked for together (`rehearse` run again
    with `--speed`, `--until` and `--start`): each is its own move of the clock, and one
    refused after another was made left the rehearsal half changed. The same refusals as
    `set_speed`, `set_until` and `jump_to`, and, as on creating one, an until before the
    start (the jump would silently stop at the until)."""
    if speed is not None:
        checked_speed(speed)
    night = _bounds(desk)
    until_at = night_moment(until, night, "until") if until else None
    start_at = start_moment(start, night) if start else None
    if until_at is not None:
        _after_delivered(desk, until_at, "cannot deliver only until", until, night)
    if start_at is not None:
        _after_delivered(desk, start_at, "cannot go back to", start, night)
        if until_at is not None and until_at < start_at:
            raise until_before_start(until, until_at, start_at, night)


def set_speed(desk: Desk, speed: float, now: datetime | None = None, *,
              user: Actor = REHEARSAL_USER) -> RehearsalState:
    """A new speed from now on (the night time so far is kept)."""
    _actor(desk, user)  # refused before anything is read
    return _move(desk, now, "rehearsal speed", user=user, speed=checked_speed(speed))


def set_until(desk: Desk, until: str | datetime | None, now: datetime | None = None, *,
              user: Actor = REHEARSAL_USER) -> RehearsalState:
    """Deliver only up to `until` (None: to the end of the night), never to before a seat
    already delivered: the clock would go back ("23:00" is polling day's evening)."""
    _actor(desk, user)  # refused before anything is read
    night = _bounds(desk)
    at = night_moment(until, night, "until") if until is not None else None
    if at is not None:
        _after_delivered(desk, at, "cannot deliver only until", until, night)
    return _move(desk, now, "rehearsal until", user=user, until=at and uk_iso(at))


# --- delivering --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Delivery:
    position: int
    code: str
    name: str
    declared_at: str  # ISO 8601, UK offset

    @property
    def clock(self) -> str:
        return uk_clock(self.declared_at) or ""


@dataclass(frozen=True, slots=True)
class StepResult:
    delivered: tuple[Delivery, ...]  # in plan order
    state: RehearsalState

    @property
    def finished(self) -> bool:
        return self.state.finished

    @property
    def next_due_wall(self) -> datetime | None:
        return self.state.next_due_wall


class _NoLongerDue(Exception):
    """The clock was set back, or the until moved earlier, while a step delivered what it
    had found due: the seats left of it (all later in the night) wait for the clock."""


def _still_due(row: dict, declared_at: str, now: datetime) -> bool:
    """Whether a seat is due by the clock as it stands now (`row`, read under the write
    lock): a jump back or an earlier until made while a step delivers a burst is not undone
    by the rest of that burst (the night clock read 03:00 with seats to 04:00 on air)."""
    until = moment(row["night_until"])
    when = moment(declared_at)
    return (row["state"] in _STARTED and when <= _clock(row).night_at(now)
            and (until is None or when <= until))


def _deliver(desk: Desk, position: int, mode: ReplayMode, now: datetime) -> Delivery | None:
    """One seat, one transaction with its audit entry; None if another driver beat us;
    `_NoLongerDue` if the clock no longer has it due."""
    stamp = wall_iso(now)
    with desk.write():
        seat = sql.planned_seat(desk, position)
        if seat is None or seat["delivered_at"] is not None:
            return None
        row = _row(desk)
        if not _still_due(row, seat["declared_at"], now):
            raise _NoLongerDue
        if mode is ReplayMode.WATCH:
            lines = sql.planned_votes(desk, position)
            did, version = insert_verified(
                desk, seat["constituency_id"], {r["candidate_id"]: r["votes"] for r in lines},
                user=REHEARSAL_USER, stamp=now.astimezone(UTC).isoformat(timespec="seconds"),
                electorate=seat["electorate"], invalid=seat["invalid_votes"],
                declared_at=seat["declared_at"], overrides=seat["overrides"])
            sql.mark_delivered(desk, position, stamp, did)
            desk.audit(REHEARSAL_USER, "import declaration", "constituency", seat["code"], {
                "version": version, "file": row["results_file"], "rehearsal": position,
                "votes": dict(zip(candidate_keys([(r["name"], r["party"]) for r in lines]),
                                  (r["votes"] for r in lines), strict=True)),
                **audit_log.vouch_version(desk, did)})
        else:
            sql.mark_delivered(desk, position, stamp)
            desk.audit(REHEARSAL_USER, "rehearsal read-out", "constituency", seat["code"],
                       {"rehearsal": position, "declared_at": seat["declared_at"]})
    return Delivery(position, seat["code"], seat["name"], seat["declared_at"])


# States in which the clock has been started: what it has reached is delivered (while
# paused or stopped, what was due when it stopped and had not been delivered yet).
_STARTED = (ReplayState.RUNNING, ReplayState.PAUSED, ReplayState.STOPPED)


def step(desk: Desk, now: datetime | None = None,
         progress: ProgressCallback | None = None) -> StepResult:
    """Deliver everything due at wall time `now` (each seat its own transaction, in plan
    order) and say what was delivered and when the next is due. Nothing before the clock
    is started; marks the rehearsal finished once everything up to `until` is in.
    `progress(done, due)` after each seat (a jump can deliver hundreds)."""
    now = _wall(now)
    row = _row(desk)
    delivered: list[Delivery] = []
    if row["state"] in _STARTED:
        night = _clock(row).night_at(now)
        until = moment(row["night_until"])
        pending = _pending(desk)
        now_due, upcoming = due(pending, night, until)
        for i, item in enumerate(now_due, start=1):
            try:
                done = _deliver(desk, item.position, ReplayMode(row["mode"]), now)
            except _NoLongerDue:  # the clock set back meanwhile: the rest waits for it
                upcoming = item
                break
            if done is not None:
                delivered.append(done)
            if progress is not None:
                progress(i, len(now_due))
        if upcoming is None:
            # Finished where the night ends, not where the clock had run to by this step:
            # a fast replay (or a late step) would otherwise stop the clock past `until`.
            with desk.write():
                # As the clock stands now, not as this step read it: an until moved on
                # meanwhile (Deliver until… in a window while this step delivered) has more
                # of the night to come, and finishing at the old one lost it.
                fresh = _row(desk)
                fresh_until = moment(fresh["night_until"])
                end = uk_iso(min(night, _clock_end(desk, fresh["night_until"])))
                left = _pending(desk)
                if fresh["state"] in _STARTED and not (
                        left and (fresh_until is None or left[0].declared_at <= fresh_until)):
                    sql.set_state(desk, state=ReplayState.FINISHED.value,
                                  anchor_night=end, anchor_wall=wall_iso(now))
                    desk.audit(REHEARSAL_USER, "rehearsal finished", "rehearsal", "",
                               {"night": end, "delivered": sql.delivered_count(desk)})
    with desk.snapshot():
        return StepResult(tuple(delivered), _state_of(desk, _row(desk), now))
