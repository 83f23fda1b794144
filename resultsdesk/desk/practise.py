"""Practise rehearsals: each due seat arrives as the returning officer's read-out, which the
desk keys and verifies by hand with the normal workflow (`desk.declarations`); the report
says how fast each person was (read-out shown to verified) and what the re-key caught.

The read-out's time becomes the declaration time of what the desk keys for that seat
(`declarations.declare`), so "majority reached at" and the timeline follow the night.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..domain.declaration_time import uk_clock
from ..domain.replay import (
    PersonReport,
    PractisedSeat,
    held_periods,
    practise_report,
    seconds_between,
)
from ..domain.wording import isolated
from ..io.practise_report import write_practise_report
from ..store import rehearsal as sql
from .rehearsal import REHEARSAL_USER, RehearsalRefusal
from .session import Desk

__all__ = ["PersonReport", "PractisedSeat", "Readout", "ReadoutLine", "export_practise_report",
           "mark_all_shown", "mark_shown",
           "practise_report_rows", "practised_seats", "readout", "readouts"]


@dataclass(frozen=True, slots=True)
class ReadoutLine:
    candidate: str
    party: str
    votes: int


@dataclass(frozen=True, slots=True)
class Readout:
    """What the returning officer reads out, and when."""

    position: int  # in the night's order
    code: str
    constituency: str
    declared_at: str  # ISO 8601, UK offset
    lines: tuple[ReadoutLine, ...]  # ballot order (surnames A-Z), as read
    invalid_votes: int | None
    electorate: int | None
    delivered_at: str  # wall time it was released to the desk
    shown_at: str | None  # wall time a screen first showed it (None: not yet)

    @property
    def clock(self) -> str:
        return uk_clock(self.declared_at) or ""

    def text(self, *, isolate: bool = False) -> str:
        """The declaration as read out at the count. `isolate`: for a window, which shows
        text in bidi order, each name as `wording.isolated` (a candidate written right to
        left took the votes after it into its run); `rehearse` prints names as written."""
        named = isolated if isolate else str
        seat = named(self.constituency)
        out = [f"{self.clock}  {seat}",
               f"I, the Acting Returning Officer for {seat}, declare the total "
               "number of votes given for each candidate to be as follows:"]
        out += [f"  {named(line.candidate)} ({named(line.party)}): {line.votes:,}"
                for line in self.lines]
        if self.invalid_votes is not None:
            out.append(f"  Rejected ballot papers: {self.invalid_votes:,}")
        if self.electorate:
            out.append(f"  Electorate: {self.electorate:,}")
        top = max(self.lines, key=lambda line: line.votes, default=None)
        if top is not None:
            out.append(f"and I declare that {named(top.candidate)} is duly elected.")
        return "\n".join(out)


def _check(desk: Desk) -> None:
    state = sql.state(desk)
    if state is None:
        raise RehearsalRefusal(f"{desk.path} is not a rehearsal")
    if state["mode"] != "practise":
        raise RehearsalRefusal("read-outs are for a practise rehearsal; this one is "
                               f"in {state['mode']} mode")


def _readout(desk: Desk, seat: dict) -> Readout:
    lines = tuple(ReadoutLine(r["name"], r["party"], r["votes"])
                  for r in sql.planned_votes(desk, seat["position"]))
    return Readout(seat["position"], seat["code"], seat["name"], seat["declared_at"], lines,
                   seat["invalid_votes"], seat["electorate"], seat["delivered_at"],
                   seat["shown_at"])


def readouts(desk: Desk) -> list[Readout]:
    """Every read-out delivered so far, in the night's order."""
    _check(desk)
    with desk.snapshot():
        return [_readout(desk, seat) for seat in sql.plan(desk) if seat["delivered_at"]]


def readout(desk: Desk, code: str) -> Readout | None:
    """The read-out of one seat (GSS code) once delivered; None before. Its figures only:
    `rehearse` prints each delivery's, hundreds after a jump."""
    _check(desk)
    with desk.snapshot():
        seat = next((s for s in sql.plan(desk) if s["code"] == code and s["delivered_at"]),
                    None)
        return _readout(desk, seat) if seat is not None else None


def mark_shown(desk: Desk, code: str, now: datetime | None = None, *,
               user: str = REHEARSAL_USER) -> bool:
    """Record that a screen (`user`'s) showed the seat's read-out at wall time `now` (the
    first time counts); False when it was already recorded or is not delivered."""
    return bool(mark_all_shown(desk, [code], now, user=user))


def mark_all_shown(desk: Desk, codes: list[str], now: datetime | None = None, *,
                   user: str = REHEARSAL_USER) -> list[str]:
    """`mark_shown` for several read-outs at once, in one transaction reading the plan once:
    a jump's two hundred read-outs, shown by the panel's refresh on the GUI thread, were
    two hundred transactions each reading the whole plan (seconds, the window held up).
    Returns the codes newly recorded."""
    _check(desk)
    now = now or datetime.now(UTC)
    stamp = now.astimezone(UTC).isoformat(timespec="seconds")
    marked: list[str] = []
    with desk.write():
        positions = {s["code"]: s["position"] for s in sql.plan(desk)}
        for code in codes:
            if code not in positions:
                raise RehearsalRefusal(f"{code} is not a seat of this rehearsal")
            if sql.mark_shown(desk, positions[code], stamp):
                desk.audit(user, "rehearsal read-out shown", "constituency", code,
                           {"rehearsal": positions[code]})
                marked.append(code)
    return marked


def practised_seats(desk: Desk) -> list[PractisedSeat]:
    """Each delivered read-out with who keyed and verified it, how long it took (read-out
    shown, or released if no screen recorded it, to verified, while the clock ran: a pause
    or a stop, such as the app closed, is not the desk being slow), the re-keys that did
    not match (and whose slip each was, judged against the read-out), the wrong entries
    they caught (once each), and whether the figures that first went on air are those
    read out (a correction later does not change who keyed and verified the seat)."""
    _check(desk)
    with desk.snapshot():
        plan = [s for s in sql.plan(desk) if s["delivered_at"]]
        versions: dict[int, list[dict]] = {}
        for v in sql.practised_versions(desk):
            versions.setdefault(v["position"], []).append(v)
        read = sql.all_planned_votes(desk)
        keyed = sql.version_votes(desk, [v["id"] for vs in versions.values() for v in vs])
        mismatches = sql.mismatch_entries(desk)
        held = held_periods(sql.clock_actions(desk))
    return [_practised(seat, versions.get(seat["position"], []),
                       (read.get(seat["position"]), seat["invalid_votes"]), keyed,
                       [m for m in mismatches if m["code"] == seat["code"]], held)
            for seat in plan]


def _practised(seat: dict, vs: list[dict], readout_figures: tuple,
               keyed: dict[int, dict[int, int]], mismatches: list[dict],
               held: list) -> PractisedSeat:
    """One read-out (`seat`) and what the desk made of it: its versions `vs` in order, the
    figures keyed of each, the re-keys of it that did not match."""
    by_version = {v["version"]: v for v in vs}
    # what first went on air: the read-out's turn on the desk. A correction verified later
    # (superseding it) is not, and must not erase that the first figures were wrong.
    on_air = next((v for v in vs if v["verified_by"] is not None), None)
    shown = seat["shown_at"] or seat["delivered_at"]

    def as_read(version: dict) -> bool:
        return (keyed.get(version["id"]), version["invalid_votes"]) == readout_figures

    differed = [(m["user"], by_version[m["version"]]) for m in mismatches
                if m["version"] in by_version]
    rekeys = tuple((entry["entered_by"], user, as_read(entry)) for user, entry in differed)
    # one error per wrong entry, however many re-keys differed from it
    wrong = {entry["version"]: entry["entered_by"] for _, entry in differed
             if not as_read(entry)}
    if on_air is None:
        return PractisedSeat(seat["code"], seat["name"], seat["declared_at"], shown, None,
                             None, None, None, rekeys, None, tuple(wrong.values()))
    return PractisedSeat(
        seat["code"], seat["name"], seat["declared_at"], shown, on_air["entered_by"],
        on_air["verified_by"], on_air["verified_at"],
        seconds_between(shown, on_air["verified_at"], held), rekeys, as_read(on_air),
        tuple(wrong.values()))


def practise_report_rows(desk: Desk) -> list[PersonReport]:
    """One row per person: seats keyed and verified, speed, errors the re-key caught."""
    return practise_report(practised_seats(desk))


def export_practise_report(desk: Desk, out: str | Path) -> Path:
    """The report written to `out` (.csv: per person; .json: people and read-outs)."""
    seats = practised_seats(desk)
    return write_practise_report(out, practise_report(seats), seats)
