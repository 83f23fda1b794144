"""How a count is written in a sentence, the same in every message of the desk."""

from __future__ import annotations


def count_of(n: int, singular: str, plural: str | None = None) -> str:
    """"1 constituency", "650 constituencies", "4,515 candidates": thousands separated, as
    every figure the desk shows, and the noun singular for one (`plural`: default the
    singular with an s)."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"
