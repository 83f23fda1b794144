"""A small night and the test's own reading of it, for tests/reliability/test_views_agree.py.

`agreement_night` builds an election of eight real 2024 seats (so the hex map has a
layout) with their real ballot papers and electorates, and a baseline of the test's own
(winners chosen so gains, holds and a seat with no baseline all happen). `Truth.read` is
the oracle: it reads the raw rows of the file with its own SQL (the verified declarations,
their votes, the recount flags, the baseline) and works out, in a few lines of plain
Python and none of the app's, what every on-air view must say.
"""

from __future__ import annotations

import csv
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from helpers.desk_target import trimmed
from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_baseline, import_candidates
from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2024, data_file

# Five candidates each: Scotland (SNP), and English seats of every kind of change.
SEATS = ("S14000062", "E14001083", "E14001161", "S14000090", "E14001201", "E14001103",
         "E14001079", "E14001286")
# The baseline's winner in each seat (the last has no baseline: a "win", never a gain).
BASELINE_WINNERS = {"S14000062": "Con", "E14001083": "Lab", "E14001161": "Con",
                    "S14000090": "SNP", "E14001201": "Con", "E14001103": "Lab",
                    "E14001079": "Con"}
RECOUNT_VOTES, RECOUNT_PCT = 100, 0.5  # the recount watch's default rule, as documented


def agreement_night(folder: Path) -> Path:
    """The night's file: nominations, electorates and the baseline, nothing declared."""
    path = folder / "agree.db"
    candidates = trimmed(data_file(ELECTION_2024), folder / "candidates.csv", SEATS)
    constituencies = trimmed(data_file(CONSTITUENCIES_2024), folder / "constituencies.csv",
                             SEATS)
    store = init_election(path, "Agreement night")
    try:
        import_candidates(store, candidates, constituencies=constituencies)
        import_baseline(store, _baseline_file(candidates, folder / "baseline.csv"))
    finally:
        store.close()
    return path


def _baseline_file(candidates: Path, out: Path) -> Path:
    """The seats' own candidates' rows with the test's figures: the chosen winner well
    ahead, the others in ballot order below."""
    with candidates.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    kept = []
    for i, row in enumerate(rows):
        winner = BASELINE_WINNERS.get(row["ONS ID"])
        if winner is None:
            continue
        row["Votes"] = str(20_000 if row["Party abbreviation"] == winner else 2_000 + 97 * i)
        kept.append(row)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(kept)
    return out


def results_file(folder: Path, figures: dict[str, tuple[int, ...]], n: int) -> Path:
    """A HoC by-candidate results file of the seats in `figures` (votes in ballot order,
    which is surname A-Z, as the desk numbers them), for a (re-)import."""
    source = folder / "candidates.csv"
    with source.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    out = []
    for code, votes in figures.items():
        mine = sorted((r for r in rows if r["ONS ID"] == code),
                      key=lambda r: (r["Candidate surname"], r["Candidate first name"]))
        for row, v in zip(mine, votes, strict=True):
            out.append({**row, "Votes": str(v), "Share": "", "Change": ""})
    path = folder / f"results-{n}.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(out)
    return path


@dataclass
class SeatTruth:
    code: str
    name: str
    candidates: tuple[tuple[str, str, int], ...]  # (name, party, votes), ballot order
    invalid: int | None
    electorate: int | None
    tie_winner: str | None  # the name drawn by lot
    winner: str | None = None  # party; None: tied, no lot yet
    runner_up: str | None = None
    majority: int = 0
    tie: bool = False

    @property
    def valid(self) -> int:
        return sum(v for _n, _p, v in self.candidates)

    @property
    def majority_pct(self) -> float:
        return 100.0 * self.majority / self.valid if self.valid else 0.0

    @property
    def watched(self) -> bool:
        return self.tie or self.majority <= RECOUNT_VOTES or self.majority_pct < RECOUNT_PCT

    @property
    def by_party(self) -> dict[str, int]:
        out: Counter[str] = Counter()
        for _n, party, v in self.candidates:
            out[party] += v
        return dict(out)


def _settle(seat: SeatTruth) -> SeatTruth:
    """Winner, runner-up and majority by the plain rule: most votes wins; a tie at the top
    is the lot's winner's, else nobody's (majority 0)."""
    ranked = sorted(seat.candidates, key=lambda c: -c[2])
    top = ranked[0][2]
    tied = [c for c in ranked if c[2] == top]
    seat.tie = len(tied) > 1
    if not seat.tie:
        seat.winner = ranked[0][1]
        seat.runner_up = ranked[1][1] if len(ranked) > 1 else None
        seat.majority = top - (ranked[1][2] if len(ranked) > 1 else 0)
        return seat
    drawn = next((c for c in tied if c[0] == seat.tie_winner), None)
    if drawn is not None:
        seat.winner = drawn[1]
        seat.runner_up = next(c[1] for c in tied if c is not drawn)
    return seat


@dataclass
class Truth:
    """The night as the raw rows say it is."""

    names: dict[str, str]  # code -> constituency name
    seat_electorates: dict[str, int | None]
    on_air: dict[str, SeatTruth]  # the verified declaration of each seat that has one
    recounts: set[str]  # codes with a recount under way
    provisional: set[str]  # no verified result, a provisional entry the newest
    awaiting: set[str]  # the newest version awaits verification (over a verified one or not)
    baseline: dict[str, dict[str, int]]  # code -> votes by party
    verified_counts: Counter = field(default_factory=Counter)  # verified rows per seat

    @classmethod
    def read(cls, path: Path) -> Truth:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return cls._read(db)
        finally:
            db.close()

    @classmethod
    def _read(cls, db: sqlite3.Connection) -> Truth:
        seats = db.execute("SELECT id, code, name, electorate, recount_under_way "
                           "FROM constituencies").fetchall()
        code_of = {sid: code for sid, code, *_ in seats}
        names = {code: name for _i, code, name, *_ in seats}
        verified = db.execute(
            "SELECT d.id, d.constituency_id, d.invalid_votes, d.electorate, c.first_name || "
            "' ' || c.surname FROM declarations d LEFT JOIN candidates c "
            "ON c.id = d.tie_winner_candidate_id WHERE d.status = 'verified'").fetchall()
        lines = defaultdict(list)
        for did, first, surname, party, votes in db.execute(
                "SELECT v.declaration_id, c.first_name, c.surname, p.abbreviation, v.votes "
                "FROM declaration_votes v JOIN candidates c ON c.id = v.candidate_id "
                "JOIN parties p ON p.id = c.party_id ORDER BY c.ballot_order"):
            lines[did].append((f"{first} {surname}", party, votes))
        on_air, counts = {}, Counter()
        for did, sid, invalid, electorate, drawn in verified:
            code = code_of[sid]
            counts[code] += 1
            on_air[code] = _settle(SeatTruth(code, names[code], tuple(lines[did]), invalid,
                                             electorate, drawn))
        newest = dict(db.execute(
            "SELECT constituency_id, status FROM declarations d WHERE version = "
            "(SELECT MAX(version) FROM declarations e "
            "WHERE e.constituency_id = d.constituency_id)").fetchall())
        baseline: dict[str, Counter] = defaultdict(Counter)
        for sid, party, votes in db.execute(
                "SELECT b.constituency_id, p.abbreviation, b.votes FROM baseline_votes b "
                "JOIN parties p ON p.id = b.party_id"):
            baseline[code_of[sid]][party] += votes
        return cls(
            names=names, seat_electorates={code: e for _i, code, _n, e, _r in seats},
            on_air=on_air, recounts={code for _i, code, _n, _e, r in seats if r},
            provisional={code_of[sid] for sid, status in newest.items()
                         if status == "provisional" and code_of[sid] not in on_air},
            awaiting={code_of[sid] for sid, status in newest.items() if status == "provisional"},
            baseline={c: dict(v) for c, v in baseline.items()}, verified_counts=counts)

    # --- what every on-air view must say ------------------------------------------------

    @property
    def seats_total(self) -> int:
        return len(self.names)

    @property
    def majority_line(self) -> int:
        return self.seats_total // 2 + 1

    def baseline_winner(self, code: str) -> str | None:
        votes = self.baseline.get(code)
        if not votes:
            return None
        top = max(votes.values())
        leaders = [p for p, v in votes.items() if v == top]
        return leaders[0] if len(leaders) == 1 else None

    def seats(self) -> dict[str, int]:
        return dict(Counter(s.winner for s in self.on_air.values() if s.winner))

    def flows(self) -> dict[tuple[str, str], int]:
        """(baseline winner, winner) -> seats, for the seats that changed hands."""
        out: Counter[tuple[str, str]] = Counter()
        for s in self.on_air.values():
            then = self.baseline_winner(s.code)
            if s.winner and then and s.winner != then:
                out[(then, s.winner)] += 1
        return dict(out)

    def gains(self) -> dict[str, int]:
        out: Counter[str] = Counter()
        for (_then, now), n in self.flows().items():
            out[now] += n
        return dict(out)

    def losses(self) -> dict[str, int]:
        out: Counter[str] = Counter()
        for (then, _now), n in self.flows().items():
            out[then] += n
        return dict(out)

    def votes(self) -> dict[str, int]:
        """Votes by party in the verified seats, every party that stood in one."""
        out: Counter[str] = Counter()
        for s in self.on_air.values():
            for party, v in s.by_party.items():
                out[party] += v
        return dict(out)

    def baseline_votes(self) -> dict[str, int]:
        """The baseline's votes by party in the verified seats that have a baseline."""
        out: Counter[str] = Counter()
        for code in self.on_air:
            out.update(self.baseline.get(code, {}))
        return dict(out)

    def shares(self) -> dict[str, tuple[float, float | None]]:
        """(share now, change in points) by party in the verified seats: the share over
        every verified seat, its change like for like (README, Vote share): the share now
        and then over the verified seats the baseline covers; None for a party that stood
        only outside them, and for every party while none is covered."""
        now, then = self.votes(), self.baseline_votes()
        compared: Counter[str] = Counter()
        for code, seat in self.on_air.items():
            if code in self.baseline:
                compared.update(seat.by_party)
        total, before, covered = sum(now.values()), sum(then.values()), sum(compared.values())
        out = {}
        for party, v in now.items():
            share = 100.0 * v / total if total else 0.0
            change = None
            if before and (party in compared or party in then):
                change = (100.0 * compared[party] / covered if covered else 0.0) \
                    - 100.0 * then.get(party, 0) / before
            out[party] = (share, change)
        return out

    def turnout(self) -> float | None:
        known = [s for s in self.on_air.values() if s.electorate]
        electorate = sum(s.electorate for s in known)
        return 100.0 * sum(s.valid for s in known) / electorate if electorate else None

    def ties(self) -> list[str]:
        """Codes of the verified seats tied at the top, awaiting the lot."""
        return sorted(s.code for s in self.on_air.values() if s.winner is None)

    def watch(self) -> list[str]:
        """The summary's recount watch (verified seats only), in its order."""
        rows = [s for s in self.on_air.values() if s.watched]
        return [s.code for s in sorted(rows, key=lambda s: (
            s.majority, round(s.majority_pct, 3), s.name, s.code))]

    def leader_with_majority(self) -> str | None:
        return next((p for p, n in self.seats().items() if n >= self.majority_line), None)
