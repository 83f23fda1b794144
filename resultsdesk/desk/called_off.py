"""A recount's count that an older ResultsDesk left verifiable when the recount was called off.

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

from typing import Any

from ..domain.model import DeclarationKind
from ..store import Store
from ..store import declarations as sql
from .errors import DeskRefusal
from .sheets import SeatSheet, Version, local_time, unverified_lot_base

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
