"""A few rcParams set for a block of work, and only those put back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from matplotlib import rcParams


@contextmanager
def rc_set(params: dict) -> Iterator[None]:
    """As `matplotlib.rc_context(params)` for these keys alone: set (checked, as there),
    then put back as they were. rc_context copies and restores every rcParam (some 300,
    a quarter of a millisecond each time, twice an export), and would also undo a change
    another thread made to any of them meanwhile."""
    old = {key: rcParams[key] for key in params}
    rcParams.update(params)
    try:
        yield
    finally:
        dict.update(rcParams, old)  # as rc_context puts them back: unchecked, as they were
