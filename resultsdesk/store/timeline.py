"""The times of declaration versions, for when each seat declared (`domain.timeline`)."""

from __future__ import annotations

from ..domain.timeline import VersionTimes
from .database import Store


def version_times(store: Store, since: int = -1) -> dict[str, list[VersionTimes]]:
    """By seat code, the times of every version of each seat changed since change number
    `since` (-1: all), oldest version first."""
    out: dict[str, list[VersionTimes]] = {}
    for code, *values in store._conn.execute(
            """SELECT k.code, d.version, d.count_number, d.status, d.declared_at,
                      d.verified_at, d.source
               FROM declarations d JOIN constituencies k ON k.id = d.constituency_id
               WHERE k.change_seq > ? ORDER BY d.version""", (since,)):
        # no ORDER BY k.code: the code's index would walk every seat (store/live.py)
        out.setdefault(code, []).append(VersionTimes(*values))
    return out
