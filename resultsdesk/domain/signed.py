"""A change as the desk shows it, on screen and on air alike: "+12", "−3" (a minus sign,
not a hyphen), "±0"; in points "+1.6", "−19.9", "±0.0". One definition for the charts,
the graphics and the window's tables."""

from __future__ import annotations

MINUS = "\u2212"  # a proper minus sign, not a hyphen


def signed(n: int) -> str:
    """+12, −3, ±0 (and +1,204 in a big chamber)."""
    if n > 0:
        return f"+{n:,}"
    if n < 0:
        return f"{MINUS}{-n:,}"
    return "\u00b10"


def signed_decimal(x: float, digits: int = 1) -> str:
    """+1.6, −19.9, ±0.0: a change in points (shares, turnout), rounded to `digits`; a
    change that rounds to nothing is ±0.0 whichever side of it it was."""
    r = round(x, digits)
    if r > 0:
        return f"+{r:.{digits}f}"
    if r < 0:
        return f"{MINUS}{-r:.{digits}f}"
    return f"\u00b1{0:.{digits}f}"
