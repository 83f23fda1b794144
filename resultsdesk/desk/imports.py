"""Import use cases: nominations, results and baselines, each one all-or-nothing transaction."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.model import CandidateVotes, DeclarationStatus
from ..domain.parties import INDEPENDENT, independent_colour
from ..domain.validation import check_figures
from ..io.baseline import read_baseline
from ..io.csvfile import ImportFailure, ProgressCallback
from ..io.hoc_candidates import CandidateRecord, read_candidates
from ..io.hoc_constituencies import ConstituencyFigures, read_constituency_figures
from ..store import Store, audit_log
from ..store import declarations as sql
from ..store import repository as repo
from ..store.settings import now_iso
from .accounts import Permission, acting_user
from .parties import PartyRegistry

IMPORT_USER = "import"


@dataclass(slots=True)
class ImportReport:
    file: str
    constituencies: int = 0
    candidates: int = 0
    declarations: int = 0
    new_parties: list[str] = field(default_factory=list)
    # Warnings the desk would have asked someone to accept: "Seat: message" lines.
    warnings: list[str] = field(default_factory=list)

    def describe(self) -> str:
        parts = [f"{self.constituencies} constituencies"]
        if self.candidates:
            parts.append(f"{self.candidates} candidates")
        if self.declarations:
            parts.append(f"{self.declarations} verified declarations")
        if self.new_parties:
            parts.append(f"{len(self.new_parties)} new parties")
        text = f"Imported {Path(self.file).name}: " + ", ".join(parts) + "."
        if self.warnings:
            text += (f"\n{len(self.warnings)} warnings accepted as imported (recorded as "
                     "overrides):\n" + "\n".join(f"  {w}" for w in self.warnings))
        return text


def _by_seat(records: list[CandidateRecord]) -> dict[str, list[CandidateRecord]]:
    seats: dict[str, list[CandidateRecord]] = defaultdict(list)
    for record in records:
        seats[record.constituency.code].append(record)
    return seats


CandidateKey = tuple[str, str, str, str]  # seat code, first name, surname, party (casefolded)


def _nominate(store: Store, path: str | Path, records: list[CandidateRecord],
              report: ImportReport) -> dict[CandidateKey, int]:
    """Make sure every seat and candidate in the file exists; return candidate ids by key.

    A seat whose nominations are already recorded must list exactly those candidates:
    a results file never silently adds or drops someone from a ballot paper.
    """
    registry = PartyRegistry(store)
    seats = _by_seat(records)
    ids = _with_new_seats(store, seats)
    existing = repo.nominations(store)
    out: dict[CandidateKey, int] = {}
    new_candidates: list[dict] = []
    new_slots: list[tuple[CandidateKey, int, int]] = []  # key, seat id, ballot position
    for code, recs in seats.items():
        cid = ids[code]
        party_ids = [registry.resolve(r.party_abbreviation, r.party_name, r.party_mnis_id)
                     for r in recs]
        if existing.get(cid):
            out.update(_match_nominated(path, recs, party_ids, existing[cid], registry))
        else:
            new_slots += _ballot_paper(code, cid, recs, party_ids, new_candidates)
    repo.insert_candidates(store, new_candidates)
    if new_candidates:
        # By ballot position, not by name and party: a row's abbreviation may differ from
        # that of the party its MNIS id resolved to.
        by_slot = {(c["constituency_id"], c["ballot_order"]): c["id"]
                   for nominated in repo.nominations(store).values() for c in nominated}
        for key, cid, ballot in new_slots:
            out[key] = by_slot[cid, ballot]
    report.constituencies = len(seats)
    report.candidates = len(new_candidates)
    report.new_parties = registry.created
    return out


def _with_new_seats(store: Store, seats: dict[str, list[CandidateRecord]]) -> dict[str, int]:
    """Add the file's seats this election does not have yet; every seat id by code."""
    ids = repo.constituency_ids(store)
    new_seats = [recs[0].constituency for code, recs in seats.items() if code not in ids]
    if not new_seats:
        return ids
    repo.insert_constituencies(store, [
        {"code": s.code, "name": s.name, "nation": s.nation, "region": s.region,
         "county": s.county, "kind": s.kind} for s in new_seats])
    return repo.constituency_ids(store)


def _match_nominated(path: str | Path, recs: list[CandidateRecord], party_ids: list[int],
                     nominated: list[dict], registry: PartyRegistry) -> dict[CandidateKey, int]:
    """The ids of a seat's recorded candidates, each matched to exactly one row of the
    file; an unknown, duplicated or missing candidate stops the import naming the row."""
    code = recs[0].constituency.code
    # Matched on the party the row resolves to (by MNIS id first), as stored: a row may
    # spell the abbreviation differently from the party it belongs to.
    stored = {pid: abbreviation for abbreviation, pid in registry.by_abbreviation.items()}
    by_key = {(code, c["first_name"].casefold(), c["surname"].casefold(), c["party"]): c
              for c in nominated}
    listed: dict[CandidateKey, int] = {}
    out: dict[CandidateKey, int] = {}
    for rec, party_id in zip(recs, party_ids, strict=True):
        key = (*rec.key[:3], stored.get(party_id, rec.party_abbreviation))
        if key not in by_key:
            raise ImportFailure(
                path, f"{rec.full_name} ({rec.party_abbreviation}) is not a nominated "
                f"candidate in {rec.constituency.name}", row=rec.row,
                column="Candidate surname", line=rec.line)
        if key in listed:
            raise ImportFailure(
                path, f"duplicate candidate {rec.full_name} ({rec.party_abbreviation}) "
                f"in {rec.constituency.name}, already on row {listed[key]}",
                row=rec.row, column="Candidate surname", line=rec.line)
        listed[key] = rec.row
        out[rec.key] = by_key[key]["id"]
    dropped = [c for key, c in by_key.items() if key not in listed]
    if dropped:
        c = dropped[0]
        raise ImportFailure(
            path, f"{c['first_name']} {c['surname']}".strip() + f" ({c['party']}) is "
            f"nominated in {recs[0].constituency.name} but not in the file "
            f"({len(recs)} of {len(nominated)} candidates listed)", row=recs[0].row,
            column="Candidate surname", line=recs[0].line)
    return out


def _ballot_paper(code: str, cid: int, recs: list[CandidateRecord], party_ids: list[int],
                  rows: list[dict]) -> list[tuple[CandidateKey, int, int]]:
    """A new seat's candidates in ballot order (surname A-Z), appended to `rows`; returns
    each one's key, seat id and ballot position."""
    order = sorted(range(len(recs)),
                   key=lambda i: (recs[i].surname.casefold(), recs[i].first_name.casefold()))
    slots = []
    for ballot, i in enumerate(order, start=1):
        rec = recs[i]
        slots.append((rec.key, cid, ballot))
        rows.append({
            "constituency_id": cid, "party_id": party_ids[i], "party_name": rec.party_name,
            "first_name": rec.first_name, "surname": rec.surname, "gender": rec.gender,
            "sitting_mp": int(rec.sitting_mp), "former_mp": int(rec.former_mp),
            "member_mnis_id": rec.member_mnis_id, "dc_person_id": rec.dc_person_id,
            "ballot_order": ballot,
            "colour": independent_colour(f"{code}:{rec.full_name}")
            if rec.party_abbreviation == INDEPENDENT else None,
        })
    return slots


def _check_figures(store: Store, path: str | Path, figures: dict[str, ConstituencyFigures],
                   known: set[str]) -> None:
    for code, fig in figures.items():
        if code not in known:
            raise ImportFailure(path, f"{code} ({fig.name}) is not a constituency of this "
                                      "election", row=fig.row, column="ONS ID")


def import_candidates(store: Store, path: str | Path, *, user: str = IMPORT_USER,
                      constituencies: str | Path | None = None,
                      progress: ProgressCallback | None = None) -> ImportReport:
    """Nominations from a HoC by-candidate CSV; any votes in the file are ignored."""
    records = read_candidates(path, with_votes=False, progress=progress)
    figures = read_constituency_figures(constituencies) if constituencies else {}
    report = ImportReport(str(path))
    with store.write():
        user = acting_user(store, user, Permission.IMPORT)
        _nominate(store, path, records, report)
        _apply_electorates(store, constituencies, figures)
        store.audit(user, "import candidates", "election", str(path),
                    {"constituencies": report.constituencies, "candidates": report.candidates,
                     "new_parties": report.new_parties})
    return report


def _apply_electorates(store: Store, path: str | Path | None,
                       figures: dict[str, ConstituencyFigures]) -> None:
    if not figures:
        return
    ids = repo.constituency_ids(store)
    _check_figures(store, path, figures, set(ids))
    repo.set_electorates(store, {ids[code]: f.electorate for code, f in figures.items()})


def import_results(store: Store, path: str | Path, *, user: str = IMPORT_USER,
                   constituencies: str | Path | None = None,
                   progress: ProgressCallback | None = None) -> ImportReport:
    """Every seat in the file recorded as a verified declaration (a new version if one exists)."""
    records = read_candidates(path, with_votes=True, progress=progress)
    figures = read_constituency_figures(constituencies) if constituencies else {}
    seats = _by_seat(records)
    _check_valid_votes(path, constituencies, seats, figures)
    report = ImportReport(str(path))
    with store.write():
        user = acting_user(store, user, Permission.IMPORT)
        candidate_ids = _nominate(store, path, records, report)
        _apply_electorates(store, constituencies, figures)
        ids = repo.constituency_ids(store)
        electorates = repo.electorates(store)
        stamp = now_iso()
        entries: list[tuple[str, int, dict]] = []  # audited once all are in: sealed at once
        for code, recs in seats.items():
            cid = ids[code]
            nominated = repo.candidate_ids(store, cid)
            votes = {candidate_ids[r.key]: r.votes or 0 for r in recs}
            missing = set(nominated) - set(votes)
            if missing:
                raise ImportFailure(
                    path, f"{recs[0].constituency.name} has {len(nominated)} nominated "
                    f"candidates but the file gives votes for {len(votes)}",
                    row=recs[0].row, column="Votes", line=recs[0].line)
            fig = figures.get(code)
            electorate = fig.electorate if fig else electorates[code]
            invalid = fig.invalid_votes if fig else None
            accepted = _checked_figures(path, constituencies, recs, fig, electorate, invalid,
                                        report)
            declaration_id, version = insert_verified(
                store, cid, votes, user=user, stamp=stamp, electorate=electorate,
                invalid=invalid, declared_at=fig.declared_at if fig else None,
                overrides=accepted)
            entries.append((code, declaration_id, {
                "version": version, "file": Path(path).name,
                "votes": {r.full_name: r.votes for r in recs}}))
            report.declarations += 1
        seals = audit_log.seal_versions(store, [did for _, did, _ in entries])
        store.audit_many(user, "import declaration", "constituency",
                         [(code, {**details, **seals[did]}) for code, did, details in entries])
        store.audit(user, "import results", "election", str(path),
                    {"declarations": report.declarations})
    return report


def _check_valid_votes(path: str | Path, constituencies: str | Path | None,
                       seats: dict[str, list[CandidateRecord]],
                       figures: dict[str, ConstituencyFigures]) -> None:
    """A seat's candidates add up to the valid votes the constituencies file gives."""
    for code, fig in figures.items():
        if code in seats and fig.valid_votes is not None:
            total = sum(r.votes or 0 for r in seats[code])
            if total != fig.valid_votes:
                raise ImportFailure(
                    constituencies, f"valid votes {fig.valid_votes:,} for {fig.name}, but its "
                    f"candidates in {Path(path).name} add up to {total:,}",
                    row=fig.row, column="Valid votes")


def insert_verified(store: Store, constituency_id: int, votes: dict[int, int], *, user: str,
                    stamp: str, electorate: int | None, invalid: int | None,
                    declared_at: str | None, overrides: str) -> tuple[int, int]:
    """A seat's figures from a file (an import, a rehearsal's feed) as its next version,
    verified on arrival; what it replaces is superseded, as when the desk verifies a new
    version. Inside `store.write()`; the caller audits it. Returns (id, version)."""
    version = repo.next_version(store, constituency_id)
    declaration_id = repo.insert_declaration(store, {
        "constituency_id": constituency_id, "version": version,
        "status": DeclarationStatus.VERIFIED,
        "electorate": electorate, "invalid_votes": invalid,
        "total_as_read": sum(votes.values()), "declared_at": declared_at,
        "entered_by": user, "entered_at": stamp, "verified_by": user,
        "verified_at": stamp, "source": "import", "overrides": overrides,
    }, votes)
    for status in (DeclarationStatus.VERIFIED, DeclarationStatus.PROVISIONAL):
        sql.supersede(store, constituency_id, status, version)
    return declaration_id, version


def _checked_figures(path: str | Path, constituencies: str | Path | None,
                     recs: list[CandidateRecord], fig: ConstituencyFigures | None,
                     electorate: int | None, invalid: int | None,
                     report: ImportReport) -> str:
    """The desk's own rules on one imported seat: an error stops the import naming the row
    (the constituencies file's row for the electorate, else the seat's first candidate row);
    warnings go into the report and are recorded as the overrides they amount to."""
    problems = check_figures([CandidateVotes(r.full_name, r.party_abbreviation, r.votes or 0)
                              for r in recs], invalid_votes=invalid, electorate=electorate)
    seat = recs[0].constituency.name
    for problem in problems:
        if not problem.is_error:
            continue
        if problem.field == "electorate" and fig is not None:
            raise ImportFailure(constituencies, f"{seat}: {problem.message}", row=fig.row,
                                column="Electorate")
        rec = recs[int(problem.field.split(":")[1])] if problem.field.startswith("votes:") \
            else recs[0]
        raise ImportFailure(path, f"{seat}: {problem.message}", row=rec.row, column="Votes",
                            line=rec.line)
    codes = sorted({p.code for p in problems})
    report.warnings.extend(f"{seat}: {p.message}" for p in problems)
    return json.dumps(codes)


def import_baseline(store: Store, path: str | Path, *, user: str = IMPORT_USER,
                    name: str | None = None,
                    progress: ProgressCallback | None = None) -> ImportReport:
    """Previous or notional results by seat and party, replacing any earlier baseline."""
    records = read_baseline(path, progress=progress)
    report = ImportReport(str(path))
    with store.write():
        user = acting_user(store, user, Permission.IMPORT)
        ids = repo.constituency_ids(store)
        registry = PartyRegistry(store)
        rows = []
        electorates: dict[int, int | None] = {}
        for rec in records:
            if rec.code not in ids:
                raise ImportFailure(path, f"{rec.code} is not a constituency of this election",
                                    row=rec.row, column="ONS ID")
            cid = ids[rec.code]
            rows.append({"constituency_id": cid, "candidate": rec.candidate, "votes": rec.votes,
                         "party_id": registry.resolve(rec.party_abbreviation, rec.party_name,
                                                      rec.party_mnis_id)})
            electorates[cid] = rec.electorate
        repo.replace_baseline(store, name or Path(path).stem, rows, electorates)
        report.constituencies = len(electorates)
        report.new_parties = registry.created
        store.audit(user, "import baseline", "election", str(path),
                    {"constituencies": report.constituencies, "rows": len(rows)})
    return report
