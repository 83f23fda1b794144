"""How a count, and a majority's share, are written: the same in every message, view,
graphic and command of the desk."""

from __future__ import annotations

import unicodedata

from .tally import DEFAULT_RECOUNT_PCT, shown_share

# A majority's share is shown to this many places (`tally.shown_share`).
MAJORITY_SHARE_PLACES = 2

# How a rehearsal's figures begin wherever they are read (the window's banner, `summary`):
# a replayed night beside the election's own file, never to pass for the live one.
NOT_LIVE = "REHEARSAL — not live results"


def count_of(n: int, singular: str, plural: str | None = None) -> str:
    """"1 constituency", "650 constituencies", "4,515 candidates": thousands separated, as
    every figure the desk shows, and the noun singular for one (`plural`: default the
    singular with an s)."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


def majority_share(pct: float, line: float = DEFAULT_RECOUNT_PCT) -> str:
    """A majority's share of the valid votes as every view, graphic and command writes it:
    two places, rounded, but never up onto the recount line `line` (the night's
    `RecountThresholds.pct`): "0.04%" for Hendon's 0.0389, "0.49%" for 0.4953."""
    return f"{shown_share(pct, line, MAJORITY_SHARE_PLACES):.{MAJORITY_SHARE_PLACES}f}%"


# First Strong Isolate and Pop Directional Isolate (Unicode's bidi algorithm, UAX #9).
ISOLATES = ("\u2068", "\u2069")


def isolated(name: str) -> str:
    """A name from the data (a seat, candidate, party or person) as a sentence embeds it:
    one written right to left (Arabic, Hebrew, Urdu...) between First Strong Isolate and
    Pop Directional Isolate, so that it reorders only within itself. Bare, the bidi
    algorithm took the figures and brackets after it into its run: "<name> 1,234 votes
    (45.6%)" showed 1,234 before the name, and a sentence opening with it read right to
    left. Any other name as written: it needs no isolate, and text kept to Latin stays on
    the charts' fast path (`charts._words`). Only for what is shown: data (JSON, CSV, the
    audit log) keeps names as written."""
    if any(unicodedata.bidirectional(char) in ("R", "AL") for char in name):
        return f"{ISOLATES[0]}{name}{ISOLATES[1]}"
    return name


def seats_and_provisional(seats: int, provisional: int) -> str:
    """A party's seats where provisional ones are shown too: "61 + 14" (verified, then
    provisional, as the seats chart's bars stack them); "61" with none provisional."""
    return f"{seats:,} + {provisional:,}" if provisional else f"{seats:,}"


def sentence(text: str) -> str:
    """`text` ended as a sentence: a full stop added unless it already ends in one (or in
    "?", "!" or "…"). A message of an exception's own ("… reinstall the app.") put before
    a stop was shown with two ("reinstall the app..")."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", "…")) else f"{text}."
