"""One live night kept across a random night of desk work (agreement_night's eight seats
and baseline; for tests/desk/test_live_drift_machine.py, tests/ui/test_live_window_drift.py,
tests/charts/test_frames_live_drift.py) against a night read afresh after every step,
with what the existing machines leave out: another baseline imported mid-night, a seat and
its new parties imported mid-night, someone else signing in (another viewer), the recount
watch asked at thresholds changed mid-night, seats of no votes."""

from __future__ import annotations

import csv
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)

from helpers.agreement import SEATS, agreement_night
from helpers.desk_target import trimmed
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.desk.imports import import_baseline, import_candidates, import_results
from resultsdesk.desk.live import NightState
from resultsdesk.desk.live_charts import timeline_data
from resultsdesk.desk.summary import national_summary
from resultsdesk.desk.visibility import EVERYONE, Viewer
from resultsdesk.domain import tally
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2024, data_file
from resultsdesk.store import Store

PEOPLE = ("alice", "bob", "carol")
VIEWERS = (EVERYONE, Viewer("alice", sees_all_provisional=False),
           Viewer("bob", sees_all_provisional=False), Viewer("", sees_all_provisional=False))
THRESHOLDS = (tally.DEFAULT_THRESHOLDS, tally.RecountThresholds(votes=5000, pct=10.0),
              tally.RecountThresholds(votes=0, pct=0.0), tally.RecountThresholds(votes=20, pct=0.1))
NEW_SEAT = "N05000001"  # Belfast East: DUP, APNI, UUP..., parties the night has not met
KINDS = ("clean0", "clean1", "close", "tie", "zero", "clean2", "other_close")


def _votes(n: int, kind: str, salt: int) -> list[int]:
    base = [1000 + 37 * i + salt for i in range(n)]
    if kind.startswith("clean"):
        base[int(kind[-1]) % n] = 20_000 + salt
    elif kind == "close":
        base[0], base[1] = 15_000, 14_990 - salt % 7
    elif kind == "other_close":
        base[1], base[2 % n] = 12_000 + salt % 5, 12_050
    elif kind == "tie":
        base[0] = base[-1] = 17_000
    elif kind == "zero":
        base = [0] * n
    return base


def _baseline_file(candidates: Path, out: Path, shift: int) -> Path:
    """A baseline of the night's seats whose winner is the candidate `shift` places on."""
    with candidates.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    by_seat: dict[str, list[dict]] = {}
    for row in rows:
        by_seat.setdefault(row["ONS ID"], []).append(row)
    kept = []
    for k, (code, seat_rows) in enumerate(sorted(by_seat.items())):
        if code == SEATS[-1] and shift % 2:
            continue  # a seat with no baseline in one of them
        for i, row in enumerate(seat_rows):
            win = i == (shift + k) % len(seat_rows)
            kept.append({**row, "Votes": str(20_000 if win else 2_000 + 97 * i)})
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(kept)
    return out


def read_out(night: NightState, asked: set) -> dict:
    out = {
        "parties": {p: (v.name, v.colour, v.political_order) for p, v in night.parties.items()},
        "seats_total": night.seats_total,
        "strip": night.strip_data(), "majority text": night.majority_text(),
        "named": night.named_parties(),
        "provisional seats": night.provisional_seats(),
        "provisional count": night.provisional_count(),
        "timeline": timeline_data(night),
        "latest": (night.latest_declared(), night.latest_verified_at()),
        "majority reached": night.majority_reached(),
        "declared seats": night.declared_seats(),
    }
    for show in (False, True):
        out[f"seats chart {show}"] = night.seat_chart_data(show_provisional=show)
        out[f"drawn {show}"] = night.seat_chart_data(show_provisional=show).drawn()
        out[f"hemicycle {show}"] = night.hemicycle_data(show_provisional=show)
    out["shares"] = night.vote_share_data()
    for th in asked:
        out[f"watch {th}"] = night.recount_watch(th)
        for prov in (False, True):
            out[f"summary {prov} {th}"] = night.summary(include_provisional=prov, thresholds=th)
        out[f"rows {th}"] = {c: night.recount_row(c, th) for c in night.seats}
        out[f"range {th}"] = {c: night.in_recount_range(c, th) for c in night.seats}
    return out


class DriftMachine(RuleBasedStateMachine):
    template: Path
    folder_of_files: Path

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="drift-", dir="/dev/shm"
                                            if Path("/dev/shm").is_dir() else None))
        shutil.copyfile(self.template, self.folder / "agree.db")
        self.store = Store(self.folder / "agree.db")
        self.kept = NightState(self.store)
        self.kept.refresh()
        self.asked = {tally.DEFAULT_THRESHOLDS}
        self.kept.recount_watch()
        self.new_seat = False
        self.steps: list[str] = []

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def codes(self) -> list[str]:
        return sorted(self.kept.seats)

    def sheet(self, code: str):
        return dk.load_sheet(self.store, code)

    def attempt(self, what: str, action) -> None:
        self.steps.append(what)
        try:
            action()
        except DeskRefusal:
            self.steps[-1] += " (refused)"

    @rule(seat=st.integers(0, 8), who=st.sampled_from(PEOPLE), kind=st.sampled_from(KINDS),
          salt=st.integers(0, 30), tie=st.booleans())
    def declare(self, seat, who, kind, salt, tie):
        code = self.codes()[seat % len(self.codes())]
        sheet = self.sheet(code)
        votes = _votes(len(sheet.candidates), kind, salt)
        winner = sheet.candidates[0].id if tie and kind == "tie" else None
        if sheet.verified is not None and not sheet.recount_under_way:
            self.attempt(f"correct {code} {who} {kind} {salt}", lambda: dk.correct(
                self.store, code, Figures(votes, 10), user=who, reason="RO restated",
                overrides=WARNING_CODES, tie_winner=winner))
        else:
            self.attempt(f"declare {code} {who} {kind} {salt}", lambda: dk.declare(
                self.store, code, Figures(votes, 10), user=who, overrides=WARNING_CODES,
                tie_winner=winner))

    @rule(seat=st.integers(0, 8), who=st.sampled_from(PEOPLE), wrong=st.booleans())
    def verify(self, seat, who, wrong):
        pending = [c for c in self.codes() if self.sheet(c).pending is not None]
        if not pending:
            return
        code = pending[seat % len(pending)]
        p = self.sheet(code).pending
        if who == p.entered_by:
            who = PEOPLE[(PEOPLE.index(who) + 1) % len(PEOPLE)]
        votes = list(p.votes)
        if wrong:
            votes[0] += 1
        self.attempt(f"verify {code} {who} wrong={wrong}", lambda: dk.verify(
            self.store, code, user=who, votes=votes, invalid=p.invalid_votes,
            tie_winner=p.tie_winner_id))

    @rule(seat=st.integers(0, 8), who=st.sampled_from(PEOPLE), reject=st.booleans())
    def reject_or_withdraw(self, seat, who, reject):
        pending = [c for c in self.codes() if self.sheet(c).pending is not None]
        if not pending:
            return
        code = pending[seat % len(pending)]
        if reject:
            self.attempt(f"reject {code} {who}", lambda: dk.reject(
                self.store, code, user=who, comment="wrong"))
        else:
            self.attempt(f"withdraw {code} {who}", lambda: dk.withdraw(
                self.store, code, user=who))

    @rule(seat=st.integers(0, 8), who=st.sampled_from(PEOPLE), under_way=st.booleans())
    def recount(self, seat, who, under_way):
        code = self.codes()[seat % len(self.codes())]
        self.attempt(f"recount {code} {who} {under_way}", lambda: dk.mark_recount(
            self.store, code, user=who, under_way=under_way))

    @rule(seat=st.integers(0, 8), who=st.sampled_from(PEOPLE), pick=st.sampled_from([0, -1]))
    def lot(self, seat, who, pick):
        tied = [c for c in self.codes() if (lambda b: b is not None and b.votes.count(
            max(b.votes)) > 1)(self.sheet(c).pending or self.sheet(c).verified)]
        code = (tied or self.codes())[seat % len(tied or self.codes())]
        sheet = self.sheet(code)
        self.attempt(f"lot {code} {who} {pick}", lambda: dk.decide_tie(
            self.store, code, user=who, winner_id=sheet.candidates[pick].id, note="hat"))

    @rule(shift=st.integers(0, 3))
    def baseline(self, shift):
        path = _baseline_file(self.folder_of_files / "candidates.csv",
                              self.folder / f"base-{len(self.steps)}.csv", shift)
        self.attempt(f"baseline {shift}", lambda: import_baseline(
            self.store, path, user="ann", name=f"Base {shift}"))

    @rule(results=st.booleans())
    def new_seat_and_parties(self, results):
        if self.new_seat:
            return
        self.new_seat = True
        cands = trimmed(data_file(ELECTION_2024), self.folder / "new.csv", (NEW_SEAT,))
        cons = trimmed(data_file(CONSTITUENCIES_2024), self.folder / "newk.csv", (NEW_SEAT,))
        fn = import_results if results else import_candidates
        self.attempt(f"new seat results={results}", lambda: fn(
            self.store, cands, constituencies=cons, user="ann", add_seats=True))

    @rule(viewer=st.sampled_from(VIEWERS))
    def switch_user(self, viewer):
        self.steps.append(f"switch {viewer}")
        self.kept.set_viewer(viewer)

    @rule(th=st.sampled_from(THRESHOLDS))
    def thresholds(self, th):
        self.steps.append(f"thresholds {th}")
        self.asked.add(th)
        self.kept.recount_watch(th)
        self.kept.summary(thresholds=th)

    @invariant()
    def kept_is_fresh(self):
        self.kept.refresh()
        fresh = NightState(self.store, viewer=self.kept.viewer)
        fresh.refresh()
        assert self.kept.seats == fresh.seats, self.steps
        kept, whole = read_out(self.kept, self.asked), read_out(fresh, self.asked)
        diff = {k: (kept[k], whole[k]) for k in kept if kept[k] != whole[k]}
        assert not diff, (self.steps, diff)
        if self.kept.viewer == EVERYONE:
            for prov in (False, True):
                for th in self.asked:
                    want = national_summary(self.store, include_provisional=prov,
                                            thresholds=th)
                    got = self.kept.summary(include_provisional=prov, thresholds=th)
                    assert got == want, (self.steps, prov, th)




@pytest.fixture(scope="module", name="drift_night")
def drift_night_fixture(tmp_path_factory) -> tuple[Path, Path]:
    """The agreement night each machine's examples start from, and the folder of its files
    (a test module imports this fixture)."""
    folder = tmp_path_factory.mktemp("drift")
    return agreement_night(folder), folder


def run_drift(machine: type[DriftMachine], night: tuple[Path, Path], *, examples: int,
              steps: int) -> None:
    """`machine` run over `night` (`drift_night`), with fixed seeds: CI reruns nothing, so
    a build never goes red on a new draw."""
    path, folder = night
    bound = type(machine.__name__, (machine,), {"template": path, "folder_of_files": folder})
    run_state_machine_as_test(bound, settings=settings(
        deadline=None, database=None, max_examples=examples, stateful_step_count=steps,
        derandomize=True, suppress_health_check=list(HealthCheck)))
