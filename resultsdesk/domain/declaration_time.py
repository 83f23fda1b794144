"""When a returning officer declared: UK local time, stored as ISO 8601 with its offset.

The House of Commons Library files give `13/12/2019 05:05` in UK local time (GMT in
December, BST in June). Stored as `2019-12-13T05:05:00+00:00`, a time keeps its meaning on
any machine, sorts and compares with other aware times, and converts back to the clock on
the wall at the count.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

UK_TIME = ZoneInfo("Europe/London")
# Days as the desk names them (the History dialog, the Timeline's axis), in English whatever
# the PC's locale: strftime's %a follows the C library's LC_TIME, which Qt sets from LANG.
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# The years a declaration time may fall in. A file's 31/12/9999 (a spreadsheet's "no date")
# or 0001-01-01 is no count's time, and the arithmetic on it (the day after, the UK offset,
# a chart's date axis) runs off the end of what a datetime holds.
FIRST_YEAR, LAST_YEAR = 1900, 2100
# The longest a night's declarations spread: the last recount of a general election is
# declared a day or two after the first seat. A file's times further apart hold a mistyped
# date (05/07/2042), and the timeline, drawn half hour by half hour from the first to the
# last, would take minutes for every picture.
LONGEST_NIGHT = timedelta(days=7)


def uk_iso(local: datetime) -> str:
    """`local` (a wall-clock time at a UK count; naive means UK local time) as ISO 8601 with
    the offset in force then: +00:00 in winter, +01:00 in summer. An aware time from
    elsewhere (03:58Z on a July night) is told on the UK clock (04:58+01:00): the HoC
    export writes the wall time alone, so any other offset would move the moment."""
    aware = local.replace(tzinfo=UK_TIME) if local.tzinfo is None else local
    return aware.astimezone(UK_TIME).isoformat(timespec="seconds")


def uk_clock_problem(local: datetime) -> str | None:
    """Why a naive wall-clock time cannot be placed on the UK clock, or None: one the clock
    skipped (01:30 on the night the clocks go forward: stored as 01:30 GMT, it came back as
    02:30) or one it showed twice (01:30 on the night they go back: BST or GMT?)."""
    if local.tzinfo is not None:
        return None
    first, second = local.replace(tzinfo=UK_TIME, fold=0), local.replace(tzinfo=UK_TIME, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    if skipped_by_uk_clock(local):
        return "is a time the UK clock skipped (the clocks went forward an hour)"
    return "happened twice on the UK clock (the clocks went back an hour), BST then GMT"


def with_offset_hint(local: datetime) -> str:
    """How to give a time `uk_clock_problem` refuses: "give it with its offset, as
    2024-10-27T01:30+01:00 (BST) or +00:00 (GMT)"."""
    return (f"give it with its offset, as {local:%Y-%m-%dT%H:%M}+01:00 (BST) or +00:00 "
            "(GMT)")


def skipped_by_uk_clock(local: datetime) -> bool:
    """Whether the naive wall-clock time `local` never showed on the UK clock (01:30 on
    the night the clocks go forward)."""
    placed = local.replace(tzinfo=UK_TIME, fold=0)
    return placed.astimezone(UTC).astimezone(UK_TIME).replace(tzinfo=None) != local


def on_uk_clock(when: datetime) -> datetime:
    """The same moment on the UK clock, with the fixed offset in force then (+00:00 or
    +01:00) rather than the Europe/London zone itself. Python compares, subtracts and hashes
    two datetimes of the *same* tzinfo by their wall clocks, ignoring the offset: on the
    night BST ends, 01:15 BST and 01:15 GMT would be one time and 00:45 BST to 01:45 GMT
    one hour. Fixed offsets keep every comparison by the moment; strftime still reads the
    UK wall clock."""
    local = when.astimezone(UK_TIME)
    return local.replace(tzinfo=timezone(local.utcoffset()), fold=0)


def moment(iso: str | None) -> datetime | None:
    """An aware datetime from a stored time; None when there is none or it does not parse.
    A time stored without an offset (databases from before offsets were kept) is UK local."""
    if not iso:
        return None
    try:
        value = datetime.fromisoformat(iso)
    except ValueError:
        return None
    return value.replace(tzinfo=UK_TIME) if value.tzinfo is None else value


def uk_clock(iso: str | datetime | None) -> str | None:
    """"05:05": the time on the wall at a UK count (None when unknown)."""
    value = moment(iso) if not isinstance(iso, datetime) else iso
    return value.astimezone(UK_TIME).strftime("%H:%M") if value is not None else None


def uk_date_clock(when: datetime) -> str:
    """"13/12/2019 14:52": a moment of a night as the UK clock and calendar showed it."""
    return when.astimezone(UK_TIME).strftime("%d/%m/%Y %H:%M")
