"""The times of declaration versions, for when each seat declared (`domain.timeline`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..domain.timeline import VersionTimes
from .database import Store

# Every version of each seat changed since a change number, oldest version first. No ORDER BY
# k.code: the code's index would walk every seat (store/live.py).
VERSION_TIMES = """SELECT k.code, d.version, d.count_number, d.status, d.declared_at,
                          d.verified_at, d.source
                   FROM declarations d JOIN constituencies k ON k.id = d.constituency_id
                   WHERE k.change_seq > ? ORDER BY d.version"""


def version_times(store: Store, since: int = -1) -> dict[str, list[VersionTimes]]:
    """By seat code, the times of every version of each seat changed since change number
    `since` (-1: all), oldest version first."""
    return times_by_code(store._conn.execute(VERSION_TIMES, (since,)))


def times_by_code(rows: Iterable[Sequence]) -> dict[str, list[VersionTimes]]:
    """`VERSION_TIMES`'s rows by seat code."""
    out: dict[str, list[VersionTimes]] = {}
    for code, *values in rows:
        out.setdefault(code, []).append(VersionTimes(*values))
    return out
