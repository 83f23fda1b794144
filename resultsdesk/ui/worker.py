"""Running desk work off the GUI thread, reporting progress back through signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class WorkerSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the job's return value
    failed = Signal(str)  # a message for the user


class Worker(QRunnable):
    """Runs `job(progress=callback)` on the thread pool.

    `job` must open its own desk (`desk.session.open_desk`): SQLite connections stay on the
    thread that made them.
    A known error (`domain.errors.KnownError`: a bad file, a lock, a full disk, a desk
    rule) arrives as its message; a bug as a short description saying where the log with
    its traceback is, never a traceback in a dialog.
    """

    def __init__(self, job: Callable[..., Any]) -> None:
        super().__init__()
        self.job = job
        self.signals = WorkerSignals()
        # Python owns the worker (callers keep a reference until it reports); Qt deleting it
        # after run() would take the signals with it while a report is still in flight.
        self.setAutoDelete(False)

    def run(self) -> None:
        from ..desk.failures import report_failure

        try:
            result = self.job(progress=self._progress)
        except Exception as exc:  # known: its line; a bug: logged, and said to be one
            self._report(self.signals.failed, report_failure(exc, "background task").message)
        else:
            self._report(self.signals.finished, result)

    def _progress(self, done: int, total: int) -> None:
        self._report(self.signals.progress, done, total)

    def _report(self, signal, *args: Any) -> None:
        """Emit, unless nobody is left to hear it: the signals object goes with Python's
        last reference to the worker (a test's or script's end, the interpreter exiting
        while a job still runs), and emitting then raised out of run() into Qt's thread."""
        if not shiboken6.isValid(self.signals):
            return
        try:
            signal.emit(*args)
        except RuntimeError:  # deleted between the check and the emit: nobody to tell
            if shiboken6.isValid(self.signals):
                raise


def start(worker: Worker) -> Worker:
    QThreadPool.globalInstance().start(worker)
    return worker
