"""How hard the reliability tests push: RESULTSDESK_STRESS unset runs the quick variants;
RESULTSDESK_STRESS=1 also runs the long ones (marked slow); RESULTSDESK_STRESS=N makes those
N times longer again."""

from __future__ import annotations

import os

import pytest

STRESS_ENV = "RESULTSDESK_STRESS"


def stress() -> int:
    raw = os.environ.get(STRESS_ENV, "").strip()
    if raw in ("", "0"):
        return 0
    return int(raw) if raw.isdigit() else 1


def scaled(default: int, long: int) -> int:
    """`default` in a default run; `long` times the stress factor in a stress run."""
    return long * stress() if stress() else default


# The long variants: skipped unless asked for, so a plain `pytest` stays quick.
long_variant = pytest.mark.skipif(
    not stress(), reason=f"long variant: run with {STRESS_ENV}=1 (add -m slow for only these)")
