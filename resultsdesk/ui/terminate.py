"""SIGTERM and Ctrl+C close the app's windows as File > Quit does, rather than killing it.

A service manager stopping the desk PC's session, `kill`, or Ctrl+C in the terminal the app
was started from ended the process where it stood: nothing committed was lost (every write
is one transaction), but the window's layout went unsaved, a rehearsal's clock was left as
if its driver had crashed, and the demo's throw-away copy stayed in the temporary folder.

Python runs a signal's handler only when the interpreter next runs, which inside Qt's event
loop may be never; so the signal wakes the loop itself: Python writes the signal's number
to a socket (`signal.set_wakeup_fd`) that a QSocketNotifier watches. Not on Windows, which
delivers neither signal to a windowed app.

Nobody may be there to answer a question (the session is ending), so what would ask first
closes without asking while the signal closes the app (`closing_on_signal`): a form with
figures typed keeps them in its draft, as a crash does, offered again at the next start.
"""

from __future__ import annotations

import contextlib
import signal
import socket
import sys

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from . import tasks

CLOSING_SIGNALS = (signal.SIGTERM, signal.SIGINT)
CLOSE_AGAIN_MS = 50  # how soon closing is tried again after a job with its dialog

_closing = False  # a closing signal is closing the windows (`closing_on_signal`)


def closing_on_signal() -> bool:
    """Whether the windows are closing for SIGTERM or Ctrl+C, when a window that would ask
    before closing ("Discard the figures?") closes without asking: a question nobody
    answers kept the app running until it was killed."""
    return _closing


class _Terminator(QObject):
    """Owns the socket pair and its notifier (kept as long as the app: a parent's child)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("terminateOnSignal")
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read,
                                         self)
        self._notifier.activated.connect(self._woken)
        self.received: list[int] = []  # the closing signals heard (tests read it)

    def install(self) -> None:
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(),
                                                 warn_on_full_buffer=False)
        # A handler of Python's own makes the signal write its number to the socket; the
        # work is done by `_woken`, in the event loop, between two events.
        self._previous = {number: signal.signal(number, _noted) for number in CLOSING_SIGNALS}

    def uninstall(self) -> None:
        """The handlers and wake-up as they were before (the loop has ended)."""
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        global _closing
        _closing = False
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()

    def _woken(self) -> None:
        numbers: list[int] = []
        with contextlib.suppress(BlockingIOError, InterruptedError):
            while chunk := self._reader.recv(64):
                numbers.extend(chunk)
        closing = [n for n in numbers if n in CLOSING_SIGNALS]
        if closing:
            self.received.extend(closing)
            self._close()

    def _close(self) -> None:
        """Every window closed, as File > Quit closes its own; while a job runs with its
        progress dialog (an import: one transaction, about a second), once it has ended
        and said how it went (closing ended its event loop under it)."""
        global _closing
        if tasks.running():
            QTimer.singleShot(CLOSE_AGAIN_MS, self, self._close)
            return
        _closing = True
        _close_questions()
        QApplication.closeAllWindows()  # each window's closeEvent, then the loop quits


def _close_questions() -> None:
    """The questions on screen closed unanswered: closing one clicks its Esc answer
    ("Restore them?" would restore, opening a form), and one with none refuses to close.
    Whoever asked it reads `closing_on_signal()` rather than take no answer for one."""
    from PySide6.QtWidgets import QMessageBox  # (as the dialogs: not at every start)

    while isinstance(box := QApplication.activeModalWidget(), QMessageBox) and box.isVisible():
        box.done(0)


def _noted(_number: int, _frame: object) -> None:
    """Python's handler: nothing here (see `_Terminator._woken`)."""


def close_on_terminate(app: QApplication) -> _Terminator | None:
    """Until its `uninstall()`, SIGTERM and SIGINT close `app`'s windows; the helper object,
    or None where the platform delivers no such signal to the app (Windows)."""
    if sys.platform == "win32":
        return None
    terminator = _Terminator(app)
    terminator.install()
    return terminator
