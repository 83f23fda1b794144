"""ResultsDesk: an election-night results desk."""

import sys

# The line a command stopped before it saved anything says ("interrupted", "terminated").
INTERRUPTED = "resultsdesk: {how}; nothing half-written was kept."
# On a KeyboardInterrupt raised for SIGTERM: the signal's number (Ctrl+C's carry none).
STOP_SIGNUM = "_resultsdesk_signum"


def stop_signum(stop: BaseException) -> int:
    """The signal `stop` was raised for: SIGTERM's 15 as marked, else Ctrl+C's 2."""
    return getattr(stop, STOP_SIGNUM, 2)


def _terminated_while_loading(signum: int, _frame: object) -> None:
    """SIGTERM before `cli.main`'s own handler (the command's modules loading: most of a
    short command's life): taken as Ctrl+C is there, marked as SIGTERM's. Its default
    ended the process silently, returncode -15 to a supervisor where README says 143."""
    stop = KeyboardInterrupt()
    setattr(stop, STOP_SIGNUM, signum)
    raise stop


def _interrupted_while_loading(kind, value, tb) -> None:
    """Ctrl+C while the command line's modules still load, before `cli.main` catches it
    (this package's imports, `resultsdesk.cli`'s and the import system's between them): it
    was a KeyboardInterrupt traceback through whichever import it stopped. Said as
    `cli.main` says it, exit 130; anything else goes to the hook before."""
    if not issubclass(kind, KeyboardInterrupt):
        _hook_before(kind, value, tb)
        return
    signum = stop_signum(value)
    try:
        how = "interrupted" if signum == 2 else "terminated"
        sys.stderr.write(INTERRUPTED.format(how=how) + "\n")
        sys.stderr.flush()
        sys.stdout.flush()
    except (AttributeError, OSError):  # a stream closed or unread: the status tells
        pass
    import os

    # 130 as `cli.main` returns it (Python, its traceback printed, would end the process
    # by SIGINT); nothing of the command's has been written, nor waits for the exit
    os._exit(128 + signum)


def main_started() -> None:
    """`cli.main` has started and catches Ctrl+C itself: the usual hook again."""
    if sys.excepthook is _interrupted_while_loading:
        sys.excepthook = _hook_before


def _the_command_line() -> bool:
    """This process is the `resultsdesk` command (its console script, the packaged app, or
    `python -m resultsdesk` while it loads): a script, a test run or a benchmark importing
    the package keeps its own handling of Ctrl+C."""
    started_as = (getattr(sys, "argv", None) or [""])[0]
    return started_as == "-m" or started_as.replace("\\", "/").rsplit("/", 1)[-1].lower() in (
        "resultsdesk", "resultsdesk.exe")


# First, before any import that takes time: a command's Ctrl+C is one line from here on.
_hook_before = sys.excepthook
if _hook_before is sys.__excepthook__ and _the_command_line():  # no one else's hook
    sys.excepthook = _interrupted_while_loading
    import signal

    # Not where SIGTERM is ignored on purpose, nor in a process the app spawns (its
    # publishing process, whose pool ends it so: a KeyboardInterrupt would go back to the
    # app as the publish's result)
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL and \
            "--multiprocessing-fork" not in getattr(sys, "orig_argv", sys.argv):
        signal.signal(signal.SIGTERM, _terminated_while_loading)


def loading_handler_gone() -> None:
    """`cli.main` is done: SIGTERM's default again (after it, a KeyboardInterrupt would be
    a traceback from the interpreter's last lines)."""
    import signal

    if signal.getsignal(signal.SIGTERM) is _terminated_while_loading:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

import logging  # noqa: E402 (after the hook, which must come first)

# Until the command line or the app sets up the log file, nothing is printed for the
# package's log records (not even warnings: the desk's messages are its own).
logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"
APP_NAME = "ResultsDesk"
