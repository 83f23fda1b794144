"""Dealing a chamber's seats to parties, left to right, for the hemicycle.

Geometry (where each seat sits) is parliamentarch's job in `charts`; this module only
decides which party each seat position gets, so it can be tested without drawing.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TypeVar

K = TypeVar("K")


class Undeclared(StrEnum):
    MIDDLE = "middle"  # parties fill in from both ends; the undeclared seats sit at the centre
    END = "end"  # parties fill from the left; the undeclared seats take the right-hand end


def deal_seats(blocks: Sequence[tuple[K, int]], total: int,
               undeclared: Undeclared = Undeclared.MIDDLE,
               pivot: int | None = None) -> list[K | None]:
    """Seat owners in left-to-right order: each block (party, seats) contiguous, in the
    order given (the chamber's political order), and None for every undeclared seat.

    With MIDDLE, blocks before `pivot` (default: half of them) fill from the left edge and
    the rest from the right edge, so the grey undeclared arc shrinks towards the centre as
    the night goes on, as broadcasters draw it.
    """
    if any(n < 0 for _, n in blocks):
        raise ValueError("a party cannot have a negative number of seats")
    declared = sum(n for _, n in blocks)
    if declared > total:
        raise ValueError(f"{declared} seats dealt but the chamber has {total}")
    left_blocks = list(blocks)
    right_blocks: list[tuple[K, int]] = []
    if undeclared is Undeclared.MIDDLE:
        split = len(blocks) // 2 if pivot is None else max(0, min(pivot, len(blocks)))
        left_blocks, right_blocks = list(blocks[:split]), list(blocks[split:])
    seats: list[K | None] = []
    for key, n in left_blocks:
        seats.extend([key] * n)
    seats.extend([None] * (total - declared))
    for key, n in right_blocks:
        seats.extend([key] * n)
    return seats
