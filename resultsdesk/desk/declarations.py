"""The declaration workflow: declare, verify (blind re-key or check), reject, withdraw,
correct, recounts and ties decided by lot.

Every function here is one transaction with its audit entry. The GUI and the command line
call these and nothing else, so the four-eyes rule and version checks cannot be bypassed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ..domain import tally
from ..domain.identity import same_person
from ..domain.model import CandidateVotes
from ..domain.validation import Problem, check_figures, differences, unresolved
from ..store import Store
from ..store import audit_chain as chain
from ..store import declarations as sql
from ..store import repository as repo
from ..store.database import now_iso
from ..store.rehearsal import readout_time
from .accounts import Permission, acting_user
from .errors import DeskRefusal


class FourEyesRefusal(DeskRefusal):
    pass


class Conflict(DeskRefusal):
    """Someone else changed the seat since this desk looked at it."""


class FiguresRefused(DeskRefusal):
    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        lines = [p.message + ("" if p.is_error else f" (warning '{p.code}': override to accept)")
                 for p in self.problems]
        super().__init__("The figures cannot be saved: " + "; ".join(lines) + ".")


@dataclass(frozen=True, slots=True)
class CandidateLine:
    id: int
    ballot_order: int
    name: str
    party: str
    party_name: str
    colour: str


@dataclass(frozen=True, slots=True)
class Version:
    id: int
    version: int
    status: str
    kind: str
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
    def count_label(self) -> str:
        return "First count" if self.count_number == 0 else f"Recount {self.count_number}"


@dataclass(frozen=True, slots=True)
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
    versions: tuple[Version, ...] = field(default_factory=tuple)

    @property
    def latest(self) -> Version | None:
        return self.versions[-1] if self.versions else None

    @property
    def current_version(self) -> int:
        """What a form opened now must still find when it saves (0: nothing declared yet)."""
        return self.latest.version if self.latest else 0

    @property
    def verified(self) -> Version | None:
        return next((v for v in reversed(self.versions) if v.status == "verified"), None)

    @property
    def pending(self) -> Version | None:
        """The provisional version awaiting verification, if the newest one is."""
        latest = self.latest
        return latest if latest and latest.status == "provisional" else None

    @property
    def correction_pending(self) -> bool:
        return self.pending is not None and self.verified is not None

    def candidate_votes(self, votes: Sequence[int]) -> list[CandidateVotes]:
        return [CandidateVotes(c.name, c.party, v) for c, v in zip(self.candidates, votes,
                                                                   strict=True)]

    def candidate(self, candidate_id: int) -> CandidateLine:
        return next(c for c in self.candidates if c.id == candidate_id)


def _user(store: Store, user: str) -> str:
    """The name recorded for `user`: normalised (open desk) or the signed-in account's,
    whose role must allow entering and verifying (desk/accounts.py)."""
    return acting_user(store, user, Permission.DECLARE)


def load_sheet(store: Store, key: str) -> SeatSheet:
    with store.snapshot():  # another desk may save between these queries
        return _load_sheet(store, key)


def _load_sheet(store: Store, key: str) -> SeatSheet:
    row = sql.find_constituency(store, key)
    if row is None:
        raise DeskRefusal(f"No constituency '{key}' in this election (use its GSS code, "
                          "like E14001279, or its exact name).")
    lines = tuple(CandidateLine(c["id"], c["ballot_order"],
                                f"{c['first_name']} {c['surname']}".strip(), c["party"],
                                c["party_name"], c["colour"])
                  for c in sql.candidates(store, row["id"]))
    ids = [c.id for c in lines]
    versions = tuple(
        Version(
            id=v["id"], version=v["version"], status=v["status"], kind=v["kind"],
            count_number=v["count_number"], votes=tuple(v["votes"].get(i, 0) for i in ids),
            invalid_votes=v["invalid_votes"], electorate=v["electorate"],
            total_as_read=v["total_as_read"], entered_by=v["entered_by"],
            entered_at=v["entered_at"], verified_by=v["verified_by"],
            verified_at=v["verified_at"], source=v["source"], reason=v["reason"],
            note=v["note"], overrides=tuple(v["overrides"]),
            tie_winner_id=v["tie_winner_candidate_id"],
            verification_mode=v["verification_mode"],
        )
        for v in sql.versions(store, row["id"]))
    return SeatSheet(row["id"], row["code"], row["name"], row["nation"], row["region"],
                     row["electorate"], bool(row["recount_under_way"]), row["current_count"],
                     lines, versions)


def describe(sheet: SeatSheet, version: Version) -> str:
    """One line a desk can read aloud: who did what, when, with which figures."""
    figures = ", ".join(f"{c.name} ({c.party}) {v:,}"
                        for c, v in zip(sheet.candidates, version.votes, strict=True))
    return (f"version {version.version} ({version.status} {version.kind}, "
            f"{version.count_label.lower()}) entered by {version.entered_by} at "
            f"{local_time(version.entered_at)}: {figures}; rejected ballots "
            f"{version.invalid_votes if version.invalid_votes is not None else '-'}")


def local_time(iso: str | None) -> str:
    if not iso:
        return "-"
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%H:%M:%S")
    except ValueError:
        return iso


def _check_version(sheet: SeatSheet, expected_version: int | None) -> None:
    if expected_version is None or expected_version == sheet.current_version:
        return
    latest = sheet.latest
    if latest is None:
        raise Conflict(f"{sheet.name} changed since you opened it. Reload and check.")
    raise Conflict(f"{sheet.name} was changed by someone else since you opened it: "
                   f"{describe(sheet, latest)}. Reload it and check before saving again.")


def _refuse_over_others_entry(sheet: SeatSheet, user: str) -> None:
    """Only the author may replace a provisional entry with new figures: anyone else
    either verifies it or rejects it, so two people's keying never silently overwrite."""
    pending = sheet.pending
    if pending is None or same_person(user, pending.entered_by):
        return
    raise DeskRefusal(f"{pending.entered_by} entered version {pending.version} of {sheet.name} "
                      f"at {local_time(pending.entered_at)}, awaiting verification. Verify it, "
                      "or reject it (or ask them to withdraw it) before entering new figures.")


def _check_votes(sheet: SeatSheet, votes: Sequence[int]) -> None:
    if len(votes) != len(sheet.candidates):
        raise DeskRefusal(f"{sheet.name} has {len(sheet.candidates)} candidates; "
                          f"{len(votes)} figures were given.")


def _check_tie_winner(sheet: SeatSheet, votes: Sequence[int], tie_winner: int | None) -> None:
    if tie_winner is None:
        return
    tied = tally.tied_candidates(sheet.candidate_votes(votes))
    tied_names = {c.name for c in tied}
    if not tied:
        raise DeskRefusal("A winner by lot can only be recorded when the top candidates tie.")
    if tie_winner not in {c.id for c in sheet.candidates} or \
            sheet.candidate(tie_winner).name not in tied_names:
        raise DeskRefusal("The winner by lot must be one of the tied candidates.")


def _figures_json(sheet: SeatSheet, votes: Sequence[int], invalid: int | None) -> dict:
    return {"votes": {c.name: v for c, v in zip(sheet.candidates, votes, strict=True)},
            "invalid_votes": invalid}


def _insert(store: Store, sheet: SeatSheet, *, user: str, votes: Sequence[int],
            invalid: int | None, electorate: int | None, total_as_read: int | None,
            kind: str, overrides: Sequence[str], source: str, reason: str | None = None,
            note: str | None = None, tie_winner: int | None = None,
            declared_at: str | None = None) -> int:
    version = sheet.current_version + 1
    repo.insert_declaration(store, {
        "constituency_id": sheet.id, "version": version, "status": "provisional",
        "count_number": sheet.current_count, "electorate": electorate,
        "invalid_votes": invalid, "total_as_read": total_as_read, "declared_at": declared_at,
        "entered_by": user, "entered_at": now_iso(), "source": source, "reason": reason,
        "note": note, "tie_winner_candidate_id": tie_winner, "kind": kind,
        "overrides": json.dumps(sorted(set(overrides))),
    }, {c.id: v for c, v in zip(sheet.candidates, votes, strict=True)})
    # An older provisional entry never lingers beside a newer one.
    sql.supersede(store, sheet.id, "provisional", version)
    return version


def _validated(sheet: SeatSheet, votes: Sequence[int], invalid: int | None,
               electorate: int | None, total_as_read: int | None, overrides: Sequence[str],
               recount_votes: int, recount_pct: float) -> None:
    _check_votes(sheet, votes)
    problems = check_figures(sheet.candidate_votes(votes), invalid_votes=invalid,
                             electorate=electorate, total_as_read=total_as_read,
                             recount_votes=recount_votes, recount_pct=recount_pct)
    blocking = unresolved(problems, overrides)
    if blocking:
        raise FiguresRefused(blocking)


def declare(store: Store, key: str, *, user: str, votes: Sequence[int],
            invalid: int | None, total_as_read: int | None = None,
            electorate: int | None = None, expected_version: int | None = None,
            overrides: Sequence[str] = (), tie_winner: int | None = None,
            note: str | None = None, source: str = "desk", declared_at: str | None = None,
            recount_votes: int = tally.DEFAULT_RECOUNT_VOTES,
            recount_pct: float = tally.DEFAULT_RECOUNT_PCT) -> Version:
    """Save figures as a provisional declaration (or the next count of a recount)."""
    user = _user(store, user)
    with store.write():
        sheet = load_sheet(store, key)
        _check_version(sheet, expected_version)
        if sheet.verified is not None and not sheet.recount_under_way:
            raise DeskRefusal(f"{sheet.name} already has a verified result; change it with a "
                              "correction (and a reason), or mark a recount first.")
        _refuse_over_others_entry(sheet, user)
        electorate = sheet.electorate if electorate is None else electorate
        _validated(sheet, votes, invalid, electorate, total_as_read, overrides,
                   recount_votes, recount_pct)
        _check_tie_winner(sheet, votes, tie_winner)
        if declared_at is None:  # keyed from a practise rehearsal's read-out: its time
            declared_at = readout_time(store, sheet.id)
        version = _insert(store, sheet, user=user, votes=votes, invalid=invalid,
                          electorate=electorate, total_as_read=total_as_read,
                          kind="declaration", overrides=overrides, source=source,
                          tie_winner=tie_winner, note=note, declared_at=declared_at)
        store.audit(user, "declare", "constituency", sheet.code, {
            "version": version, "count": sheet.current_count, "overrides": sorted(overrides),
            **chain.seal_version(store.conn, sheet.id, version),
            "new": _figures_json(sheet, votes, invalid),
            "old": _figures_json(sheet, sheet.latest.votes, sheet.latest.invalid_votes)
            if sheet.latest else None})
        return load_sheet(store, key).latest


def correct(store: Store, key: str, *, user: str, votes: Sequence[int], invalid: int | None,
            reason: str, expected_version: int | None = None,
            overrides: Sequence[str] = (), tie_winner: int | None = None,
            total_as_read: int | None = None, electorate: int | None = None,
            source: str = "desk",
            recount_votes: int = tally.DEFAULT_RECOUNT_VOTES,
            recount_pct: float = tally.DEFAULT_RECOUNT_PCT) -> Version:
    """A new version of a verified result, awaiting verification by someone else; views
    keep the verified figures until then."""
    user = _user(store, user)
    if not (reason or "").strip():
        raise DeskRefusal("A correction needs a reason (what was wrong, who said so).")
    with store.write():
        sheet = load_sheet(store, key)
        _check_version(sheet, expected_version)
        verified = sheet.verified
        if verified is None:
            raise DeskRefusal(f"{sheet.name} has no verified result to correct.")
        _refuse_over_others_entry(sheet, user)
        electorate = verified.electorate if electorate is None else electorate
        _validated(sheet, votes, invalid, electorate, total_as_read, overrides,
                   recount_votes, recount_pct)
        if tie_winner is None:
            tie_winner = _lot_that_stands(sheet, verified, votes)
        _check_tie_winner(sheet, votes, tie_winner)
        if tuple(votes) == verified.votes and invalid == verified.invalid_votes \
                and tie_winner == verified.tie_winner_id:
            raise DeskRefusal("The corrected figures are the same as the verified ones.")
        version = _insert(store, sheet, user=user, votes=votes, invalid=invalid,
                          electorate=electorate, total_as_read=total_as_read, kind="correction",
                          overrides=overrides, source=source, reason=reason.strip(),
                          tie_winner=tie_winner)
        store.audit(user, "correct", "constituency", sheet.code, {
            "version": version, "reason": reason.strip(),
            **chain.seal_version(store.conn, sheet.id, version),
            "old": _figures_json(sheet, verified.votes, verified.invalid_votes),
            "new": _figures_json(sheet, votes, invalid)})
        return load_sheet(store, key).latest


def _lot_that_stands(sheet: SeatSheet, verified: Version, votes: Sequence[int]) -> int | None:
    """A winner drawn by lot stays drawn while the corrected figures still tie them: a
    correction elsewhere on the sheet does not undo the returning officer's draw."""
    drawn = verified.tie_winner_id
    if drawn is None:
        return None
    tied = {c.name for c in tally.tied_candidates(sheet.candidate_votes(votes))}
    return drawn if sheet.candidate(drawn).name in tied else None


@dataclass(frozen=True, slots=True)
class VerifyResult:
    verified: bool
    differences: tuple[str, ...]  # "votes:<i>", "invalid" (as in the form), "tie_winner"
    version: Version
    sheet: SeatSheet

    def describe_differences(self) -> str:
        names = []
        for field_name in self.differences:
            if field_name == "invalid":
                names.append("rejected ballots")
            elif field_name == "tie_winner":
                names.append("the winner by lot")
            else:
                c = self.sheet.candidates[int(field_name.split(":")[1])]
                names.append(f"{c.name} ({c.party})")
        return ", ".join(names)


def _pending_for(store: Store, key: str, user: str, expected_version: int | None,
                 action: str) -> tuple[SeatSheet, Version]:
    sheet = load_sheet(store, key)
    _check_version(sheet, expected_version)
    pending = sheet.pending
    if pending is None:
        raise DeskRefusal(f"{sheet.name} has nothing awaiting verification.")
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
    if version.kind == "lot":
        earlier = [v for v in sheet.versions if v.version < version.version]
        base = next((v for v in reversed(earlier) if v.votes == version.votes
                     and v.invalid_votes == version.invalid_votes), None)
        if base is not None and base.verified_by is None:
            authors.append(base.entered_by)
    return authors


def verify(store: Store, key: str, *, user: str, votes: Sequence[int] | None,
           invalid: int | None = None, expected_version: int | None = None,
           tie_winner: int | None = None) -> VerifyResult:
    """Blind re-key (votes given): verified only if every figure matches the first entry.
    Check mode (votes None): the verifier has looked at the figures and confirms them."""
    user = _user(store, user)
    with store.write():
        sheet, pending = _pending_for(store, key, user, expected_version, "verify")
        mode = "check" if votes is None else "rekey"
        diffs: list[str] = []
        if votes is not None:
            _check_votes(sheet, votes)
            diffs = differences(pending.votes, votes, pending.invalid_votes, invalid)
            if tie_winner is not None and tie_winner != pending.tie_winner_id:
                diffs.append("tie_winner")
        if diffs:
            store.audit(user, "verify mismatch", "constituency", sheet.code,
                        {"version": pending.version, "fields": diffs})
            return VerifyResult(False, tuple(diffs), pending, sheet)
        stamp = now_iso()
        sql.set_status(store, pending.id, "verified", verified_by=user, verified_at=stamp,
                       verification_mode=mode)
        sql.supersede(store, sheet.id, "verified", pending.version)
        if sheet.recount_under_way:
            sql.set_recount(store, sheet.id, False)
        store.audit(user, "verify", "constituency", sheet.code, {
            "version": pending.version, "mode": mode, "entered_by": pending.entered_by,
            **chain.seal_version(store.conn, sheet.id, pending.version),
            "figures": _figures_json(sheet, pending.votes, pending.invalid_votes)})
        fresh = load_sheet(store, key)
        return VerifyResult(True, (), fresh.latest, fresh)


def reject(store: Store, key: str, *, user: str, comment: str,
           expected_version: int | None = None) -> Version:
    """Send a provisional entry back to the desk: it stops counting as provisional."""
    user = _user(store, user)
    if not (comment or "").strip():
        raise DeskRefusal("Say why it is rejected, so the desk knows what to check.")
    with store.write():
        sheet, pending = _pending_for(store, key, user, expected_version, "reject")
        sql.set_status(store, pending.id, "rejected", note=comment.strip())
        store.audit(user, "reject", "constituency", sheet.code,
                    {"version": pending.version, "comment": comment.strip(),
                     "entered_by": pending.entered_by})
        return load_sheet(store, key).versions[-1]


def withdraw(store: Store, key: str, *, user: str,
             expected_version: int | None = None) -> Version:
    """The author takes back a provisional entry before anyone verifies it."""
    user = _user(store, user)
    with store.write():
        sheet = load_sheet(store, key)
        _check_version(sheet, expected_version)
        pending = sheet.pending
        if pending is None:
            raise DeskRefusal(f"{sheet.name} has no provisional entry to withdraw.")
        if not same_person(user, pending.entered_by):
            raise DeskRefusal(f"Only {pending.entered_by}, who entered it, can withdraw "
                              f"version {pending.version}; others can reject it.")
        sql.set_status(store, pending.id, "withdrawn")
        store.audit(user, "withdraw", "constituency", sheet.code, {"version": pending.version})
        return load_sheet(store, key).versions[-1]


def mark_recount(store: Store, key: str, *, user: str, under_way: bool = True,
                 expected_version: int | None = None) -> SeatSheet:
    """A recount has been called (the next figures entered are its count), or called off."""
    user = _user(store, user)
    with store.write():
        sheet = load_sheet(store, key)
        _check_version(sheet, expected_version)
        if under_way:
            # The count just finished (entered or not) was count N; the next figures are N+1.
            next_count = sheet.current_count + 1
            sql.set_recount(store, sheet.id, True, next_count)
            if sheet.pending is not None and not sheet.correction_pending:
                # An unverified count that a recount replaces stays in the history, but is
                # no longer anything to verify.
                sql.set_status(store, sheet.pending.id, "superseded")
            store.audit(user, "recount under way", "constituency", sheet.code,
                        {"count": next_count})
        else:
            if not sheet.recount_under_way:
                raise DeskRefusal(f"{sheet.name} has no recount under way.")
            sql.set_recount(store, sheet.id, False)
            store.audit(user, "recount ended", "constituency", sheet.code,
                        {"count": sheet.current_count})
        return load_sheet(store, key)


def decide_tie(store: Store, key: str, *, user: str, winner_id: int, note: str,
               expected_version: int | None = None) -> Version:
    """Record the candidate the returning officer drew by lot; a new version, verified like
    any other."""
    user = _user(store, user)
    if not (note or "").strip():
        raise DeskRefusal("Add a note on the drawing of lots (who drew, how).")
    with store.write():
        sheet = load_sheet(store, key)
        _check_version(sheet, expected_version)
        base = sheet.pending or sheet.verified
        if base is None:
            raise DeskRefusal(f"{sheet.name} has no figures yet.")
        _check_tie_winner(sheet, base.votes, winner_id)
        version = _insert(store, sheet, user=user, votes=base.votes,
                          invalid=base.invalid_votes, electorate=base.electorate,
                          total_as_read=base.total_as_read, kind="lot",
                          overrides=base.overrides, source="desk",
                          reason=base.reason, note=note.strip(), tie_winner=winner_id)
        store.audit(user, "decide tie by lot", "constituency", sheet.code,
                    {"version": version, "winner": sheet.candidate(winner_id).name,
                     "note": note.strip(), **chain.seal_version(store.conn, sheet.id, version)})
        return load_sheet(store, key).latest


@dataclass(frozen=True, slots=True)
class QueueItem:
    code: str
    name: str
    version: int
    kind: str
    count_number: int
    entered_by: str
    entered_at: str
    recount_under_way: bool


def verification_queue(store: Store) -> list[QueueItem]:
    """Provisional declarations awaiting a second person, oldest first."""
    return [QueueItem(r["code"], r["name"], r["version"], r["kind"], r["count_number"],
                      r["entered_by"], r["entered_at"], bool(r["recount_under_way"]))
            for r in sql.pending(store)]


@dataclass(frozen=True, slots=True)
class SeatHistory:
    sheet: SeatSheet
    audit: list[dict]

    def to_json_dict(self) -> dict:
        s = self.sheet
        return {
            "code": s.code, "constituency": s.name, "recount_under_way": s.recount_under_way,
            "candidates": [{"name": c.name, "party": c.party} for c in s.candidates],
            "versions": [{
                "version": v.version, "status": v.status, "kind": v.kind,
                "count": v.count_label, "votes": {c.name: n for c, n in
                                                  zip(s.candidates, v.votes, strict=True)},
                "invalid_votes": v.invalid_votes, "entered_by": v.entered_by,
                "entered_at": v.entered_at, "verified_by": v.verified_by,
                "verified_at": v.verified_at, "reason": v.reason, "note": v.note,
                "overrides": list(v.overrides),
                "tie_winner": s.candidate(v.tie_winner_id).name if v.tie_winner_id else None,
            } for v in s.versions],
            "audit": [{"at": a["at"], "user": a["user"], "action": a["action"],
                       "details": a["details"]} for a in self.audit],
        }


def history(store: Store, key: str) -> SeatHistory:
    sheet = load_sheet(store, key)
    return SeatHistory(sheet, sql.audit_entries(store, sheet.code))


def audit_log(store: Store) -> list[dict]:
    return sql.audit_entries(store)


def votes_from_keys(sheet: SeatSheet, pairs: Sequence[tuple[str, str]]) -> list[int]:
    """Figures in ballot order from KEY=VOTES pairs, as feeds and scripts give them.

    KEY is the candidate's full name, or the party abbreviation where only one candidate of
    that party stands. Every candidate must be given exactly once.
    """
    from ..domain.validation import parse_count

    by_name = {c.name.casefold(): i for i, c in enumerate(sheet.candidates)}
    by_party: dict[str, list[int]] = {}
    for i, c in enumerate(sheet.candidates):
        by_party.setdefault(c.party.casefold(), []).append(i)
    votes: list[int | None] = [None] * len(sheet.candidates)
    for key, text in pairs:
        k = " ".join(key.split()).casefold()
        if k in by_name:
            index = by_name[k]
        elif k in by_party and len(by_party[k]) == 1:
            index = by_party[k][0]
        elif k in by_party:
            names = ", ".join(sheet.candidates[i].name for i in by_party[k])
            raise DeskRefusal(f"'{key}' stands for {len(by_party[k])} candidates in "
                              f"{sheet.name} ({names}); use the candidate's full name.")
        else:
            raise DeskRefusal(f"'{key}' is not a candidate in {sheet.name}. Candidates: " +
                              ", ".join(f"{c.name} ({c.party})" for c in sheet.candidates))
        count = parse_count(text)
        if count is None:
            raise DeskRefusal(f"'{text}' for {sheet.candidates[index].name} is not a whole "
                              "number of votes.")
        if votes[index] is not None:
            raise DeskRefusal(f"{sheet.candidates[index].name} is given twice.")
        votes[index] = count
    missing = [c.name for c, v in zip(sheet.candidates, votes, strict=True) if v is None]
    if missing:
        raise DeskRefusal(f"No votes given for {', '.join(missing)} in {sheet.name}; every "
                          "candidate needs a figure (0 if none).")
    return [v for v in votes if v is not None]
