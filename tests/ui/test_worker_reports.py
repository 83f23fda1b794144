"""A background job whose listeners are gone by the time it reports (the window closed and
collected, a script or test ending, the interpreter exiting) ends quietly: no exception
raised out of the worker's run() into Qt's thread; and a job done is not kept."""

from __future__ import annotations

import gc
import weakref

import shiboken6
from PySide6.QtCore import QThreadPool

from resultsdesk.ui.worker import Worker, start


def test_a_job_reporting_after_its_signals_are_gone_ends_quietly(qapp):
    done = []

    def job(progress):
        progress(1, 2)
        shiboken6.delete(worker.signals)  # what Python's teardown does meanwhile
        progress(2, 2)
        done.append(True)
        return "result"

    worker = Worker(job)
    worker.run()  # as the pool's thread runs it
    assert done == [True]


def test_a_failing_job_reporting_after_its_signals_are_gone_ends_quietly(qapp):
    def job(progress):
        shiboken6.delete(worker.signals)
        raise OSError("disk gone")

    worker = Worker(job)
    worker.run()


def test_reports_still_arrive_while_someone_listens(qtbot):
    worker = Worker(lambda progress: (progress(1, 1), "ok")[1])
    seen = []
    worker.signals.progress.connect(lambda d, t: seen.append((d, t)))
    with qtbot.waitSignal(worker.signals.finished) as finished:
        worker.run()
    assert finished.args == ["ok"] and seen == [(1, 1)]


def test_a_worker_that_has_reported_is_not_kept(qtbot):
    """Nothing but its caller keeps a worker: the pool kept every one it was handed (PySide
    makes the pool the owner of a QRunnable that Qt does not delete), each with its job's
    closure and its signals, for the life of the process. A team desk's live feed starts
    one every 5 s: 5,760 in an 8-hour night, and the audit check's kept each closed
    connection of the night alive. Once twenty have reported, none is left."""
    gone: list[weakref.ref] = []
    for n in range(20):
        worker = Worker(lambda progress, n=n: n)
        with qtbot.waitSignal(worker.signals.finished):
            start(worker)
        gone.append(weakref.ref(worker))
        del worker
    QThreadPool.globalInstance().waitForDone()
    gc.collect()
    assert [ref for ref in gone if ref() is not None] == []
