"""A change as the desk shows it, on screen and on air alike: "+12", "−3" (a minus sign,
not a hyphen), "±0"; one definition for the charts and the window's tables."""

from __future__ import annotations

MINUS = "\u2212"  # a proper minus sign, not a hyphen


def signed(n: int) -> str:
    """+12, −3, ±0 (and +1,204 in a big chamber)."""
    if n > 0:
        return f"+{n:,}"
    if n < 0:
        return f"{MINUS}{-n:,}"
    return "\u00b10"
