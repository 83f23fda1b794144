"""pytest-qt's waits, each given at least `FLOOR_MS` before it fails.

The suite runs as two test processes on a two-core machine (pytest-xdist, `-n 2` in
pyproject.toml), beside the PostgreSQL server and the desk processes some tests start: a
chart drawn on a worker, or a save through the server, can take several times what it
takes on an idle machine. A wait that succeeds returns the moment its condition holds, so
a longer limit costs a passing test nothing; it only keeps a slow moment from failing one
(CI reruns nothing). Waits that expect nothing to come (`raising=False`, `assertNotEmitted`)
keep the time their test gave them: there the limit is the test's own point.
"""

from __future__ import annotations

import functools

from pytestqt.qtbot import QtBot

FLOOR_MS = 30_000
_WAITS = ("waitUntil", "waitSignal", "waitSignals", "waitCallback", "waitExposed",
          "waitActive")


def _patient(method):
    @functools.wraps(method)
    def wait(self, *args, timeout: int = 5000, **kwargs):
        if kwargs.get("raising") is not False and 0 < timeout < FLOOR_MS:
            timeout = FLOOR_MS
        return method(self, *args, timeout=timeout, **kwargs)

    wait.patient = True
    return wait


def install() -> None:
    """Give every wait of `QtBot` the floor (once, however often called)."""
    for name in _WAITS:
        method = getattr(QtBot, name)
        if not getattr(method, "patient", False):
            setattr(QtBot, name, _patient(method))
