"""The declaration workflow: declare, verify (blind re-key or check), reject, withdraw,
correct, recounts and ties decided by lot.

Every function here is one transaction with its audit entry. The GUI and the command line
call these and nothing else, so the four-eyes rule and version checks cannot be bypassed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..domain import tally
from ..domain.identity import same_person
from ..domain.model import DeclarationKind, Figures
from ..domain.validation import Problem, check_figures, differences, unresolved
from ..store import Store
from . import former_editors
from .accounts import Actor, Permission, acting_account
from .backends import Entry, writes_for
from .called_off import count_conflict_reworded, count_moved, refuse_called_off_count
from .candidate_lookup import votes_from_keys
from .errors import Conflict, DeskRefusal
from .meanwhile import (
    changed_since,
    nothing_to_withdraw,
    refuse_correction_moved_on,
    refuse_end_of_ended_recount,
    refuse_replaced_meanwhile,
)
from .rekeys import VerifyResult, rekey_tries
from .repeats import (
    REJECT,
    WITHDRAW,
    Landed,
    closing_landed,
    own_save_landed,
    own_verification_landed,
    recount_landed,
)
from .sheets import (
    CandidateLine,
    QueueItem,
    SeatHistory,
    SeatSheet,
    Version,
    audit_log,
    describe,
    fate_of,
    history,
    load_sheet,
    local_time,
    recount_awaiting_figures,
    refuse_end_of_recount,
    unverified_lot_base,
    verification_queue,
)
from .visibility import Viewer, viewer_for

if TYPE_CHECKING:
    from .local_writes import LocalWrites
    from .server_writes import ServerWrites

# The reads a front end needs beside the workflow, where it has always found them.
__all__ = [
    "CandidateLine", "Conflict", "DeskRefusal", "FiguresRefused", "FourEyesRefusal",
    "QueueItem", "SeatHistory", "SeatSheet", "VerifyResult", "Version", "audit_log", "correct",
    "decide_tie", "declare", "describe", "figure_authors", "history", "load_sheet",
    "local_time", "mark_recount", "recount_awaiting_figures", "refuse_correction",
    "refuse_declaration", "refuse_end_of_recount", "refuse_entry", "refuse_lot",
    "refuse_verification", "reject", "verification_queue", "verify", "votes_from_keys", "withdraw",
]


class FourEyesRefusal(DeskRefusal):
    pass


class FiguresRefused(DeskRefusal):
    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        lines = [p.message + ("" if p.is_error else f" (warning '{p.code}': override to accept)")
                 for p in self.problems]
        super().__init__("The figures cannot be saved: " + "; ".join(lines) + ".")


def _acting(store: Store, user: Actor) -> tuple[str, Viewer]:
    """The name recorded for `user`: normalised (open desk) or the signed-in account's,
    whose role must allow entering and verifying (desk/accounts.py); and what that person
    may see (visibility.viewer_for), which a refusal must not show more than. Asked inside
    the use case's write transaction (and, where a refusal of its own comes first, before
    it too): asked only before, an admin's change committed in between (bob made an
    editor, or disabled; an open desk's first account added) let the write through on a
    file, an editor's verification on air and the audit check calling the chain BROKEN.
    (A server checks again under its lock.)"""
    account = acting_account(store, user, Permission.DECLARE)
    return account.name, viewer_for(account)


def _check_version(sheet: SeatSheet, expected_version: int | None, viewer: Viewer,
                   expected_count: int | None = None, command: bool = False) -> None:
    if expected_count is not None and expected_count != sheet.current_count:
        # A recount called (or called off) since the form opened changes no version (no
        # figures came), so figures typed for one count were saved as another's.
        raise Conflict(count_moved(sheet, expected_count, command=command))
    if expected_version is None or expected_version == sheet.current_version:
        return
    latest = sheet.latest
    if latest is None:
        raise Conflict(f"{sheet.name} changed since you opened it. Reload and check.")
    # who (the person themselves, if so) and when; figures only if theirs to see (blind)
    raise Conflict(changed_since(sheet, latest, viewer))


def _refuse_over_others_entry(sheet: SeatSheet, user: str) -> None:
    """Only the author may replace a provisional entry with new figures: anyone else
    either verifies it or rejects it, so two people's keying never silently overwrite."""
    pending = sheet.pending
    if pending is None or same_person(user, pending.entered_by):
        return
    raise DeskRefusal(f"{pending.entered_by} entered version {pending.version} of {sheet.name} "
                      f"at {local_time(pending.entered_at)}, awaiting verification. Verify it, "
                      "or reject it (or ask them to withdraw it) before entering new figures.")


def refuse_entry(sheet: SeatSheet, user: str) -> None:
    """Why `user` may not enter new figures for the seat as it stands (DeskRefusal); the
    window asks before opening the form, so nobody keys a whole sheet that cannot be saved."""
    if sheet.verified is not None and not sheet.recount_under_way:
        raise DeskRefusal(f"{sheet.name} already has a verified result; change it with a "
                          "correction (and a reason), or mark a recount first.")
    _refuse_over_others_entry(sheet, user)


def refuse_declaration(sheet: SeatSheet, opened: int | None, viewer: Viewer, user: str,
                       correction: bool = False, correcting: int | None = None) -> None:
    """All a save of new figures from a form opened on version `opened` would be refused
    with as the seat stands, in `declare`'s order and words, or `correct`'s for a
    `correction` of verified version `correcting` (a Conflict: a change since; a DeskRefusal:
    the seat no longer open to them); the count typed for is followed apart (`count_moved`)."""
    _check_version(sheet, opened, viewer)
    refuse_correction_moved_on(sheet, correcting if correction else None)
    (refuse_correction if correction else refuse_entry)(sheet, user)


def refuse_correction(sheet: SeatSheet, user: str) -> None:
    """Why `user` may not correct the seat as it stands (DeskRefusal)."""
    if sheet.verified is None:
        raise DeskRefusal(f"{sheet.name} has no verified result to correct.")
    _refuse_over_others_entry(sheet, user)


def refuse_verification(sheet: SeatSheet, opened: int | None = None,
                        viewer: Viewer | None = None) -> None:
    """A seat with no version awaiting verification has nothing to re-key (DeskRefusal);
    what became of version `opened`, the one the form was opened on, if it is known. Given
    the `viewer` re-keying, a version added since is a `Conflict` first: all a save of the
    re-key would be refused with as the seat stands (the form says it at once)."""
    if viewer is not None:
        _check_version(sheet, opened, viewer)
    if sheet.pending is None:
        fate = fate_of(sheet, opened)
        raise DeskRefusal(f"{sheet.name} has nothing awaiting verification"
                          f"{f': {fate}' if fate else '.'}")


def _check_votes(sheet: SeatSheet, votes: Sequence[int]) -> None:
    if len(votes) != len(sheet.candidates):
        raise DeskRefusal(f"{sheet.name} has {len(sheet.candidates)} candidates; "
                          f"{len(votes)} figures were given.")


def _check_tie_winner(sheet: SeatSheet, votes: Sequence[int], tie_winner: int | None) -> None:
    if tie_winner is None:
        return
    tied = sheet.tied_ids(votes)  # by id: a tied candidate's namesake is not tied
    if not tied:
        raise DeskRefusal("A winner by lot can only be recorded when the top candidates tie.")
    if tie_winner not in tied:
        raise DeskRefusal("The winner by lot must be one of the tied candidates.")


def _validated(sheet: SeatSheet, figures: Figures, overrides: Sequence[str],
               thresholds: tally.RecountThresholds) -> None:
    _check_votes(sheet, figures.votes)
    problems = check_figures(sheet.candidate_votes(figures.votes), invalid_votes=figures.invalid,
                             electorate=figures.electorate, total_as_read=figures.total_as_read,
                             thresholds=thresholds)
    blocking = unresolved(problems, overrides)
    if blocking:
        raise FiguresRefused(blocking)


def _saved(writes: LocalWrites | ServerWrites, key: str, version: int) -> Version:
    """Version `version` of the seat as saved (as the store has it: who, when)."""
    return next(v for v in writes.sheet_after(key).versions if v.version == version)


def declare(store: Store, key: str, figures: Figures, *, user: Actor,
            expected_version: int | None = None, overrides: Sequence[str] = (),
            tie_winner: int | None = None, note: str | None = None, source: str = "desk",
            declared_at: str | None = None, retry: bool = False,
            thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
            expected_count: int | None = None) -> Version:
    """Save figures as a provisional declaration (or the next count of a recount); their
    electorate, when not given, is the one the form starts from (`SeatSheet.
    prefilled_electorate`). `retry`: this save repeats one whose reply never came (a
    StoreError while saving): if that one landed, it is returned, not refused
    (`repeats.own_save_landed`). `expected_count`: the count (`current_count`)
    the figures were typed for, refused if a recount was called since."""
    writes = writes_for(store)
    with writes.transaction():
        user, viewer = _acting(store, user)  # under the lock (`_acting`)
        sheet = load_sheet(store, key)
        landed = own_save_landed(sheet, expected_version, user, figures,
                                  DeclarationKind.DECLARATION, tie_winner) if retry else None
        if landed is not None:
            return landed
        _check_version(sheet, expected_version, viewer, expected_count, source == "cli")
        refuse_entry(sheet, user)
        if figures.electorate is None:
            figures = replace(figures, electorate=sheet.prefilled_electorate())
        _validated(sheet, figures, overrides, thresholds)
        _check_tie_winner(sheet, figures.votes, tie_winner)
        if declared_at is None:  # keyed from a practise rehearsal's read-out: its time
            declared_at = writes.readout_time(sheet.id)
        # a server's refusal, under its lock, in this caller's words
        with count_conflict_reworded(store, sheet, viewer, command=source == "cli"):
            version = writes.declare(sheet, figures, Entry(
                user, DeclarationKind.DECLARATION, overrides, source, note=note,
                tie_winner=tie_winner, declared_at=declared_at))
        return _saved(writes, key, version)


def correct(store: Store, key: str, figures: Figures, *, user: Actor, reason: str,
            expected_version: int | None = None, overrides: Sequence[str] = (),
            tie_winner: int | None = None, source: str = "desk", retry: bool = False,
            thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
            expected_count: int | None = None, lot_note: str | None = None,
            correcting: int | None = None) -> Version:
    """A new version of a verified result, awaiting verification by someone else; views
    keep the verified figures until then. The electorate, when not given, is the
    verified version's (`prefilled_electorate`). `retry`: as for `declare`; `expected_count`
    is taken and not compared: a correction is of the verified count (a server compares
    the count the desk just read, refused in this caller's words), of verified version
    `correcting` when given (the form's, as it opened). `lot_note`: how the lot was drawn,
    for corrected figures that tie with `tie_winner` given; kept in the reason ("…; lot
    drawn: …"), hidden from the verifier as the lot is (a correction has no note)."""
    user, viewer = _acting(store, actor := user)
    if not (reason or "").strip():
        raise DeskRefusal("A correction needs a reason (what was wrong, who said so).")
    if tie_winner is not None and (lot_note or "").strip():
        reason = f"{reason.strip()}; lot drawn: {lot_note.strip()}"
    writes = writes_for(store)
    with writes.transaction():
        user, viewer = _acting(store, actor)  # again, under the lock (`_acting`)
        sheet = load_sheet(store, key)
        landed = own_save_landed(sheet, expected_version, user, figures,
                                  DeclarationKind.CORRECTION, tie_winner) if retry else None
        if landed is not None:
            return landed
        # Not by the count (the state line says "these figures correct the verified count,
        # not recount 1's"), but by the verified version the form opened on (`correcting`).
        refuse_declaration(sheet, expected_version, viewer, user, True, correcting)
        verified = sheet.verified
        if figures.electorate is None:
            figures = replace(figures, electorate=sheet.prefilled_electorate())
        _validated(sheet, figures, overrides, thresholds)
        if tie_winner is None:
            tie_winner = _lot_that_stands(sheet, verified, figures.votes)
        _check_tie_winner(sheet, figures.votes, tie_winner)
        if (figures.votes, figures.invalid, figures.electorate, tie_winner) == (verified.votes,
                verified.invalid_votes, verified.electorate, verified.tie_winner_id):
            raise DeskRefusal("The corrected figures are the same as the verified ones.")
        with count_conflict_reworded(store, sheet, viewer, command=source == "cli"):
            version = writes.correct(sheet, verified, figures, Entry(
                user, DeclarationKind.CORRECTION, overrides, source, reason=reason.strip(),
                tie_winner=tie_winner))
        return _saved(writes, key, version)


def _lot_that_stands(sheet: SeatSheet, verified: Version, votes: Sequence[int]) -> int | None:
    """A winner drawn by lot stays drawn while the corrected figures still tie them: a
    correction elsewhere on the sheet does not undo the returning officer's draw."""
    drawn = verified.tie_winner_id
    if drawn is None:
        return None
    return drawn if drawn in sheet.tied_ids(votes) else None  # that candidate, by id


def _pending_for(sheet: SeatSheet, user: str, viewer: Viewer,
                 expected_version: int | None, action: str) -> tuple[SeatSheet, Version]:
    refuse_verification(sheet, expected_version, viewer)
    pending = sheet.pending
    for author in figure_authors(sheet, pending):
        if same_person(user, author):
            raise FourEyesRefusal(
                f"{author} entered the figures of version {pending.version} of {sheet.name}, "
                f"so cannot {action} them: a second person must.")
    return sheet, pending


def figure_authors(sheet: SeatSheet, version: Version) -> list[str]:
    """Everyone whose unverified keying is in this version: its author and, for a lot
    recorded on figures nobody had verified yet, whoever keyed those figures."""
    authors = [version.entered_by]
    if version.kind is DeclarationKind.LOT:
        base = unverified_lot_base(sheet, version)
        if base is not None:
            authors.append(base.entered_by)
    return authors


def verify(store: Store, key: str, *, user: Actor, votes: Sequence[int] | None,
           invalid: int | None = None, expected_version: int | None = None,
           tie_winner: int | None = None, retry: bool = False,
           electorate: int | None = None) -> VerifyResult:
    """Blind re-key (votes given): verified only if every figure matches the first entry,
    the electorate too (it sets the turnout on air; not given: as for `declare`). Check
    mode (votes None): the verifier has looked at the figures and confirms them; left for
    scripts and tests on a file (no window or command offers it), refused by a server,
    which verifies only a blind re-key. A mismatch verifies nothing; it is recorded in the
    audit log. `retry`: as for `declare` (a verification whose reply never came)."""
    writes = writes_for(store)
    with writes.transaction():
        user, viewer = _acting(store, user)  # under the lock (`_acting`)
        sheet = load_sheet(store, key)
        landed = own_verification_landed(sheet, expected_version, user, votes, invalid,
                                         electorate, tie_winner) if retry else None
        if landed is not None:
            return VerifyResult(True, (), landed, sheet)
        sheet, pending = _pending_for(sheet, user, viewer, expected_version, "verify")
        if (former_editor := former_editors.on_save(store, sheet, user)) is not None:
            raise FourEyesRefusal(former_editor)
        refuse_called_off_count(store, sheet)  # an older version's, left verifiable
        diffs: list[str] = []
        if votes is not None:
            _check_votes(sheet, votes)
            electorate = sheet.prefilled_electorate() if electorate is None else electorate
            diffs = differences(pending.votes, votes, pending.invalid_votes, invalid,
                                first_electorate=pending.electorate, second_electorate=electorate)
            # The winner by lot is re-keyed blind as every figure is (none where none was
            # drawn): compared only when given, a lot's winner went on air unverified.
            if tie_winner != pending.tie_winner_id:
                diffs.append("tie_winner")
        found = writes.verify(sheet, pending, user, votes=votes, invalid=invalid,
                              electorate=electorate, tie_winner=tie_winner, differences=diffs)
        if found:
            return VerifyResult(False, tuple(found), pending, sheet, *rekey_tries(
                store, sheet.code, pending.version, user))
        fresh = writes.sheet_after(key)
        return VerifyResult(True, (), next(v for v in fresh.versions
                                           if v.version == pending.version), fresh)


def reject(store: Store, key: str, *, user: Actor, comment: str,
           expected_version: int | None = None, retry: bool = False,
           on_landed: Callable[[Landed], object] | None = None) -> Version:
    """Send a provisional entry back to the desk: it stops counting as provisional.
    `retry`: this repeats a rejection whose reply never came; if that one landed (the
    version rejected, by this person: `repeats.closing_landed`), it is returned, done,
    and `on_landed` is told of it (what to say: `Landed.says`)."""
    user, viewer = _acting(store, actor := user)
    if not (comment or "").strip():
        raise DeskRefusal("Say why it is rejected, so the desk knows what to check.")
    writes = writes_for(store)
    with writes.transaction():
        user, viewer = _acting(store, actor)  # again, under the lock (`_acting`)
        sheet = load_sheet(store, key)
        if retry and _told(on_landed, closing_landed(store, sheet, user, REJECT,
                                                     expected_version)):
            return _landed(sheet, expected_version)
        sheet, pending = _pending_for(sheet, user, viewer, expected_version, "reject")
        writes.reject(sheet, pending, user, comment.strip())
        return _saved(writes, key, pending.version)


def withdraw(store: Store, key: str, *, user: Actor,
             expected_version: int | None = None, retry: bool = False,
             on_landed: Callable[[Landed], object] | None = None) -> Version:
    """The author takes back a provisional entry before anyone verifies it. `retry`,
    `on_landed`: as for `reject`."""
    writes = writes_for(store)
    with writes.transaction():
        user, viewer = _acting(store, user)  # under the lock (`_acting`)
        sheet = load_sheet(store, key)
        if retry and _told(on_landed, closing_landed(store, sheet, user, WITHDRAW,
                                                     expected_version)):
            return _landed(sheet, expected_version)
        _check_version(sheet, expected_version, viewer)
        if (pending := sheet.pending) is None:
            raise nothing_to_withdraw(sheet, expected_version)
        if not same_person(user, pending.entered_by):
            raise DeskRefusal(f"Only {pending.entered_by}, who entered it, can withdraw "
                              f"version {pending.version}; others can reject it.")
        writes.withdraw(sheet, pending, user)
        return _saved(writes, key, pending.version)


def _told(on_landed: Callable[[Landed], object] | None, landed: Landed | None) -> bool:
    """Whether the action sent again had landed; if so, the caller is told of it."""
    if landed is not None and on_landed is not None:
        on_landed(landed)
    return landed is not None


def _landed(sheet: SeatSheet, expected_version: int | None) -> Version:
    number = sheet.current_version if expected_version is None else expected_version
    return next(v for v in sheet.versions if v.version == number)


def mark_recount(store: Store, key: str, *, user: Actor, under_way: bool = True,
                 expected_version: int | None = None, retry: bool = False,
                 on_landed: Callable[[Landed], object] | None = None,
                 replacing: int | None = None) -> SeatSheet:
    """A recount has been called (the next figures entered are its count), or called off
    (`refuse_end_of_recount`: not while a count of it awaits verification). Calling one
    makes an unverified count it replaces nothing to verify any more (it stays in the
    history); a pending correction of a verified result is kept. `retry`: this repeats a
    call (or end) whose reply never came: if that one landed, the seat is returned as it
    left it (`repeats.recount_landed`), not refused as done already; `on_landed` is told.
    `replacing`: as `meanwhile.refuse_replaced_meanwhile`."""
    writes = writes_for(store)
    with writes.transaction():
        user, viewer = _acting(store, user)  # under the lock (`_acting`)
        sheet = load_sheet(store, key)
        if retry and _told(on_landed, recount_landed(store, sheet, user, under_way)):
            return sheet
        _check_version(sheet, expected_version, viewer)
        if not under_way:
            refuse_end_of_ended_recount(store, sheet)
            refuse_end_of_recount(sheet)
        elif recount_awaiting_figures(sheet):
            raise DeskRefusal(
                f"{sheet.name}: recount {sheet.current_count} is already under way and "
                "none of its figures have been entered; the next figures entered are its.")
        refuse_replaced_meanwhile(sheet, replacing if under_way else None)
        writes.mark_recount(sheet, user, under_way, replacing)
        return writes.sheet_after(key)


def refuse_lot(sheet: SeatSheet, user: str) -> Version:
    """The version a lot recorded by `user` now would copy the figures of, or why they may
    not record one (FourEyesRefusal). A lot is a new version entered by whoever records it,
    holding the figures it is drawn on: on figures nobody has verified yet, only the person
    who keyed them may record it, or it would hand someone else those figures (blind means
    blind), and the second person's re-key would be of figures they had read. Once verified,
    anyone at the desk may. Asked before the window lists the tied candidates (which
    candidates tie says something of the figures) and before any check of the winner."""
    base = sheet.pending or sheet.verified
    if base is None:
        raise DeskRefusal(f"{sheet.name} has no figures yet.")
    if sheet.recount_under_way and base.count_number != sheet.current_count:
        # The lot would be a version of the recount's count on an earlier count's figures,
        # and verifying it would end the recount before its figures came.
        raise DeskRefusal(f"{sheet.name}: recount {sheet.current_count} is under way; a lot "
                          "is drawn on its figures, once they are entered.")
    if base.verified_by is not None:
        return base
    for author in figure_authors(sheet, base):
        if not same_person(user, author):
            raise FourEyesRefusal(
                f"{author} entered the figures of version {base.version} of {sheet.name}, "
                f"awaiting verification: only {author} can record a lot on them until a "
                "second person verifies them; after that anyone can.")
    return base


def decide_tie(store: Store, key: str, *, user: Actor, winner_id: int, note: str,
               expected_version: int | None = None) -> Version:
    """Record the candidate the returning officer drew by lot; a new version, verified like
    any other. The same lot again (this person's, awaiting verification, same winner and
    note: saved again after its reply was lost) is the one there, returned, not a second."""
    user, viewer = _acting(store, actor := user)
    if not (note or "").strip():
        raise DeskRefusal("Add a note on the drawing of lots (who drew, how).")
    writes = writes_for(store)
    with writes.transaction():
        user, viewer = _acting(store, actor)  # again, under the lock (`_acting`)
        sheet = load_sheet(store, key)
        landed = sheet.pending
        if landed is not None and landed is sheet.latest \
                and landed.kind is DeclarationKind.LOT and same_person(user, landed.entered_by) \
                and (landed.tie_winner_id, landed.note) == (winner_id, note.strip()):
            # This person's same lot is there already: recorded again after its reply was
            # lost (a team desk's "saved whole or not at all"), it is done, not drawn twice.
            return landed
        _check_version(sheet, expected_version, viewer)
        base = refuse_lot(sheet, user)
        _check_tie_winner(sheet, base.votes, winner_id)
        version = writes.decide_tie(sheet, base, Entry(
            user, DeclarationKind.LOT, base.overrides, reason=base.reason, note=note.strip(),
            tie_winner=winner_id))
        return _saved(writes, key, version)
