"""A background job whose listeners are gone by the time it reports (the window closed and
collected, a script or test ending, the interpreter exiting) ends quietly: no exception
raised out of the worker's run() into Qt's thread."""

from __future__ import annotations

import shiboken6

from resultsdesk.ui.worker import Worker


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
