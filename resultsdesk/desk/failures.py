"""Where a failure is judged, once for the command line and once for the app's worker:
a *known* error (the environment or the input) becomes one line for the person at the
desk; anything else is a *bug*, logged with its traceback, and the person is told where
the details are.

Besides every `KnownError`, two kinds of exception from below are known without having
been wrapped on the way: an SQLite error whose result code is the environment's (a read
that met a lock, a damaged page) and an OSError about a named file. And anything else is
a bug only once the files this process opened are found to hold no value of a kind the
app never writes (`store.odd_values`): one put there by hand makes reads fail as if by a
bug, and is said as the damage it is.
"""

from __future__ import annotations

import logging
import re

from ..domain.errors import UNPRINTABLE, Cause, KnownError
from ..domain.records import record
from ..domain.wording import sentence
from ..logs import log_file
from ..store.errors import explain
from ..store.odd_values import damage_found, upgraded_found

log = logging.getLogger(__name__)
# Trouble with the disk or the database file: logged with the traceback, for support.
_ENVIRONMENT = (Cause.LOCKED, Cause.READ_ONLY, Cause.DISK_FULL, Cause.DAMAGED, Cause.IO)


@record
class Failure:
    known: bool
    message: str  # one line, for the person at the desk
    cause: Cause | None = None


# What a quoted cell or argument may hold that must not reach the terminal as itself.
_UNPRINTABLE = re.compile(UNPRINTABLE)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# A value quoted whole would make the line a page long (a 20,000-character cell, a pasted
# file as --constituency): its start and length say enough. Only past 200 characters: between
# a quote and an apostrophe ("'Ind' stands for … the candidate's") there is prose, not a value.
_LONG_QUOTED = re.compile(r"'([^']{201,})'")
MAX_LINE = 1_000


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100
                                else f"\\u{ord(char):04x}")


def _shortened(match: re.Match[str]) -> str:
    value = match.group(1)
    return shortened(value[:60], len(value))


def shortened(start: str, length: int) -> str:
    """A long value quoted by its start and its length."""
    return f"'{start}…' ({length:,} characters)"


def one_line(text: str) -> str:
    """A message on one line a terminal shows as written: a line break or other control
    character a cell or argument holds is shown escaped ('12\\n34', '\\x1b'), a long quoted
    value by its start and length, and the whole line kept under about 1,000 characters."""
    text = _LONG_QUOTED.sub(_shortened, _UNPRINTABLE.sub(_escaped, text))
    if len(text) > MAX_LINE:
        text = f"{text[:MAX_LINE * 2 // 3]} … {text[-MAX_LINE // 4:]}"
    return text


def judge(exc: BaseException) -> Failure:
    """Known or bug, and the words for it; nothing is logged here."""
    if isinstance(exc, KnownError):
        return Failure(True, one_line(str(exc)), exc.cause)
    explained = explain(exc, None)
    if explained is not None:
        return Failure(True, one_line(str(explained)), explained.cause)
    if isinstance(exc, OSError) and exc.filename and exc.strerror:
        return Failure(True, one_line(f"{exc.filename}: {exc.strerror}"), Cause.IO)
    if isinstance(exc, ValueError) and str(exc) == "embedded null byte":
        # a path typed or set with a NUL in it, which the system ends a name at (where
        # it is known, `paths.nul_in_path` says which path before it is used)
        return Failure(True, "A path holds a NUL character (\\0), which no file's name "
                       "can: type it again.", Cause.BAD_INPUT)
    upgraded = upgraded_found()  # (before damage: a newer schema is not a changed one)
    if upgraded is not None:
        return Failure(True, one_line(upgraded), Cause.WRONG_KIND)
    damage = damage_found()
    if damage is not None:  # a figure or name made by hand what the app never writes
        return Failure(True, one_line(damage), Cause.DAMAGED)
    where = log_file()
    details = f" Details are in {where}." if where else ""
    return Failure(False, one_line(f"{sentence(f'{type(exc).__name__}: {exc}')} This is a "
                                   f"bug in ResultsDesk, not something you did.{details}"))


def report_failure(exc: BaseException, doing: str = "") -> Failure:
    """Judge `exc` and log it: a bug with its traceback; trouble with the disk or the
    database file with its traceback too, for support; a refusal or a bad file as its line."""
    failure = judge(exc)
    what = f"{doing}: " if doing else ""
    if not failure.known:
        log.error("%sunexpected error (a bug)", what, exc_info=exc)
    elif failure.cause in _ENVIRONMENT:
        log.warning("%s%s", what, failure.message, exc_info=exc)
    else:  # a refusal, a bad file or argument: the line says it all
        log.warning("%s%s", what, failure.message)
    return failure
