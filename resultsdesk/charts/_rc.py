"""A few rcParams set for a block of work, and only those put back."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from matplotlib import rcParams

_lock = threading.Lock()
# key -> (its value before the first block now holding it set it, how many blocks hold it)
_held: dict[str, tuple[Any, int]] = {}


@contextmanager
def rc_set(params: dict) -> Iterator[None]:
    """As `matplotlib.rc_context(params)` for these keys alone: set (checked, as there),
    then put back as they were. rc_context copies and restores every rcParam (some 300,
    a quarter of a millisecond each time, twice an export), and would also undo a change
    another thread made to any of them meanwhile.

    Blocks on other threads setting the same keys (two exports at once: a preview and a
    save) set them to the same values; a key goes back to what it was before the first
    of them once the last has ended. Put back by each as it ended, the first to end took
    the settings from under the other still drawing (its PDF written with other fonts),
    and the last put the export's settings back for good."""
    with _lock:
        old = {key: rcParams[key] for key in params}
        try:
            rcParams.update(params)  # checked, one key after another
        except BaseException:
            dict.update(rcParams, old)  # a value refused: none set, nothing held
            raise
        for key in params:
            before, holders = _held.get(key, (old[key], 0))
            _held[key] = (before, holders + 1)
    try:
        yield
    finally:
        with _lock:
            for key in params:
                before, holders = _held[key]
                if holders > 1:
                    _held[key] = (before, holders - 1)
                else:
                    del _held[key]
                    dict.__setitem__(rcParams, key, before)  # as rc_context: unchecked
