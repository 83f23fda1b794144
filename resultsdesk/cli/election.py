"""`init`, `import`, `summary`, `backup` and `restore`: the election as a whole."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from ..desk import session
from ..desk.import_seats import ADD_SEATS_OPTION, FEWER_SEATS_OPTION
from ..desk.permissions import Permission
from ..domain import tally
from ..domain.others import Standing, rank_key
from ..domain.summary import NO_SEATS_YET, NationalSummary, listed
from ..domain.wording import NOT_LIVE, majority_share
from .accounts import add_sign_in_option, open_election, sign_in_password_env
from .common import (
    EXIT_ERROR,
    EXIT_OK,
    UsageError,
    add_recount_options,
    db_option,
    end_progress,
    local_path,
    out_path,
    progress_printer,
    reader_option,
    recount_thresholds,
)


def add_commands(commands) -> None:
    init = commands.add_parser(
        "init", help="create a new, empty election database; or, given a server's URL "
        "(as its administrator), prepare a PostgreSQL database for a team desk",
        description="A file: a new, empty election. postgresql://ADMIN@HOST/DBNAME: "
        "creates the database if missing, its roles, schema and functions (safe to run "
        "again: it upgrades, and puts the grants back). ADMIN is a superuser, or a role "
        "with CREATEROLE owning the database; its password from RESULTSDESK_PASSWORD, "
        "PGPASSWORD or ~/.pgpass.")
    db_option(init)
    # Not required by argparse: a server's database upgraded by `init` again keeps its name.
    init.add_argument("--name", help="the election's name, e.g. 'UK GE 2029' (a new file or "
                      "server database; run again to upgrade a server's, it needs none)")
    init.set_defaults(run=_run_init)
    _add_import_commands(commands)
    _add_summary_command(commands)


def _add_import_commands(commands) -> None:
    imp = commands.add_parser("import", help="import nominations, results or a baseline")
    kinds = imp.add_subparsers(dest="kind", metavar="KIND", required=True)
    # kind, its help, what runs it, and the one option of its own
    for kind, help_text, run, (option, settings) in (
        ("candidates", "nominations from a HoC by-candidate CSV (votes ignored)",
         _run_import_candidates,
         ("--constituencies", {"type": local_path, "metavar": "FILE",
                               "help": "HoC by-constituency CSV, for electorates"})),
        ("results", "every seat in FILE recorded as a verified declaration",
         _run_import_results,
         ("--constituencies", {"type": local_path, "metavar": "FILE",
                               "help": "HoC by-constituency CSV: electorate, invalid votes, "
                                       "declaration times"})),
        ("baseline", "previous or notional results, for gains and swing",
         _run_import_baseline,
         ("--name", {"help": "what to call the baseline (default: the file's name)"})),
    ):
        sub = kinds.add_parser(kind, help=help_text)
        sub.add_argument("file", type=local_path, metavar="FILE")
        db_option(sub)
        sub.add_argument(option, **settings)
        if kind != "baseline":  # a baseline only fits the seats there are
            sub.add_argument(
                ADD_SEATS_OPTION, action="store_true",
                help="add the seats of FILE this election lacks, though it has seats "
                     "(refused without it: a mistyped code, or another election's file, "
                     "would change the chamber); a new, empty election needs no flag")
        else:
            sub.add_argument("--constituencies", type=local_path, metavar="FILE",
                             help="a HoC by-candidate baseline's by-constituency CSV, for "
                                  "its electorates (turnout change)")
            sub.add_argument(
                FEWER_SEATS_OPTION, action="store_true",
                help="replace the baseline with FILE though it leaves out seats the one in "
                     "place covers (refused without it: those seats would lose their gains "
                     "and holds)")
        _import_user(sub)
        sub.set_defaults(run=run)


def _import_user(parser: argparse.ArgumentParser) -> None:
    add_sign_in_option(parser, Permission.IMPORT, required=False,
                       help_text="who is importing (audit log; default 'import'); with desk "
                       "accounts, an admin account (password from RESULTSDESK_PASSWORD or "
                       "asked)")


def _add_summary_command(commands) -> None:
    summ = commands.add_parser("summary", help="seats, votes, gains and the recount watch")
    db_option(summ)
    reader_option(summ)
    summ.add_argument("--json", action="store_true", help="machine-readable output")
    summ.add_argument("--include-provisional", action="store_true",
                      help="count provisional (unverified) declarations too")
    add_recount_options(summ)
    summ.set_defaults(run=_run_summary)


def add_backup_commands(commands) -> None:
    bak = commands.add_parser("backup", help="a consistent copy of the database, taken online")
    db_option(bak)
    bak.add_argument("--out", type=out_path, required=True, metavar="FILE",
                     help="the copy: a new file, or an earlier backup of this database "
                     "(any other file there is refused)")
    bak.set_defaults(run=_run_backup)
    res = commands.add_parser("restore", help="replace the database with a backup (the "
                                              "current contents are kept beside it first)")
    res.add_argument("backup", type=local_path, metavar="BACKUP")
    db_option(res)
    res.add_argument("--other-election", action="store_true",
                     help="restore a backup of another election (or a rehearsal's) over this "
                          "one; refused without it")
    add_sign_in_option(res, Permission.RESTORE, required=False,
                       help_text="with desk accounts: an admin account of the database "
                       "being replaced (password from RESULTSDESK_PASSWORD or asked)")
    res.set_defaults(run=_run_restore)


def _run_import(args: argparse.Namespace, action: Callable, **extra) -> int:
    with open_election(args) as desk:
        report = action(desk, args.file, user=args.user,
                        progress=progress_printer(f"Reading {args.file.name}"), **extra)
    end_progress()
    print(report.describe())
    return EXIT_OK


def _run_import_candidates(args: argparse.Namespace) -> int:
    from ..desk.imports import import_candidates

    return _run_import(args, import_candidates, constituencies=args.constituencies,
                       add_seats=args.add_seats)


def _run_import_results(args: argparse.Namespace) -> int:
    from ..desk.imports import import_results

    return _run_import(args, import_results, constituencies=args.constituencies,
                       add_seats=args.add_seats)


def _run_import_baseline(args: argparse.Namespace) -> int:
    from ..desk.imports import import_baseline

    return _run_import(args, import_baseline, name=args.name, fewer_seats=args.fewer_seats,
                       constituencies=args.constituencies)


def _run_init(args: argparse.Namespace) -> int:
    from ..desk.election import init_election, prepare_server_election

    if session.is_server_target(args.db):
        print(prepare_server_election(args.db, args.name, password=sign_in_password_env()))
        print(f"Next: resultsdesk users add NAME --role admin --db {session.redacted(args.db)}"
              " (then desk and editor accounts), and resultsdesk import ... --db "
              "postgresql://ADMIN_ACCOUNT@HOST/DBNAME.")
        return EXIT_OK
    if args.name is None:  # a file is always a new election
        raise UsageError("the following arguments are required: --name")
    init_election(args.db, args.name).close()
    print(f"Created {args.db} for '{args.name}'. Next: resultsdesk import candidates FILE "
          f"--db {args.db}")
    return EXIT_OK


def _run_summary(args: argparse.Namespace) -> int:
    from ..desk.summary import national_summary

    thresholds = recount_thresholds(args)
    with open_election(args) as desk:
        summary = national_summary(desk, include_provisional=args.include_provisional,
                                   thresholds=thresholds)
    if args.json:
        print(json.dumps(summary.to_json_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_summary(summary, thresholds))
    return EXIT_OK


# The first line of a rehearsal's summary, as the window's banner begins and every graphic of
# it says: File > Rehearsal… makes `rehearsal.db` beside the election's own file.
REHEARSAL_LINE = f"{NOT_LIVE}: a replayed night, never for air"


def format_summary(s: NationalSummary, thresholds: tally.RecountThresholds) -> str:
    # A new election, before its seats are imported: "0 of 0 declared (1 for a majority)"
    # said a majority of one seat, as the window's strip does not
    lines = [f"{s.election}: {s.declared} of {s.seats_total} declared "
             f"({s.majority_line} for a majority)" if s.seats_total
             else f"{s.election}: {NO_SEATS_YET}", ""]
    if s.rehearsal:  # read or pasted from the wrong file, it passed for the live night's
        lines.insert(0, REHEARSAL_LINE)
    # The seat chart's order, as the National summary dock (most seats, then most votes)
    parties = sorted(dict.fromkeys([*s.seats, *s.gains, *s.losses, *s.votes]),
                     key=lambda p: rank_key(Standing(p, s.seats.get(p, 0), s.votes.get(p, 0))))
    if parties:
        lines.append(f"{'Party':<12}{'Seats':>7}{'+/-':>7}{'Votes':>13}{'Share':>8}")
        for p in parties:
            seats = s.seats.get(p, 0)
            change = s.change(p)
            votes = s.votes.get(p, 0)
            if not listed(s, p):
                continue  # fringe parties: in --json, not in the table
            share = tally.percentage(votes, s.valid_votes)
            shown = "" if change is None else f"{change:+}"
            lines.append(f"{p:<12}{seats:>7}{shown:>7}{votes:>13,}{share:>7.1f}%")
        lines.append(f"{'Total':<12}{sum(s.seats.values()):>7}{'':>7}{s.valid_votes:>13,}")
        if not s.has_baseline:  # "+0" read as "nothing changed hands"
            lines.append("(No baseline imported: no gains or losses to show; "
                         "`resultsdesk import baseline` adds one.)")
        elif s.not_in_baseline:  # their "+0" is no hold
            lines.append(f"({s.not_in_baseline:,} of the {s.declared:,} declared seats "
                         f"{'is' if s.not_in_baseline == 1 else 'are'} not in the "
                         "baseline: counted as neither gain nor hold.)")
    else:
        lines.append("No declarations yet.")
    lines += ["", f"Recount watch (majority of {thresholds.votes:,} votes or fewer, "
                  f"or under {thresholds.pct:g}% of valid votes):"]
    if not s.recount_watch:
        lines.append("  none")
    for e in s.recount_watch:
        who = (f"{e.winner_party} over {e.runner_up_party}" if e.winner_party
               else f"TIE {' = '.join(e.tied_parties)}")
        if e.winner_party and e.majority == 0:  # a winner on 0 is the lot's: say so
            who += " by lot"  # (as the window's watch, the card and the graphic do)
        share = majority_share(e.majority_pct, thresholds.pct)
        lines.append(f"  {e.constituency:<40}{who:<22}{e.majority:>7,}{share:>9}")
    if s.ties:
        lines.append(f"\nTies awaiting a decision by lot: {', '.join(s.ties)}")
    return "\n".join(lines)


def _server_backups(args: argparse.Namespace) -> int:
    """On a server, backups and restores are the server's: say how, and do nothing."""
    print(f"resultsdesk: {args.command}: {session.redacted(args.db)} is a PostgreSQL "
          "server's database.", file=sys.stderr)
    print(session.server_backup_recipe(str(args.db)), file=sys.stderr)
    return EXIT_ERROR


def _run_backup(args: argparse.Namespace) -> int:
    if session.is_server_target(args.db):
        return _server_backups(args)
    with open_election(args) as desk:
        out = session.backup(desk, args.out)
    print(f"Backed up {args.db} to {out}.")
    return EXIT_OK


def _run_restore(args: argparse.Namespace) -> int:
    if session.is_server_target(args.db):
        return _server_backups(args)
    safety = session.restore(args.backup, args.db, other_election=args.other_election,
                             user=args.user)
    print(f"Restored {args.db} from {args.backup}." +
          (f" Its previous contents are in {safety}." if safety else ""))
    # A backup is what a desk falls back on: one whose record was changed outside the app
    # is said at once, not left for the next check (the restore itself keeps it whole).
    from ..desk.audit import check_database
    from ..desk.restore_accounts import accounts_not_kept

    if (why := accounts_not_kept(args.db)) is not None:  # the desk's accounts are the backup's
        print(f"resultsdesk: warning: the accounts {args.db} had were not kept ({why}): the "
              f"backup's came in ('resultsdesk users list --db {args.db}' shows them).",
              file=sys.stderr)
    checked = check_database(args.db)
    if not checked.intact:
        print(f"resultsdesk: warning: the restored database's {checked.summary()}",
              file=sys.stderr)
    return EXIT_OK
