"""Recounts called or called off under figures being saved or verified.

Figures typed for one count, saved after a recount was called (or called off) since: one
line saying so (`count_moved`), in the words of the window that typed them, or of the
command that gave them (nothing was opened there). The desk compares the count before
saving (`declarations`); a server compares it under its lock (migrations 37 and 39), and
its refusal is worded again here (`count_conflict_reworded`) for a command.

A recount's count that an older ResultsDesk left verifiable when the recount was called off:

Before a recount whose count awaited verification could no longer be called off
(`sheets.refuse_end_of_recount`; a server's migration 37), calling it off left that count
awaiting verification with no recount under way: verified, it went on air for a recount the
desk had said was not going ahead. Files and servers made then still hold such counts.

The state, exactly: the seat's newest version awaits verification and holds figures keyed
for recount N (a declaration, or a lot drawn on one by its keyer: `sheets.
unverified_lot_base`), no recount is under way, and the seat's audit log says "recount
ended" for count N after the entry that recorded those figures. The sheet alone cannot
tell it from figures keyed after a recount was called off (the older version labelled
those "recount N" too, and they are the result to verify), nor from a correction or a lot
on a verified count: the order of the audit entries can. A server's `verify` refuses the
same (migration 39).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from ..domain.model import DeclarationKind
from ..store import Store
from ..store import declarations as sql
from .errors import Conflict, DeskRefusal
from .meanwhile import changed_since
from .sheets import (
    SeatSheet,
    Version,
    count_name,
    load_sheet,
    local_time,
    unverified_lot_base,
)

if TYPE_CHECKING:
    from .visibility import Viewer

RECORDS_FIGURES = ("declare", "decide tie by lot")  # the audit actions that key a count


def called_off_after_keying(store: Store, sheet: SeatSheet) -> dict[str, Any] | None:
    """The "recount ended" audit entry that called off the recount whose figures the
    seat's version awaiting verification holds, after they were keyed; None if it is not
    such a count (nothing pending, a recount under way, a first count, a correction, a
    lot on verified figures, figures keyed after the recount was called off)."""
    pending = sheet.pending
    if pending is None or sheet.recount_under_way or pending.count_number == 0 \
            or pending.kind is DeclarationKind.CORRECTION:
        return None
    keyed: Version | None = pending
    if pending.kind is DeclarationKind.LOT:
        keyed = unverified_lot_base(sheet, pending)
    if keyed is None:
        return None
    entries = sql.audit_entries(store, sheet.code)
    recorded = next((i for i in range(len(entries) - 1, -1, -1)
                     if entries[i]["action"] in RECORDS_FIGURES
                     and entries[i]["details"].get("version") == keyed.version), None)
    if recorded is None:  # keyed by no desk action (an import): nothing to go by
        return None
    return next((e for e in entries[recorded + 1:] if e["action"] == "recount ended"
                 and e["details"].get("count") == pending.count_number), None)


def refuse_called_off_count(store: Store, sheet: SeatSheet) -> None:
    """Why the seat's version awaiting verification may not be verified, if it is a count
    of a recount called off after it was keyed (DeskRefusal, one line: what to do)."""
    ended = called_off_after_keying(store, sheet)
    if ended is None:
        return
    pending, count = sheet.pending, sheet.pending.count_number
    raise DeskRefusal(
        f"{sheet.name}: version {pending.version} holds recount {count}'s figures, keyed "
        f"before recount {count} was called off (at {local_time(ended['at'])}), so it is "
        "not to be verified: reject it, or mark a recount under way if one is going ahead.")


class CountedSeat(Protocol):
    """A seat with its count: a `SeatSheet` just read, or the window's `live.SeatState`."""

    name: str
    current_count: int
    recount_under_way: bool


def count_moved(sheet: CountedSeat, typed_for: int, *, command: bool = False) -> str:
    """Why figures typed for count `typed_for` are not saved now the seat is at `sheet`'s
    count: a recount was called since (calling one adds no version, so the figures would
    be saved as its count), or called off (the seat is back at the count before it). In
    the window's words ("since you opened it"), or a command's (`command`)."""
    now = sheet.current_count
    if now < typed_for:
        if command:
            return (f"{sheet.name}: recount {typed_for} was called off while this command "
                    "was saving figures for it, so nothing was saved: run it again only "
                    "with the figures of the count the seat is at now (resultsdesk history "
                    "shows it).")
        return (f"{sheet.name}: recount {typed_for} was called off since you opened it; the "
                "figures typed were for it. Close the form and key the count the seat is at "
                "now.")
    over = "" if sheet.recount_under_way else ", and is over"
    if command:
        return (f"{sheet.name}: recount {now} was called{over}{',' if over else ''} while "
                f"this command was saving figures for {count_name(typed_for, the=True)}, so "
                "nothing was saved: run it again only with the figures of the count the seat "
                "is at now (resultsdesk history shows it).")
    return (f"{sheet.name}: recount {now} was called since you opened it{over}; the figures "
            "typed were for the count before it. Close the form and key the count the seat "
            "is at now.")


@contextmanager
def count_conflict_reworded(store: Store, sheet: SeatSheet, viewer: Viewer, *,
                            command: bool) -> Iterator[None]:
    """Around a save to a server of figures typed on `sheet`: its refusal (`Conflict`) as
    the desk's own line, read again now. The count moved since the desk read it (the server
    compared it under its lock: a recount called in the instant between): its words are
    the window's, and a command's are its own. A version added in that instant: said as the
    desk's own check says it (`meanwhile.changed_since`), the server's words calling every
    such change someone else's, the person's own save from their other PC too. Any other
    refusal passes as it came."""
    try:
        yield
    except Conflict:
        now = load_sheet(store, sheet.code)
        if now.current_count != sheet.current_count:
            raise Conflict(count_moved(now, sheet.current_count, command=command)) from None
        if now.current_version != sheet.current_version and now.latest is not None:
            raise Conflict(changed_since(now, now.latest, viewer)) from None
        raise
