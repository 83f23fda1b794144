"""The `resultsdesk` command: opens the app, or runs one desk task headless.

Every command calls the same `desk` functions the GUI does; this module only parses
arguments and prints. Errors a user can cause print one clear line and exit 1.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .cli_accounts import add_sign_in_option, add_user_commands, sign_in_command
from .desk.accounts import Permission
from .desk.summary import national_summary
from .domain import tally
from .domain.errors import Cause, KnownError
from .domain.summary import NationalSummary
from .store import Store

EXIT_OK, EXIT_ERROR = 0, 1
log = logging.getLogger(__name__)


class CommandError(KnownError):
    """A refusal with a message for the user (bad arguments, a rule broken)."""

    cause = Cause.BAD_INPUT


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
    parser.add_argument("--user", metavar="NAME", dest="gui_user",
                        help="the app: sign in as NAME (chosen in the sign-in dialog)")
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
    _import_user(cand)
    cand.set_defaults(run=_run_import_candidates)
    res = kinds.add_parser("results", help="every seat in FILE recorded as a verified "
                                           "declaration")
    res.add_argument("file", type=Path, metavar="FILE")
    _db_option(res)
    res.add_argument("--constituencies", type=Path, metavar="FILE",
                     help="HoC by-constituency CSV: electorate, invalid votes, declaration times")
    _import_user(res)
    res.set_defaults(run=_run_import_results)
    base = kinds.add_parser("baseline", help="previous or notional results, for gains and swing")
    base.add_argument("file", type=Path, metavar="FILE")
    _db_option(base)
    base.add_argument("--name", help="what to call the baseline (default: the file's name)")
    _import_user(base)
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
    _add_declaration_commands(commands)
    _add_backup_commands(commands)
    add_user_commands(commands, _db_option)
    return parser


def _import_user(parser: argparse.ArgumentParser) -> None:
    add_sign_in_option(parser, Permission.IMPORT, required=False,
                       help_text="who is importing (audit log; default 'import'); with desk "
                       "accounts, an admin account (password from RESULTSDESK_PASSWORD or "
                       "asked)")


def _seat_options(parser: argparse.ArgumentParser, user: bool = True) -> None:
    _db_option(parser)
    parser.add_argument("--constituency", required=True, metavar="CODE",
                        help="GSS code (E14001279) or exact name")
    if user:
        add_sign_in_option(parser, Permission.DECLARE, required=True)


def _figure_options(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--vote", action="append", required=required, metavar="KEY=VOTES",
                        default=[], help="a candidate's votes; KEY is the full name, or the "
                        "party abbreviation when one candidate of that party stands (repeat "
                        "for every candidate)")
    parser.add_argument("--invalid", type=_non_negative_int, metavar="N",
                        help="rejected ballots")


def _override_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--total", type=_non_negative_int, metavar="N",
                        help="total valid votes as read out; must equal the sum")
    parser.add_argument("--override", action="append", default=[], metavar="WARNING",
                        choices=WARNINGS, help="accept a warning, recorded in the audit log: "
                        + ", ".join(WARNINGS))


WARNINGS = ("low_turnout", "high_turnout", "zero_votes", "recount_range", "tie")


def _add_declaration_commands(commands) -> None:
    dec = commands.add_parser("declare", help="enter a declaration (provisional until a "
                                              "second person verifies it)")
    _seat_options(dec)
    _figure_options(dec)
    _override_options(dec)
    dec.set_defaults(run=_run_declare)

    ver = commands.add_parser("verify", help="blind re-key: verified only if every figure "
                                             "matches and you did not enter it")
    _seat_options(ver)
    _figure_options(ver)
    ver.set_defaults(run=_run_verify)

    his = commands.add_parser("history", help="a seat's versions, counts and audit trail")
    _seat_options(his, user=False)
    his.add_argument("--json", action="store_true", help="machine-readable output")
    his.set_defaults(run=_run_history)

    cor = commands.add_parser("correct", help="correct a verified result (needs a reason and "
                                              "a second person to verify)")
    _seat_options(cor)
    _figure_options(cor)
    _override_options(cor)
    cor.add_argument("--reason", required=True, help="what was wrong, on whose word")
    cor.set_defaults(run=_run_correct)

    rej = commands.add_parser("reject", help="send a provisional entry back to the desk")
    _seat_options(rej)
    rej.add_argument("--comment", required=True, help="what the desk should check")
    rej.set_defaults(run=_run_reject)

    wd = commands.add_parser("withdraw", help="take back your own provisional entry")
    _seat_options(wd)
    wd.set_defaults(run=_run_withdraw)

    rc = commands.add_parser("recount", help="mark a recount under way (the next figures "
                                             "entered are its count), or --ended")
    _seat_options(rc)
    rc.add_argument("--ended", action="store_true", help="the recount is called off")
    rc.set_defaults(run=_run_recount)

    lot = commands.add_parser("lot", help="record the winner of a tie, drawn by lot")
    _seat_options(lot)
    lot.add_argument("--winner", required=True, metavar="KEY",
                     help="the candidate drawn (full name or party abbreviation)")
    lot.add_argument("--note", required=True, help="how the lot was drawn, by whom")
    lot.set_defaults(run=_run_lot)

    aud = commands.add_parser("audit", help="the audit trail as sentences; --check its hash "
                                            "chain; --out exports it (.csv or .json)")
    _db_option(aud)
    what = aud.add_mutually_exclusive_group()
    what.add_argument("--out", type=Path, metavar="FILE",
                      help="export every entry, with its hashes, as CSV or JSON")
    what.add_argument("--check", action="store_true",
                      help="check the hash chain and the figures it seals; exit 1 if broken")
    aud.add_argument("--anchor", action="append", default=[], metavar="HASH",
                     help="with --check: a head hash written down earlier, which must still "
                     "be in the chain (repeatable)")
    aud.set_defaults(run=_run_audit)

    exp = commands.add_parser(
        "export", help="export results data, or a broadcast graphic (PNG, SVG or PDF)",
        description="results: every verified result as HoC-format CSV/JSON (re-imports). "
        "Graphics (the format follows --out's extension: .png, .svg, .pdf): seats, "
        "hemicycle, shares, card (needs --constituency), recounts, summary; all: every "
        "graphic in every format into the folder --out.")
    exp.add_argument("kind", choices=EXPORT_KINDS, metavar="KIND",
                     help=f"one of: {', '.join(EXPORT_KINDS)}")
    _db_option(exp)
    exp.add_argument("--out", type=Path, required=True, metavar="FILE",
                     help="the file to write (a folder for 'all')")
    exp.add_argument("--size", default="hd", metavar="WxH",
                     help="graphics: hd (default), uhd, square, vertical or WIDTHxHEIGHT")
    exp.add_argument("--theme", default="light", metavar="T",
                     help="graphics: light (default), dark or broadcast (large type)")
    exp.add_argument("--transparent", action="store_true",
                     help="graphics: no background, for an overlay")
    exp.add_argument("--constituency", metavar="CODE",
                     help="card: the seat (GSS code or exact name)")
    exp.add_argument("--title", metavar="TEXT", help="graphics: a title of your own")
    exp.set_defaults(run=_run_export)


GRAPHIC_KINDS = ("seats", "hemicycle", "shares", "card", "recounts", "summary")
EXPORT_KINDS = ("results", *GRAPHIC_KINDS, "all")


def _add_backup_commands(commands) -> None:
    bak = commands.add_parser("backup", help="a consistent copy of the database, taken online")
    _db_option(bak)
    bak.add_argument("--out", type=Path, required=True, metavar="FILE")
    bak.set_defaults(run=_run_backup)
    res = commands.add_parser("restore", help="replace the database with a backup (the "
                                              "current contents are kept beside it first)")
    res.add_argument("backup", type=Path, metavar="BACKUP")
    _db_option(res)
    add_sign_in_option(res, Permission.RESTORE, required=False,
                       help_text="with desk accounts: an admin account of the database "
                       "being replaced (password from RESULTSDESK_PASSWORD or asked)")
    res.set_defaults(run=_run_restore)


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


def _pairs(args: argparse.Namespace) -> list[tuple[str, str]]:
    pairs = []
    for item in args.vote:
        key, sep, value = item.rpartition("=")
        if not sep or not key.strip():
            raise CommandError(f"--vote '{item}' should be KEY=VOTES, like 'Lab=20001'")
        pairs.append((key.strip(), value.strip()))
    return pairs


def _figures_line(sheet, votes, invalid) -> str:
    parts = [f"{c.name} ({c.party}) {v:,}" for c, v in zip(sheet.candidates, votes, strict=True)]
    return "; ".join(parts) + (f"; rejected {invalid:,}" if invalid is not None else "")


def _run_declare(args: argparse.Namespace) -> int:
    from .desk import declarations as dk

    with _open(args.db) as store:
        sheet = dk.load_sheet(store, args.constituency)
        votes = dk.votes_from_keys(sheet, _pairs(args))
        version = dk.declare(store, sheet.code, user=args.user, votes=votes,
                             invalid=args.invalid, total_as_read=args.total,
                             overrides=args.override, source="cli")
    print(f"{sheet.name}: version {version.version} ({version.count_label.lower()}) saved as "
          f"PROVISIONAL by {version.entered_by}; it needs a second person to verify it.")
    print("  " + _figures_line(sheet, version.votes, version.invalid_votes))
    return EXIT_OK


def _run_verify(args: argparse.Namespace) -> int:
    from .desk import declarations as dk

    with _open(args.db) as store:
        sheet = dk.load_sheet(store, args.constituency)
        votes = dk.votes_from_keys(sheet, _pairs(args))
        result = dk.verify(store, sheet.code, user=args.user, votes=votes, invalid=args.invalid)
    if not result.verified:
        print(f"resultsdesk: {sheet.name}: your figures differ from the first entry for: "
              f"{result.describe_differences()}. Nothing was verified; check with the desk "
              "and re-key.", file=sys.stderr)
        return EXIT_ERROR
    v = result.version
    print(f"{sheet.name}: version {v.version} VERIFIED by {v.verified_by} "
          f"(entered by {v.entered_by}).")
    return EXIT_OK


def _run_correct(args: argparse.Namespace) -> int:
    from .desk import declarations as dk

    with _open(args.db) as store:
        sheet = dk.load_sheet(store, args.constituency)
        votes = dk.votes_from_keys(sheet, _pairs(args))
        invalid = args.invalid if args.invalid is not None else \
            (sheet.verified.invalid_votes if sheet.verified else None)
        version = dk.correct(store, sheet.code, user=args.user, votes=votes, invalid=invalid,
                             reason=args.reason, total_as_read=args.total,
                             overrides=args.override, source="cli")
    print(f"{sheet.name}: correction saved as version {version.version}, awaiting "
          "verification; the verified figures stay on air until then.")
    return EXIT_OK


def _run_reject(args: argparse.Namespace) -> int:
    from .desk import declarations as dk

    with _open(args.db) as store:
        v = dk.reject(store, args.constituency, user=args.user, comment=args.comment)
    print(f"Version {v.version} rejected back to the desk.")
    return EXIT_OK


def _run_withdraw(args: argparse.Namespace) -> int:
    from .desk import declarations as dk

    with _open(args.db) as store:
        v = dk.withdraw(store, args.constituency, user=args.user)
    print(f"Version {v.version} withdrawn.")
    return EXIT_OK


def _run_recount(args: argparse.Namespace) -> int:
    from .desk import declarations as dk

    with _open(args.db) as store:
        sheet = dk.mark_recount(store, args.constituency, user=args.user,
                                under_way=not args.ended)
    if sheet.recount_under_way:
        print(f"{sheet.name}: RECOUNT UNDER WAY; the next figures entered are recount "
              f"{sheet.current_count}.")
    else:
        print(f"{sheet.name}: recount ended.")
    return EXIT_OK


def _run_lot(args: argparse.Namespace) -> int:
    from .desk import declarations as dk

    with _open(args.db) as store:
        sheet = dk.load_sheet(store, args.constituency)
        key = args.winner.casefold()
        matches = [c for c in sheet.candidates
                   if key in (c.name.casefold(), c.party.casefold())]
        if len(matches) != 1:
            raise CommandError(f"'{args.winner}' does not name one candidate in {sheet.name}")
        v = dk.decide_tie(store, sheet.code, user=args.user, winner_id=matches[0].id,
                          note=args.note)
    print(f"{sheet.name}: {matches[0].name} recorded as winner by lot (version {v.version}, "
          "awaiting verification).")
    return EXIT_OK


def _run_history(args: argparse.Namespace) -> int:
    from .desk import declarations as dk
    from .desk.audit_text import local_stamp, trail_lines, trail_text

    with _open(args.db) as store:
        hist = dk.history(store, args.constituency)
        trail = trail_lines(store, hist.sheet.code)
    if args.json:
        print(json.dumps(hist.to_json_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    s = hist.sheet
    print(f"{s.name} ({s.code})" + ("  RECOUNT UNDER WAY" if s.recount_under_way else ""))
    if not s.versions:
        print("  no declarations yet")
    for v in s.versions:
        who = f"entered by {v.entered_by} {local_stamp(v.entered_at)}"
        if v.verified_by:
            who += f", verified by {v.verified_by} {local_stamp(v.verified_at)}"
        print(f"  v{v.version} {v.status.upper():<11} {v.kind:<11} {v.count_label:<12} {who}")
        print("     " + _figures_line(s, v.votes, v.invalid_votes))
        for label, text in (("reason", v.reason), ("note", v.note)):
            if text:
                print(f"     {label}: {text}")
    print("\nAudit trail (local time):")
    print("\n".join(trail_text(trail, indent="  ")))
    return EXIT_OK


def _run_audit(args: argparse.Namespace) -> int:
    from .desk import declarations as dk
    from .desk.audit import check_audit_chain
    from .desk.audit_text import trail_lines, trail_text
    from .io.audit_export import export_audit

    if args.anchor and not args.check:
        raise CommandError("--anchor goes with --check")
    if args.out is not None and args.out.suffix.lower() not in (".csv", ".json"):
        raise CommandError(f"{args.out.name}: the audit export is .csv or .json")
    with _open(args.db) as store:
        if args.check:
            check = check_audit_chain(store, args.anchor)
        elif args.out is not None:
            count = export_audit(dk.audit_log(store), args.out)
        else:
            lines = trail_lines(store)
    if args.check:
        print(check.summary())
        print(check.anchor())
        return EXIT_OK if check.intact else EXIT_ERROR
    if args.out is not None:
        print(f"Wrote {count} audit entries to {args.out}.")
    else:
        print("\n".join(trail_text(lines)) if lines else "The audit log is empty.")
    return EXIT_OK


def _run_export(args: argparse.Namespace) -> int:
    from .desk.exports import export_results

    if args.kind == "results":
        if args.out.suffix.lower() not in (".csv", ".json"):
            raise CommandError(f"{args.out.name}: results export is .csv or .json")
        with _open(args.db) as store:
            by_candidate, by_constituency, seats = export_results(store, args.out)
        print(f"Wrote {seats} verified results to {by_candidate} and {by_constituency}.")
        return EXIT_OK
    return _run_export_graphics(args)


def _run_export_graphics(args: argparse.Namespace) -> int:
    from .desk import graphics

    if args.kind == "card" and not args.constituency:
        raise CommandError("export card needs --constituency (a GSS code like E14001279, "
                           "or the exact name)")
    if args.kind != "card" and args.constituency:
        raise CommandError("--constituency is only for export card")
    try:
        graphics.parse_size(args.size)
        if args.kind != "all":
            graphics.format_of(args.out)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    if args.kind == "all":
        if args.title:
            raise CommandError("--title is for one graphic, not for export all")
        with _open(args.db) as store:
            paths = graphics.export_all(store, args.out, size=args.size, theme=args.theme,
                                        transparent=args.transparent)
        for path in paths:
            print(path)
        print(f"Wrote {len(paths)} graphics to {args.out}.")
        return EXIT_OK
    with _open(args.db) as store:
        path = graphics.export_graphic(store, args.kind, args.out, size=args.size,
                                       theme=args.theme, transparent=args.transparent,
                                       constituency=args.constituency, title=args.title)
    print(f"Wrote {path}.")
    return EXIT_OK


def _run_backup(args: argparse.Namespace) -> int:
    from .store.backup import backup

    with _open(args.db) as store:
        out = backup(store, args.out)
    print(f"Backed up {args.db} to {out}.")
    return EXIT_OK


def _run_restore(args: argparse.Namespace) -> int:
    from .store.backup import restore

    safety = restore(args.backup, args.db)
    print(f"Restored {args.db} from {args.backup}." +
          (f" Its previous contents are in {safety}." if safety else ""))
    return EXIT_OK


def _need_a_display() -> None:
    """On Linux and the BSDs Qt needs an X11 or Wayland display; without one it aborts
    with a misleading line about xcb libraries. Say what is wrong before Qt is loaded."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return
    if any(os.environ.get(v) for v in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")):
        return
    raise CommandError("no display: run it on the desktop, or use the command line "
                       "(`resultsdesk summary --db PATH`; `resultsdesk --help` lists every "
                       "command)", cause=Cause.NO_DISPLAY)


def _run_demo(args: argparse.Namespace) -> int:
    _need_a_display()
    from .ui.app import run_app

    return run_app(demo=True)


def _run_gui(db: Path | None, user: str | None = None) -> int:
    _need_a_display()
    from .ui.app import run_app

    return run_app(db_path=db, user=user)


def _what(args: argparse.Namespace) -> str:
    """The command for the log: its name and database, never other values (a password
    could be one of them one day)."""
    words = [args.command or "app", getattr(args, "kind", None) or ""]
    db = getattr(args, "db", None) or getattr(args, "gui_db", None)
    return " ".join(w for w in words if w) + (f" --db {db}" if db else "")


def main(argv: Sequence[str] | None = None) -> int:
    from .desk.failures import report_failure
    from .logs import setup_logging

    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging()
    what = _what(args)
    log.info("ResultsDesk %s: %s", __version__, what)
    try:
        if args.command is None:
            return _run_gui(args.gui_db, args.gui_user)
        sign_in_command(args, _open)  # commands that write: who is it, may they?
        return args.run(args)
    except BrokenPipeError:  # output piped into `head`: not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return EXIT_OK
    except KeyboardInterrupt:
        log.info("%s: interrupted", what)
        print("resultsdesk: interrupted; nothing half-written was kept.", file=sys.stderr)
        return 130
    except Exception as exc:  # known: one line; a bug: logged with its traceback
        failure = report_failure(exc, what)
        kind = "error" if failure.known else "unexpected error"
        print(f"resultsdesk: {kind}: {failure.message}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
