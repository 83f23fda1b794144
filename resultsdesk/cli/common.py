"""What every command shares: exit codes, the refusals it raises, the `--db` option, typed
arguments and the progress line.

Exit statuses (README, Reliability): a value wrong in itself (not a number, out of range,
not one of the choices, not of the form the option takes: a size, a time, a hash, a file
type the option writes) or options that do not go together whatever the database holds
are usage errors, exit 2, said as argparse says its own; what the election refuses in a
value of the right form (no such seat, candidate or account; a name the desk does not
take; a rule of the desk) exits 1. Each value is checked by its argparse `type`, so a
password is never asked before a mistyped option is refused; what depends on another
option (the file type `export --out` takes follows KIND) raises `UsageError`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..desk.session import SERVER_URL_FORM, is_server_target, target_problem
from ..domain import tally
from ..domain.errors import Cause, KnownError
from ..domain.validation import read_count
from ..paths import nul_in_path

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class CommandError(KnownError):
    """A refusal with a message for the user (bad arguments, a rule broken)."""

    cause = Cause.BAD_INPUT


class UsageError(CommandError):
    """A usage error found once argparse has read every option (one option's value
    judged by another's): said with the command's usage line, exit 2 (`EXIT_USAGE`)."""


_SAID = "_resultsdesk_stop_said"  # marks an interrupt whose command said where it stopped


def stopped_as_asked() -> KeyboardInterrupt:
    """Ctrl+C where it is the documented way to stop a command (`rehearse` pauses its night
    with it), to raise once the command has said where it stopped and how to go on: it ends
    with that line alone, exit 130. The usual "interrupted after saving: … see the audit log
    … before running it again" after "Stopped at 02:36: … To resume: …" read as if
    something had gone wrong. A KeyboardInterrupt marked, not a class of its own: every
    exception class of ours has one root, and an interrupt is none of them."""
    stop = KeyboardInterrupt()
    setattr(stop, _SAID, True)
    return stop


def stop_was_said(stop: BaseException) -> bool:
    """Whether `stop` came from `stopped_as_asked`."""
    return getattr(stop, _SAID, False)


def local_path(text: str) -> Path:
    """An option's `type` for a file's path. In the C locale with Python's UTF-8 mode off,
    Python names files in ASCII: a path such as "Élection/night.db", read as UTF-8 as every
    argument is (`cli._as_text`), cannot be handed to the system (`init` failed as a bug,
    the others said its folder did not exist). Refused, saying what runs it."""
    if problem := nul_in_path(text):  # (not from a shell: `cli.main` called with one)
        raise argparse.ArgumentTypeError(problem)
    try:
        os.fsencode(text)
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError(
            f"{text}: this locale names files in {sys.getfilesystemencoding()}, which cannot "
            "spell this path; run it in a UTF-8 locale, or with PYTHONUTF8=1") from None
    return Path(text)


def out_path(text: str) -> Path:
    """An option's `type` for a file it writes under any name (`backup --out`). A name
    ending in a slash is a folder, meant to hold the file: the slash went with the
    parsing, and the copy was written as a file named after that folder."""
    path = local_path(text)
    seps = "/" + os.sep
    # `nightly/.` too: the parsing drops a last `.` with its slash, as it does the slash
    bare = text[:-1] if text.endswith(tuple(f"{sep}." for sep in seps)) else text
    if bare.endswith(tuple(seps)) and bare.strip(seps):
        raise argparse.ArgumentTypeError(
            f"{text} is a folder; give a file name inside it, like {path / 'backup.db'}")
    return path


def file_type(*suffixes: str, what: str) -> Callable[[str], Path]:
    """An option's `type` for a file it writes, refusing any other ending: "FILE: `what`
    is .csv or .json" (the suffixes with their dots; FILE as typed: its name alone said
    `/dev/null` as "null")."""
    allowed = " or ".join(suffixes)

    def typed(text: str) -> Path:
        path = local_path(text)
        if path.suffix.lower() not in suffixes:
            raise argparse.ArgumentTypeError(f"{text}: {what} is {allowed}")
        return path
    return typed


def db_target(text: str) -> str | Path:
    """A `--db` value: a file's path, or a server URL kept as typed (`postgresql://...`:
    as a Path its '//' would fold into one '/'). An empty value or a mistyped URL is
    refused (`session.target_problem`)."""
    problem = target_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return text if is_server_target(text) else local_path(text)


def db_option(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--db", type=db_target, required=required, metavar="PATH|URL",
                        help="the election: a database file, or a PostgreSQL server's "
                        f"{SERVER_URL_FORM} (a team desk)")


def reader_option(parser: argparse.ArgumentParser) -> None:
    """`--user` for a command that only reads: a server signs every connection in, a file
    asks nobody who reads it."""
    parser.add_argument("--user", metavar="NAME", default=None,
                        help="with a postgresql:// --db: the account to sign in as "
                        "(default: the URL's user); password from RESULTSDESK_PASSWORD, "
                        "PGPASSWORD or ~/.pgpass, or asked")


def non_negative_int(text: str) -> int:
    """A count option's value read as the declaration form reads a typed figure
    (`validation.read_count`): ASCII digits, commas or spaces between thousands, at most
    MAX_FIGURE. Python's `int` took Arabic-Indic and full-width digits, and a figure no
    column holds, which then failed as an unexpected error."""
    try:
        return read_count(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def percentage(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"'{text}' is not a percentage between 0 and 100")
    return value + 0.0  # -0 as 0: the summary said "under -0% of valid votes"


def add_recount_options(parser: argparse.ArgumentParser, what: str = "") -> None:
    """--recount-votes and --recount-pct: what the recount watch calls close, as the
    window's Preferences set it (`recount_thresholds` reads them)."""
    parser.add_argument("--recount-votes", type=non_negative_int, metavar="N",
                        default=tally.DEFAULT_RECOUNT_VOTES,
                        help=f"{what}watch majorities of N votes or fewer (default %(default)s)")
    parser.add_argument("--recount-pct", type=percentage, metavar="P",
                        default=tally.DEFAULT_RECOUNT_PCT,
                        help=f"{what}watch majorities under P %% of valid votes "
                        "(default %(default)s)")


def recount_thresholds(args: argparse.Namespace) -> tally.RecountThresholds:
    return tally.RecountThresholds(args.recount_votes, args.recount_pct)


def progress_printer(label: str) -> Callable[[int, int], None] | None:
    """A percentage rewritten in place on a terminal; nothing when stderr is piped."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        pct = min(100, round(100 * done / total)) if total else 0
        print(f"\r{label}: {pct}%", end="", file=sys.stderr, flush=True)
    return show


def end_progress() -> None:
    if sys.stderr.isatty():
        print("\r", end="", file=sys.stderr)


def interrupt_within(exc: BaseException) -> bool:
    """Whether a KeyboardInterrupt is what `exc` was raised from. Python 3.11 wraps an
    exception raised while a class is made (`__set_name__`: matplotlib's Axes, as `export`
    loads it) in a RuntimeError, and Ctrl+C there was called a bug in ResultsDesk."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False
