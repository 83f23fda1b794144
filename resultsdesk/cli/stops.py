"""How a command takes SIGTERM and Ctrl+C: as a KeyboardInterrupt, said in one line by
`cli.main` (exit 143 or 130), wherever in the command's work it lands."""

from __future__ import annotations

import _thread
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .. import STOP_SIGNUM as _SIGNUM  # on a KeyboardInterrupt raised for SIGTERM


@contextmanager
def terminate_as_interrupt(terminated: list[int],
                           interrupted: list[int] | None = None) -> Iterator[None]:
    """SIGTERM (a service manager, `timeout`, `kill`) stops a command as Ctrl+C does: a
    rehearsal's clock stopped and recorded, what was saved said, exit 143. Its default
    ended the process where it stood: the clock left running for a driver that was gone,
    and seats delivered with no line printed. Each SIGTERM is noted in `terminated`, each
    Ctrl+C in `interrupted` (where Python's own handler has it), so a stop that a library
    turned into another error is still known as one (`cli._main`). Only on the main thread
    (where Python runs signal handlers), and not over SIGTERM ignored; the handlers and
    `sys.unraisablehook` before are put back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, _frame: object) -> None:
        terminated.append(signum)
        stop = KeyboardInterrupt()
        setattr(stop, _SIGNUM, signum)
        raise stop

    def ctrl_c(signum: int, frame: Any) -> None:
        if interrupted is not None:
            interrupted.append(signum)
        signal.default_int_handler(signum, frame)

    # Not where SIGTERM is ignored on purpose (a wrapper's `trap '' TERM` so a shutdown
    # does not cut an import short), as the package leaves it while the command loads
    before = signal.getsignal(signal.SIGTERM)
    if before is not signal.SIG_IGN:
        signal.signal(signal.SIGTERM, interrupt)
    int_before = signal.getsignal(signal.SIGINT)
    if int_before is signal.default_int_handler:
        signal.signal(signal.SIGINT, ctrl_c)
    hook_before = sys.unraisablehook

    def stop_again(unraisable: Any) -> None:
        _stop_again(unraisable, hook_before)

    sys.unraisablehook = stop_again
    try:
        yield
    finally:
        if sys.unraisablehook is stop_again:
            sys.unraisablehook = hook_before
        if signal.getsignal(signal.SIGINT) is ctrl_c:
            signal.signal(signal.SIGINT, int_before)
        if signal.getsignal(signal.SIGTERM) is interrupt:
            signal.signal(signal.SIGTERM, before)


def known(exc: Exception) -> bool:
    """Whether `exc` is a refusal or trouble the desk words (not a bug): one met after a
    stop is said as itself, never taken for the stop."""
    from ..desk.failures import judge

    return judge(exc).known


def _stop_again(unraisable: Any, hook_before: Any) -> None:
    """A signal's handler runs at whatever bytecode comes next, and drawing a graphic runs
    many weakref callbacks (matplotlib's transforms): a KeyboardInterrupt raised inside one
    cannot propagate, Python printed "Exception ignored in: … KeyboardInterrupt" with its
    traceback and the command ran on to exit 0, the stop lost. The same signal is sent
    again instead, once this callback is left (`_send_again`)."""
    stop = unraisable.exc_value
    if not isinstance(stop, KeyboardInterrupt):
        hook_before(unraisable)
        return
    _send_again(getattr(stop, _SIGNUM, signal.SIGINT))


def _send_again(signum: int) -> None:
    """`signum` for the main thread, from a thread of its own: raised here, its handler
    would run in this hook, as much a callback as the one it left. The new thread is not
    waited for (`threading.Thread.start` waits, and the handler ran in that wait); it
    needs the interpreter's lock, which the main thread gives up once out of here. A
    signal Python does not handle (SIG_DFL, SIG_IGN) is not sent (`interrupt_main`)."""
    try:
        _thread.start_new_thread(_thread.interrupt_main, (signum,))
    except KeyboardInterrupt as again:  # the thread's first: it landed in here after all
        _send_again(getattr(again, _SIGNUM, signal.SIGINT))
    except RuntimeError:  # no new thread now (the interpreter shutting down)
        pass
