"""Running desk work off the GUI thread, reporting progress back through signals."""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal


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

    def __init__(self, job: Callable[..., Any], what: str = "") -> None:
        super().__init__()
        self.job = job
        # what the job is, in the log of an app that left it running (`under_way`)
        self.what = what or getattr(job, "__qualname__", "a background job")
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
        _emit(self.signals, signal, *args)


def _emit(signals: QObject, signal, *args: Any) -> None:
    """Emit, unless nobody is left to hear it: the signals object goes with Python's last
    reference to the worker (a test's or script's end, the interpreter exiting while a job
    still runs), and emitting then raised out of run() into Qt's thread."""
    if not shiboken6.isValid(signals):
        return
    try:
        signal.emit(*args)
    except RuntimeError:  # deleted between the check and the emit: nobody to tell
        if shiboken6.isValid(signals):
            raise


class _Relay(QObject):
    """Says on the GUI thread that a worker's run has returned: one object for the life of
    the application, so that the pool's thread, once done, holds nothing of the worker's."""

    ended = Signal(int)  # the worker's number in `_running`


# The workers started and not yet heard to end, by number: the GUI thread's, and theirs alone.
_running: dict[int, Worker] = {}
# What the pool's threads are running now, by number: set and cleared on those threads
# (`under_way`; the relay's queued word is not heard once the app's loop has ended).
_under_way: dict[int, str] = {}
_numbers = itertools.count()
_relay: _Relay | None = None


def start(worker: Worker) -> Worker:
    """Runs `worker` on the global pool. Call it on the GUI thread, its signals connected.

    The pool is handed a function holding the worker weakly, not the worker: PySide makes
    a QRunnable it is given the pool's for the life of the process (one Qt never deletes,
    above), job, closure, signals and all, and a team desk's feed starts one every 5 s.
    The worker stays in `_running` until the relay says, after every report of its own,
    that its run has returned; the GUI thread then lets it go, so that its signals (a
    QObject of the GUI thread's, and the slots connected to them) and its job's closure go
    on the GUI thread, never on the pool's while a report is still queued (a QObject
    deleted there crashed the app as its report was delivered)."""
    global _relay
    app = QCoreApplication.instance()
    if app is None:  # no event loop to hear the relay: the pool keeps it, as it would
        QThreadPool.globalInstance().start(worker)
        return worker
    if _relay is None:
        _relay = _Relay(app)
        _relay.ended.connect(_let_go)  # queued: emitted on the pool's thread
    number = next(_numbers)
    _running[number] = worker
    held, relay, what = weakref.ref(worker), _relay, worker.what

    def run() -> None:  # on the pool's thread
        running = held()
        _under_way[number] = what
        try:
            if running is not None:
                running.run()
        finally:
            del running  # nothing of the worker's is left on this thread
            _under_way.pop(number, None)
            _emit(relay, relay.ended, number)

    QThreadPool.globalInstance().start(run)
    return worker


def under_way() -> list[str]:
    """What the workers `start` started and the pool is running now are (`Worker.what`),
    oldest first: the app quitting names those it could not wait for."""
    return [what for _, what in sorted(_under_way.copy().items())]


def _let_go(number: int) -> None:
    _running.pop(number, None)  # its reports delivered: the worker is its caller's now
