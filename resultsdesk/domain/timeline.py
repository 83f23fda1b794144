"""The night in time: when each seat declared, when a party reached the majority line, how
many seats declared in each half hour and how the parties' totals grew.

Pure rules on plain values; `desk` reads the times from the store and `charts.timeline`
draws what `timeline_points` returns.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from operator import attrgetter

from .declaration_time import LONGEST_NIGHT, moment, on_uk_clock, uk_iso
from .records import record

BIN = timedelta(minutes=30)
_VERSION = attrgetter("version")


@record
class VersionTimes:
    """What the times of one declaration version say (a row of the store's history)."""

    version: int
    count_number: int
    status: str
    declared_at: str | None  # the returning officer's time, when the desk knows it
    verified_at: str | None
    source: str  # 'import', 'desk' or 'cli'


def declared_at(versions: Sequence[VersionTimes]) -> str | None:
    """When the seat's counting result was declared, or None when nobody knows.

    The counting version is the newest verified one. Its count (first count, recount n)
    was declared at the newest time recorded on a version of that count up to it: a
    correction or a lot restates the figures, not the moment. A count keyed at the desk
    with no time recorded was declared when its first version went on air (verified); an
    import with no time says nothing about when, so the seat's time stays unknown."""
    # One loop, not max() over a generator: read for every verified seat as a night opens
    # (25,000 at 50,000 seats). The first of the newest, as max() has it.
    counting = None
    for v in versions:
        if v.status == "verified" and (counting is None or v.version > counting.version):
            counting = v
    if counting is None:
        return None
    count, upto = counting.count_number, counting.version
    same_count = sorted((v for v in versions if v.count_number == count and v.version <= upto),
                        key=_VERSION)
    for v in reversed(same_count):  # the newest time stated
        if v.declared_at:
            return v.declared_at
    first_on_air = next((v for v in same_count if v.verified_at), None)
    if first_on_air is None or first_on_air.source == "import":
        return None
    return first_on_air.verified_at


@record
class DeclaredSeat:
    """A verified seat as the timeline sees it: who won it and when it declared."""

    code: str
    name: str
    winner: str | None  # None: a tie not yet decided by lot
    at: str | None  # ISO 8601; None when unknown


@record
class MajorityReached:
    party: str
    at: str  # ISO 8601 with offset: when the party's seat over the line declared


def _timed(seats: Iterable[DeclaredSeat]) -> list[tuple[datetime, int, DeclaredSeat]]:
    """Seats with a known time, in time order; the given order among equal times."""
    out = []
    for i, s in enumerate(seats):
        when = moment(s.at)
        if when is not None:  # a legacy time without offset is in the zone: fixed, by moment
            out.append((on_uk_clock(when), i, s))
    out.sort(key=lambda t: (t[0], t[1]))
    return out


def majority_reached(seats: Iterable[DeclaredSeat], line: int) -> MajorityReached | None:
    """The moment a party's seats reached `line`, in declaration-time order; None while no
    party has that many, or when any of its seats has no known time or one before the night
    (`_on_the_night`): an unknown one could have come first, so the moment is not known
    (`off_the_line`)."""
    seats = list(seats)
    counts = Counter(s.winner for s in seats if s.winner)
    leader = next((p for p, n in counts.most_common(1) if n >= line), None)
    if leader is None:
        return None
    ours = [s for s in seats if s.winner == leader]
    if any(moment(s.at) is None for s in ours):
        return None
    # A seat off the night (a PC's clock reset to 2000) is one of no known time, as the
    # timeline counts it: taken first, it put the majority a seat before the party's line
    # on that timeline reached it.
    timed = _timed(seats)  # (every seat's time read and sorted once, the party's among them)
    won = [when for when, _, s in timed if s.winner == leader]
    if off_the_line(won, line, night_span([when for when, _, _ in timed])):
        return None
    return reached(leader, won[line - 1])


def off_the_line(won: Sequence[datetime], line: int,
                 night: tuple[datetime, datetime] | None) -> bool:
    """Whether the moment the `line`-th of `won` (a party's seats' times, in order) came is
    not the Timeline's: a seat of it stamped before the night could have come first; the
    line-th one after the night is off the Timeline. A seat after the moment, later than
    the night (a poll postponed when a candidate died, declared weeks on: Thirsk and
    Malton, 2010), came after it whatever its time: the night's moment stands."""
    return night is not None and (won[0] < night[0] or won[line - 1] > night[1])


def reached(party: str, when: datetime) -> MajorityReached:
    """`party` crossed the line with the seat declared at `when` (told in UK time)."""
    return MajorityReached(party, uk_iso(when))


def half_hour(when: datetime) -> datetime:
    """The start of the half hour (UK time) `when` falls in, with its fixed offset: the two
    01:00s of the night BST ends are two half hours, not one (`on_uk_clock`)."""
    local = on_uk_clock(when)
    return local.replace(minute=local.minute - local.minute % 30, second=0, microsecond=0)


@record
class TimelinePoints:
    """The night by time, in UK local time: declarations per half hour and each party's
    running total after every declaration that changed it."""

    bins: tuple[tuple[datetime, int], ...]  # (start of the half hour, seats declared)
    totals: dict[str, tuple[tuple[datetime, int], ...]]  # party -> (time, seats so far)
    first: datetime | None
    last: datetime | None
    untimed: int  # verified seats whose time is unknown (left out)


def night_span(times: Sequence[datetime]) -> tuple[datetime, datetime] | None:
    """Of `times` (in order), the first and last of the most within LONGEST_NIGHT of each
    other (the later run where two hold as many): the night, a time outside it a wrong
    clock's (`_on_the_night`). None when there are none."""
    if not times:
        return None
    if times[-1] - times[0] <= LONGEST_NIGHT:
        return times[0], times[-1]
    start, end, lo = 0, 0, 0
    for hi, when in enumerate(times):
        while when - times[lo] > LONGEST_NIGHT:
            lo += 1
        if hi + 1 - lo >= end - start:
            start, end = lo, hi + 1
    return times[start], times[end - 1]


def _on_the_night(timed: list[tuple[datetime, int, DeclaredSeat]]
                  ) -> list[tuple[datetime, int, DeclaredSeat]]:
    """Of `timed` (in time order), the seats in its `night_span`. A count keyed at the desk
    declared when it was verified, by that PC's clock: one reset to 2000 (a flat CMOS
    battery) stamped its seat 24 years before the night, and the half hours between,
    430,000 bins, took minutes and gigabytes to draw. The import refuses a file's times
    further apart, so only such a clock's seat is left out."""
    span = night_span([when for when, _, _ in timed])
    if span is None or (timed[0][0] >= span[0] and timed[-1][0] <= span[1]):
        return timed
    return [t for t in timed if span[0] <= t[0] <= span[1]]


def timeline_points(seats: Iterable[DeclaredSeat]) -> TimelinePoints:
    """Bins and running totals of the seats with a known time (every half hour from the
    first to the last, empty ones included, so the bars keep their spacing); a seat whose
    time is off the night (`_on_the_night`) counts as one with no time known."""
    seats = list(seats)
    timed = _on_the_night(_timed(seats))
    if not timed:
        return TimelinePoints((), {}, None, None, len(seats))
    per_bin = Counter(half_hour(when) for when, _, _ in timed)
    start, end = half_hour(timed[0][0]), half_hour(timed[-1][0])
    bins = []
    slot = start
    while slot <= end:
        bins.append((slot, per_bin.get(slot, 0)))
        # fixed offsets: the sum is by the moment, so a clock change neither repeats nor
        # skips a half hour
        slot = half_hour(slot + BIN)
    running: Counter[str] = Counter()
    totals: dict[str, list[tuple[datetime, int]]] = {}
    for when, _, seat in timed:
        if seat.winner is None:
            continue
        running[seat.winner] += 1
        totals.setdefault(seat.winner, []).append((on_uk_clock(when), running[seat.winner]))
    return TimelinePoints(tuple(bins), {p: tuple(v) for p, v in totals.items()},
                          on_uk_clock(timed[0][0]), on_uk_clock(timed[-1][0]),
                          len(seats) - len(timed))
