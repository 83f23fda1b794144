"""The `resultsdesk` command: opens the app, or runs one desk task headless.

Every command calls the same `desk` functions the GUI does, on the handle
`desk.session.open_desk` gives; this package only parses arguments and prints (it never
imports `resultsdesk.store`). Errors a user can cause print one clear line and exit 1; a
mistyped command, option or value is argparse's usage error, exit 2 (`common`'s docstring
draws the line between them).

The commands, by what they work on: `election` (init, import, summary, backup, restore),
`declarations` (declare ... lot), `exports` (audit, export), `accounts` (sign-in, users),
`rehearse` (replay a past night).
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import INTERRUPTED, __version__, loading_handler_gone, main_started, stop_signum

# The commands' modules (and the desk they use) are imported when the parser is built, not
# with this package: `resultsdesk --version` answers before any of them loads.
__all__ = ["COMMAND_GROUPS", "EXIT_ERROR", "EXIT_OK", "EXPORT_KINDS", "GRAPHIC_KINDS",
           "CommandError", "build_parser", "command_word", "main"]
_REEXPORTED = {"EXIT_ERROR": "common", "EXIT_OK": "common", "CommandError": "common",
               "EXPORT_KINDS": "exports", "GRAPHIC_KINDS": "exports"}
log = logging.getLogger(__name__)


def __getattr__(name: str) -> Any:
    """The names this package re-exports, from their modules on first use."""
    if name in _REEXPORTED:
        import importlib

        return getattr(importlib.import_module(f".{_REEXPORTED[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Which group of commands each command word belongs to: `main` builds the parser with only
# the group of the command typed (its module and the desk modules it needs load, no other),
# and the whole parser for anything else (`--help`, a mistyped command).
# tests/cli/test_cli.py checks this table against the whole parser.
COMMAND_GROUPS = {
    "demo": "app", "init": "election", "import": "election", "summary": "election",
    "declare": "declarations", "verify": "declarations", "history": "declarations",
    "correct": "declarations", "reject": "declarations", "withdraw": "declarations",
    "recount": "declarations", "lot": "declarations", "audit": "exports",
    "export": "exports", "backup": "backups", "restore": "backups", "rehearse": "rehearse",
    "users": "users",
}
_GROUP_ORDER = ("app", "election", "declarations", "exports", "backups", "rehearse", "users")
# The top-level options that take a value (a command word may follow them).
_TOP_OPTIONS_WITH_VALUE = ("--db", "--user")


def _add_group(commands: Any, group: str) -> None:
    if group == "app":
        demo = commands.add_parser("demo", help="open the app on a throw-away copy of the "
                                                "full 2024 night, every result verified")
        demo.set_defaults(run=_run_demo)
    elif group == "election":
        from . import election

        election.add_commands(commands)
    elif group == "declarations":
        from . import declarations

        declarations.add_commands(commands)
    elif group == "exports":
        from . import exports

        exports.add_commands(commands)
    elif group == "backups":
        from . import election

        election.add_backup_commands(commands)
    elif group == "rehearse":
        from . import rehearse

        rehearse.add_commands(commands)
    elif group == "users":
        from .accounts import add_user_commands
        from .common import db_option

        add_user_commands(commands, db_option)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; given a command word of `COMMAND_GROUPS`, only its group's
    commands (the same parser for that command, loading less)."""
    from .common import db_target
    from .parsing import Parser

    parser = Parser(
        prog="resultsdesk",
        description="Election-night results desk. With no command, opens the app on --db "
                    "(or on your own database, created with the 2024 nominations on first run).",
    )
    parser.add_argument("--version", action="version", version=f"ResultsDesk {__version__}")
    # before a command word, the command's own --db and --user (`parsing.Commands`)
    parser.add_argument("--db", type=db_target, metavar="PATH", dest="gui_db",
                        help="open the app on this election database (before a COMMAND: "
                        "its --db)")
    parser.add_argument("--user", metavar="NAME", dest="gui_user",
                        help="the app: sign in as NAME (chosen in the sign-in dialog); "
                        "before a COMMAND: its --user")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    if command == "":  # no command: the app starts, and no command's module is needed
        groups: tuple[str, ...] = ()
    else:
        groups = (COMMAND_GROUPS[command],) if command in COMMAND_GROUPS else _GROUP_ORDER
    for group in groups:
        _add_group(commands, group)
    return parser


def command_word(argv: Sequence[str]) -> str | None:
    """The command typed in `argv`; "" when there is none (only the app's options, spelled
    in full); None when an option the whole parser must read comes first (`--help`, an
    abbreviation, a mistake)."""
    words = iter(argv)
    for word in words:
        if word in _TOP_OPTIONS_WITH_VALUE:
            next(words, None)
        elif word.startswith(tuple(f"{o}=" for o in _TOP_OPTIONS_WITH_VALUE)):
            continue
        elif word.startswith("-"):
            return None
        else:
            return word
    return ""


def _need_a_display() -> None:
    """On Linux and the BSDs Qt needs an X11 or Wayland display; without one it aborts
    with a misleading line about xcb libraries. Say what is wrong before Qt is loaded."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return
    if any(os.environ.get(v) for v in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")):
        return
    from ..domain.errors import Cause
    from .common import CommandError

    raise CommandError("no display: run it on the desktop, or use the command line "
                       "(`resultsdesk summary --db PATH`; `resultsdesk --help` lists every "
                       "command)", cause=Cause.NO_DISPLAY)


def _no_output_for_the_app() -> None:
    """The app prints nothing of its own: with standard output closed, what a library
    prints is dropped, as Python drops it, never a failure in the window."""
    if isinstance(sys.stdout, _Output) and isinstance(sys.stdout.stream, _Closed):
        sys.stdout = None


def _run_demo(args: argparse.Namespace) -> int:
    _need_a_display()
    _no_output_for_the_app()
    from ..ui.app import run_app

    return run_app(demo=True)


def _run_gui(db: Path | str | None, user: str | None = None) -> int:
    _need_a_display()
    _no_output_for_the_app()
    from ..ui.app import run_app

    return run_app(db_path=db, user=user)


def _as_text(argv: Sequence[str]) -> tuple[list[str], str | None]:
    """The arguments as text. In a non-UTF-8 locale (`LC_ALL=C` with UTF-8 mode off) Python
    hands "Ynys Môn" over with its bytes as surrogates, which SQLite cannot take: decode them
    as UTF-8, the only encoding names in the election are stored in. Also the first argument
    whose bytes are not UTF-8 at all (a Latin-1 terminal), shown with its bytes escaped."""
    words = []
    for word in argv:
        if any("\udc80" <= c <= "\udcff" for c in word):
            raw = os.fsencode(word)
            try:
                word = raw.decode("utf-8")
            except UnicodeDecodeError:
                return [], raw.decode("ascii", "backslashreplace")
        words.append(word)
    return words, None


def _what(args: argparse.Namespace) -> str:
    """The command for the log: its name and database, never other values (a password
    could be one of them one day)."""
    from ..desk.session import redacted

    words = [args.command or "app", getattr(args, "kind", None) or ""]
    db = getattr(args, "db", None) or getattr(args, "gui_db", None)
    return " ".join(w for w in words if w) + (f" --db {redacted(db)}" if db else "")


class _Output:
    """Standard output, remembering the OSError a write or flush of it raised: a full disk
    (`> /dev/full`) must be told apart from any other OSError a command meets."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.failed: OSError | None = None

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except OSError as exc:
            self.failed = exc
            raise

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as exc:
            self.failed = exc
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class _Closed:
    """Standard output closed (`>&-`; Python's sys.stdout None), where print() dropped a
    command's output without a word and the command exited 0: a script read nothing as
    success. Each write fails, as one to a full disk does (`_output_failed`)."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass


class _Errors:
    """Standard error, whose line may have no reader left (`2>&1 | logger`, the logger
    gone): the line is lost, never the exit status. Its BrokenPipeError was taken for
    stdout's `| head -1`, "not an error", and a refusal exited 0. As argparse does with its
    own messages, the failure is swallowed (and stderr pointed at /dev/null, where what
    is still buffered cannot fail again as Python exits)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except OSError:
            self.stream = _to_devnull(self.stream)
            return len(text)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError:
            self.stream = _to_devnull(self.stream)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; what it printed reaches standard output, or the command fails."""
    _speak_utf8()
    stdout = sys.stdout
    output = sys.stdout = _Output(stdout if stdout is not None else _Closed())
    # Standard error closed (`2>&-`) is None, and `print(file=None)` writes to stdout: an
    # error line in a `--json` reader's data. /dev/null instead: the exit status tells.
    stderr = sys.stderr
    errors = sys.stderr = _Errors(stderr if stderr is not None
                                  else open(os.devnull, "w"))  # noqa: SIM115
    written = _writes_so_far()
    try:
        main_started()  # Ctrl+C is this function's from here on
        try:
            code = _main(argv)
            _flush_output()
        except SystemExit:  # --version, --help, a usage error: their text must arrive too
            _flush_output()
            if output.failed is not None:  # argparse's --help swallows its write's OSError
                raise output.failed from None
            raise
        return code
    except KeyboardInterrupt as stop:  # outside the command's own work: while it started
        # (its modules loading, its parser built) or once it was done; a traceback before
        return _say_stopped(stop, saved=_writes_so_far() != written)
    except BrokenPipeError:  # output piped into `head`: not an error
        _quiet_output()
        return 0
    except OSError as exc:  # `> /dev/full`, a disk that fills while the output is written
        if exc is not output.failed:
            raise
        return _output_failed(exc, saved=_writes_so_far() != written)
    except Exception as exc:  # Ctrl+C as modules load, wrapped (`common.interrupt_within`)
        from .common import interrupt_within

        if not interrupt_within(exc):
            raise
        return _say_interrupted("interrupted", saved=_writes_so_far() != written)
    finally:
        loading_handler_gone()
        if sys.stdout is output:
            sys.stdout = stdout
        if sys.stderr is errors:
            sys.stderr = errors.stream if stderr is not None else None


def _speak_utf8() -> None:
    """Names are Welsh, Irish, Gaelic ("Ynys Môn"): in the C locale with Python's UTF-8 mode
    turned off, printing one was a UnicodeEncodeError. Write UTF-8 where the locale says
    ASCII (what that mode itself would do), and escape what another legacy encoding lacks."""
    import codecs

    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if not encoding or not hasattr(stream, "reconfigure"):
            continue
        name = codecs.lookup(encoding).name
        if name == "ascii":
            stream.reconfigure(encoding="utf-8")
        elif name != "utf-8":
            stream.reconfigure(errors="backslashreplace")


def _flush_output() -> None:
    if sys.stdout is not None:
        sys.stdout.flush()


def _quiet_output() -> None:
    sys.stdout = _to_devnull(sys.stdout)


def _to_devnull(stream: Any) -> Any:
    """Point a standard stream at /dev/null: what is still buffered for the broken pipe or
    full disk would fail again (a traceback) when Python flushes it on exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture)
        pass
    return open(os.devnull, "w")


def _output_failed(exc: OSError, *, saved: bool = False) -> int:
    """A command whose output could not be written did not do its job: one line, exit 1.
    One that wrote first (`saved`: its report lost to a full disk, after the commit) says
    what it saved is kept, as a stopped one does: "run the command again" had a script
    record an import's every seat a second time."""
    _quiet_output()
    reason = exc.strerror or type(exc).__name__
    if saved:
        print(f"resultsdesk: error: could not write the output ({reason}) after saving: "
              "what it saved is kept (see the audit log, 'resultsdesk audit', before "
              "running it again).", file=sys.stderr)
    else:
        print(f"resultsdesk: error: could not write the output ({reason}); run the command "
              "again with its output going somewhere it fits", file=sys.stderr)
    log.warning("could not write the output: %s", reason)
    return 1


def _main(argv: Sequence[str] | None = None) -> int:
    if list(sys.argv[1:] if argv is None else argv) == ["--version"]:
        # As argparse's version action answers (stdout, exit 0), before the commands load.
        print(f"ResultsDesk {__version__}")
        raise SystemExit(0)
    from ..ui.startup import single_threaded_blas

    single_threaded_blas()  # before any command loads numpy (the exports draw with it)
    from ..logs import setup_logging
    from .accounts import sign_in_command
    from .common import EXIT_OK
    from .stops import terminate_as_interrupt

    words, undecodable = _as_text(sys.argv[1:] if argv is None else argv)
    if undecodable:
        from ..desk.failures import one_line

        print(f"resultsdesk: error: the argument '{one_line(undecodable)}' is not UTF-8 "
              "text; type it in a UTF-8 terminal (for a seat, its GSS code will do)",
              file=sys.stderr)
        return 1
    from .parsing import typed

    typed[:] = words
    parser = build_parser(command_word(words))
    args = parser.parse_args(words)
    setup_logging()
    what = _what(args)
    log.info("ResultsDesk %s: %s", __version__, what)
    from ..desk.session import writes_sent

    sent = writes_sent()
    terminated: list[int] = []
    interrupted: list[int] = []
    try:
        if args.command is None:
            return _run_gui(args.gui_db, args.gui_user)
        with terminate_as_interrupt(terminated, interrupted):
            check_usage = getattr(args, "check_usage", None)
            if check_usage is not None:  # options that never go together: before sign-in
                check_usage(args)
            sign_in_command(args)  # commands that write: who is it, may they?
            code = args.run(args)
            # Its report written out while a signal still stops the command here: SIGTERM
            # just after the handler went ended the process silently, the import committed
            # and its report lost in the buffer (Ctrl+C there was a traceback).
            _flush_output()
            return code
    except BrokenPipeError:  # output piped into `head`: not an error
        _quiet_output()
        return EXIT_OK
    except OSError as exc:
        if isinstance(sys.stdout, _Output) and exc is sys.stdout.failed:
            raise  # the output itself failed: `main` says so
        return _report(exc, what)
    except KeyboardInterrupt as stop:
        return _stopped(what, stop, terminated, saved=writes_sent() != sent)
    except Exception as exc:  # known: one line; a bug: logged with its traceback
        from .common import UsageError, interrupt_within
        from .parsing import command_parser
        from .stops import known

        # Ctrl+C that Python wrapped in another error; or a stop a library took in and
        # turned into an error of its own (matplotlib's C++ converting an argument:
        # "TypeError: affine_transform(): incompatible function arguments", called a bug,
        # exit 1). A refusal said after a stop (the file locked) is still said as itself.
        if interrupt_within(exc) or ((terminated or interrupted) and not known(exc)):
            return _stopped(what, None, terminated, saved=writes_sent() != sent)
        if isinstance(exc, UsageError):  # as argparse's own: the command's usage, exit 2
            log.info("%s: usage error: %s", what, exc)
            command_parser(parser, args).error(str(exc))
        return _report(exc, what)


def _stopped(what: str, stop: KeyboardInterrupt | None, terminated: list[int], *,
             saved: bool) -> int:
    """The command stopped by Ctrl+C (or SIGTERM, raised as it): its exit status, with the
    one line saying so unless the command's own stop line was said."""
    from .common import stop_was_said

    if not terminated and stop is not None and stop_signum(stop) != 2:
        terminated = [stop_signum(stop)]  # SIGTERM before the command's own handler
    how = "terminated" if terminated else "interrupted"
    log.info("%s: %s", what, how)
    if stop is not None and stop_was_said(stop) and not terminated:
        return 128 + 2  # Ctrl+C, the command's own stop line said (SIGTERM: as any)
    # (a write half-done never is: each is all or nothing)
    return _say_interrupted(how, saved=saved, signum=terminated[0] if terminated else None)


def _say_stopped(stop: KeyboardInterrupt, *, saved: bool) -> int:
    """`_say_interrupted` for a stop met outside the command's work: SIGTERM's marked."""
    signum = stop_signum(stop)
    return _say_interrupted("interrupted" if signum == 2 else "terminated", saved=saved,
                            signum=signum)


def _writes_so_far() -> int:
    """`session.writes_sent`, without loading the desk for it: a process that has not
    loaded it has sent no write."""
    session = sys.modules.get("resultsdesk.desk.session")
    return session.writes_sent() if session is not None else 0


def _say_interrupted(how: str, *, saved: bool, signum: int | None = None) -> int:
    """The one line a stopped command says, and its exit status (128 + the signal's number;
    SIGINT's, 2, for Ctrl+C)."""
    if saved:
        print(f"resultsdesk: {how} after saving: what it saved is kept (see the "
              "audit log, 'resultsdesk audit', before running it again).", file=sys.stderr)
    else:
        print(INTERRUPTED.format(how=how), file=sys.stderr)
    return 128 + (signum if signum is not None else 2)


def _report(exc: Exception, what: str) -> int:
    from ..desk.failures import report_failure
    from .common import EXIT_ERROR

    failure = report_failure(exc, what)
    kind = "error" if failure.known else "unexpected error"
    print(f"resultsdesk: {kind}: {failure.message}", file=sys.stderr)
    return EXIT_ERROR
