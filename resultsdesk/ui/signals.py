"""Emitting a Qt signal from Python without losing a reference to `True`.

PySide6 6.12.0's `SignalInstance.emit` returns `True` without taking a reference to it, so
every emit from Python leaves `True` one reference short; after a few thousand emits (a
night of live updates repainting rows) `True` is freed and the interpreter aborts ("Fatal
Python error: bool_dealloc"). `emit` gives the reference back when, and only when, the
running PySide is found to drop it (probed once, on a throw-away signal), so a PySide that
does not is left alone. Code that emits on every live update goes through here.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    fired = Signal()


def _drops_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(4):
        probe.fired.emit()
    lost = before - sys.getrefcount(True)
    for _ in range(max(lost, 0)):  # what the probe itself took
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return lost >= 4


_DROPS_TRUE = _drops_true()


def emit(signal: Any, *args: Any) -> None:
    """`signal.emit(*args)`, keeping `True`'s reference count whole."""
    if signal.emit(*args) is True and _DROPS_TRUE:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
