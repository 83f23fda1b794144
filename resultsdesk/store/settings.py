"""What every store module shares and nothing else: how long to wait for another program's
lock, and how times are written. Kept apart so `database` and `backup` (which both need
them) do not import each other."""

from __future__ import annotations

import os
from datetime import UTC, datetime

BUSY_TIMEOUT_MS = 10_000
BUSY_TIMEOUT_ENV = "RESULTSDESK_BUSY_TIMEOUT_MS"


def busy_timeout_ms() -> int:
    """How long to wait for another program's write to finish before saying the file is
    locked: BUSY_TIMEOUT_MS, or RESULTSDESK_BUSY_TIMEOUT_MS when set to a whole number."""
    raw = os.environ.get(BUSY_TIMEOUT_ENV, "").strip()
    return int(raw) if raw.isdigit() else BUSY_TIMEOUT_MS


def now_iso() -> str:
    """The time now as the database stores it (UTC, ISO 8601, to the second)."""
    return datetime.now(UTC).isoformat(timespec="seconds")
