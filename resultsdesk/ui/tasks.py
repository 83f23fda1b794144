"""Long work with a progress dialog: the job runs on a worker thread, the window keeps painting."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from .style import as_written
from .worker import Worker, start

_running = 0  # jobs under way with their dialog (`running`)


def running() -> bool:
    """Whether a job with its progress dialog is under way: closing the app's windows now
    (SIGTERM, `terminate`) would end its event loop under it, before it has said how it
    went."""
    return _running > 0


def run_with_progress(parent: QWidget | None, label: str,
                      job: Callable[..., Any]) -> tuple[bool, Any]:
    """Run `job(progress=...)` off the GUI thread; return (True, result) or (False, message).

    The job cannot be cancelled half-way: imports are one transaction and finish in about a
    second, so the dialog offers no Cancel button that would only pretend.
    """
    from PySide6.QtWidgets import QProgressDialog

    dialog = QProgressDialog(as_written(label), None, 0, 100, parent)  # a file's name
    dialog.setObjectName("progressDialog")
    dialog.setWindowTitle("ResultsDesk")
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(300)
    dialog.setValue(0)
    outcome: list[tuple[bool, Any]] = []
    loop = QEventLoop()
    worker = Worker(job)

    def on_progress(done: int, total: int) -> None:
        if total:
            dialog.setValue(min(99, round(100 * done / total)))

    def finish(result: tuple[bool, Any]) -> None:
        outcome.append(result)
        loop.quit()

    worker.signals.progress.connect(on_progress, Qt.ConnectionType.QueuedConnection)
    worker.signals.finished.connect(lambda r: finish((True, r)),
                                    Qt.ConnectionType.QueuedConnection)
    worker.signals.failed.connect(lambda m: finish((False, m)),
                                  Qt.ConnectionType.QueuedConnection)
    worker.setAutoDelete(False)
    global _running
    _running += 1
    try:
        start(worker)
        if not outcome:
            loop.exec()
    finally:
        _running -= 1
    had_keys = dialog.isVisible() and QApplication.activeWindow() is dialog
    dialog.reset()
    dialog.close()
    dialog.deleteLater()
    if had_keys and parent is not None:
        _keys_back(parent.window())
    return outcome[0]


def _keys_back(window: QWidget) -> None:
    """The keyboard back to `window`, whose progress dialog had it until it closed. Shown
    (the job took over its 300 ms), the dialog was made the active window, as a modal one
    is; it has nothing to focus, so its closing moved no focus, and nothing gave the
    window its activation back where no window manager does (a bare X display): after
    File > Rehearsal…'s "Create and start", with the rehearsal running, Ctrl+Q (File >
    Quit), F5 and Ctrl+F did nothing until a click (`MainWindow._back_from_a_dialog` hears
    only of focus leaving a dialog). Looked at once the closing is done, and left alone
    when a window has the keyboard by then (a window manager gave it back; the question
    or dialog that follows the job) or one of the app's questions is open."""

    def closed() -> None:
        if (QApplication.activeWindow() is None and QApplication.activeModalWidget() is None
                and window.isVisible()):
            window.activateWindow()

    QTimer.singleShot(0, window, closed)
