"""Pausing Python's cyclic garbage collector around work that builds many objects, all
alive until it ends and without reference cycles (an import's records, the national
summary's seats): the collector's passes over them free nothing, and in a process holding
many objects (the app's Qt and matplotlib, a script's pandas) one full pass costs tens of
milliseconds. Reference counting frees everything as usual meanwhile."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


def collector_paused(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """`fn` runs with the collector paused; it resumes (if it was on) however `fn` ends."""
    @functools.wraps(fn)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()
    return paused
