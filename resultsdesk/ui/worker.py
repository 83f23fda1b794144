"""Running desk work off the GUI thread, reporting progress back through signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
            result = self.job(progress=self.signals.progress.emit)
        except Exception as exc:  # known: its line; a bug: logged, and said to be one
            self.signals.failed.emit(report_failure(exc, "background task").message)
        else:
            self.signals.finished.emit(result)


def start(worker: Worker) -> Worker:
    QThreadPool.globalInstance().start(worker)
    return worker
