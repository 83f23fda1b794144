"""Import use cases: nominations, results and baselines, each one all-or-nothing transaction.

Each reads its file, checks it against the election with the desk's own rules (naming the
file, row and column of the first problem), and plans what to add by seat code, party
abbreviation and ballot position (`backends.ImportPlan`); the store's backend then writes
the plan: a SQLite file's rows in the same transaction as the checks, or one call of the
server's import function, which applies it all or nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from operator import attrgetter
from pathlib import Path

from ..domain.candidate_keys import candidate_keys
from ..domain.model import CandidateVotes
from ..domain.parties import INDEPENDENT, independent_colour
from ..domain.place_names import same_place_name
from ..domain.validation import MAX_FIGURE, TOO_LARGE, check_figures, title_from
from ..io.baseline import BaselineRecord, check_seats, read_baseline
from ..io.csvfile import ImportFailure, ProgressCallback
from ..io.hoc_candidates import CandidateRecord, read_candidates
from ..io.hoc_constituencies import (
    ELECTORATE,
    INVALID,
    ConstituencyFigures,
    read_constituency_figures,
)
from ..io.import_failure import location
from ..store import Store
from ..store import repository as repo
from ..store.rehearsal import is_rehearsal
from .accounts import Actor, Permission, acting_user
from .backends import ImportPlan, writes_for
from .collector import collector_paused
from .errors import DeskRefusal, refuse_bad_title
from .import_electorates import electorate_changes
from .import_lots import lot_winners
from .import_report import ImportReport, replaced_work
from .import_seats import (
    refuse_fewer_baseline_seats,
    refuse_new_seats,
    refuse_renamed_seats,
)
from .parties import PartyRegistry
from .sheets import count_name

IMPORT_USER = "import"


def _refuses_rehearsal_exports(store: Store) -> bool:
    """A live election refuses every file a rehearsal exported (`io.rehearsal_mark`): a
    rehearsal's figures must never reach air, as results, nominations or a baseline. The
    file is refused as it is read, before anything is written. A rehearsal takes them
    (its own export re-imports). The kind is fixed for the election's whole life, so it is
    asked once, before the import's transaction."""
    return not is_rehearsal(store)


def _by_seat(records: list[CandidateRecord]) -> dict[str, list[CandidateRecord]]:
    seats: dict[str, list[CandidateRecord]] = defaultdict(list)
    for record in records:
        seats[record.constituency.code].append(record)
    return seats


CandidateKey = tuple[str, str, str, str]  # seat code, first name, surname, party (casefolded)


PartyKey = tuple[str, str, int | None]  # a row's party abbreviation, name and MNIS id
# A record's PartyKey (CandidateRecord and BaselineRecord name these fields alike).
_PARTY = attrgetter("party_abbreviation", "party_name", "party_mnis_id")


class _Resolver:
    """`registry.resolve` of each row's party in turn, asked once per distinct key while
    the registry stays as it is: a file's 4,500 rows name about a hundred parties. A call
    that adds to the registry (a new party, a new MNIS id) forgets every answer, since a
    later row's party may now resolve differently, so the answers are the row-by-row
    ones."""

    def __init__(self, registry: PartyRegistry) -> None:
        self.registry = registry
        self.answers: dict[PartyKey, str] = {}

    def rows(self, keys: Iterable[PartyKey]) -> list[str]:
        """Each row's party, in order (a known answer costs no call)."""
        get, keys = self.answers.get, list(keys)
        found = [got if (got := get(key)) is not None else self._ask(key) for key in keys]
        self.registry.named(zip(found, (name for _, name, _ in keys), strict=True))
        return found

    def _ask(self, key: PartyKey) -> str:
        before = self._state()
        party = self.registry.resolve(*key)
        if self._state() != before:
            self.answers.clear()
        else:
            self.answers[key] = party
        return party

    def _state(self) -> tuple[int, int]:
        return len(self.registry.by_mnis), len(self.registry.created)


def _nominate(store: Store, path: str | Path, records: list[CandidateRecord],
              report: ImportReport, plan: ImportPlan, *,
              add_seats: bool = False) -> dict[CandidateKey, int]:
    """Plan every seat and candidate in the file the election lacks; return each row's
    ballot position in its seat, by key. Seats new to an election that has some are
    refused unless `add_seats` (`import_seats`), before anything is written.

    A seat whose nominations are already recorded must list exactly those candidates:
    a results file never silently adds or drops someone from a ballot paper.
    """
    registry = PartyRegistry(store)
    seats = _by_seat(records)
    known = set(repo.constituency_ids(store))
    plan.constituencies = [
        {"code": s.code, "name": s.name, "nation": s.nation, "region": s.region,
         "county": s.county, "kind": s.kind}
        for s in (recs[0].constituency for code, recs in seats.items() if code not in known)]
    if known:
        report.seats_before = len(known)
        report.new_seats = [f"{c['code']} {c['name']}" for c in plan.constituencies]
        refuse_new_seats(path, report.new_seats, len(known), len(seats), add_seats=add_seats)
        refuse_renamed_seats(path, {code: (recs[0].constituency.name, recs[0].row,
                                           recs[0].line) for code, recs in seats.items()},
                             repo.constituency_names(store))
    plan.add_seats = add_seats  # a server asks again under its lock (another desk's import)
    existing = _nominations_by_code(store)
    out: dict[CandidateKey, int] = {}
    resolve = _Resolver(registry)
    for code, recs in seats.items():
        parties = resolve.rows(map(_PARTY, recs))
        if existing.get(code):
            out.update(_match_nominated(path, recs, parties, existing[code]))
        else:
            out.update(_ballot_paper(code, recs, parties, plan.candidates))
    plan.parties = registry.plan()
    report.constituencies = len(seats)
    report.candidates = len(plan.candidates)
    report.new_parties = registry.created
    return out


def _nominations_by_code(store: Store) -> dict[str, list[dict]]:
    codes = {cid: code for code, cid in repo.constituency_ids(store).items()}
    return {codes[cid]: rows for cid, rows in repo.nominations(store).items()}


def _match_nominated(path: str | Path, recs: list[CandidateRecord], parties: list[str],
                     nominated: list[dict]) -> dict[CandidateKey, int]:
    """The ballot positions of a seat's recorded candidates, each matched to exactly one
    row of the file; an unknown, duplicated or missing candidate stops the import naming
    the row."""
    code = recs[0].constituency.code
    # Matched on the party the row resolves to (by MNIS id first), as stored: a row may
    # spell the abbreviation differently from the party it belongs to.
    by_key = {(code, c["first_name"].casefold(), c["surname"].casefold(), c["party"]): c
              for c in nominated}
    listed: dict[CandidateKey, int] = {}
    out: dict[CandidateKey, int] = {}
    for rec, party in zip(recs, parties, strict=True):
        key = (*rec.key[:3], party)
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
        out[rec.key] = by_key[key]["ballot_order"]
    dropped = [c for key, c in by_key.items() if key not in listed]
    if dropped:
        c = dropped[0]
        raise ImportFailure(
            path, f"{c['first_name']} {c['surname']}".strip() + f" ({c['party']}) is "
            f"nominated in {recs[0].constituency.name} but not in the file "
            f"({len(recs)} of {len(nominated)} candidates listed)", row=recs[0].row,
            column="Candidate surname", line=recs[0].line)
    return out


def _ballot_paper(code: str, recs: list[CandidateRecord], parties: list[str],
                  rows: list[dict]) -> dict[CandidateKey, int]:
    """A new seat's candidates in ballot order (surname A-Z), appended to `rows`; returns
    each one's ballot position by key."""
    # Surname, then first name, casefolded: the record's key holds both already.
    order = sorted(range(len(recs)), key=[(r.key[2], r.key[1]) for r in recs].__getitem__)
    out = {}
    for ballot, i in enumerate(order, start=1):
        # One unpacking rather than a dozen attribute lookups (4,500 candidates a night).
        (_seat, abbreviation, party_name, mnis, first_name, surname, gender, sitting,
         former, member, person, ec_id, ec_adjunct, _votes, _row, _line, key, full_name,
         _lot) = recs[i]
        out[key] = ballot
        rows.append({
            "code": code, "party": parties[i], "party_name": party_name,
            "first_name": first_name, "surname": surname, "gender": gender,
            "sitting_mp": int(sitting), "former_mp": int(former),
            "member_mnis_id": member, "dc_person_id": person, "ballot_order": ballot,
            # the row's own party ids, as the export gives them back: a party holds several
            # MNIS ids (the Scottish Greens' 1057 beside the Greens' 44)
            "party_mnis_id": mnis, "ec_party_id": ec_id, "ec_adjunct_party_id": ec_adjunct,
            "colour": independent_colour(f"{code}:{full_name}")
            if abbreviation == INDEPENDENT else None,
        })
    return out


def _electorates(path: str | Path | None, figures: dict[str, ConstituencyFigures],
                 known: dict[str, str]) -> dict[str, int | None]:
    """The constituencies file's electorates by code; a seat the election (`known`: names
    by code, with the seats the import adds) lacks, or names otherwise, stops the import
    naming its row: a row of Hendon under Aberafan Maesteg's code gave it Hendon's
    electorate."""
    for code, fig in figures.items():
        if code not in known:
            raise ImportFailure(path, f"{code} ({fig.name}) is not a constituency of this "
                                      "election", row=fig.row, column="ONS ID", line=fig.line)
        if not same_place_name(fig.name, known[code]):
            raise ImportFailure(path, f"'{fig.name}' but {code} is '{known[code]}' in the "
                                "election", row=fig.row, column="Constituency name",
                                line=fig.line)
        if fig.electorate > MAX_FIGURE:  # (a results file's seats are checked whole later)
            raise ImportFailure(path, f"{fig.name}: electorate {fig.electorate:,} {TOO_LARGE}",
                                row=fig.row, column=ELECTORATE, line=fig.line)
        if fig.electorate == 0:  # the Enter form then starts from it and refuses every
            # count ("ballots cast is more than the electorate of 0") on the night
            raise ImportFailure(path, f"{fig.name}: an electorate of 0: every seat has "
                                      "electors; give the seat's electorate",
                                row=fig.row, column=ELECTORATE, line=fig.line)
    return {code: f.electorate for code, f in figures.items()}


def refuse_recounts_under_way(store: Store, path: str | Path,
                              seats: dict[str, list[CandidateRecord]]) -> None:
    """A seat with a recount under way takes its result from the recount's count, keyed
    and verified blind at the desk: a file's figures for it (most likely the count the
    recount replaces) would stand for that count unkeyed, or go on air as a first count
    with the recount still called. Refused, naming the seat's first row; a server asks
    again under its lock (migration 40)."""
    under_way = repo.recounts_under_way(store)
    for code, recs in seats.items():
        if code in under_way:
            first = recs[0]
            raise DeskRefusal(
                f"{location(path, first.row, 'ONS ID', first.line)}: "
                f"{first.constituency.name} has {count_name(under_way[code])} under way: "
                "its result comes from that count, keyed and verified at the desk, not "
                "from a file; end the recount or call it off first, or leave the seat out "
                "of the file")


def _check_covered(path: str | Path, constituencies: str | Path | None,
                   records: list[CandidateRecord],
                   figures: dict[str, ConstituencyFigures]) -> None:
    """Every seat of the by-candidate file has its row in the constituencies file given
    with it: one left out would be recorded without its electorate (and, in results, its
    rejected ballots and declaration time), unnoticed. Names the seat's first row."""
    if constituencies is None:
        return
    missing = next((r for r in records if r.constituency.code not in figures), None)
    if missing is not None:
        seat = missing.constituency
        raise ImportFailure(
            path, f"{seat.code} ({seat.name}) has no row in {Path(constituencies).name}, "
            "which gives each seat's electorate; is it the companion of this file?",
            row=missing.row, column="ONS ID", line=missing.line)


def _read_files(path: str | Path, constituencies: str | Path | None, *, with_votes: bool,
                progress: ProgressCallback | None, live: bool
                ) -> tuple[list[CandidateRecord], dict[str, ConstituencyFigures], list[str]]:
    """The by-candidate file's records, the constituencies file's figures (if given) and
    how each was read, if not as UTF-8 with commas (the companion file named)."""
    notes: list[str] = []
    records = read_candidates(path, with_votes=with_votes, progress=progress,
                              refuse_rehearsal=live, notes=notes)
    if not constituencies:
        return records, {}, notes
    seat_notes: list[str] = []
    figures = read_constituency_figures(constituencies, refuse_rehearsal=live,
                                        notes=seat_notes)
    return records, figures, notes + [f"{Path(constituencies).name} {n}" for n in seat_notes]


def _known_names(store: Store, plan: ImportPlan) -> dict[str, str]:
    """The election's seats' names by code, with those the import adds."""
    return repo.constituency_names(store) | {c["code"]: c["name"] for c in plan.constituencies}


@collector_paused
def import_candidates(store: Store, path: str | Path, *, user: Actor | None = None,
                      constituencies: str | Path | None = None,
                      progress: ProgressCallback | None = None,
                      add_seats: bool = False) -> ImportReport:
    """Nominations from a HoC by-candidate CSV; any votes in the file are ignored. Seats
    the file would add to an election that has some are refused (`NewSeatsRefusal`,
    nothing written) unless `add_seats`."""
    records, figures, readings = _read_files(path, constituencies, with_votes=False,
                                             progress=progress,
                                             live=_refuses_rehearsal_exports(store))
    _check_covered(path, constituencies, records, figures)
    report = ImportReport(str(path), readings=readings)
    writes = writes_for(store)
    with writes.transaction():
        # checked under the lock: an admin's change committed meanwhile refuses it
        user = acting_user(store, user, Permission.IMPORT, default=IMPORT_USER)
        plan = ImportPlan()
        _nominate(store, path, records, report, plan, add_seats=add_seats)
        plan.electorates = _electorates(constituencies, figures, _known_names(store, plan))
        plan.electorate_changes = electorate_changes(store, constituencies, figures,
                                                     plan.electorates, repo.desk_work(store))
        writes.import_candidates(user, path, plan, {
            "constituencies": report.constituencies, "candidates": report.candidates,
            "new_parties": report.new_parties})
    return report


@collector_paused
def import_results(store: Store, path: str | Path, *, user: Actor | None = None,
                   constituencies: str | Path | None = None,
                   progress: ProgressCallback | None = None,
                   add_seats: bool = False) -> ImportReport:
    """Every seat in the file recorded as a verified declaration (a new version if one
    exists). Seats new to an election that has some: as `import_candidates`."""
    records, figures, readings = _read_files(path, constituencies, with_votes=True,
                                             progress=progress,
                                             live=_refuses_rehearsal_exports(store))
    _check_covered(path, constituencies, records, figures)
    seats = _by_seat(records)
    _check_valid_votes(path, constituencies, seats, figures)
    lots = lot_winners(path, records, seats)  # the winners drawn by lot the file marks
    report = ImportReport(str(path), readings=readings)
    writes = writes_for(store)
    with writes.transaction():
        # checked under the lock: an admin's change committed meanwhile refuses it
        user = acting_user(store, user, Permission.IMPORT, default=IMPORT_USER)
        plan = ImportPlan()
        ballot = _nominate(store, path, records, report, plan, add_seats=add_seats)
        refuse_recounts_under_way(store, path, seats)
        work = repo.desk_work(store)  # what the import replaces, and what awaits a check
        report.replaced = replaced_work(work, set(seats))
        plan.electorates = _electorates(constituencies, figures, _known_names(store, plan))
        plan.electorate_changes = electorate_changes(store, constituencies, figures,
                                                     plan.electorates, work, replaced=seats)
        electorates = {**repo.electorates(store), **plan.electorates}
        nominated = {code: len(rows) for code, rows in _nominations_by_code(store).items()}
        for c in plan.candidates:
            nominated[c["code"]] = nominated.get(c["code"], 0) + 1
        for code, recs in seats.items():
            votes = {ballot[r.key]: r.votes or 0 for r in recs}
            # each candidate's key for the audit entry's words (two of one name apart)
            ordered = sorted(recs, key=lambda r: ballot[r.key])
            keys = dict(zip((r.key for r in ordered), candidate_keys(
                [(r.full_name, r.party_abbreviation) for r in ordered]), strict=True))
            if len(votes) != nominated[code]:
                raise ImportFailure(
                    path, f"{recs[0].constituency.name} has {nominated[code]} nominated "
                    f"candidates but the file gives votes for {len(votes)}",
                    row=recs[0].row, column="Votes", line=recs[0].line)
            fig = figures.get(code)
            electorate = fig.electorate if fig else electorates.get(code)
            invalid = fig.invalid_votes if fig else None
            plan.declarations.append({
                "code": code, "votes": [votes[n] for n in sorted(votes)],
                "invalid_votes": invalid, "electorate": electorate,
                "declared_at": fig.declared_at if fig else None,
                # the winner drawn by lot, as a place in "votes" (1 = first on the ballot
                # paper); None: no lot (the usual seat)
                "tie_winner": sorted(votes).index(ballot[lots[code].key]) + 1
                if code in lots else None,
                "tie_winner_name": keys[lots[code].key] if code in lots else None,
                "overrides": _checked_figures(path, constituencies, recs, fig, electorate,
                                              invalid, report),
                "names": {keys[r.key]: r.votes for r in ordered}})
        report.declarations = len(plan.declarations)
        replaced = writes.import_results(user, path, plan)
        if replaced is not None:  # a server's, read under its lock: an entry saved on
            report.replaced = replaced_work(replaced, set(seats))  # another PC meanwhile too
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
                    row=fig.row, column="Valid votes", line=fig.line)


# Where the constituencies file gives a seat's figure a check may refuse, by its field.
_FIGURE_COLUMNS = {"electorate": ELECTORATE, "invalid": INVALID}


def _checked_figures(path: str | Path, constituencies: str | Path | None,
                     recs: list[CandidateRecord], fig: ConstituencyFigures | None,
                     electorate: int | None, invalid: int | None,
                     report: ImportReport) -> list[str]:
    """The desk's own rules on one imported seat: an error stops the import naming the row
    (the constituencies file's row for the electorate, else the seat's first candidate row);
    warnings go into the report and are recorded as the overrides they amount to."""
    problems = check_figures([CandidateVotes(r.full_name, r.party_abbreviation, r.votes or 0)
                              for r in recs], invalid_votes=invalid, electorate=electorate)
    seat = recs[0].constituency.name
    for problem in problems:
        if not problem.is_error:
            continue
        if problem.field in _FIGURE_COLUMNS and fig is not None:  # the constituencies file's
            raise ImportFailure(constituencies, f"{seat}: {problem.message}", row=fig.row,
                                column=_FIGURE_COLUMNS[problem.field], line=fig.line)
        # a candidate's figure at its row; a seat's (ballots over its electorate) at the
        # row of the largest figure, the likeliest slip (it named the seat's first row)
        rec = recs[int(problem.field.split(":")[1])] if problem.field.startswith("votes:") \
            else max(recs, key=lambda r: r.votes or 0)
        if (not problem.field and fig is not None and invalid is not None
                and invalid > (rec.votes or 0)):  # the ballots cast too many to add up:
            # the rejected ballots the larger figure (it blamed a candidate's Votes)
            raise ImportFailure(constituencies, f"{seat}: {problem.message}", row=fig.row,
                                column=INVALID, line=fig.line)
        raise ImportFailure(path, f"{seat}: {problem.message}", row=rec.row, column="Votes",
                            line=rec.line)
    report.warnings.extend(f"{seat}: {p.message}" for p in problems)
    return sorted({p.code for p in problems})


def _refuse_large_baseline_figures(path: str | Path, records: list[BaselineRecord]) -> None:
    """A baseline's votes or electorate over MAX_FIGURE stops the import at its row, as a
    declaration's would."""
    rec = next((r for r in records if r.votes > MAX_FIGURE or (r.electorate or 0) > MAX_FIGURE),
               None)
    if rec is not None:
        column, value = ("Votes", rec.votes) if rec.votes > MAX_FIGURE else \
            ("Electorate", rec.electorate)
        raise ImportFailure(path, f"{rec.code}: {value:,} {TOO_LARGE}", row=rec.row,
                            column=column, line=rec.line)


@collector_paused
def import_baseline(store: Store, path: str | Path, *, user: Actor | None = None,
                    name: str | None = None, progress: ProgressCallback | None = None,
                    fewer_seats: bool = False,
                    constituencies: str | Path | None = None) -> ImportReport:
    """Previous or notional results by seat and party, replacing any earlier baseline;
    one leaving out seats that one covers only with `fewer_seats`
    (`FewerBaselineSeatsRefusal`); named `name`, else by the file. `constituencies`: a
    HoC by-candidate baseline's by-constituency file, for its electorates (`read_baseline`)."""
    name = name or title_from(Path(path).stem, "Baseline")  # (a name nobody typed)
    refuse_bad_title(name, "baseline")
    readings: list[str] = []
    records = read_baseline(path, progress=progress, constituencies=constituencies,
                            refuse_rehearsal=_refuses_rehearsal_exports(store), notes=readings)
    report = ImportReport(str(path), readings=readings)
    writes = writes_for(store)
    with writes.transaction():
        # checked under the lock: an admin's change committed meanwhile refuses it
        user = acting_user(store, user, Permission.IMPORT, default=IMPORT_USER)
        known = set(repo.constituency_ids(store))
        unknown = next((rec for rec in records if rec.code not in known), None)
        if unknown is not None:
            raise ImportFailure(path, f"{unknown.code} is not a constituency of this election",
                                row=unknown.row, column="ONS ID", line=unknown.line)
        registry = PartyRegistry(store)
        _refuse_large_baseline_figures(path, records)
        check_seats(path, records)
        plan = ImportPlan()
        plan.rows = [{"code": rec.code, "candidate": rec.candidate, "votes": rec.votes,
                      "party": party}
                     for rec, party in zip(records, _Resolver(registry).rows(map(_PARTY, records)),
                                           strict=True)]
        plan.electorates = {rec.code: rec.electorate for rec in records}  # a seat's last row's
        plan.parties = registry.plan()
        report.constituencies = len(plan.electorates)
        # The desk's check, on a server too (its import function does not make it): there,
        # a baseline another desk imports between this read and the call is not compared.
        refuse_fewer_baseline_seats(path, set(plan.electorates),
                                    repo.baseline_seat_codes(store), fewer_seats=fewer_seats)
        report.new_parties = registry.created
        writes.import_baseline(user, path, name, plan)
    return report
