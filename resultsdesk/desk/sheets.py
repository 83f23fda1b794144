"""A seat as the desk sees it: its ballot paper, every version of its figures and its state
(`load_sheet`), read in one snapshot; the verification queue, a seat's history and the
audit log; figures given as KEY=VOTES. Reads only: the workflow that writes is
`declarations`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from ..domain import tally
from ..domain.candidate_keys import candidate_keys
from ..domain.model import CandidateVotes, DeclarationKind, DeclarationStatus, Figures
from ..domain.records import factory, record
from ..store import Store
from ..store import declarations as sql
from .errors import DeskRefusal


def count_name(count: int | None, *, the: bool = False) -> str:
    """A count as a sentence names it: "first count" ("the first count") or "recount N";
    none recorded (an older audit entry) is the first."""
    if not count:
        return "the first count" if the else "first count"
    return f"recount {count}"


@record
class CandidateLine:
    id: int
    ballot_order: int
    name: str
    party: str
    party_name: str
    colour: str


@record
class Version:
    id: int
    version: int
    status: DeclarationStatus
    kind: DeclarationKind
    count_number: int
    votes: tuple[int, ...]  # in ballot order
    invalid_votes: int | None
    electorate: int | None
    total_as_read: int | None
    entered_by: str
    entered_at: str
    verified_by: str | None
    verified_at: str | None
    source: str
    reason: str | None
    note: str | None
    overrides: tuple[str, ...]
    tie_winner_id: int | None
    verification_mode: str | None

    @property
    def valid_votes(self) -> int:
        return sum(self.votes)

    @property
    def figures(self) -> Figures:
        return Figures(self.votes, self.invalid_votes, self.total_as_read, self.electorate)

    @property
    def count_label(self) -> str:
        name = count_name(self.count_number)
        return name[0].upper() + name[1:]


@record
class SeatSheet:
    """One constituency as the desk sees it: ballot paper, figures so far, state."""

    id: int
    code: str
    name: str
    nation: str
    region: str
    electorate: int | None
    recount_under_way: bool
    current_count: int
    candidates: tuple[CandidateLine, ...]
    versions: tuple[Version, ...] = factory(tuple)

    @property
    def latest(self) -> Version | None:
        return self.versions[-1] if self.versions else None

    @property
    def current_version(self) -> int:
        """What a form opened now must still find when it saves (0: nothing declared yet)."""
        return self.latest.version if self.latest else 0

    @property
    def verified(self) -> Version | None:
        return next((v for v in reversed(self.versions)
                     if v.status is DeclarationStatus.VERIFIED), None)

    @property
    def pending(self) -> Version | None:
        """The provisional version awaiting verification, if the newest one is."""
        latest = self.latest
        return latest if latest and latest.status is DeclarationStatus.PROVISIONAL else None

    def prefilled_electorate(self, before: int | None = None) -> int | None:
        """The electorate a form starts from, and what a save or re-key that gives none
        means: the verified result's, as the returning officer gave it (for a correction,
        a recount's count or a lot on it), else the seat's own from the nominations, which
        may be older. It is public either way, so a re-key form shows it without telling
        anything of the entry. `before`: as it was before version `before` was verified
        (a verification whose reply was lost, found landed)."""
        verified = self.verified if before is None else next(
            (v for v in reversed(self.versions)
             if v.verified_by is not None and v.version < before), None)
        if verified is not None and verified.electorate is not None:
            return verified.electorate
        return self.electorate

    @property
    def correction_pending(self) -> bool:
        return self.pending is not None and self.verified is not None

    def candidate_votes(self, votes: Sequence[int]) -> list[CandidateVotes]:
        return [CandidateVotes(c.name, c.party, v) for c, v in zip(self.candidates, votes,
                                                                   strict=True)]

    def tied_ids(self, votes: Sequence[int]) -> set[int]:
        """The ids of the candidates these votes tie at the top (none without a tie): by
        id, as a server's `rd_check_tie_winner` has it, for two candidates of one name (Mid
        Buckinghamshire 2024's Greg Smiths) are two people, one of them maybe not tied."""
        lines = self.candidate_votes(votes)
        tied = tally.tied_candidates(lines)
        return {c.id for c, line in zip(self.candidates, lines, strict=True)
                if any(line is t for t in tied)}

    def candidate_keys(self) -> list[str]:
        """Each candidate's key, in ballot order (`domain.candidate_keys`): the name, with
        the party where two of the seat share a name."""
        return candidate_keys([(c.name, c.party) for c in self.candidates])

    def candidate(self, candidate_id: int) -> CandidateLine:
        return next(c for c in self.candidates if c.id == candidate_id)


def recount_replaces(sheet: SeatSheet) -> bool:
    """Whether a recount called now leaves the version awaiting verification nothing to
    verify: a count (the first, or an earlier recount's) is replaced by the recount's, and
    so is a lot drawn on such a count before anyone verified it (`unverified_lot_base`); a
    correction or a lot of a verified result is kept, a lot drawn on such a lot or on
    a correction too (`lot_on_unverified_count`). (Kept whenever the seat had a verified
    result, a recount's count awaiting verification went on air when verified, with the
    next recount under way; a lot on it likewise, until migration 53.) The server's
    `mark_recount` does the same (migrations 34, 53 and 54)."""
    pending = sheet.pending
    if pending is None:
        return False
    return (sheet.verified is None or pending.kind is DeclarationKind.DECLARATION
            or (pending.kind is DeclarationKind.LOT and lot_on_unverified_count(sheet, pending)))


def lot_on_unverified_count(sheet: SeatSheet, lot: Version) -> bool:
    """Whether a lot's figures are a count nobody verified: the entry it was drawn on
    (`unverified_lot_base`) is a count, or a lot drawn again on one. A lot drawn on a
    correction awaiting verification, or again on a lot of verified figures, holds no
    count's figures: a recount keeps it, as it keeps the correction or the single lot.
    (Before, those two went with the count the recount replaced: on a server until
    migration 54.)"""
    base = unverified_lot_base(sheet, lot)
    while base is not None and base.kind is DeclarationKind.LOT:
        base = unverified_lot_base(sheet, base)
    return base is not None and base.kind is DeclarationKind.DECLARATION


def recount_left_unfinished(sheet: SeatSheet) -> bool:
    """Whether calling off the recount under way puts the seat back into the recount
    before it: recount N called while recount N - 1 was under way (its count replaced,
    nothing of it ever verified: verifying its count would have ended it). Called off,
    recount N did not happen, but recount N - 1 did and is not over: its figures are the
    next keyed, as "Recount N - 1". (Before, the seat went back to count N - 1 with no
    recount under way, and recount N - 1's figures could be keyed only as a correction of
    the first count, or as recount N.) The server's `mark_recount` does the same
    (migration 53)."""
    back_to = sheet.current_count - 1
    return back_to >= 1 and not any(v.count_number == back_to and v.verified_by is not None
                                    for v in sheet.versions)


def recount_awaiting_figures(sheet: SeatSheet) -> bool:
    """A recount is under way and nothing of it entered stands (awaiting verification or
    verified): marking another would be the same call twice (two people hearing it, a
    double press), making the figures to come "recount 2" of a recount never entered. The
    server's `mark_recount` refuses the same (migration 023)."""
    return sheet.recount_under_way and not any(
        v.count_number == sheet.current_count
        and v.status in (DeclarationStatus.PROVISIONAL, DeclarationStatus.VERIFIED)
        for v in sheet.versions)


def recount_count_pending(sheet: SeatSheet) -> Version | None:
    """The recount's own count (or a lot drawn on it) awaiting verification, if one is: a
    recount read out is not called off (`declarations.mark_recount`), since its count, left
    to verify, would go on air for a recount the desk said was not going ahead. A
    correction of the verified count is of an earlier count: not this. The server's
    `mark_recount` refuses the same (migration 37)."""
    pending = sheet.pending
    if not sheet.recount_under_way or pending is None \
            or pending.count_number != sheet.current_count:
        return None
    return pending


def unverified_lot_base(sheet: SeatSheet, lot: Version) -> Version | None:
    """The entry awaiting verification a lot was recorded on, if it was (`declarations.
    refuse_lot`): the version just before it, which recording the lot superseded, of the
    same count. A lot on verified figures has none, even where an earlier entry nobody
    verified holds the same figures (keyed again in a recount, say, then withdrawn): its
    author keyed nothing of the lot. By position, not by figures, which a server hides
    from a verifier."""
    before = next((v for v in sheet.versions if v.version == lot.version - 1), None)
    if before is None or before.verified_by is not None \
            or before.status is not DeclarationStatus.SUPERSEDED \
            or before.count_number != lot.count_number:
        return None
    return before


def load_sheet(store: Store, key: str) -> SeatSheet:
    with store.snapshot():  # another desk may save between these queries
        return _load_sheet(store, key)


def _load_sheet(store: Store, key: str) -> SeatSheet:
    rows = sql.find_constituencies(store, key)
    if not rows:
        raise DeskRefusal(f"No constituency '{key}' in this election (use its GSS code, "
                          "like E14001279, or its exact name).")
    if len(rows) > 1:
        raise DeskRefusal(f"{len(rows)} constituencies are named '{rows[0]['name']}' "
                          f"({', '.join(r['code'] for r in rows)}): use its GSS code.")
    row = rows[0]
    lines = tuple(CandidateLine(c["id"], c["ballot_order"],
                                f"{c['first_name']} {c['surname']}".strip(), c["party"],
                                c["party_name"], c["colour"])
                  for c in sql.candidates(store, row["id"]))
    return sheet_from_rows(row, lines, sql.versions(store, row["id"]))


def sheet_from_rows(row: dict[str, Any], lines: tuple[CandidateLine, ...],
                    version_rows: Sequence[dict[str, Any]]) -> SeatSheet:
    """A sheet from a constituencies row, its ballot paper and its versions' rows (as
    `store.declarations.versions` gives them, or a server's save function returned them)."""
    ids = [c.id for c in lines]
    versions = tuple(
        Version(
            id=v["id"], version=v["version"], status=DeclarationStatus(v["status"]),
            kind=DeclarationKind(v["kind"]),
            count_number=v["count_number"], votes=tuple(v["votes"].get(i, 0) for i in ids),
            invalid_votes=v["invalid_votes"], electorate=v["electorate"],
            total_as_read=v["total_as_read"], entered_by=v["entered_by"],
            entered_at=v["entered_at"], verified_by=v["verified_by"],
            verified_at=v["verified_at"], source=v["source"], reason=v["reason"],
            note=v["note"], overrides=tuple(v["overrides"]),
            tie_winner_id=v["tie_winner_candidate_id"],
            verification_mode=v["verification_mode"],
        )
        for v in version_rows)
    return SeatSheet(row["id"], row["code"], row["name"], row["nation"], row["region"],
                     row["electorate"], bool(row["recount_under_way"]), row["current_count"],
                     lines, versions)


def describe(sheet: SeatSheet, version: Version, *, figures: bool = True) -> str:
    """One line a desk can read aloud: who did what, when, with which figures (`figures`
    False: not to be shown to this reader, "figures hidden until verified")."""
    said = (f"version {version.version} ({version.status} {version.kind}, "
            f"{version.count_label.lower()}) entered by {version.entered_by} at "
            f"{local_time(version.entered_at)}: ")
    if not figures:
        return said + "figures hidden until verified"
    votes = ", ".join(f"{c.name} ({c.party}) {v:,}"
                      for c, v in zip(sheet.candidates, version.votes, strict=True))
    return (said + f"{votes}; rejected ballots "
            f"{version.invalid_votes if version.invalid_votes is not None else '-'}")


def fate_of(sheet: SeatSheet, number: int | None) -> str:
    """What became of version `number`, opened to re-key, now that it awaits no
    verification: said after "nothing awaiting verification", which alone left the second
    of two verifiers (or one whose entry was withdrawn, sent back or replaced by a recount
    while the form was open) unsure whether the seat was on air. "" if not known."""
    v = next((x for x in sheet.versions if x.version == number), None)
    if v is None or v.status is DeclarationStatus.PROVISIONAL:
        return ""
    if v.status is DeclarationStatus.VERIFIED:
        return f"version {v.version} was verified by {v.verified_by} at " \
            f"{local_time(v.verified_at)} meanwhile."
    if v.status is DeclarationStatus.WITHDRAWN:
        return f"{v.entered_by}, who entered version {v.version}, withdrew it."
    if v.status is DeclarationStatus.REJECTED:
        return f"version {v.version} was sent back to {v.entered_by}'s desk."
    if sheet.recount_under_way and v.count_number < sheet.current_count:
        return f"{count_name(sheet.current_count)} was called, so version {v.version} " \
            "no longer counts."
    return f"version {v.version} was replaced."


def local_time(iso: str | None, layout: str = "%H:%M:%S") -> str:
    """`iso` on this PC's clock, as `layout` writes it ("-" for none; text that is no time
    as it is)."""
    if not iso:
        return "-"
    try:
        return datetime.fromisoformat(iso).astimezone().strftime(layout)
    except ValueError:
        return iso


def local_date_time(iso: str | None) -> str:
    """"2024-07-05 00:30:05": the day and the time on this PC's clock. Both from the one
    local moment: the stored UTC day beside the local time put an account made at 00:30
    BST on the day before."""
    return local_time(iso, "%Y-%m-%d %H:%M:%S")


@record
class QueueItem:
    code: str
    name: str
    version: int
    kind: DeclarationKind
    count_number: int
    entered_by: str
    entered_at: str
    recount_under_way: bool


def verification_queue(store: Store) -> list[QueueItem]:
    """Provisional declarations awaiting a second person, oldest first."""
    return [QueueItem(r["code"], r["name"], r["version"], DeclarationKind(r["kind"]),
                      r["count_number"],
                      r["entered_by"], r["entered_at"], bool(r["recount_under_way"]))
            for r in sql.pending(store)]


@record
class HiddenVersion:
    """A version whose figures the reader may not see (`visibility.Viewer.sees_figures`),
    as History still lists it: that it exists, what and whose it is, where it stands, and
    who rejected or withdrew it and why; none of its figures. What is a figure follows the
    server's views (migrations 16 and 17 read NULL for them): votes, rejected ballots,
    electorate and total as keyed, reason, note (but a rejected version's, the rejection
    comment), overrides and the winner of a lot. So History never seems to skip a number,
    as if the record had been rewritten."""

    version: int
    entered_by: str
    entered_at: str
    status: DeclarationStatus
    kind: DeclarationKind
    count_label: str
    closed_by: str | None = None  # who rejected or withdrew it (the audit entry's user)
    closed_at: str | None = None
    comment: str | None = None  # why it was rejected

    @property
    def awaits_verification(self) -> bool:
        return self.status is DeclarationStatus.PROVISIONAL

    @property
    def figures_seen(self) -> str:
        """Who sees its figures: pending ones may yet be verified (and then be everyone's);
        nobody will verify the others, so they stay their author's and editors'."""
        if self.awaits_verification:
            return "hidden until verified"  # as audit_text.HIDDEN_FIGURES
        return f"seen only by {self.entered_by} and editors"

    @property
    def figures_text(self) -> str:
        return f"figures {self.figures_seen}"

    def to_json_dict(self) -> dict:
        rejected = self.status is DeclarationStatus.REJECTED
        withdrawn = self.status is DeclarationStatus.WITHDRAWN
        return {
            "version": self.version, "status": self.status, "kind": self.kind,
            "count": self.count_label, "entered_by": self.entered_by,
            "entered_at": self.entered_at,
            "rejected_by": self.closed_by if rejected else None,
            "rejected_at": self.closed_at if rejected else None,
            "comment": self.comment if rejected else None,
            "withdrawn_by": self.closed_by if withdrawn else None,
            "withdrawn_at": self.closed_at if withdrawn else None,
            "figures": self.figures_seen,
        }


@record
class SeatHistory:
    sheet: SeatSheet
    audit: list[dict]
    # Versions left out of `sheet` because the reader may not see their figures
    # (`visibility.blind_history`), in version order.
    hidden: tuple[HiddenVersion, ...] = ()

    def to_json_dict(self) -> dict:
        s = self.sheet
        keys = s.candidate_keys()  # names; name and party where two share a name
        by_id = {c.id: key for c, key in zip(s.candidates, keys, strict=True)}
        return {
            "code": s.code, "constituency": s.name, "recount_under_way": s.recount_under_way,
            "candidates": [{"name": c.name, "party": c.party} for c in s.candidates],
            "versions": [{
                "version": v.version, "status": v.status, "kind": v.kind,
                "count": v.count_label, "votes": dict(zip(keys, v.votes, strict=True)),
                "invalid_votes": v.invalid_votes,
                # the electorate the returning officer gave with these figures (re-keyed
                # blind like them); None where none was given (an imported result)
                "electorate": v.electorate, "entered_by": v.entered_by,
                "entered_at": v.entered_at, "verified_by": v.verified_by,
                "verified_at": v.verified_at, "reason": v.reason, "note": v.note,
                "overrides": list(v.overrides),
                "tie_winner": by_id[v.tie_winner_id] if v.tie_winner_id else None,
            } for v in s.versions],
            "hidden_versions": [h.to_json_dict() for h in self.hidden],
            "audit": [{"at": a["at"], "user": a["user"], "action": a["action"],
                       "details": a["details"]} for a in self.audit],
        }


def history(store: Store, key: str) -> SeatHistory:
    sheet = load_sheet(store, key)
    return SeatHistory(sheet, sql.audit_entries(store, sheet.code))


def audit_log(store: Store) -> list[dict]:
    return sql.audit_entries(store)


def refuse_end_of_recount(sheet: SeatSheet) -> None:
    """Why the seat's recount may not be called off now (DeskRefusal): none is under way,
    or its count was keyed (`sheets.recount_count_pending`). Calling a recount replaces a
    count awaiting verification; calling one off replaces nothing: the count is verified
    (which ends the recount), or rejected, with why, or withdrawn, as any entry is."""
    if not sheet.recount_under_way:
        raise DeskRefusal(f"{sheet.name} has no recount under way.")
    count = recount_count_pending(sheet)
    if count is not None:
        raise DeskRefusal(
            f"{sheet.name}: recount {sheet.current_count}'s figures (version {count.version}, "
            f"entered by {count.entered_by} at {local_time(count.entered_at)}) await "
            "verification, so the recount cannot be called off: verify them, which ends it, "
            f"or reject them (or {count.entered_by} withdraws them) first.")
