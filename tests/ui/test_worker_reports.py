"""A background job whose listeners are gone by the time it reports (the window closed and
collected, a script or test ending, the interpreter exiting) ends quietly: no exception
raised out of the worker's run() into Qt's thread. A started worker is let go on the GUI
thread once it has ended."""

from __future__ import annotations

import threading
import weakref

import shiboken6

from resultsdesk.domain.errors import Cause, KnownError
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


class _Witness:
    """Notes the thread its last reference was dropped on."""

    def __init__(self, seen: list) -> None:
        self.seen = seen

    def __del__(self) -> None:
        self.seen.append(threading.get_ident())


def test_a_started_worker_is_let_go_on_the_gui_thread_once_it_has_ended(qtbot):
    """The pool is not handed the worker (PySide kept every one for the life of the
    process: a team desk's feed starts one every 5 s), and its last reference goes on the
    GUI thread, its job's closure and signals with it, never on the pool's thread while a
    report of theirs may still be queued."""
    freed: list[int] = []
    witness = _Witness(freed)
    worker = Worker(lambda progress, w=witness: "done")
    del witness
    gone = weakref.ref(worker)
    start(worker)
    del worker
    qtbot.waitUntil(lambda: gone() is None)
    assert freed == [threading.get_ident()]


def test_every_report_of_a_started_worker_is_heard_before_it_is_let_go(qtbot):
    """The reports the worker's slots hear, in order, while its caller no longer keeps it."""
    heard = []
    worker = Worker(lambda progress: (progress(1, 2), progress(2, 2), "ok")[2])
    worker.signals.progress.connect(lambda d, t: heard.append((d, t)))
    worker.signals.finished.connect(heard.append)
    gone = weakref.ref(worker)
    start(worker)
    del worker
    qtbot.waitUntil(lambda: gone() is None)
    assert heard == [(1, 2), (2, 2), "ok"]


def test_a_failing_job_is_heard_and_let_go_too(qtbot):
    def job(progress):  # a refusal: logged as its line (a traceback logged keeps the frames)
        raise KnownError("no such seat", cause=Cause.REFUSED)

    failed = []
    worker = Worker(job)
    worker.signals.failed.connect(failed.append)
    gone = weakref.ref(worker)
    start(worker)
    del worker
    qtbot.waitUntil(lambda: gone() is None)
    assert len(failed) == 1 and "no such seat" in failed[0]
