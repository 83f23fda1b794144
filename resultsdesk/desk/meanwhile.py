"""What another desk's action did to a seat meanwhile, said when it leaves this desk's
action nothing to act on: a withdrawal of an entry someone verified (it is on air now),
sent back or replaced by a recount; a recount call whose question said an entry awaiting
verification would stop counting, which someone verified since (it would stay on air,
under RECOUNT); a recount called off whose count someone verified since. A re-key is
told the same way (`sheets.fate_of`)."""

from __future__ import annotations

from ..domain.identity import same_person
from ..store import Store
from ..store import declarations as sql
from .errors import Conflict, DeskRefusal
from .sheets import SeatSheet, Version, count_name, describe, fate_of, local_time
from .visibility import Viewer


def changed_since(sheet: SeatSheet, latest: Version, viewer: Viewer) -> str:
    """A save refused for `latest`, a version added since the form opened: who added it,
    and its figures only if `viewer` may see them (blind means blind). The same person's
    own (their other window on the file, a second PC on the shared drive, the command
    line, an earlier save of theirs) is said to be theirs: "someone else" sent a tired
    desk looking for a colleague keying their seat. Whose: the newest version's, as
    described."""
    who = (f"since you opened it, by you ({latest.entered_by})"
           if viewer.name and same_person(viewer.name, latest.entered_by)
           else "by someone else since you opened it")
    return (f"{sheet.name} was changed {who}: "
            f"{describe(sheet, latest, figures=viewer.sees_figures(latest))}. Reload it and "
            "check before saving again.")


def nothing_to_withdraw(sheet: SeatSheet, expected_version: int | None) -> DeskRefusal:
    """Why there is no entry to withdraw, with what became of the one meant (the version
    the form was opened on; the newest, from the command line): alone, "no provisional
    entry" read as if the withdrawal were done while the figures meant were on air."""
    fate = fate_of(sheet, sheet.current_version if expected_version is None
                   else expected_version)
    return DeskRefusal(f"{sheet.name} has no provisional entry to withdraw"
                       f"{f': {fate}' if fate else '.'}")


def refuse_replaced_meanwhile(sheet: SeatSheet, replacing: int | None) -> None:
    """A recount call asked as stopping version `replacing`, awaiting verification, from
    counting (the window's question says so): refused (Conflict) if that version no longer
    awaits verification, as a verification adds no version for `expected_version` to
    catch. Marked anyway, a version verified meanwhile stayed on air under the recount."""
    if replacing is None or (sheet.pending is not None
                             and sheet.pending.version == replacing):
        return
    fate = fate_of(sheet, replacing) or f"version {replacing} no longer awaits verification."
    raise Conflict(f"{sheet.name}: {fate} The recount was not marked, as asked it would have "
                   f"stopped version {replacing} counting: check the seat, and mark the "
                   "recount again if it is going ahead.")


def refuse_end_of_ended_recount(store: Store, sheet: SeatSheet) -> None:
    """A recount called off after its count was verified (which ended it: on another desk,
    as this one answered): refused naming that verification, where "no recount under way"
    alone left the desk believing the recount's figures were kept off air. Only when the
    seat's last recount entry is the call of the count verified since (not a call-off)."""
    count = sheet.current_count
    if sheet.recount_under_way or not count:
        return
    calls = [e for e in sql.audit_entries(store, sheet.code)
             if e["action"] in ("recount under way", "recount ended")]
    ended_by = next((v for v in sheet.versions
                     if v.count_number == count and v.verified_by is not None), None)
    if ended_by is None or not calls or calls[-1]["action"] != "recount under way" \
            or calls[-1]["details"].get("count") != count:
        return
    raise DeskRefusal(f"{sheet.name} has no recount under way: {count_name(count)} ended when "
                      f"its figures (version {ended_by.version}) were verified by "
                      f"{ended_by.verified_by} at {local_time(ended_by.verified_at)}.")


def refuse_correction_moved_on(sheet: SeatSheet, correcting: int | None) -> None:
    """A Correct form opened on verified version `correcting` whose seat now has another
    verified version (Conflict). Its author's own correction, awaiting verification when
    she pressed Enter on the seat to key it afresh, verified meanwhile by someone else,
    moves no version number: the form said nothing, and its save went in as a new
    correction of the figures it had been opened to replace, now on air unnoticed."""
    verified = sheet.verified
    if correcting is None or verified is None or verified.version == correcting:
        return
    raise Conflict(f"{sheet.name} changed since you opened it: "
                   f"{fate_of(sheet, verified.version)}")
