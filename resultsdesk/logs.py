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
import logging.handlers
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


class DeskLogHandler(logging.handlers.RotatingFileHandler):
    """The rotating log file; a failure to write it (disk full) is ignored, not printed:
    the desk's own messages must stay one clean line."""

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
