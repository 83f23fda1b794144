"""`audit` (the trail, its check, its export) and `export` (results data and graphics)."""

from __future__ import annotations

import argparse
import sys
import warnings
from typing import TYPE_CHECKING

from ..desk.graphic_kinds import KINDS as GRAPHIC_KINDS
from ..desk.permissions import Permission
from ..domain.others import DEFAULT_NAMED, MAX_NAMED
from ..domain.wording import count_of
from .accounts import acting_password, open_election
from .common import (
    EXIT_ERROR,
    EXIT_OK,
    CommandError,
    UsageError,
    add_recount_options,
    db_option,
    file_type,
    local_path,
    non_negative_int,
    reader_option,
    recount_thresholds,
)

if TYPE_CHECKING:
    from ..desk.audit import AuditCheck

EXPORT_KINDS = ("results", *GRAPHIC_KINDS, "all")
DATA_FILES = (".csv", ".json")  # what the results and audit exports write
DEFAULT_SIZE, DEFAULT_THEME = "hd", "light"


def _anchor(text: str) -> str:
    """--anchor: a head hash as `audit_anchor.anchor_hash` reads it."""
    from ..desk.audit_anchor import BadAnchor, anchor_hash

    try:
        return anchor_hash(text)
    except BadAnchor as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _reason(text: str) -> str:
    """--reason: some words (the desk's `accepted_reason` trims them)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("say why the log is accepted as it stands (what was "
                                         "found, who looked into it): it is recorded in it")
    return text


def _size(text: str) -> str:
    """--size: a preset or WIDTHxHEIGHT the graphics can draw; kept as typed."""
    if text != DEFAULT_SIZE:  # the default needs no drawing code loaded to be checked
        from ..desk import graphics

        try:
            graphics.parse_size(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _theme(text: str) -> str:
    """--theme: one of the graphics' themes, any case; kept as typed."""
    if text != DEFAULT_THEME:
        from ..desk import graphics

        try:
            graphics.theme_named(text)
        except ValueError as exc:  # GraphicsRefusal is one too
            raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _parties(text: str) -> int:
    """--parties: how many parties a graphic names, 1 to MAX_NAMED (as Preferences allow:
    more do not fit a graphic's rows)."""
    count = non_negative_int(text)
    if count < 1:
        raise argparse.ArgumentTypeError(f"{count}: name at least one party")
    if count > MAX_NAMED:
        raise argparse.ArgumentTypeError(f"{count}: at most {MAX_NAMED} parties are named "
                                         "(the rest are Others); more do not fit a "
                                         "graphic's rows")
    return count


def add_commands(commands) -> None:
    aud = commands.add_parser("audit", help="the audit trail as sentences; --check its hash "
                                            "chain; --out exports it (.csv or .json)")
    db_option(aud)
    reader_option(aud)
    what = aud.add_mutually_exclusive_group()
    what.add_argument("--out", type=file_type(*DATA_FILES, what="the audit export"),
                      metavar="FILE", help="export every entry, with its hashes, as CSV or JSON")
    what.add_argument("--check", action="store_true",
                      help="check the hash chain and the figures it seals (and that the "
                      "newest entry the app saw of it on this PC is still there); exit 1 "
                      "if broken")
    what.add_argument("--accept-rewrite", action="store_true",
                      help="once a check found gone from the log the newest entry this PC "
                      "saw, and that has been looked into: accept the log as it now stands, "
                      "recorded in it with --reason and who (--user: an admin; password from "
                      "RESULTSDESK_PASSWORD or asked); this PC's checks go on from there")
    aud.add_argument("--reason", type=_reason, metavar="TEXT",
                     help="with --accept-rewrite (needed): why, recorded in the log")
    aud.add_argument("--anchor", action="append", default=[], metavar="HASH", type=_anchor,
                     help="with --check: a head hash written down earlier, which must still "
                     "be in the chain: 64 hexadecimal digits, 'sha256:' before them allowed "
                     "(repeatable)")
    aud.set_defaults(run=_run_audit)

    exp = commands.add_parser(
        "export", help="export results data, or a broadcast graphic (PNG, SVG or PDF) or "
        "the data it draws (JSON)",
        description="results: every verified result as HoC-format CSV/JSON (re-imports). "
        "Graphics (the format follows --out's extension: .png, .svg, .pdf, or .json for the "
        f"data the graphic draws): {_graphic_kinds_text()}; all: every graphic in every "
        "format, and its data, into the folder --out.")
    exp.add_argument("kind", choices=EXPORT_KINDS, metavar="KIND",
                     help=f"one of: {', '.join(EXPORT_KINDS)}")
    db_option(exp)
    reader_option(exp)
    exp.add_argument("--out", type=local_path, required=True, metavar="FILE",
                     help="the file to write (a folder for 'all')")
    exp.add_argument("--size", default=DEFAULT_SIZE, type=_size, metavar="WxH",
                     help="graphics: hd (default), uhd, square, vertical or WIDTHxHEIGHT")
    exp.add_argument("--theme", default=DEFAULT_THEME, type=_theme, metavar="T",
                     help="graphics: light (default), dark or broadcast (large type)")
    exp.add_argument("--transparent", action="store_true",
                     help="graphics: no background, for an overlay")
    exp.add_argument("--constituency", metavar="CODE",
                     help="card: the seat (GSS code or exact name)")
    exp.add_argument("--title", metavar="TEXT", help="graphics: a title of your own")
    exp.add_argument("--parties", type=_parties, default=DEFAULT_NAMED, metavar="N",
                     help="graphics: name the N largest parties by seats, then votes; the "
                     f"rest are Others (default {DEFAULT_NAMED}, at most {MAX_NAMED})")
    add_recount_options(exp, "graphics: ")
    exp.set_defaults(run=_run_export)


def _graphic_kinds_text() -> str:
    """The graphics `export` draws, from the one list of them (a kind added there is named)."""
    return ", ".join(f"{k} (needs --constituency)" if k == "card" else k for k in GRAPHIC_KINDS)


def _run_audit(args: argparse.Namespace) -> int:
    if args.anchor and not args.check:
        raise UsageError("--anchor goes with --check")
    if (args.reason is not None) != args.accept_rewrite:
        raise UsageError("--reason goes with --accept-rewrite" if args.reason is not None
                         else "--accept-rewrite needs --reason TEXT: why the log is accepted "
                         "as it stands (recorded in it)")
    if args.accept_rewrite:
        return _accept_rewrite(args)
    if args.check:
        return _check_audit(args)
    if args.out is not None:
        return _export_audit(args)
    from ..desk.audit_text import trail_lines, trail_text

    with open_election(args) as desk:
        lines = trail_lines(desk)
    print("\n".join(trail_text(lines)) if lines else "The audit log is empty.")
    return EXIT_OK


def _check_audit(args: argparse.Namespace) -> int:
    from ..desk.audit import check_audit_chain
    from ..desk.audit_memory import recall

    with open_election(args, forensic=True) as desk:  # (the anchors read by `_anchor`)
        # Anchored too at the head the app last saw of this database on this PC, as the
        # window's banner is: told to run this, the desk saw "intact" on a log it called
        # rewritten. Only read: the window keeps it.
        check = check_audit_chain(desk, args.anchor, seen=recall(desk))
    _print_check(check, check.restored, check.accepted)
    return EXIT_OK if check.intact else EXIT_ERROR


def _print_check(check: AuditCheck, *said: str | None) -> None:
    """A check as `--check` prints it: what is said of it first (a restore, an acceptance),
    then its summary and its head hash."""
    for line in filter(None, said):
        print(line)
    print(check.summary())
    print(check.anchor())


def _accept_rewrite(args: argparse.Namespace) -> int:
    """The log accepted as it stands, by an admin signed in as other writes are; then the
    check after it, as --check prints it (the acceptance its newest entry)."""
    from ..desk import accounts as acc
    from ..desk.audit_accept import accept_rewritten_log, accepted_said

    with open_election(args) as desk:
        user = acc.signed_in_name(desk, args.user, lambda: acting_password(args.user),
                                  Permission.ACCEPT_LOG)
        check = accept_rewritten_log(desk, user, args.reason)
    _print_check(check, accepted_said(check))
    return EXIT_OK


def _export_audit(args: argparse.Namespace) -> int:
    from ..desk.audit import export_audit

    with open_election(args) as desk:
        count = export_audit(desk, args.out)
    print(f"Wrote {count_of(count, 'audit entry', 'audit entries')} to {args.out}.")
    return EXIT_OK


def _run_export(args: argparse.Namespace) -> int:
    if args.kind != "results":
        return _run_export_graphics(args)
    from ..desk.exports import export_results

    if args.out.suffix.lower() not in DATA_FILES:
        raise UsageError(f"argument --out: {args.out}: results export is .csv or .json")
    with open_election(args) as desk:
        by_candidate, by_constituency, seats = export_results(desk, args.out)
        broken = _record_broken(desk)
    print(f"Wrote {count_of(seats, 'verified result')} to {by_candidate} and "
          f"{by_constituency}.")
    _say_broken(broken)
    return EXIT_OK


def _record_broken(desk) -> str | None:
    """The audit check's line when the record an export was drawn from no longer matches
    its audit log (the window shows it as a red banner; a script exporting for air saw
    nothing); None when intact."""
    from ..desk.audit import check_desk

    try:
        checked = check_desk(desk)
    except Exception as exc:  # what was asked is written: say so, never fail it
        import logging

        from ..desk.failures import one_line

        logging.getLogger(__name__).exception("audit check after an export")
        return f"audit chain could not be checked ({one_line(str(exc)) or type(exc).__name__})"
    return None if checked.intact else checked.summary()


def _say_broken(broken: str | None) -> None:
    """Written all the same (the desk may need it on air), and said on stderr."""
    if broken:
        print(f"resultsdesk: warning: exported all the same; the database's {broken}",
              file=sys.stderr)


def _check_graphics_options(args: argparse.Namespace) -> None:
    """Refuse options that do not go together, before the database is opened."""
    from ..desk import graphics

    if args.kind == "card" and not args.constituency:
        raise UsageError("export card needs --constituency (a GSS code like E14001279, "
                         "or the exact name)")
    if args.kind != "card" and args.constituency:
        raise UsageError("--constituency is only for export card")
    if args.kind == "all" and args.title:
        raise UsageError("--title is for one graphic, not for export all")
    if args.kind != "all" and not args.out.is_dir():  # a folder: the export says so (1)
        try:
            graphics.format_named(args.out)
        except ValueError as exc:  # GraphicsRefusal is one too
            raise UsageError(f"argument --out: {exc}") from None
    if args.title:  # a heading on air, as an election's name is: what no name holds refused
        from ..domain.validation import title_problem

        why = title_problem(args.title)
        if why is not None:
            raise CommandError(f"--title {why.replace('name', 'title')}")


def _run_export_graphics(args: argparse.Namespace) -> int:
    from ..desk.export_folder import LeftOut
    from ..desk.graphics import UndrawnText

    ours = (UndrawnText, LeftOut)
    with warnings.catch_warnings(record=True) as raised:
        for category in ours:
            warnings.simplefilter("always", category)
        code = _export_graphics(args)
    said = dict.fromkeys(str(w.message) for w in raised if w.category in ours)
    for line in said:  # once each, not once a format
        print(f"resultsdesk: warning: {line}", file=sys.stderr)
    for w in raised:  # any other as it would have been shown
        if w.category not in ours:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    return code


def _export_graphics(args: argparse.Namespace) -> int:
    from ..desk import graphics

    _check_graphics_options(args)
    if args.kind == "all":
        from ..desk.export_folder import export_all

        with open_election(args) as desk:
            paths = export_all(desk, args.out, size=args.size, theme=args.theme,
                               transparent=args.transparent, parties=args.parties,
                               thresholds=recount_thresholds(args))
            broken = _record_broken(desk)
        for path in paths:
            print(path)
        print(f"Wrote {len(paths)} graphics to {args.out}.")
        _say_broken(broken)
        return EXIT_OK
    with open_election(args) as desk:
        paths = graphics.export_pages(desk, args.kind, args.out, size=args.size,
                                      theme=args.theme, transparent=args.transparent,
                                      constituency=args.constituency, title=args.title,
                                      parties=args.parties,
                                      thresholds=recount_thresholds(args))
        broken = _record_broken(desk)
    # a recount watch longer than one picture continues on recounts-2.png, ...
    print(f"Wrote {', '.join(map(str, paths))}.")
    _say_broken(broken)
    return EXIT_OK
