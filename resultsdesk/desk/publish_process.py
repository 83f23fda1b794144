"""Publishing to the watch folder in a process of its own, for the window.

A publish draws every graphic again (~3 s of work on a 2-core desk PC). On a worker thread
it shared Python's one lock with the window: every verification the desk keyed while a
publish ran was drawn at half speed or less (one verification -> views updated, 650
seats, publishes back to back: 42 -> 79 ms median, 119 ms in another run). In a process of
its own it runs on the other core and the window keeps its speed (59 -> 62 ms); the worker
thread that asked only waits.

One process, started (a fresh interpreter: "spawn", never a fork of a process running Qt)
at the first publish and kept for the next; one that could not start or died is not
started again: the app publishes on a worker thread of its own from then on, as it did
before there was a process (slower, never stopped).
Only an election in a file publishes this way: a server's is reached with the window's
sign-in, which stays in the window's process (`ui.publisher` publishes it on its thread).

What a publish logs in the process ("published 10 files to ...", a file it could not
remove, a graphic left out) and any warning raised while it draws are sent back with its
result and written to the app's log by the app (`_relay`): the process has no log file of
its own, and a second writer of the one file would rotate it under the app's feet. Words
a graphic drew as boxes come back with the files written, for the window to show.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import traceback
import warnings
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..domain.errors import Cause, KnownError
from ..logs import ROOT_LOGGER, log_file
from .publishing import PublishSettings

log = logging.getLogger(__name__)
_pool: ProcessPoolExecutor | None = None
_lock = threading.Lock()
_in_process = threading.Event()  # set once the process failed: publish in this one


class PublishProcessError(KnownError):
    """What stopped a publish in the publishing process, in the words it was judged in
    there (retried, as any failed publish)."""

    cause = Cause.IO


def publish_file_night(db_path: str | Path, settings: PublishSettings,
                       codes: Sequence[str | None], leaving: Sequence[Path] = (),
                       warned: list[str] | None = None) -> list[Path]:
    """`publishing.publish_news` of the election in the file `db_path`, run in the
    publishing process; returns the files written, and adds to `warned` its lines of
    words drawn as boxes. Blocks until it is done: call it from a worker thread (which
    gives up Python's lock while it waits)."""
    return _run((str(db_path), settings, list(codes), list(leaving)), warned)


def catch_up_file_night(db_path: str | Path, settings: PublishSettings,
                        warned: list[str] | None = None) -> list[Path] | None:
    """`catch_up.catch_up` of the election in the file `db_path` (the window opening it),
    in the publishing process: the files written, or None when the folder is left as it
    is. Blocks, as `publish_file_night` does."""
    return _run((str(db_path), settings, None, []), warned)


def _run(args: tuple, warned: list[str] | None) -> list[Path] | None:
    """`_publish_here(*args)` in the publishing process (here, once it failed)."""
    if _in_process.is_set():
        outcome = _publish_here(*args)
    else:
        try:
            outcome, logged = _executor().submit(_publish_logged, *args).result()
            _relay(logged)
        except BrokenProcessPool:
            # It could not start (a script embedding the app whose main module is not
            # guarded by `if __name__ == "__main__"`, which the process imports), or it
            # died: published here instead, as before there was a process, from now on.
            _close(wait=False)
            _in_process.set()
            log.warning("the publishing process stopped; publishing on a worker thread "
                        "of the app from now on")
            outcome = _publish_here(*args)
    if outcome[0] == "ok":
        if warned is not None:
            warned += outcome[2]
        return outcome[1]
    _, known, message, cause, details = outcome
    if known:
        raise PublishProcessError(message, cause=cause)
    log.error("publishing process: unexpected error (a bug)\n%s", details)
    where = log_file()
    raise PublishProcessError(f"{message}{f' Details are in {where}.' if where else ''}")


def shutdown() -> None:
    """End the publishing process (the app closing), once a publish under way is done."""
    _close(wait=True)


def abandon() -> None:
    """The app leaving with a publish still under way (a watch folder on a dead share): the
    process is told to stop and not waited for; it ends with the app's process
    (`_end_with_parent`). What it was writing never went into place (temporary names,
    renamed in only once all are written)."""
    _close(wait=False)


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=1,
                                        mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_end_with_parent)
        return _pool


def _close(*, wait: bool) -> None:
    """No publishing process from now on until the next `_executor`: the one there was
    ended, after what it is doing (`wait`), else at once with nothing more given it."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=wait, cancel_futures=not wait)


def _end_with_parent() -> None:
    """In the publishing process, from its start: end when the app's process ends, however
    it ends. A pool's process waits for work on a pipe whose other end it holds itself, so
    an app killed (or ended without `shutdown`) left it waiting for ever, ~130 MB a time."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns once the parent's end of its sentinel closes: it is gone
        os._exit(0)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


class _Kept(logging.Handler):
    """Keeps the records it is given, as plain values (a record's arguments and traceback
    may not cross to another process whole)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        fields = {k: v if v is None or isinstance(v, (str, int, float)) else str(v)
                  for k, v in record.__dict__.items()}  # (an `extra=` value as its text)
        fields.update(msg=record.getMessage(), args=None, exc_info=None,
                      exc_text=self.formatter.formatException(record.exc_info)
                      if record.exc_info else record.exc_text)
        self.records.append(fields)


def _publish_logged(db_path: str, settings: PublishSettings, codes: list[str | None] | None,
                    leaving: list[Path]) -> tuple[tuple, list[dict]]:
    """In the publishing process: `_publish_here`'s outcome, and what it logged (INFO and
    above, as the app's log keeps) with every warning raised meanwhile, for `_relay`."""
    kept = _Kept()
    kept.setFormatter(logging.Formatter())
    logger = logging.getLogger(ROOT_LOGGER)
    level = logger.level
    logger.addHandler(kept)
    logger.setLevel(logging.INFO)
    try:
        # The interpreter's own filters (each warning once a publish; deprecations not)
        with warnings.catch_warnings(record=True) as raised:
            outcome = _publish_here(db_path, settings, codes, leaving)
        for w in raised:
            log.warning("while publishing: %s",
                        warnings.formatwarning(w.message, w.category, w.filename, w.lineno,
                                               "").strip())  # ("": not its source line)
    finally:
        logger.removeHandler(kept)
        logger.setLevel(level)
    return outcome, kept.records


def _relay(records: list[dict]) -> None:
    """Write what the publishing process logged to this process's log, each line as it
    was made there (its time, level, logger and the process's id)."""
    for fields in records:
        record = logging.makeLogRecord(fields)
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)


def _publish_here(db_path: str, settings: PublishSettings, codes: list[str | None] | None,
                  leaving: list[Path]) -> tuple:
    """In the publishing process: ("ok", files, lines of words drawn as boxes), or
    ("failed", known, message, cause, traceback) judged as the window's worker judges a
    failure (`failures.judge`). `codes` None: a catch-up (`catch_up.catch_up`), whose
    files are None when it publishes nothing."""
    from .catch_up import catch_up
    from .failures import judge
    from .publishing import publish_news
    from .session import open_desk

    warned: list[str] = []
    try:
        with open_desk(db_path) as desk:
            if codes is None:
                return "ok", catch_up(desk, settings, leaving=leaving, warned=warned), warned
            return "ok", publish_news(desk, settings, codes, leaving=leaving,
                                      warned=warned), warned
    except Exception as exc:  # judged here: an exception may not cross back whole
        failure = judge(exc)
        return ("failed", failure.known, failure.message, failure.cause,
                "".join(traceback.format_exception(exc)))
