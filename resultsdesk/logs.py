"""The desk's log: a rotating file in the user's data folder, so support can ask for it.

It records what the desk did (databases opened, every write with its audit action, exports,
publishing, backups and restores) and every error, with the traceback of any bug. It never
records passwords: only commands and paths are logged, never argument values or audit
details, and a filter masks anything that reads like `password=...` all the same.

Library modules only call `logging.getLogger(__name__)`; the command line and the app call
`setup_logging()` once at start. Several desks may share one log file: each line carries the
process id. Logging must never stop the desk, so a log that cannot be written is skipped.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

LOG_NAME = "resultsdesk.log"
MAX_BYTES = 1_000_000  # a busy night is ~1 MB; five old files keep several nights
BACKUP_COUNT = 5
ROOT_LOGGER = "resultsdesk"
_FORMAT = "%(asctime)s %(levelname)-7s [%(process)d] %(name)s: %(message)s"
_SECRET = re.compile(r"(?i)\b(password|passwd|pwd|passphrase|secret|token)(\s*[=:]\s*)(\S+)")


class _NoSecrets(logging.Filter):
    """Masks `password=...`, `token: ...` and the like in a line before it is written."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _SECRET.search(message):
            record.msg, record.args = _SECRET.sub(r"\1\2***", message), ()
        return True


class DeskLogHandler(logging.FileHandler):
    """The log file, rotated as `logging.handlers.RotatingFileHandler` rotates it (at
    `maxBytes`, keeping `backupCount` old files): written here because that module brings
    socket, pickle and queue with it, ~5 ms of every command's start-up (a third of what
    `summary --json` may take over bare Python). A failure to write (disk full) is ignored,
    not printed: the desk's own messages must stay one clean line."""

    def __init__(self, filename: Path, *, maxBytes: int, backupCount: int,
                 encoding: str) -> None:
        # a name whose bytes are not UTF-8 (held as lone surrogates) written as \udcff:
        # with the encoder's refusal the whole line was lost
        super().__init__(filename, mode="a", encoding=encoding, errors="backslashreplace")
        self.maxBytes, self.backupCount = maxBytes, backupCount

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._full(record):
                self._rotate()
            super().emit(record)
        except Exception:
            self.handleError(record)

    def _full(self, record: logging.LogRecord) -> bool:
        if self.maxBytes <= 0 or not os.path.isfile(self.baseFilename):
            return False  # only a regular file rotates (not /dev/null, say)
        if self.stream is None:
            self.stream = self._open()
        self.stream.seek(0, 2)
        return self.stream.tell() + len(f"{self.format(record)}\n") >= self.maxBytes

    def _rotate(self) -> None:
        """log.4 -> log.5, ..., log -> log.1; the oldest dropped."""
        if self.stream:
            self.stream.close()
            self.stream = None  # type: ignore[assignment]
        if self.backupCount > 0:
            for i in range(self.backupCount - 1, 0, -1):
                older, newer = f"{self.baseFilename}.{i}", f"{self.baseFilename}.{i + 1}"
                if os.path.exists(older):
                    if os.path.exists(newer):
                        os.remove(newer)
                    os.rename(older, newer)
            first = f"{self.baseFilename}.1"
            if os.path.exists(first):
                os.remove(first)
            if os.path.exists(self.baseFilename):
                os.rename(self.baseFilename, first)
        self.stream = self._open()

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def _handler() -> DeskLogHandler | None:
    return next((h for h in logging.getLogger(ROOT_LOGGER).handlers
                 if isinstance(h, DeskLogHandler)), None)


def log_file() -> Path | None:
    """The file this process logs to, or None when logging is not set up."""
    handler = _handler()
    return Path(handler.baseFilename) if handler else None


def setup_logging(folder: Path | None = None) -> Path | None:
    """Log ResultsDesk's INFO and above to `folder`/resultsdesk.log (the data folder's
    `logs/` by default). Safe to call again: it moves the log if the folder changed.
    Returns the file, or None when it cannot be written (the desk carries on)."""
    from .paths import log_dir

    try:
        folder = folder or log_dir()
        path = (folder / LOG_NAME).resolve()
        current = _handler()
        if current is not None and Path(current.baseFilename) == path:
            return path
        folder.mkdir(parents=True, exist_ok=True)
        handler = DeskLogHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                 encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(_NoSecrets())
    logger = logging.getLogger(ROOT_LOGGER)
    if current is not None:
        logger.removeHandler(current)
        current.close()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path
