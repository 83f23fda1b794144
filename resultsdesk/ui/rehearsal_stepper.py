"""A rehearsal's deliveries off the GUI thread.

`desk.rehearsal.step` delivers every seat due, each its own transaction: one or two on a
running clock, hundreds after a jump, a "Deliver until…" or a fast speed, which on the GUI
thread froze the window for about a second. Here a step runs on the thread pool with its
own handle on the rehearsal (a SQLite connection belongs to the thread that opened it),
one at a time; a step asked for while one runs follows it (once, however often asked).
The window reads the clock on its own thread and asks for a step only when something is
due (`RehearsalState.has_due`), so a quiet clock opens no connection.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..desk import session
from .worker import Worker, start


def _step(target: Path | str, progress):
    from ..desk import rehearsal  # loaded with a rehearsal (window_rehearsal._rh)

    with session.open_desk(target) as desk:
        return rehearsal.step(desk, progress=progress)


class RehearsalStepper(QObject):
    """`step(target)` delivers what is due in the rehearsal at `target` on a worker;
    `stepped(target, result)` or `failed(target, message)` says how it went, on the GUI
    thread. Reports go to bound methods: none arrives after the stepper (a child of its
    window) is gone."""

    stepped = Signal(object, object)  # target, desk.rehearsal.StepResult
    failed = Signal(object, str)  # target, message
    progress = Signal(int, int)  # seats delivered, seats due

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker: Worker | None = None
        self._target: Path | str | None = None  # of the step under way
        self._again: Path | str | None = None  # a step asked for while one ran
        self._shut = False

    def shut(self) -> None:
        """The window is closing (its handle with it): a step under way finishes on its
        own handle, unreported; none starts after."""
        self._shut = True

    @property
    def is_shut(self) -> bool:
        return self._shut

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def step(self, target: Path | str) -> None:
        if self._shut:
            return
        if self._worker is not None:
            self._again = target
            return
        self._target = target
        worker = Worker(lambda progress: _step(target, progress))
        # Bound methods, never a signal-to-signal connection: a report arriving after the
        # stepper is gone is then dropped by Qt, where emitting the gone stepper's own
        # signal raised "Signal source has been deleted" inside the step (and ended it).
        worker.signals.progress.connect(self._progress)
        worker.signals.finished.connect(self._finished)
        worker.signals.failed.connect(self._failed)
        self._worker = start(worker)

    def _progress(self, done: int, due: int) -> None:
        if not self._shut:
            self.progress.emit(done, due)

    def _finished(self, result) -> None:
        self._ended(lambda target: self.stepped.emit(target, result))

    def _failed(self, message: str) -> None:
        self._ended(lambda target: self.failed.emit(target, message))

    def _ended(self, report) -> None:
        """The step is over: its report first, idle, then the step asked for meanwhile,
        unless the report's hearer already asked for one (it started then). The follow-up
        started before the report made the hearer's own ask (the window reads its clock on
        every report) land as yet another follow-up, and steps that delivered nothing
        chained for ever, the stepper never idle."""
        target, again = self._target, self._again
        self._worker = self._target = self._again = None
        if not self._shut:
            report(target)
        if again is not None and self._worker is None:
            self.step(again)
