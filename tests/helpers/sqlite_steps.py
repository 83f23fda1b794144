"""Counting the work SQLite does for a file's reads: the steps of its virtual machine
(`set_progress_handler`), which grow with the rows a statement walks, whether it returns
them or not (a scan of a whole table to find a seat's dozen rows returns a dozen). For
tests of the shape of work at two sizes of night, never of its time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

EVERY = 10  # steps between calls of the handler


@dataclass
class Steps:
    count: int = 0


@contextmanager
def sqlite_steps(store) -> Iterator[Steps]:
    """Inside the block, `steps.count` counts (to within EVERY) the steps SQLite runs on
    the store's connection (a file's `Store`)."""
    steps = Steps()

    def tick() -> int:
        steps.count += EVERY
        return 0

    store._conn.set_progress_handler(tick, EVERY)
    try:
        yield steps
    finally:
        store._conn.set_progress_handler(None, EVERY)
