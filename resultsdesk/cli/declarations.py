"""The declaration workflow from the command line: `declare`, `verify`, `history`,
`correct`, `reject`, `withdraw`, `recount` and `lot`, each one call of `desk.declarations`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from ..desk.permissions import Permission
from ..desk.session import Desk
from ..domain.model import Figures
from ..domain.validation import WARNING_CODES
from .accounts import add_sign_in_option, open_election
from .common import (
    EXIT_ERROR,
    EXIT_OK,
    CommandError,
    db_option,
    non_negative_int,
    reader_option,
)

if TYPE_CHECKING:  # the desk's declarations load when a command runs, not with the parser
    from ..desk import declarations as dk
    from ..desk.repeats import Landed
    from ..desk.sheets import CandidateLine, HiddenVersion, SeatSheet, Version


def _seat_options(parser: argparse.ArgumentParser, user: bool = True) -> None:
    db_option(parser)
    parser.add_argument("--constituency", required=True, metavar="CODE",
                        help="GSS code (E14001279) or exact name")
    if user:
        add_sign_in_option(parser, Permission.DECLARE, required=True)
    else:
        reader_option(parser)


def _figure_options(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--vote", action="append", required=required, metavar="KEY=VOTES",
                        type=_vote,
                        default=[], help="a candidate's votes; KEY is the full name, or the "
                        "party abbreviation when one candidate of that party stands (repeat "
                        "for every candidate)")
    parser.add_argument("--invalid", type=non_negative_int, metavar="N",
                        help="rejected ballots")
    parser.add_argument("--electorate", type=non_negative_int, metavar="N",
                        help="the electorate the returning officer gave, where it differs "
                        "from the one the form starts from (default: the verified result's, "
                        "else the seat's); verify compares it too")


def _override_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--total", type=non_negative_int, metavar="N",
                        help="total valid votes as read out; must equal the sum")
    parser.add_argument("--override", action="append", default=[], metavar="WARNING",
                        choices=WARNING_CODES, help="accept a warning, recorded in the audit "
                        "log: " + ", ".join(WARNING_CODES))


def add_commands(commands) -> None:
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
    ver.add_argument("--winner", metavar="KEY",
                     help="where the figures tie and the entry records a winner drawn by "
                          "lot: that winner, re-keyed too (full name or party abbreviation)")
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
    _add_state_commands(commands)


def _add_state_commands(commands) -> None:
    """The commands that move a seat along without new figures."""
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


def _vote(text: str) -> tuple[str, str]:
    """--vote: KEY=VOTES as (key, figure), each stripped; the figure is read against the
    seat's ballot paper (`votes_from_keys`), which names its candidate."""
    key, sep, value = text.rpartition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"'{text}' should be KEY=VOTES, like 'Lab=20001'")
    return key.strip(), value.strip()


def _sheet_and_votes(desk: Desk, args: argparse.Namespace) -> tuple[dk.SeatSheet, list[int]]:
    """The seat named by --constituency, and its --vote figures in ballot order."""
    from ..desk import declarations as dk

    sheet = dk.load_sheet(desk, args.constituency)
    return sheet, dk.votes_from_keys(sheet, args.vote)


def _figures_line(sheet, votes, invalid) -> str:
    parts = [f"{c.name} ({c.party}) {v:,}" for c, v in zip(sheet.candidates, votes, strict=True)]
    return "; ".join(parts) + (f"; rejected {invalid:,}" if invalid is not None else "")


# declare, correct, verify, reject, withdraw and recount run with `retry`: a command run
# again after its reply was lost ("saved whole or not at all") finds that save and says it
# is done, rather than saving the same entry a second time (or refusing as done already a
# verification, rejection, withdrawal or recount call that counted).


def _run_declare(args: argparse.Namespace) -> int:
    from ..desk import declarations as dk

    with open_election(args) as desk:
        sheet, votes = _sheet_and_votes(desk, args)
        version = dk.declare(desk, sheet.code, Figures(votes, args.invalid, args.total,
                                                       args.electorate),
                             user=args.user, overrides=args.override, source="cli",
                             retry=True)
    print(f"{sheet.name}: version {version.version} ({version.count_label.lower()}) saved as "
          f"PROVISIONAL by {version.entered_by}; it needs a second person to verify it.")
    print("  " + _figures_line(sheet, version.votes, version.invalid_votes))
    return EXIT_OK


def _run_verify(args: argparse.Namespace) -> int:
    from ..desk import declarations as dk

    with open_election(args) as desk:
        sheet, votes = _sheet_and_votes(desk, args)
        winner = None if args.winner is None else _candidate(sheet, args.winner).id
        result = dk.verify(desk, sheet.code, user=args.user, votes=votes, invalid=args.invalid,
                           tie_winner=winner, retry=True, electorate=args.electorate)
    if not result.verified and result.taken_back:  # every field named: none compared
        from ..desk.rekeys import WHO_NEXT, compared_nothing_words, tries_left_words

        left = result.tries_left
        print(f"resultsdesk: {sheet.name}: nothing was verified: "
              f"{compared_nothing_words(result.taken_back)}"
              f"{f', but that was your last try at this version: {WHO_NEXT}' if left == 0 else ''}"
              f"{f' ({tries_left_words(left)})' if left else ''}.", file=sys.stderr)
        return EXIT_ERROR
    if not result.verified:
        print(f"resultsdesk: {sheet.name}: your figures differ from the first entry for: "
              f"{result.describe_differences()}. {_what_next(result.tries_left)}",
              file=sys.stderr)
        return EXIT_ERROR
    v = result.version
    print(f"{sheet.name}: version {v.version} VERIFIED by {v.verified_by} "
          f"(entered by {v.entered_by}).")
    return EXIT_OK


def _what_next(tries_left: int | None) -> str:
    """After a miss: re-key, with how many more tries at this version (`desk.rekeys`)."""
    from ..desk.rekeys import WHO_NEXT, tries_left_words

    if tries_left == 0:
        return f"Nothing was verified, and that was your last try at this version: {WHO_NEXT}."
    left = "" if tries_left is None else f" ({tries_left_words(tries_left)})"
    return f"Nothing was verified; check with the desk and re-key{left}."


def _run_correct(args: argparse.Namespace) -> int:
    from ..desk import declarations as dk

    with open_election(args) as desk:
        sheet, votes = _sheet_and_votes(desk, args)
        invalid = args.invalid if args.invalid is not None else \
            (sheet.verified.invalid_votes if sheet.verified else None)
        version = dk.correct(desk, sheet.code, Figures(votes, invalid, args.total,
                                                       args.electorate),
                             user=args.user, reason=args.reason, overrides=args.override,
                             source="cli", retry=True)
    print(f"{sheet.name}: correction saved as version {version.version}, awaiting "
          "verification; the verified figures stay on air until then.")
    return EXIT_OK


def _run_reject(args: argparse.Namespace) -> int:
    from ..desk import declarations as dk

    landed: list[Landed] = []
    with open_election(args) as desk:
        v = dk.reject(desk, args.constituency, user=args.user, comment=args.comment,
                      retry=True, on_landed=landed.append)
    print(landed[0].says() if landed else f"Version {v.version} rejected back to the desk.")
    return EXIT_OK


def _run_withdraw(args: argparse.Namespace) -> int:
    from ..desk import declarations as dk

    landed: list[Landed] = []
    with open_election(args) as desk:
        v = dk.withdraw(desk, args.constituency, user=args.user, retry=True,
                        on_landed=landed.append)
    print(landed[0].says() if landed else f"Version {v.version} withdrawn.")
    return EXIT_OK


def _run_recount(args: argparse.Namespace) -> int:
    from ..desk import declarations as dk
    from ..desk.sheets import recount_replaces

    landed: list[Landed] = []
    with open_election(args) as desk:
        before = dk.load_sheet(desk, args.constituency)
        # An entry awaiting verification that the call leaves nothing to verify: the
        # window's question names it, and the command said nothing, so whoever ran it (or
        # the keyer) took it to be still waiting in the queue.
        dropped = before.pending if not args.ended and recount_replaces(before) else None
        sheet = dk.mark_recount(desk, args.constituency, user=args.user,
                                under_way=not args.ended, retry=True,
                                on_landed=landed.append)
    if landed:
        print(landed[0].says())
    gone = dropped is not None and all(
        v.version != dropped.version for v in (sheet.pending, sheet.verified) if v)
    if gone:  # who and which version only: its figures stay blind
        print(f"{sheet.name}: {dropped.entered_by}'s entry (version {dropped.version}), "
              "awaiting verification, no longer counts: nothing of it is verified.")
    # `--ended` on recount N called over recount N-1's unverified count puts the seat back
    # into recount N-1, still under way: said first, so the call-off does not read as
    # ignored (the window says the same).
    again = (f"recount {sheet.current_count + 1} called off; "
             if args.ended and sheet.recount_under_way else "")
    if sheet.recount_under_way:
        print(f"{sheet.name}: {again}RECOUNT UNDER WAY; the next figures entered are recount "
              f"{sheet.current_count}.")
    else:
        print(f"{sheet.name}: recount called off.")
    return EXIT_OK


def _run_lot(args: argparse.Namespace) -> int:
    from ..desk import declarations as dk

    with open_election(args) as desk:
        sheet = dk.load_sheet(desk, args.constituency)
        winner = _candidate(sheet, args.winner)
        v = dk.decide_tie(desk, sheet.code, user=args.user, winner_id=winner.id,
                          note=args.note)
    print(f"{sheet.name}: {winner.name} recorded as winner by lot (version {v.version}, "
          "awaiting verification).")
    return EXIT_OK


def _candidate(sheet: SeatSheet, key: str) -> CandidateLine:
    """The one candidate `key` names in the seat (--winner of `lot` and `verify`), read as
    `--vote` reads its keys (`desk.candidate_lookup`)."""
    from ..desk.candidate_lookup import NotOneCandidate, candidate_index

    try:
        return sheet.candidates[candidate_index(sheet, key)]
    except NotOneCandidate as exc:
        raise CommandError(f"'{key}' does not name one candidate in {sheet.name}: "
                           f"{exc.hint}.") from None


def _run_history(args: argparse.Namespace) -> int:
    from ..desk import declarations as dk
    from ..desk.accounts import server_account
    from ..desk.audit_text import clean, trail_lines, trail_text
    from ..desk.visibility import blind_history, viewer_for

    with open_election(args) as desk:
        hist = dk.history(desk, args.constituency)
        trail = trail_lines(desk, hist.sheet.code)
        account = server_account(desk)
    hidden = None
    if account is not None:
        # A server hides an entry awaiting someone else's verification from desk staff:
        # said so, as the window's History says it, not printed as the zeros read in its
        # place. (On a file the command line reads everything.)
        hist, hidden = blind_history(hist, viewer_for(account))
    if args.json:
        out = hist.to_json_dict()
        if hidden is not None:
            out["hidden_version"] = {"version": hidden.version,
                                     "entered_by": hidden.entered_by,
                                     "entered_at": hidden.entered_at}
        print(_terminal_json(out))
        return EXIT_OK
    s = hist.sheet
    print(f"{clean(s.name)} ({s.code})" + ("  RECOUNT UNDER WAY" if s.recount_under_way else ""))
    if not s.versions and not hist.hidden:
        print("  no declarations yet")
    # Every version in order, those hidden from this account too: a line saying which,
    # whose and where it stands, in place of its figures (a skipped number would read as a
    # rewritten record).
    lines = [(v.version, _version_lines(s, v)) for v in s.versions]
    lines += [(h.version, _hidden_lines(h)) for h in hist.hidden]
    for _, text in sorted(lines, key=lambda pair: pair[0]):
        print("\n".join(text))
    print("\nAudit trail (local time):")
    print("\n".join(trail_text(trail, indent="  ")))
    return EXIT_OK


def _terminal_json(data: object) -> str:
    """`data` as JSON that shows on a terminal as written: what json escapes anyway (the
    ASCII controls), and every other character that is not printable (a U+202E, a C1
    control), as \\uXXXX; the same JSON to any reader."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(ch if ch.isprintable() or ch == "\n" else json.dumps(ch)[1:-1]
                   for ch in text)


def _version_lines(s: SeatSheet, v: Version) -> list[str]:
    """A version the account may read: who and when, its figures, reason and note (a
    rejection's comment), each typed text escaped as the audit trail's are (`clean`): an
    escape sequence in a note cleared the screen, a U+202E turned the line around."""
    from ..desk.audit_text import clean, local_stamp

    who = f"entered by {clean(v.entered_by)} {local_stamp(v.entered_at)}"
    if v.verified_by:
        who += f", verified by {clean(v.verified_by)} {local_stamp(v.verified_at)}"
    lines = [f"  v{v.version} {v.status.upper():<11} {v.kind:<11} {v.count_label:<12} {who}",
             "     " + clean(_figures_line(s, v.votes, v.invalid_votes))
             # as keyed: a correction of the electorate alone read as two equal versions
             + (f"; electorate {v.electorate:,}" if v.electorate is not None else "")]
    lines += [f"     {label}: {clean(text)}" for label, text in (("reason", v.reason),
                                                                 ("note", v.note)) if text]
    return lines


def _hidden_lines(h: HiddenVersion) -> list[str]:
    """A version hidden from the account: the same head line (who rejected or withdrew it
    in place of who verified it), and in place of its figures what stands for them, then
    why it was rejected."""
    from ..desk.audit_text import clean, closed_text, local_stamp

    who = f"entered by {h.entered_by} {local_stamp(h.entered_at)}"
    if h.closed_by:
        who += f", {closed_text(h)}"
    lines = [f"  v{h.version} {h.status.upper():<11} {h.kind:<11} {h.count_label:<12} {who}",
             f"     {h.figures_text}"]
    return lines + ([f"     comment: {clean(h.comment)}"] if h.comment else [])
