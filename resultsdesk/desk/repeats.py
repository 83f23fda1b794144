"""A reject, a withdrawal or a recount mark sent again after its reply was lost.

On a team desk the network can lose the reply to a write the server committed: the desk
hears only "the change was saved whole or not at all: reload and check before saving
again". Sent again, such an action was refused, accurately ("Hendon has nothing awaiting
verification", "no provisional entry to withdraw", "recount 1 is already under way"), and
the person at 3 a.m. was left to guess whether their first attempt had counted. With
`retry` (the form or window that was told "whole or not at all", the command line run
again) the desk looks for the person's own audit entry of that action first: found, the
action is done, once, and the caller (its `on_landed`) is handed what to say: that it was
saved, with the version and the time the server recorded (`Landed.says`). A save or a
verification sent again is found by its figures instead (`own_save_landed`,
`own_verification_landed`), a lot by `declarations.decide_tie`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..domain.identity import same_person
from ..domain.model import DeclarationKind, DeclarationStatus, Figures
from ..domain.records import record
from ..store import Store
from ..store import declarations as sql
from .sheets import SeatSheet, Version, local_time, recount_awaiting_figures

REJECT = "reject"
WITHDRAW = "withdraw"
RECOUNT_CALLED = "recount under way"
RECOUNT_ENDED = "recount ended"

# what each action is called when the desk says it was saved
_SAVED_AS = {REJECT: "rejection", WITHDRAW: "withdrawal", RECOUNT_CALLED: "recount call",
             RECOUNT_ENDED: "end of the recount"}
# the status the version is left in by the action: the entry is found only if it still is
_LEAVES = {REJECT: DeclarationStatus.REJECTED, WITHDRAW: DeclarationStatus.WITHDRAWN}


@record
class Landed:
    """This person's own audit entry of the action: which version it closed (none for a
    recount mark), and when the server recorded it."""

    action: str
    seat: str  # its name
    version: int | None
    at: str

    def says(self) -> str:
        """One line for the person who sent it again, e.g. "Your withdrawal of Hendon was
        saved (version 1, at 23:41:07): nothing more to do." """
        what = f"version {self.version}, at " if self.version is not None else "at "
        return (f"Your {_SAVED_AS[self.action]} of {self.seat} was saved ({what}"
                f"{local_time(self.at)}): nothing more to do.")


def _newest(store: Store, sheet: SeatSheet, actions: tuple[str, ...],
            version: int | None = None) -> dict[str, Any] | None:
    """The seat's newest audit entry among `actions` (of `version`, if given)."""
    for entry in reversed(sql.audit_entries(store, sheet.code)):
        if entry["action"] in actions and (
                version is None or entry["details"].get("version") == version):
            return entry
    return None


def closing_landed(store: Store, sheet: SeatSheet, user: str, action: str,
                   expected_version: int | None) -> Landed | None:
    """`user`'s reject or withdrawal (`action`) of the version the form was opened on (the
    newest, without one: the command line), if it is already recorded: that version is
    rejected (withdrawn) and the audit entry saying so is theirs."""
    number = expected_version if expected_version is not None else sheet.current_version
    version = next((v for v in sheet.versions if v.version == number), None)
    if version is None or version.status is not _LEAVES[action]:
        return None
    entry = _newest(store, sheet, (action,), number)
    if entry is None or not same_person(user, entry["user"]):
        return None
    return Landed(action, sheet.name, number, entry["at"])


def recount_landed(store: Store, sheet: SeatSheet, user: str,
                   under_way: bool) -> Landed | None:
    """`user`'s recount call (or end of it) as asked, if it is already recorded: the seat's
    last recount entry is theirs, that action, of the count the seat is at (called off: of
    the recount after it, the seat being back at the count before), and the seat is as it
    left it (a recount called whose figures nobody entered yet; or none under way). Once
    a recount's figures stand, another call is a new one, not this one again."""
    if (not recount_awaiting_figures(sheet)) if under_way else sheet.recount_under_way:
        return None
    action = RECOUNT_CALLED if under_way else RECOUNT_ENDED
    entry = _newest(store, sheet, (RECOUNT_CALLED, RECOUNT_ENDED))
    # A recount called off puts the seat back at the count before it.
    count = sheet.current_count if under_way else sheet.current_count + 1
    if entry is None or entry["action"] != action or not same_person(user, entry["user"]) \
            or entry["details"].get("count") != count:
        return None
    return Landed(action, sheet.name, None, entry["at"])


def own_save_landed(sheet: SeatSheet, expected_version: int | None, user: str,
                     figures: Figures, kind: DeclarationKind,
                     tie_winner: int | None = None) -> Version | None:
    """The entry `user` is saving, if it is already there: the only version since the one
    the form was opened on, theirs, of this kind, still awaiting verification, with these
    figures. A team desk's save whose reply the network lost (the server committed it;
    the desk was told "saved whole or not at all") is saved again from the same form:
    reported done, once, rather than refused as a change by someone else. Without an
    expected version (the command line, run again: it cannot tell a repeat from a first
    try) their entry awaiting verification, the newest, with these figures, is the one.
    With one, the version after it may have been verified since, as it sat in the queue
    while the person waited to save again: still their save, reported done, where it was
    refused as a change by "someone else" of their own figures, on air. The winner drawn
    by lot too (`tie_winner`, as typed): a declaration's always, a correction's where one
    was typed (none: the lot that stands, `declarations.correct`); the same figures with
    another winner, from the person's other window, are not this save, on air or not."""
    latest = sheet.latest
    verified_since = expected_version is not None \
        and latest is not None and latest.status is DeclarationStatus.VERIFIED
    if latest is None or (sheet.pending is not latest and not verified_since) \
            or latest.kind is not kind \
            or (expected_version is not None and latest.version != expected_version + 1) \
            or not same_person(user, latest.entered_by):
        return None
    electorate = figures.electorate if figures.electorate is not None else latest.electorate
    same = (tuple(figures.votes), figures.invalid, figures.total_as_read, electorate) == (
        latest.votes, latest.invalid_votes, latest.total_as_read, latest.electorate)
    if kind is DeclarationKind.DECLARATION or tie_winner is not None:
        same = same and tie_winner == latest.tie_winner_id
    return latest if same else None


def own_verification_landed(sheet: SeatSheet, expected_version: int | None, user: str,
                             votes: Sequence[int] | None, invalid: int | None,
                             electorate: int | None = None,
                             tie_winner: int | None = None) -> Version | None:
    """The version `user` is verifying, if their verification of it is already there (its
    reply lost on the way, as for `own_save_landed`): still the newest, verified by them,
    and the figures re-keyed now are the ones verified, the electorate too (none given:
    the one the form started from before that verification; any version, as there,
    without an expected version) and the winner drawn by lot (none where none was drawn):
    a retry naming another winner is not the verification saved, which named its own."""
    latest = sheet.latest
    if votes is None or latest is None \
            or (expected_version is not None and latest.version != expected_version) \
            or latest.status is not DeclarationStatus.VERIFIED or latest.verified_by is None \
            or not same_person(user, latest.verified_by):
        return None
    if electorate is None:
        electorate = sheet.prefilled_electorate(before=latest.version)
    same = (tuple(votes), invalid, electorate, tie_winner) == (
        latest.votes, latest.invalid_votes, latest.electorate, latest.tie_winner_id)
    return latest if same else None
