"""`rehearse`: replay a past night into a rehearsal database at its real pace (scaled).

The loop only drives `desk.rehearsal`: step, print what was delivered, sleep until the next
seat is due (at most a second, so a pause or a speed change made by the app is seen soon).
Everything is in the database, so Ctrl+C (which stops the clock) and a later `rehearse --db`
on the file continue where it left off (the line Ctrl+C leaves names that command). It
runs the clock: on a rehearsal with accounts, `--user` must be an editor or admin
(`Permission.REHEARSE`, signed in before it starts).
"""

from __future__ import annotations

import argparse
import shlex
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..desk.permissions import Permission
from ..domain.replay import ReplayMode, check_speed, check_time_form
from .accounts import PASSWORD_ENV, add_sign_in_option
from .common import (
    EXIT_OK,
    CommandError,
    UsageError,
    db_target,
    end_progress,
    file_type,
    local_path,
    progress_printer,
    stopped_as_asked,
)

if TYPE_CHECKING:  # the desk's rehearsal modules load when a rehearsal command runs
    from ..desk import rehearsal as rh

MAX_SLEEP = 1.0  # seconds: how long the loop may be deaf to a pause made elsewhere


# The clock and the sleep are module functions so tests can run the loop on a fake clock.
def now() -> datetime:
    return datetime.now(UTC)


def sleep(seconds: float) -> None:
    time.sleep(seconds)


def monotonic() -> float:
    return time.monotonic()


def positive_speed(text: str) -> float:
    """--speed as the clock takes it (`replay.check_speed`): a usage error (exit 2) for any
    it refuses, NaN and 1e9 as 0 is (they were refused later, exit 1)."""
    try:
        return check_speed(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def night_time_text(text: str) -> str:
    """--start and --until: a time of the night's form (`replay.check_time_form`), kept as
    typed; whether the night has it is the rehearsal's to say (exit 1)."""
    try:
        return check_time_form(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_commands(commands) -> None:
    reh = commands.add_parser(
        "rehearse", help="replay a past election night into a rehearsal database, at its "
                         "real pace (scaled by --speed)",
        description="Replay a night into a database marked REHEARSAL for its whole life. "
                    "Without --results, the bundled UK general election 2019 night is "
                    "replayed (2017 as its baseline). The database is created if missing, "
                    "otherwise the rehearsal in it continues where it stopped. Ctrl+C stops "
                    "the clock; `rehearse --db` on it again resumes.")
    reh.add_argument("--db", type=db_target, required=True, metavar="PATH",
                     help="the rehearsal database (created if missing)")
    reh.add_argument("--results", type=local_path, metavar="FILE",
                     help="HoC by-candidate results CSV (default: the bundled 2019 night)")
    reh.add_argument("--constituencies", type=local_path, metavar="FILE",
                     help="HoC by-constituency CSV with declaration times (needed with "
                          "--results)")
    reh.add_argument("--baseline", type=local_path, metavar="FILE",
                     help="previous results, for gains (default with the bundled night: 2017)")
    reh.add_argument("--baseline-constituencies", type=local_path, metavar="FILE",
                     help="the HoC by-constituency CSV of --baseline's election, for its "
                          "electorates (turnout change); the bundled 2017 baseline has its own")
    reh.add_argument("--speed", type=positive_speed, metavar="N",
                     help="N seconds of the night per second (default 60: a minute a second)")
    reh.add_argument("--start", type=night_time_text, metavar="HH:MM",
                     help="start the clock at this time of the night (default: the first "
                          "declaration)")
    reh.add_argument("--mode", choices=[m.value for m in ReplayMode],
                     help="watch: each seat arrives verified from the feed user 'rehearsal'; "
                          "practise: each arrives as a read-out for the desk to key and verify "
                          "(default watch)")
    reh.add_argument("--until", type=night_time_text, metavar="HH:MM",
                     help="stop delivering after this time")
    reh.add_argument("--report", type=file_type(".csv", ".json", what="the practise report"),
                     metavar="FILE",
                     help="practise mode only: where to write the report (.csv or .json; "
                          "default beside the database)")
    add_sign_in_option(reh, Permission.REHEARSE, required=False,
                       help_text="who runs the clock (audit log; default 'rehearsal'); with "
                       "desk accounts in the rehearsal, an editor or admin account (password "
                       f"from {PASSWORD_ENV} or asked)")
    reh.set_defaults(run=_run_rehearse, check_usage=_check_night_options)


def _night_files(args: argparse.Namespace) -> tuple[Path, Path, Path | None, dict]:
    from ..desk import rehearsal as rh

    if args.results is None:  # (alone, either is a usage error: `_check_night_options`)
        results, constituencies, baseline = rh.bundled_night()
        names = {"name": rh.BUNDLED_NIGHT,
                 "baseline_name": rh.BUNDLED_BASELINE if args.baseline is None else None,
                 "baseline_constituencies": args.baseline_constituencies
                 if args.baseline is not None else rh.bundled_baseline_constituencies()}
        return results, constituencies, args.baseline or baseline, names
    return args.results, args.constituencies, args.baseline, {
        "baseline_constituencies": args.baseline_constituencies}


def _check_night_options(args: argparse.Namespace) -> None:
    """--results and --constituencies, which go together or not at all: either alone is a
    usage error (exit 2), said before --db is opened or anyone signs in; so is
    --baseline-constituencies without --baseline (whose electorates it gives)."""
    if args.baseline_constituencies is not None and args.baseline is None:
        raise UsageError("--baseline-constituencies needs --baseline (the bundled night's "
                         "2017 baseline comes with its own)")
    if args.results is None and args.constituencies is not None:
        raise UsageError("--constituencies needs --results (without both, the bundled "
                         "2019 night is replayed)")
    if args.results is not None and args.constituencies is None:
        raise UsageError("--results needs --constituencies (the HoC by-constituency file "
                         "with the declaration times)")


def _create(args: argparse.Namespace):
    from ..desk import rehearsal as rh

    results, constituencies, baseline, names = _night_files(args)
    desk = rh.create_rehearsal(
        args.db, results, constituencies, baseline, mode=args.mode or ReplayMode.WATCH,
        speed=args.speed or 60.0, start=args.start, until=args.until,
        progress=progress_printer(f"Reading {Path(results).name}"), **names)
    end_progress()
    state = rh.rehearsal_state(desk)
    print(f"Created rehearsal {args.db}: {state.total} seats from {state.results_file}, "
          f"{state.mode.value} mode at speed {state.speed:g}, from {state.night_text}.")
    note = rh.never_delivered_note(desk)
    if note:
        print(note)
    return desk


def _continue(args: argparse.Namespace):
    from ..desk import rehearsal as rh

    if args.results or args.constituencies or args.baseline or args.baseline_constituencies:
        raise CommandError(f"{args.db} already holds a rehearsal: its files were chosen when "
                           "it was created (leave out --results, --constituencies, "
                           "--baseline and --baseline-constituencies to continue it, or use "
                           "a new --db)")
    desk = rh.open_rehearsal(args.db)
    try:
        state = rh.rehearsal_state(desk)
        if args.mode and args.mode != state.mode.value:
            raise CommandError(f"{args.db} is a {state.mode.value} rehearsal; its mode "
                               "cannot change (use a new --db)")
        if args.report is not None and state.mode is not ReplayMode.PRACTISE:
            raise CommandError(f"--report is the practise report: {args.db} is a "
                               f"{state.mode.value} rehearsal, which has none")
        # all refused before any is made: one refused after another was made would leave
        # the rehearsal half changed (the speed set, the jump refused)
        rh.check_changes(desk, speed=args.speed, until=args.until, start=args.start)
        # its last driver killed (the clock says running, nobody holds it): held where it
        # left the night before anything changes it (`hold_lost_driver`)
        from ..desk.rehearsal_resume import hold_lost_driver

        hold_lost_driver(desk, now(), user=_user(args))
        if args.speed:
            rh.set_speed(desk, args.speed, now(), user=_user(args))
        if args.until:
            rh.set_until(desk, args.until, now(), user=_user(args))
        if args.start:
            rh.jump_to(desk, args.start, now(), user=_user(args))
    except BaseException:
        desk.close()
        raise
    state = rh.rehearsal_state(desk)
    print(f"Continuing rehearsal {args.db}: {state.delivered} of {state.total} delivered, "
          f"the clock at {state.night_text}.")
    return desk


def _user(args: argparse.Namespace) -> str:
    """Who runs the clock: the signed-in account (`sign_in_command`), else the feed's name."""
    from ..desk import rehearsal as rh

    return args.user or rh.REHEARSAL_USER


def _print_delivery(desk, delivery: rh.Delivery, total: int, mode: ReplayMode) -> None:
    from ..desk import practise

    # Read before a word is printed: Ctrl+C while it was read (a burst's time goes here)
    # left the seat's line printed but not counted, and said again on the way out (`_drive`).
    readout = practise.readout(desk, delivery.code) if mode is ReplayMode.PRACTISE else None
    print(f"{delivery.clock} {delivery.name} declared ({delivery.position} of {total})",
          flush=True)
    if readout is not None:
        print(readout.text(), flush=True)
        print(flush=True)


def _drive(desk, printed: int, args: argparse.Namespace,
           holder: int) -> tuple[rh.RehearsalState, bool]:
    """Step until the night (or `until`) is done; each delivery printed as it happens,
    after the first `printed` of the plan. Printed from the database, not from what this
    step delivered: a window open on the file drives the clock too, and a seat it delivered
    first is read out all the same. (state, True) once finished; (state, False) when the
    clock was held still by someone who has since gone, with nobody left to resume it."""
    from ..desk import rehearsal as rh
    from ..desk import rehearsal_holders as holders
    from ..desk.rehearsal_feed import delivered_after
    from ..desk.rehearsal_resume import hold_over_gap, monotonic_origin

    user = _user(args)
    waiting = False
    beaten = now()
    origin = monotonic_origin(beaten, monotonic())  # as of the loop's last read
    plan = rh.rehearsal_state(desk)

    def print_new(*_progress) -> None:
        # after each seat of a step, not once it returns: Ctrl+C in a burst (hundreds due
        # after a jump) left the seats already in unprinted, for good
        nonlocal printed
        for delivery in delivered_after(desk, printed):
            _print_delivery(desk, delivery, plan.total, plan.mode)
            printed = delivery.position

    while True:
        try:
            result = rh.step(desk, now(), progress=print_new)
            print_new()  # (a seat another driver delivered, when this step had none)
        except KeyboardInterrupt:
            # Ctrl+C between a seat's commit and its progress call: that seat is in, and
            # the command run again prints only after the seats delivered, so it is
            # printed now or never
            print_new()
            raise
        state = result.state
        if result.finished:
            return state, True
        if state.state in (rh.ReplayState.PAUSED, rh.ReplayState.STOPPED):
            # held still by someone else (a window's Pause or Stop): waited for only while
            # someone is left who could resume it (a desk account's window cannot); said
            # once, not a line a second
            left = holders.resumers(desk, holder, now())
            if not left:
                print(_nobody_left(desk, state, args), flush=True)
                return state, False
            if not waiting:
                print(_waiting(desk, state, left), flush=True)
                waiting = True
        elif waiting:
            who = holders.last_change(desk, "running")
            # the night the resume was made at, not the clock's now: up to a sleep later,
            # at x3600 an hour further on
            print(f"{who.name if who else 'Someone'} resumed the clock at "
                  f"{who.night_text if who else state.night_text}.", flush=True)
            waiting = False
        due = result.next_due_wall
        wait = MAX_SLEEP if due is None else (due - now()).total_seconds()
        fell_asleep = now()
        sleep(min(max(wait, 0.0), MAX_SLEEP))
        # A sleep of a second that took over a minute: the machine was suspended in it
        # (a laptop's lid closed). The clock is held over that, not run on through it; one
        # that ended before it began is the computer's clock put back, and kept as it was;
        # the wall clock ahead of the monotonic one since the last read (this step's time
        # too), the computer's clock put forward: held over the step.
        woke = now()
        before, origin = origin, monotonic_origin(woke, monotonic())
        hold_over_gap(desk, fell_asleep, woke, stepped=origin - before, user=user)
        if now() - beaten >= holders.HOLDER_BEAT:  # still here: the clock is held
            holders.beat(desk, holder, now(), kind="command", name=user)
            beaten = now()


def _held_by(desk, state: rh.RehearsalState) -> tuple[str, str]:
    """(who, "paused" or "stopped"): the latest pause or stop of the clock, from the audit
    log ("someone" if it has none)."""
    from ..desk import rehearsal_holders as holders

    change = holders.last_change(desk, "paused", "stopped")
    return (change.name, change.action) if change else ("someone", state.state.value)


def _waiting(desk, state: rh.RehearsalState, left) -> str:
    """One line: what the command waits for, and who could end the wait."""
    from ..desk import rehearsal_holders as holders

    who, how = _held_by(desk, state)
    held, several = holders.described(left)
    return (f"Waiting: {who} {how} the clock at {state.night_text} "
            f"({held} {'hold' if several else 'holds'} it); the night goes on when it "
            "is resumed. Ctrl+C stops the command.")


def _resume_hint(args: argparse.Namespace) -> str:
    """The command that resumes: "the same command" was refused when it had the night's
    files (already chosen) or a --start the night had passed. Speed, until and mode are
    in the database; who runs the clock and where the report goes are not."""
    argv = ["resultsdesk", "rehearse", "--db", str(args.db)]
    for option, value in (("--user", args.user), ("--report", args.report)):
        if value is not None:
            argv += [option, str(value)]
    return f"To resume: {shlex.join(argv)}"


def _nobody_left(desk, state: rh.RehearsalState, args: argparse.Namespace) -> str:
    """One line: the wait is over, nobody being left to resume the clock."""
    who, how = _held_by(desk, state)
    return (f"The clock was {how} by {who} at {state.night_text} and nobody else holds the "
            f"clock to resume it: {state.delivered} of {state.total} delivered. "
            f"{_resume_hint(args)}")


def _report_path(args: argparse.Namespace) -> Path:
    return args.report or args.db.with_name(f"{args.db.stem}-practise-report.csv")


def _run_rehearse(args: argparse.Namespace) -> int:
    from ..desk import practise
    from ..desk import rehearsal as rh
    from ..desk import rehearsal_holders as holders

    # The desk's rule (the app's File > Rehearsal… meets it too), asked before anything
    # treats --db as a file: a team desk server's election is live for its whole life.
    rh.refuse_server_target(args.db, option="--db")
    fresh = not args.db.exists() or args.db.stat().st_size == 0
    if fresh and args.report is not None and args.mode != ReplayMode.PRACTISE:
        raise CommandError("--report is the practise report: add --mode practise (a watch "
                           "rehearsal, the default, has none)")
    if args.report is not None:
        # Where it is written, checked before the night rather than found wanting at its
        # end: a folder that does not exist was said once the whole session had run.
        from ..files import check_output

        check_output(args.report)
        if fresh and args.report.resolve() == args.db.resolve():
            # the database about to be made: nothing stands there yet for `check_output`
            # to find a database, and the report was refused only at the night's end
            raise CommandError(f"{args.report} is the rehearsal's database (--db), which no "
                               "report replaces; give the report another name")
    desk = _create(args) if fresh else _continue(args)
    finished = ended = False  # ended: the clock left held by someone gone, as they left it
    said = False  # where the clock stopped, and how to resume, said
    holder: int | None = None
    try:
        with desk:
            state = rh.rehearsal_state(desk)
            try:
                if not state.finished:
                    # also when the database says running: its last driver was killed, and
                    # start continues from its last delivery (or, a window holding it, goes
                    # on from where it is)
                    printed = state.delivered  # earlier runs' (the plan's first, in order)
                    rh.start(desk, now(), user=_user(args))
                    holder = holders.hold(desk, "command", _user(args), now())
                    state, finished = _drive(desk, printed, args, holder)
                    ended = not finished
                finished = True
            finally:
                left = holders.release(desk, holder, now()) if holder is not None else []
                if not finished:
                    state, said = _let_go(desk, left, args), True
                if state.mode is ReplayMode.PRACTISE:
                    out = practise.export_practise_report(desk, _report_path(args))
                    print(f"Practise report: {out}", flush=True)
            if not ended:
                # at its until, not the night's end: how to go on, not only "finished"
                more = (f" The other {state.total - state.delivered} come after its until: "
                        "run again with a later --until for more."
                        if state.delivered < state.total else "")
                print(f"Rehearsal finished at {state.night_text}: {state.delivered} of "
                      f"{state.total} delivered.{more} `resultsdesk summary --db {args.db}` "
                      "shows the result.")
    except KeyboardInterrupt:
        if said:  # Ctrl+C is how a rehearsal is paused: the stop line says it all
            raise stopped_as_asked() from None
        raise
    return EXIT_OK


def _let_go(desk, left, args: argparse.Namespace) -> rh.RehearsalState:
    """The command stopped (Ctrl+C): the clock stopped, to resume later, unless a window
    still holds it: then it goes on there, as that window has it."""
    from ..desk import rehearsal as rh
    from ..desk import rehearsal_holders as holders

    if left:
        state = rh.rehearsal_state(desk)
        print(f"Left the clock {state.state.value} at {state.night_text} to "
              f"{holders.described(left)[0]}: {state.delivered} of {state.total} "
              "delivered.", flush=True)
        return state
    state = rh.stop(desk, now(), user=_user(args))
    print(f"Stopped at {state.night_text}: {state.delivered} of {state.total} "
          f"delivered. {_resume_hint(args)}", flush=True)
    return state
