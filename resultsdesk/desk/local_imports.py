"""A SQLite desk's imports: an `ImportPlan` written in a few statements, inside the write
lock `LocalWrites.transaction` holds.

Each table's new rows get their ids here, one past the highest (nobody else inserts while
the lock is held: `repository.next_id`), as tuples in one `insert_values`, so nothing inserted
is read back. Each imported declaration's seal is worked out from the very values inserted.
That is the seal a read-back would give, because SQLite stores an int in an INTEGER column
and a str in a TEXT column unchanged; `_stored_as_given` checks that every figure the plan
gives is one of those (a bool, a float or a number as text would be stored as something
else; the other figures are the import's own ids and strs), so a bug there stops the
import rather than sealing figures other than those stored. The audit check
(`desk/audit.py`) still recomputes every seal from the rows as stored.
"""

from __future__ import annotations

import json
from collections import defaultdict
from itertools import chain
from operator import itemgetter
from pathlib import Path

from ..domain.audit_chain import (
    ELECTORATES_CHANGED,
    ROLL,
    VERIFIED_AT,
    DeclarationFigures,
    seal,
)
from ..domain.errors import InternalError
from ..domain.model import DeclarationStatus
from ..store import Store
from ..store import declarations as sql
from ..store import repository as repo
from ..store.audit_log import roll
from ..store.settings import now_iso
from .backends import ImportPlan

# Seat id -> its candidates as (candidate id, party id), in ballot order.
Ballots = dict[int, list[tuple[int, int]]]

_PARTY_COLUMNS = ("id", "abbreviation", "name", "mnis_id", "colour", "political_order")
_SEAT_COLUMNS = ("code", "name", "nation", "region", "county", "kind")
_CANDIDATE_COLUMNS = ("party_name", "first_name", "surname", "gender", "sitting_mp",
                      "former_mp", "member_mnis_id", "dc_person_id", "ballot_order", "colour",
                      "party_mnis_id", "ec_party_id", "ec_adjunct_party_id")
_INTEGER = frozenset({int, type(None)})
_TEXT = frozenset({str, type(None)})


def party_ids(store: Store, plan: ImportPlan) -> dict[str, int]:
    """Every party's id by abbreviation, after adding the plan's new parties and MNIS ids."""
    ids = repo.party_ids(store)
    new = [p for p in plan.parties if p["abbreviation"] not in ids]
    rows = []
    first = repo.next_id(store, "parties")
    for party_id, p in enumerate(new, start=first):
        ids[p["abbreviation"]] = party_id
        rows.append((party_id, p["abbreviation"], p["name"], p.get("mnis_id"), p["colour"],
                     p.get("political_order", 0)))
    if rows:
        store.insert_values("parties", _PARTY_COLUMNS, rows)
        repo.parties_added(store, first)
    mnis = [(m, ids[p["abbreviation"]]) for p in plan.parties for m in p.get("mnis_ids", ())]
    if mnis:
        repo.add_party_mnis_ids(store, mnis)
    return ids


def nominate(store: Store, user: str, plan: ImportPlan, *, electorates_with_seats: bool
             ) -> tuple[dict[str, int], Ballots]:
    """The plan's parties, seats, ballot papers and electorates, the electorates it changes
    audited ("change electorates", `import_electorates`); returns seat ids by code and the
    new ballot papers.

    `electorates_with_seats`: a new seat's electorate goes into its row rather than an
    update after it. Results do that: each of their seats then gets a declaration, whose
    trigger marks the seat changed. Nominations alone keep the update, whose trigger is
    what marks a new seat changed for the views already open; a new seat they give no
    electorate (a by-candidate file without its by-constituency file) is marked here
    (`repo.seats_added`): nothing else did, and open windows never listed it."""
    parties = party_ids(store, plan)
    seat_ids = repo.constituency_ids(store)
    given = plan.electorates if electorates_with_seats else {}
    rows = []
    for seat_id, c in enumerate(plan.constituencies, start=repo.next_id(store, "constituencies")):
        seat_ids[c["code"]] = seat_id
        rows.append((seat_id, *itemgetter(*_SEAT_COLUMNS)(c), given.get(c["code"])))
    if rows:
        store.insert_values("constituencies", ("id", *_SEAT_COLUMNS, "electorate"), rows)
    ballots = _ballot_papers(store, plan, seat_ids, parties)
    new = {c["code"] for c in plan.constituencies} if electorates_with_seats else set()
    updates = {seat_ids[code]: e for code, e in plan.electorates.items() if code not in new}
    if updates:
        repo.set_electorates(store, updates)
    unmarked = [] if electorates_with_seats else [
        seat_ids[c["code"]] for c in plan.constituencies if c["code"] not in plan.electorates]
    if unmarked:
        repo.seats_added(store, unmarked)
    if plan.electorate_changes:
        store.audit(user, ELECTORATES_CHANGED, "election", "",
                    {"electorates": plan.electorate_changes})
    return seat_ids, ballots


def _ballot_papers(store: Store, plan: ImportPlan, seat_ids: dict[str, int],
                   parties: dict[str, int]) -> Ballots:
    pick = itemgetter(*_CANDIDATE_COLUMNS)
    rows = []
    lines: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for candidate_id, c in enumerate(plan.candidates, start=repo.next_id(store, "candidates")):
        seat, party = seat_ids[c["code"]], parties[c["party"]]
        rows.append((candidate_id, seat, party, *pick(c)))
        lines[seat].append((c["ballot_order"], candidate_id, party))
    if rows:
        store.insert_values("candidates", ("id", "constituency_id", "party_id",
                                           *_CANDIDATE_COLUMNS), rows)
    return {seat: [(cid, pid) for _, cid, pid in sorted(paper)] for seat, paper in lines.items()}


def import_results(store: Store, user: str, path: str | Path, plan: ImportPlan) -> None:
    """Every planned seat's figures as its next version, verified on arrival (as
    `local_writes.insert_verified` does one seat), each audited with its seal."""
    stamp = now_iso()
    _stored_as_given(plan, user, stamp)
    seat_ids, ballots = nominate(store, user, plan, electorates_with_seats=True)
    if any(seat_ids[d["code"]] not in ballots for d in plan.declarations):
        ballots = {**repo.ballot_papers(store), **ballots}  # seats nominated before
    latest = repo.latest_versions(store)
    # A seat whose recount was verified stands on that count: its imported figures are
    # recorded as of it, as a server records them (count_number = current_count); they
    # were "first count" here, and corrections and conflicts then named another count.
    counts = repo.counts_after_recounts(store)
    name = Path(path).name
    texts: dict[tuple[str, ...], str] = {}  # the overrides column (most seats: "[]")
    rows, votes, entries, supersede = [], [], [], []
    for declaration_id, d in enumerate(plan.declarations,
                                       start=repo.next_id(store, "declarations")):
        seat = seat_ids[d["code"]]
        version = latest.get(seat, 0) + 1
        latest[seat] = version  # a seat twice in one plan: one version after the other
        lines = [(candidate, party, n) for (candidate, party), n
                 in zip(ballots[seat], d["votes"], strict=True)]
        place = d.get("tie_winner")  # drawn by lot: its place on the ballot paper
        winner = None if place is None else ballots[seat][place - 1][0]
        overrides = tuple(map(str, d["overrides"]))
        if overrides not in texts:
            texts[overrides] = json.dumps(list(overrides))
        figures = DeclarationFigures(
            declaration_id=declaration_id, constituency=d["code"], version=version,
            kind="declaration", count_number=counts.get(seat, 0), votes=tuple(lines),
            invalid_votes=d["invalid_votes"], electorate=d["electorate"],
            total_as_read=sum(d["votes"]), tie_winner_candidate_id=winner,
            declared_at=d["declared_at"], entered_by=user, entered_at=stamp, source="import",
            reason=None, overrides=overrides)
        rows.append((declaration_id, seat, version, DeclarationStatus.VERIFIED.value,
                     figures.count_number, figures.electorate, figures.invalid_votes,
                     figures.total_as_read, figures.declared_at, user, stamp, user, stamp,
                     figures.source, figures.reason, figures.tie_winner_candidate_id,
                     figures.kind, texts[overrides]))
        votes += [(declaration_id, candidate, n) for candidate, _party, n in lines]
        details = {"version": version, "file": name, "votes": d["names"], **seal(figures),
                   VERIFIED_AT: stamp}
        if winner is not None:  # who the lot elected, named as `decide tie by lot` names it
            details["winner"] = d.get("tie_winner_name")
        entries.append((d["code"], details))
        if version > 1:  # a first version has nothing before it to supersede
            supersede += [(seat, status, version) for status in
                          (DeclarationStatus.VERIFIED, DeclarationStatus.PROVISIONAL)]
    repo.insert_declarations(store, rows, votes)
    if supersede:
        sql.supersede_many(store, supersede)
    store.audit_many(user, "import declaration", "constituency", entries)
    store.audit(user, "import results", "election", str(path),
                {"declarations": len(rows), ROLL: roll(store, unchanged=("baseline",))})


def _stored_as_given(plan: ImportPlan, user: str, stamp: str) -> None:
    """Every figure the plan gives a seal (its other figures are the import's own ints and
    strs) is an int for an INTEGER column or a str for a TEXT one (or None): what SQLite
    stores unchanged, so the seals worked out from them are those of the rows stored."""
    declarations = plan.declarations
    checks = [
        ("electorate", _INTEGER, [d["electorate"] for d in declarations]),
        ("invalid votes", _INTEGER, [d["invalid_votes"] for d in declarations]),
        ("votes", _INTEGER, list(chain.from_iterable(d["votes"] for d in declarations))),
        ("declaration time", _TEXT, [d["declared_at"] for d in declarations]),
        ("user and time", _TEXT, [user, stamp]),
    ]
    for what, kinds, values in checks:
        found = set(map(type, values))
        if not found <= kinds:
            raise InternalError(f"an import's {what} would not be stored as given "
                                f"({', '.join(sorted(t.__name__ for t in found - kinds))})")


def import_baseline(store: Store, user: str, path: str | Path, name: str,
                    plan: ImportPlan) -> None:
    parties = party_ids(store, plan)
    seat_ids = repo.constituency_ids(store)
    repo.replace_baseline(
        store, name,
        [(seat_ids[r["code"]], parties[r["party"]], r["candidate"], r["votes"])
         for r in plan.rows],
        {seat_ids[code]: e for code, e in plan.electorates.items()})
    store.audit(user, "import baseline", "election", str(path),
                {"constituencies": len(plan.electorates), "rows": len(plan.rows),
                 ROLL: roll(store, unchanged=("seats",))})
