"""What a database is for, its whole life: a live night or a rehearsal. A module of its own
(not `replay`, which re-exports it) because every opened election asks it, and the replay's
rules need not load for that."""

from __future__ import annotations

from enum import StrEnum


class ElectionKind(StrEnum):
    """Set when a database is created, never changed: what it is for its whole life."""

    LIVE = "live"
    REHEARSAL = "rehearsal"
