"""Rehearsals: replaying a past night at its own pace. Pure rules (no clock is read here:
every function is given the wall time it should think it is).

- The plan: every seat with a declaration time, by time; seats declared in the same minute
  in the file's order. The same files give the same plan, whatever the speed.
- The clock: night time = anchor_night + (wall time - anchor_wall) x speed while running;
  frozen at anchor_night while paused, stopped or not yet started. Pausing, resuming,
  jumping and changing speed each move the anchor, so the night never jumps by itself.
- What is due: the undelivered seats of the plan declared at or before the night time
  (and not after `until`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from .declaration_time import (
    UK_TIME,
    moment,
    on_uk_clock,
    skipped_by_uk_clock,
    uk_clock_problem,
    uk_date_clock,
    uk_iso,
    with_offset_hint,
)
from .election_kind import ElectionKind as ElectionKind  # where the replay's callers find it
from .records import record


class ReplayMode(StrEnum):
    WATCH = "watch"  # each seat arrives as a verified result from the feed
    PRACTISE = "practise"  # each seat arrives as a read-out the desk keys and verifies


class ReplayState(StrEnum):
    READY = "ready"  # created, the clock not started
    RUNNING = "running"
    PAUSED = "paused"
    STOPPED = "stopped"  # no driver: continues where it left off when started again
    FINISHED = "finished"  # everything up to `until` delivered


MIN_SPEED = 0.1
MAX_SPEED = 100_000.0
# Who holds the clock (a window open on the rehearsal, the `rehearse` command): each says
# it is still there every HOLDER_BEAT; one unseen for LOST_AFTER is gone (killed, asleep,
# frozen), and so is a running clock's driver whose next seat is overdue by as much. Longer
# than a driver's longest wait between steps (a window's tick, the command's sleep, a jump's
# hundreds of seats being delivered) on a loaded machine.
LOST_AFTER = timedelta(seconds=60)
HOLDER_BEAT = timedelta(seconds=15)
# How long before the first declaration a bare HH:MM can point at: a night's clock times
# run from the evening of polling day into the next afternoon.
EVENING_BEFORE = timedelta(hours=6)
_HH_MM = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")
# "13/12/2019 14:52": a moment as the desk writes one (`uk_date_clock`), in its refusals too
_DD_MM_YYYY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})[ T]+(\d{1,2}):(\d{2})\s*$")


def iso_form(text: str) -> str:
    """A date and time typed as the desk writes them ("13/12/2019 14:52") in ISO 8601
    ("2019-12-13T14:52"); any other text as it is. Told "the night runs from 12/12/2019
    23:27", the desk chief typed that and was refused."""
    match = _DD_MM_YYYY.match(text or "")
    if not match:
        return text
    day, month, year, hour, minute = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}"


@record
class PlanItem:
    code: str
    declared_at: datetime  # aware
    file_order: int  # the row in the file the time came from


def replay_order(items: Iterable[PlanItem]) -> list[PlanItem]:
    """The delivery order: by declaration time, the file's order within the same time."""
    return sorted(items, key=lambda i: (i.declared_at.astimezone(UTC), i.file_order))


def check_speed(speed: float) -> float:
    """The speed as a float; ValueError naming the allowed range otherwise."""
    try:
        value = float(speed)
    except (TypeError, ValueError):
        raise ValueError(f"speed '{speed}' is not a number (60 = a minute a second)") from None
    if not (MIN_SPEED <= value <= MAX_SPEED):  # also refuses NaN
        raise ValueError(f"speed {speed} is out of range ({MIN_SPEED:g} to {MAX_SPEED:,.0f})")
    return value


def night_time(text: str | datetime, first: datetime,
               last: datetime | None = None) -> datetime:
    """The night time `text` means: "05:05" is the first 05:05 (UK time) from six hours
    before the first declaration on (so "22:00" is polling day's evening and "14:00" the
    next afternoon); an ISO 8601 date and time is taken as it is (UK time if it has no
    offset), but, given the `last` declaration, only on the night (`_on_the_night`).
    ValueError with what is allowed otherwise."""
    if isinstance(text, datetime):
        return moment(uk_iso(text))
    check_time_form(text)
    match = _HH_MM.match(text or "")
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        earliest = (first.astimezone(UTC) - EVENING_BEFORE).astimezone(UK_TIME)
        day = earliest.replace(hour=hour, minute=minute, second=0, microsecond=0,
                               tzinfo=None)
        if moment(uk_iso(day)) < earliest:
            day += timedelta(days=1)
        # A time the clock showed twice is its first showing ("the first 05:05"); one it
        # skipped is no time of that night: taken as GMT it came out an hour on (02:30).
        if skipped_by_uk_clock(day):
            raise ValueError(f"'{text}' on {day:%d/%m/%Y} {uk_clock_problem(day)}")
        return moment(uk_iso(day))
    value = moment(iso_form(text))
    assert value is not None  # (`check_time_form`)
    _on_the_uk_clock(text, value)
    if last is not None:
        _on_the_night(text, value, first, last)
    return value


def next_day_form(text: str | datetime, at: datetime, first: datetime,
                  last: datetime) -> str | None:
    """For a bare HH:MM `text` that `night_time` read as `at`: the date and time that names
    the same clock time a day later ("2017-06-09T21:00"), if that is on the night (its
    `first` to `last` declaration) and HH:MM could not say it; else None. "21:00" on the 2017
    night is polling day's (six hours before its first seat at 23:01), while the night runs
    to Kensington at 21:03 the next day: a refusal of it says how to mean that one."""
    if not isinstance(text, str) or not _HH_MM.match(text):
        return None
    local = at.astimezone(UK_TIME)
    form = f"{local.date() + timedelta(days=1):%Y-%m-%d}T{local:%H:%M}"
    try:
        later = night_time(form, first, last)
    except ValueError:
        return None
    return form if first <= later <= last else None


def check_time_form(text: str) -> str:
    """`text` if it is a time `night_time` can read, whatever the night: HH:MM (00:00 to
    23:59) or an ISO 8601 date and time; ValueError saying what is allowed otherwise."""
    match = _HH_MM.match(text or "")
    if match:
        if int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise ValueError(f"'{text}' is not a time of day (HH:MM, 00:00 to 23:59)")
    elif moment(iso_form(text)) is None:
        raise ValueError(f"'{text}' is neither HH:MM nor a date and time "
                         "(like 2019-12-13T05:00 or 13/12/2019 05:00)")
    return text


def _on_the_uk_clock(text: str, value: datetime) -> None:
    """A date and time typed without its offset must be one the UK clock showed once: as
    a declaration time in a file (`uk_clock_problem`), with its offset it is taken as is."""
    naive = datetime.fromisoformat(iso_form(text).strip())
    if (problem := uk_clock_problem(naive)) is not None:
        raise ValueError(f"'{text}' {problem}: {with_offset_hint(naive)}")


def _on_the_night(text: str, value: datetime, first: datetime, last: datetime) -> None:
    """A date and time typed must fall on the night replayed: from where a bare HH:MM can
    first point (six hours before the first declaration) to six hours after the last. A
    year or a month mistyped (2019-11-13T05:00) set the clock weeks or centuries before the
    first seat, where it showed an ordinary "05:00 · running" and delivered nothing for
    hours of wall time; after the night, a jump delivered every seat at once."""
    if first - EVENING_BEFORE <= value <= last + EVENING_BEFORE:
        return

    raise ValueError(f"'{text}' is not on the night replayed, whose declarations run from "
                     f"{uk_date_clock(first)} to {uk_date_clock(last)}: type HH:MM, or a date "
                     "and time then")


@record
class ReplayClock:
    anchor_night: datetime  # aware
    anchor_wall: datetime | None  # aware; None until first started
    speed: float
    running: bool

    def night_at(self, wall: datetime) -> datetime:
        """The night time at wall time `wall` (never before the anchor)."""
        if not self.running or self.anchor_wall is None:
            return on_uk_clock(self.anchor_night)
        elapsed = max(timedelta(0), wall - self.anchor_wall)
        return on_uk_clock(self.anchor_night.astimezone(UTC) + elapsed * self.speed)

    def wall_at(self, night: datetime) -> datetime | None:
        """The first wall time (to the microsecond) at which the clock shows `night` or
        later; None while it is not running."""
        if not self.running or self.anchor_wall is None:
            return None
        ahead = max(timedelta(0), night - self.anchor_night)
        wall = self.anchor_wall + ahead / self.speed
        while self.night_at(wall) < night:  # rounded down to a microsecond: one more
            wall += timedelta(microseconds=1)
        return wall


@record
class Pending:
    position: int
    code: str
    declared_at: datetime


def due(pending: Sequence[Pending], night: datetime,
        until: datetime | None) -> tuple[list[Pending], Pending | None]:
    """(what is due now, in plan order; the next one after those), never past `until`."""
    now_due, upcoming = [], None
    for item in sorted(pending, key=lambda p: p.position):
        if until is not None and item.declared_at > until:
            break
        if item.declared_at <= night:
            now_due.append(item)
        else:
            upcoming = item
            break
    return now_due, upcoming


# -- practise: each person's speed and the errors the re-key caught ---------------------------

@dataclass(frozen=True, slots=True)
class PractisedSeat:
    """One read-out and what the desk made of it."""

    code: str
    name: str
    declared_at: str  # the night time read out
    shown_at: str | None  # wall time the read-out was shown (None: not delivered yet)
    # who keyed the figures first verified, who verified them and when (None: not yet); a
    # correction verified later is not the read-out's turn on the desk
    entered_by: str | None
    verified_by: str | None
    verified_at: str | None
    seconds: float | None  # read-out shown -> first verified, in wall seconds the clock ran
    # every blind re-key that did not match: (whose entry, who re-keyed, whether the entry
    # was what was read out: if so the slip was the re-keyer's, else an error caught)
    mismatches: tuple[tuple[str, str, bool], ...]
    matches_readout: bool | None  # the figures first verified are those read out
    # whose entry, not as read out, a re-key caught: one per entry, however many re-keys
    # differed from it (the form asks the verifier to re-key the highlighted fields again)
    errors_caught: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PersonReport:
    person: str
    entered: int  # verified seats whose figures this person keyed
    verified: int  # seats this person verified by re-key
    mean_seconds: float | None  # read-out to verified, on the seats they keyed
    fastest_seconds: float | None
    slowest_seconds: float | None
    errors_caught: int  # this person's entries, wrong, that a re-key caught
    rekey_slips: int  # this person's re-keys that did not match a right entry
    wrong_on_air: int  # seats they keyed, verified with figures not those read out (even
    # if corrected later)


def seconds_between(start: str | None, end: str | None,
                    held: Sequence[tuple[datetime, datetime | None]] = ()) -> float | None:
    """Wall seconds from `start` to `end`, less those inside the `held` periods (start,
    end or None: still held) when the rehearsal's clock was paused or stopped."""
    a, b = moment(start), moment(end)
    if a is None or b is None:
        return None
    seconds = (b - a).total_seconds()
    for held_from, held_to in held:
        lo, hi = max(a, held_from), min(b, held_to or b)
        if hi > lo:
            seconds -= (hi - lo).total_seconds()
    return max(0.0, seconds)


# What each action on the clock (its audit entry) leaves it as: held or running. A finished
# rehearsal stays finished (a pause or a stop of it is recorded but changes nothing) until
# more of the night is asked for, when it waits, paused, for Resume.
_RUNNING, _HELD, _FINISHED = "running", "held", "finished"


def held_periods(actions: Iterable[tuple[str, str]]) -> list[tuple[datetime, datetime | None]]:
    """The wall periods a rehearsal's clock was held by a pause or a stop (a closed app,
    Ctrl+C), from its clock actions in order: (time, action) as the audit log has them
    ("rehearsal running", "rehearsal paused", "rehearsal stopped", "rehearsal finished",
    "rehearsal until"). The last period's end is None while it is still held."""
    periods: list[tuple[datetime, datetime | None]] = []
    state, since = None, None
    for at, action in actions:
        new = state
        if action == "rehearsal finished":
            new = _FINISHED
        elif action == "rehearsal until" and state == _FINISHED:
            new = _HELD
        elif state != _FINISHED and action == "rehearsal running":
            new = _RUNNING
        elif state != _FINISHED and action in ("rehearsal paused", "rehearsal stopped"):
            new = _HELD
        when = moment(at)
        if new == _HELD and state != _HELD:
            since = when
        elif state == _HELD and new != _HELD:
            periods.append((since, when))
        state = new
    if state == _HELD:
        periods.append((since, None))
    return periods


def practise_report(seats: Iterable[PractisedSeat]) -> list[PersonReport]:
    """One row per person at the desk, by name."""
    people: dict[str, dict] = {}

    def person(name: str) -> dict:
        return people.setdefault(name, {"entered": 0, "verified": 0, "times": [],
                                        "caught": 0, "slips": 0, "wrong": 0})

    for s in seats:
        if s.entered_by is not None and s.verified_at is not None:
            p = person(s.entered_by)
            p["entered"] += 1
            if s.seconds is not None:
                p["times"].append(s.seconds)
            if s.matches_readout is False:
                p["wrong"] += 1
        if s.verified_by is not None:
            person(s.verified_by)["verified"] += 1
        for _, rekeyer, entry_right in s.mismatches:
            if entry_right:
                person(rekeyer)["slips"] += 1
        for author in s.errors_caught:
            person(author)["caught"] += 1
    out = []
    for name in sorted(people, key=str.casefold):
        p = people[name]
        times = p["times"]
        out.append(PersonReport(
            name, p["entered"], p["verified"],
            # to a tenth of a second, all three (a paused clock's entries carry
            # microseconds: the fastest read 41.731254)
            round(sum(times) / len(times), 1) if times else None,
            round(min(times), 1) if times else None, round(max(times), 1) if times else None,
            p["caught"], p["slips"], p["wrong"]))
    return out
