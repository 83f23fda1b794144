"""Starting the GUI: the QApplication, which database to open, and the main window.

This module loads light (not even Qt): Qt, the main window, the charts (matplotlib) and the
desk load when `run_app` (or a caller) asks for them, after `startup.before_loading` (see
there), which loads what needs no Qt before Qt.
"""

from __future__ import annotations

import gc
import locale
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from .. import APP_NAME, __version__
from ..domain.errors import KnownError
from ..paths import default_database, resources_dir
from .startup import before_loading, keep_text, recall_text, release_collector

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from ..desk.session import Desk
    from .main_window import MainWindow

ORGANISATION = "ResultsDesk"
# How long quitting waits for a backup, a publish or the audit check still under way before
# it leaves it running and ends (`_leave_jobs_running`).
QUIT_WAIT_MS = 30_000
log = logging.getLogger(__name__)


def _log_unhandled(kind, value, tb) -> None:
    """An exception no slot caught (a bug): into the log with its traceback, then on to
    the usual hook (which prints it)."""
    log.error("unhandled exception in the app (a bug)", exc_info=(kind, value, tb))
    sys.__excepthook__(kind, value, tb)


def application(argv: list[str] | None = None) -> QApplication:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from .themes import app_theme

    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    # QApplication set the C library's locale from LANG: its messages too, so on a German
    # PC the system's errors came as "Verbindungsaufbau abgelehnt", and the team desk,
    # which tells a server down or a name not known by libpq's words as the command line
    # reads them ("Connection refused"), said only that the connection failed. The desk
    # has no words but English; the rest of the locale (UTF-8 text) stays as Qt set it.
    # (Windows has no LC_MESSAGES: its libpq is not translated by the C library's locale.)
    if hasattr(locale, "LC_MESSAGES"):
        locale.setlocale(locale.LC_MESSAGES, "C")  # "C" is never refused
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app_theme(app).load()  # View > Theme as last chosen; focus rings always visible
    icon = resources_dir() / "icons" / "resultsdesk.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    # What is loaded by now (Qt, matplotlib and, unless run_app is starting, the app's
    # modules: several hundred thousand objects) lives as long as the app: out of the
    # cyclic collector's reach, its full collections stop rescanning them (one cost ~50 ms
    # while the first window builds). run_app holds the collector off altogether.
    gc.freeze()
    return app


NOBODY = object()  # open_window's answer when the sign-in (or name prompt) was cancelled


def open_window(db_path: Path | str | None = None, *, demo: bool = False,
                user: str | None = None) -> MainWindow | object | None:
    """The main window on the chosen database, building the demo or default one if needed,
    once someone has signed in to it (accounts) or said who they are (open desk; a name
    remembered from last time is kept). `user` preselects the name. Returns None when
    there is nothing usable to open, NOBODY when nobody signed in. A postgresql:// URL:
    the server signs in (name and password, the URL's user preselected)."""

    from ..desk.failures import judge
    from ..desk.session import is_server_target, open_desk
    from .busy import busy
    from .main_window import MainWindow
    from .messages import tell

    label = ""
    if is_server_target(db_path):
        return _open_server_window(str(db_path), user)
    # Here, not at the top: the importers load only to build a demo or default database.
    from ..desk.election import (
        create_demo_database,
        discard_demo_database,
        ensure_default_database,
    )
    from .tasks import run_with_progress
    from .terminate import closing_on_signal

    if demo:
        ok, result = run_with_progress(None, "Preparing the 2024 demo night…",
                                       lambda progress: create_demo_database(progress))
        label = "demo: a throw-away copy"
    elif db_path is None:
        try:
            target = default_database()
        except KnownError as exc:  # (the data folder cannot be made: said in a box, as
            # the app started from an icon has no terminal to read a line in)
            tell(None, APP_NAME, str(exc), "critical")
            return None
        ok, result = run_with_progress(
            None, "Creating your election database (UK general election 2024)…",
            lambda progress: ensure_default_database(target, progress))
    else:
        ok, result = True, db_path
    if not ok:
        tell(None, APP_NAME, str(result), "critical")
        return None
    if closing_on_signal():  # SIGTERM or Ctrl+C while it was built: no sign-in to wait at
        if demo:
            discard_demo_database(result)
        return NOBODY
    desk = window = None
    try:
        # Opened once: the window takes the desk its user signed in to (opening a file
        # checks it whole, `PRAGMA quick_check`: ~20 ms for a night, not worth doing twice).
        desk = open_desk(Path(result))
        account = _who_is_at_the_desk(desk, user)
        if account is None:
            desk.close()
            return NOBODY
        with busy(None):  # nothing else on screen while the night is read (busy.py)
            window = MainWindow(Path(result), label=label, user=account, desk=desk,
                                demo=demo)
        return window
    except KnownError as exc:
        if desk is not None:
            desk.close()
        tell(None, APP_NAME, str(exc), "critical")
        return None
    except Exception as exc:
        # A name made by hand into bytes no read can take stops the night's first read
        # as an error of no kind the store knows; judged, it is said as the file's damage
        # (`desk.failures`), where a bug goes on to the log as a bug.
        failure = judge(exc)
        if not failure.known:
            raise
        if desk is not None:
            desk.close()
        tell(None, APP_NAME, failure.message, "critical")
        return None
    finally:
        # No window on the demo's copy (nobody said who they are, or it could not open):
        # it goes now, as it would have with its window.
        if demo and window is None:
            discard_demo_database(result)


def _open_server_window(url: str, user: str | None) -> MainWindow | object | None:
    from PySide6.QtWidgets import QDialog

    from ..desk.session import url_user
    from .busy import busy
    from .main_window import MainWindow
    from .messages import tell
    from .sign_in import SignInDialog

    dialog = SignInDialog(None, None, name=user or url_user(url), target=url)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return NOBODY
    try:
        with busy(None):
            return MainWindow(url, user=dialog.account, desk=dialog.desk)
    except KnownError as exc:  # the server went between the sign-in and the first read
        dialog.desk.close()
        tell(None, APP_NAME, str(exc), "critical")
        return None


def _who_is_at_the_desk(desk: Desk, user: str | None):
    from ..desk.accounts import has_accounts
    from .sign_in import ask_identity, remembered_open_desk_user

    if not has_accounts(desk) and user is None:
        remembered = remembered_open_desk_user()
        if remembered is not None:
            return remembered
    return ask_identity(None, desk, name=user)


def run_app(db_path: Path | str | None = None, *, demo: bool = False,
            user: str | None = None) -> int:
    before_loading()  # before Qt: the collector held until the window paints (startup.py)
    from PySide6.QtCore import QThreadPool, QTimer

    from ..desk.session import redacted
    from ..logs import setup_logging
    from .terminate import close_on_terminate

    setup_logging()  # the command line has done it already; the bundle's launcher may not
    sys.excepthook = _log_unhandled
    app = application()
    log.info("app started%s", " (demo)" if demo else f" on {redacted(db_path)}"
             if db_path is not None else " on your own database")
    # SIGTERM and Ctrl+C: as File > Quit, from before the sign-in (a session ending while
    # it waits for a name closes it as cancelled: exit 0, the demo's copy removed).
    terminator = close_on_terminate(app)
    recall_text()
    try:
        window = open_window(db_path, demo=demo, user=user)
        if window is NOBODY or window is None:
            release_collector()  # no window to paint
            return 0 if window is NOBODY else 1  # NOBODY: nobody signed in, nothing written
        # The demo's throw-away copy, as opened: File > Open may point the window elsewhere.
        demo_copy = window.db_path if demo else None
        window.show()  # its first paint releases the collector
        QTimer.singleShot(0, window, window.offer_draft)
        code = app.exec()
    finally:
        if terminator is not None:
            terminator.uninstall()
    # A backup, a publish to the watch folder or the audit check still under way finishes
    # while the objects it reports to exist, not while Python tears them down; but not
    # for ever (a publish to a dead share, a backup onto a hung disk kept the process
    # alive with no window, unseen, into the morning): see `_leave_jobs_running`.
    if not QThreadPool.globalInstance().waitForDone(QUIT_WAIT_MS):
        _leave_jobs_running(code, demo_copy)  # never returns
    from ..desk.publish_process import shutdown as end_publishing

    end_publishing()  # its process, idle now (the worker that waited on it is done)
    keep_text()  # the charts' text for the next start, once no worker is drawing
    _discard_demo(demo_copy)
    return code


def _discard_demo(demo_copy: Path | None) -> None:
    if demo_copy is not None:  # it goes with its window (whose desk closed as it closed)
        from ..desk.election import discard_demo_database

        discard_demo_database(demo_copy)


def _leave_jobs_running(code: int, demo_copy: Path | None) -> NoReturn:
    """The window closed, and a job on the worker threads still runs QUIT_WAIT_MS later:
    the log says which, and the app ends now, with `code`. Nothing committed is at risk:
    a verification is in the database before the window says so (SQLite commits are
    atomic); a backup and a publish write under a temporary name and rename into place,
    so one cut short leaves the last good backup and the watch folder's files as they
    were, and at most a temporary file. The process is ended with `os._exit`: Python's
    own exit (and Qt's, tearing the application down) waits for the worker threads
    without limit, as the unbounded wait here did. The charts' text memory is not
    written (a worker may be drawing); the publishing process is told to stop and ends
    with the app (`publish_process._end_with_parent`)."""
    import os

    from ..desk.publish_process import abandon as abandon_publishing
    from .worker import under_way

    running = "; ".join(under_way()) or "a background job"
    log.warning("quitting with %s still running after %g s: left unfinished (what it "
                "would have written is not in place; nothing committed is lost)",
                running, QUIT_WAIT_MS / 1000)
    abandon_publishing()
    try:
        _discard_demo(demo_copy)
    except Exception:  # (the demo's copy left behind is no reason to stay)
        log.exception("the demo's copy was not removed")
    logging.shutdown()  # the log written out: os._exit runs no handler of Python's
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
