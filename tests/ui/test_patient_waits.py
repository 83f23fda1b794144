"""The suite's Qt waits outlast a loaded machine (helpers/patient_waits.py): a wait given a
short limit still sees a condition that comes later than that limit, and one that expects
nothing (`raising=False`) keeps its own limit."""

from __future__ import annotations

from helpers.patient_waits import FLOOR_MS
from PySide6.QtCore import QObject, QTimer, Signal


class _Beacon(QObject):
    fired = Signal()


def test_a_short_wait_outlasts_a_slow_moment(qtbot):
    done: list[int] = []
    QTimer.singleShot(400, lambda: done.append(1))  # a list: nothing here can be deleted
    qtbot.waitUntil(lambda: bool(done), timeout=50)  # without the floor: TimeoutError
    assert done and FLOOR_MS >= 30_000


def test_a_wait_for_nothing_keeps_its_own_limit(qtbot):
    beacon = _Beacon()
    later = QTimer(beacon)  # stopped below, and the beacon's own: never a late call
    later.setSingleShot(True)
    later.timeout.connect(beacon.fired)
    later.start(2000)  # after the wait's 50 ms, well before the floor's 30 s
    with qtbot.waitSignal(beacon.fired, timeout=50, raising=False) as blocker:
        pass
    later.stop()
    assert not blocker.signal_triggered  # given up at its own limit, not the floor's
