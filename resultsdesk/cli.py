"""The `resultsdesk` command: opens the app, or runs one desk task headless.

Every command calls the same `desk` functions the GUI does; this module only parses
arguments and prints. Errors a user can cause print one clear line and exit 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .desk.summary import national_summary
from .domain import tally
from .domain.summary import NationalSummary
from .io.csvfile import ImportFailure
from .store import Store, StoreError

EXIT_OK, EXIT_ERROR = 0, 1


class CommandError(Exception):
    """A refusal with a message for the user (bad arguments, a rule broken)."""


def _db_option(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--db", type=Path, required=required, metavar="PATH",
                        help="the election database file")


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is negative")
    return value


def _percentage(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"'{text}' is not a percentage between 0 and 100")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="resultsdesk",
        description="Election-night results desk. With no command, opens the app on --db "
                    "(or on your own database, created with the 2024 nominations on first run).",
    )
    parser.add_argument("--version", action="version", version=f"ResultsDesk {__version__}")
    parser.add_argument("--db", type=Path, metavar="PATH", dest="gui_db",
                        help="open the app on this election database")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="open the app on a throw-away copy of the full "
                                            "2024 night, every result verified")
    demo.set_defaults(run=_run_demo)

    init = commands.add_parser("init", help="create a new, empty election database")
    _db_option(init)
    init.add_argument("--name", required=True, help="the election's name, e.g. 'UK GE 2029'")
    init.set_defaults(run=_run_init)

    imp = commands.add_parser("import", help="import nominations, results or a baseline")
    kinds = imp.add_subparsers(dest="kind", metavar="KIND", required=True)
    cand = kinds.add_parser("candidates", help="nominations from a HoC by-candidate CSV "
                                               "(votes ignored)")
    cand.add_argument("file", type=Path, metavar="FILE")
    _db_option(cand)
    cand.add_argument("--constituencies", type=Path, metavar="FILE",
                      help="HoC by-constituency CSV, for electorates")
    cand.add_argument("--user", default="import", help="who is importing (audit log)")
    cand.set_defaults(run=_run_import_candidates)
    res = kinds.add_parser("results", help="every seat in FILE recorded as a verified "
                                           "declaration")
    res.add_argument("file", type=Path, metavar="FILE")
    _db_option(res)
    res.add_argument("--constituencies", type=Path, metavar="FILE",
                     help="HoC by-constituency CSV: electorate, invalid votes, declaration times")
    res.add_argument("--user", default="import", help="who is importing (audit log)")
    res.set_defaults(run=_run_import_results)
    base = kinds.add_parser("baseline", help="previous or notional results, for gains and swing")
    base.add_argument("file", type=Path, metavar="FILE")
    _db_option(base)
    base.add_argument("--name", help="what to call the baseline (default: the file's name)")
    base.add_argument("--user", default="import", help="who is importing (audit log)")
    base.set_defaults(run=_run_import_baseline)

    summ = commands.add_parser("summary", help="seats, votes, gains and the recount watch")
    _db_option(summ)
    summ.add_argument("--json", action="store_true", help="machine-readable output")
    summ.add_argument("--include-provisional", action="store_true",
                      help="count provisional (unverified) declarations too")
    summ.add_argument("--recount-votes", type=_non_negative_int, metavar="N",
                      default=tally.DEFAULT_RECOUNT_VOTES,
                      help="watch majorities of N votes or fewer (default %(default)s)")
    summ.add_argument("--recount-pct", type=_percentage, metavar="P",
                      default=tally.DEFAULT_RECOUNT_PCT,
                      help="watch majorities under P %% of valid votes (default %(default)s)")
    summ.set_defaults(run=_run_summary)
    return parser


def _open(path: Path) -> Store:
    return Store(path)


def _progress_printer(label: str) -> Callable[[int, int], None] | None:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        pct = min(100, round(100 * done / total)) if total else 0
        print(f"\r{label}: {pct}%", end="", file=sys.stderr, flush=True)
    return show


def _run_import(args: argparse.Namespace, action: Callable, **extra) -> int:
    with _open(args.db) as store:
        report = action(store, args.file, user=args.user,
                        progress=_progress_printer(f"Reading {args.file.name}"), **extra)
    if sys.stderr.isatty():
        print("\r", end="", file=sys.stderr)
    print(report.describe())
    return EXIT_OK


def _run_import_candidates(args: argparse.Namespace) -> int:
    from .desk.imports import import_candidates

    return _run_import(args, import_candidates, constituencies=args.constituencies)


def _run_import_results(args: argparse.Namespace) -> int:
    from .desk.imports import import_results

    return _run_import(args, import_results, constituencies=args.constituencies)


def _run_import_baseline(args: argparse.Namespace) -> int:
    from .desk.imports import import_baseline

    return _run_import(args, import_baseline, name=args.name)


def _run_init(args: argparse.Namespace) -> int:
    from .desk.election import init_election

    init_election(args.db, args.name).close()
    print(f"Created {args.db} for '{args.name}'. Next: resultsdesk import candidates FILE "
          f"--db {args.db}")
    return EXIT_OK


def _run_summary(args: argparse.Namespace) -> int:
    with _open(args.db) as store:
        summary = national_summary(store, include_provisional=args.include_provisional,
                                   recount_votes=args.recount_votes,
                                   recount_pct=args.recount_pct)
    if args.json:
        print(json.dumps(summary.to_json_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_summary(summary, args.recount_votes, args.recount_pct))
    return EXIT_OK


def format_summary(s: NationalSummary, recount_votes: int, recount_pct: float) -> str:
    lines = [f"{s.election}: {s.declared} of {s.seats_total} declared "
             f"({s.majority_line} for a majority)", ""]
    parties = list(dict.fromkeys([*s.seats, *s.votes]))
    if parties:
        lines.append(f"{'Party':<12}{'Seats':>7}{'+/-':>7}{'Votes':>13}{'Share':>8}")
        for p in parties:
            seats = s.seats.get(p, 0)
            change = s.gains.get(p, 0) - s.losses.get(p, 0)
            votes = s.votes.get(p, 0)
            if not seats and not change and votes < s.valid_votes * 0.005:
                continue  # fringe parties: in --json, not in the table
            share = tally.percentage(votes, s.valid_votes)
            lines.append(f"{p:<12}{seats:>7}{change:>+7}{votes:>13,}{share:>7.1f}%")
        lines.append(f"{'Total':<12}{sum(s.seats.values()):>7}{'':>7}{s.valid_votes:>13,}")
    else:
        lines.append("No declarations yet.")
    lines += ["", f"Recount watch (majority of {recount_votes} votes or fewer, "
                  f"or under {recount_pct:g}% of valid votes):"]
    if not s.recount_watch:
        lines.append("  none")
    for e in s.recount_watch:
        who = f"{e.winner_party} over {e.runner_up_party}" if e.winner_party else \
            f"TIE with {e.runner_up_party}"
        lines.append(f"  {e.constituency:<40}{who:<22}{e.majority:>7,}{e.majority_pct:>8.2f}%")
    if s.ties:
        lines.append(f"\nTies awaiting a decision by lot: {', '.join(s.ties)}")
    return "\n".join(lines)


def _run_demo(args: argparse.Namespace) -> int:
    from .ui.app import run_app

    return run_app(demo=True)


def _run_gui(db: Path | None) -> int:
    from .ui.app import run_app

    return run_app(db_path=db)


def _log_crash() -> Path | None:
    try:
        from .paths import user_data_dir

        log = user_data_dir() / "crash.log"
        with log.open("a", encoding="utf-8") as fh:
            traceback.print_exc(file=fh)
        return log
    except Exception:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _run_gui(args.gui_db)
        return args.run(args)
    except (ImportFailure, StoreError, CommandError) as exc:
        print(f"resultsdesk: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("resultsdesk: interrupted; nothing half-written was kept.", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: no traceback on a user's screen
        log = _log_crash()
        where = f" Details were written to {log}." if log else ""
        print(f"resultsdesk: unexpected error: {exc}.{where}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
