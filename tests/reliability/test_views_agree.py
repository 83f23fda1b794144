"""Every view of the night says the same thing at every moment, and only what was verified.

A state machine on a small night (eight real 2024 seats, a baseline of the test's own, a
SQLite file; helpers/agreement.py) declares, verifies (a blind re-key that matches, one
that differs in a vote or in the electorate, one that leaves the electorate as the form
shows it), rejects, withdraws, corrects, calls and calls off recounts, draws lots and
re-imports results. After every step the raw rows are read with the test's own SQL and
worked out by the test's own rules (`agreement.Truth`), and held against `summary --json`,
the desk's summary, the live night the window keeps seat by seat and a fresh one read from
scratch, every graphic's plain data, the graphics' JSON, the results export and the watch
folder's feed and card (helpers/agreement_views.py). The test also keeps its own account
of what each seat's verified figures must be (only what a second person re-keyed alike, or
an import), and holds the raw rows to it.

Deterministic (derandomize, no example database). A longer search: AGREE_EXAMPLES=1000
AGREE_STEPS=25 AGREE_RANDOM=1 (pytest -s prints what the run did).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from dataclasses import replace as copy
from pathlib import Path

import pytest
from helpers.agreement import SEATS, Truth, agreement_night, results_file
from helpers.agreement_views import check_charts, check_exports, check_night, read_out
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.imports import import_results
from resultsdesk.desk.live import NightState
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.errors import KnownError
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store

EXAMPLES = int(os.environ.get("AGREE_EXAMPLES", "12"))
MACHINE_SETTINGS = settings(
    # AGREE_RANDOM: a long search, another draw each run (--hypothesis-seed to repeat one)
    derandomize=not os.environ.get("AGREE_RANDOM"), database=None, deadline=None,
    max_examples=EXAMPLES,
    stateful_step_count=int(os.environ.get("AGREE_STEPS", "20")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
SEEN: Counter[str] = Counter()  # what the run did (printed; some of it required)
PEOPLE = ("alice", "bob", "carol")
# An index among the seats an action has something to act on, mostly (see `pick`).
SEAT = st.integers(0, 7)
# Who acts: mostly someone who may ("other": a person who keyed none of the figures).
WHO = st.sampled_from((*PEOPLE, "other", "other", "other"))
# What the figures look like: who leads, by how much (clear, close: in recount range, a
# tie at the top), and a seed that makes them differ from every other entry's.
SHAPE = st.tuples(st.integers(0, 4), st.sampled_from(["clear", "clear", "close", "tie"]),
                  st.integers(0, 400))
# The electorate keyed: as the form shows it (None), or another the returning officer gave.
ELECTORATE = st.sampled_from([None, None, 1_234, -2_345])


@dataclass(frozen=True)
class Entry:
    """Figures as keyed: votes in ballot order, rejected ballots, the electorate (as saved:
    the form's when none is typed) and the ballot place drawn by lot."""

    votes: tuple[int, ...]
    invalid: int | None
    electorate: int | None
    lot: int | None = None
    kind: str = "declaration"
    by: frozenset[str] = frozenset()  # who keyed any of it (four eyes)


def _votes(n: int, shape: tuple[int, str, int]) -> tuple[int, ...]:
    lead, margin, seed = shape
    votes = [1_000 + 53 * i + seed for i in range(n)]
    lead %= n
    second = (lead + 1) % n
    votes[lead] = 15_000 + seed
    votes[second] = votes[lead] - {"clear": 3_000, "close": 40, "tie": 0}[margin]
    return tuple(votes)


def _tied(votes: tuple[int, ...]) -> list[int]:
    top = max(votes)
    return [i for i, v in enumerate(votes) if v == top]


class ViewsAgree(RuleBasedStateMachine):
    template: Path  # the night, made once (`agreement_night`)

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="agree-"))
        for source in self.template.parent.iterdir():
            shutil.copyfile(source, self.folder / source.name)
        self.path = self.folder / self.template.name
        self.store = Store(self.path)
        self.kept = NightState(self.store)
        self.kept.refresh()
        read_out(self.kept)  # every kept total exists from now on, and follows each step
        self.on_air: dict[str, Entry] = {}
        self.pending: dict[str, Entry] = {}
        self.imports = 0

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- helpers ---------------------------------------------------------------------------

    def pick(self, i: int, want) -> dk.SeatSheet:
        """Seat `i` among those `want(code)` holds for first (so actions mostly find
        something to act on), then any seat."""
        wanted = [code for code in SEATS if want(code)]
        code = wanted[i % len(wanted)] if wanted and i < 6 else SEATS[i % len(SEATS)]
        return dk.load_sheet(self.store, code)

    @staticmethod
    def person(who: str, entry: Entry | None) -> str:
        """`who`, or ("other") the first person who keyed nothing of `entry`."""
        if who != "other":
            return who
        return next(p for p in PEOPLE if entry is None or p not in entry.by)

    def form_electorate(self, sheet: dk.SeatSheet) -> int | None:
        """What the form starts from: the verified result's electorate, else the seat's."""
        verified = self.on_air.get(sheet.code)
        return verified.electorate if verified is not None and verified.electorate \
            is not None else sheet.electorate

    def entry(self, sheet: dk.SeatSheet, shape, delta, kind: str,
              who: str) -> tuple[Figures, Entry]:
        votes = _votes(len(sheet.candidates), shape)
        typed = None if delta is None else (sheet.electorate or 70_000) + delta
        figures = Figures(votes, 40 + shape[2] % 50, electorate=typed)
        saved = self.form_electorate(sheet) if typed is None else typed
        return figures, Entry(votes, figures.invalid, saved, kind=kind, by=frozenset({who}))

    @staticmethod
    def attempt(name: str, action) -> object | None:
        """Run a desk action; a refusal (one line, a DeskRefusal) is fine and changes
        nothing the views show. What happened is counted (`SEEN`)."""
        try:
            done = action()
        except KnownError as exc:
            assert isinstance(exc, dk.DeskRefusal), f"{type(exc).__name__}: {exc}"
            assert "\n" not in str(exc)
            SEEN[f"{name}: refused"] += 1
            return None
        SEEN[f"{name}: done"] += 1
        return done

    def awaiting(self, code: str) -> bool:
        return code in self.pending

    def open_seat(self, code: str) -> bool:
        return code not in self.on_air or code in self.recounting

    @property
    def recounting(self) -> set[str]:
        return Truth.read(self.path).recounts

    # --- rules -----------------------------------------------------------------------------

    @initialize(shapes=st.lists(SHAPE, max_size=5))
    def night_under_way(self, shapes):
        """Some seats declared and verified already (so corrections, recounts and lots on
        verified results come early in a short run)."""
        for i, shape in enumerate(shapes):
            sheet = dk.load_sheet(self.store, SEATS[i])
            figures, entry = self.entry(sheet, shape, None, "declaration", "alice")
            tied = _tied(entry.votes)
            winner = tied[-1] if len(tied) > 1 else None
            dk.declare(self.store, sheet.code, figures, user="alice", overrides=WARNING_CODES,
                       tie_winner=None if winner is None else sheet.candidates[winner].id)
            dk.verify(self.store, sheet.code, user="bob", votes=entry.votes,
                      invalid=entry.invalid,
                      tie_winner=None if winner is None else sheet.candidates[winner].id)
            self.on_air[sheet.code] = copy(entry, lot=winner)

    @rule(i=SEAT, who=WHO, shape=SHAPE, delta=ELECTORATE, lot=st.booleans())
    def declare(self, i, who, shape, delta, lot):
        sheet = self.pick(i, self.open_seat)
        who = self.person(who, None)
        figures, entry = self.entry(sheet, shape, delta, "declaration", who)
        winner = _tied(entry.votes)[0] if lot and shape[1] == "tie" else None
        done = self.attempt("declare", lambda: dk.declare(
            self.store, sheet.code, figures, user=who, overrides=WARNING_CODES,
            tie_winner=None if winner is None else sheet.candidates[winner].id))
        if done is not None:
            self.pending[sheet.code] = copy(entry, lot=winner)

    @rule(i=SEAT, who=WHO, how=st.sampled_from(["match", "match", "form", "vote",
                                                 "electorate", "check"]))
    @precondition(lambda self: self.pending)
    def verify(self, i, who, how):
        sheet = self.pick(i, self.awaiting)
        entry = self.pending.get(sheet.code)
        who = self.person(who, entry)
        votes, electorate, winner = None, None, None
        if entry is not None and how != "check":
            votes = list(entry.votes)
            electorate = entry.electorate if how in ("match", "vote", "electorate") else None
            if how == "vote":
                votes[-1] += 1
            elif how == "electorate":
                electorate = (electorate or 0) + 1
            winner = None if entry.lot is None else sheet.candidates[entry.lot].id
        done = self.attempt("verify", lambda: dk.verify(
            self.store, sheet.code, user=who, votes=votes,
            invalid=entry.invalid if entry else None, electorate=electorate,
            tie_winner=winner))
        if done is None or not done.verified:
            return
        SEEN[f"verified: {entry.kind} re-keyed {how}"] += 1
        alike = how in ("match", "check") or (
            how == "form" and entry.electorate == self.form_electorate(sheet))
        assert alike, f"a re-key that differs ({how}) verified {sheet.code}"
        assert who not in entry.by, f"{who} verified figures they keyed"
        self.on_air[sheet.code] = self.pending.pop(sheet.code)

    @rule(i=SEAT, who=WHO)
    @precondition(lambda self: self.pending)
    def reject(self, i, who):
        sheet = self.pick(i, self.awaiting)
        who = self.person(who, self.pending.get(sheet.code))
        if self.attempt("reject", lambda: dk.reject(self.store, sheet.code, user=who,
                                                    comment="adds up wrong")):
            del self.pending[sheet.code]

    @rule(i=SEAT, who=WHO)
    @precondition(lambda self: self.pending)
    def withdraw(self, i, who):
        sheet = self.pick(i, self.awaiting)
        entry = self.pending.get(sheet.code)
        who = min(entry.by) if entry is not None and who == "other" else self.person(who, None)
        if self.attempt("withdraw", lambda: dk.withdraw(self.store, sheet.code, user=who)):
            del self.pending[sheet.code]

    @rule(i=SEAT, who=WHO, shape=SHAPE, delta=ELECTORATE)
    @precondition(lambda self: self.on_air)
    def correct(self, i, who, shape, delta):
        sheet = self.pick(i, lambda code: code in self.on_air and code not in self.pending)
        who = self.person(who, None)
        figures, entry = self.entry(sheet, shape, delta, "correction", who)
        done = self.attempt("correct", lambda: dk.correct(
            self.store, sheet.code, figures, user=who, reason="RO restated",
            overrides=WARNING_CODES))
        if done is not None:
            drawn = self.on_air[sheet.code].lot  # a lot stands while its winner still ties
            tied = _tied(entry.votes)
            self.pending[sheet.code] = copy(entry, lot=drawn if drawn in tied and len(tied) > 1
                                            else None)

    @rule(i=SEAT, who=WHO, under_way=st.booleans())
    def recount(self, i, who, under_way):
        want = (lambda c: c in self.on_air or c in self.pending) if under_way \
            else (lambda c: c in self.recounting)
        sheet = self.pick(i, want)
        done = self.attempt("mark_recount", lambda: dk.mark_recount(
            self.store, sheet.code, user=self.person(who, None), under_way=under_way))
        pending = self.pending.get(sheet.code)
        if done is not None and under_way and pending is not None and (
                sheet.code not in self.on_air or pending.kind == "declaration"):
            del self.pending[sheet.code]  # the recount's count replaces the one awaiting

    @rule(i=SEAT, who=WHO, last=st.booleans())
    def lot(self, i, who, last):
        def tied(code: str) -> bool:
            base = self.pending.get(code) or self.on_air.get(code)
            return base is not None and len(_tied(base.votes)) > 1

        sheet = self.pick(i, tied)
        base = self.pending.get(sheet.code) or self.on_air.get(sheet.code)
        if base is None or len(_tied(base.votes)) < 2:
            return
        # On figures nobody verified, only their keyer may record the lot.
        who = min(base.by) if who == "other" and sheet.code in self.pending \
            else self.person(who, None)
        place = _tied(base.votes)[-1 if last else 0]
        done = self.attempt("decide_tie", lambda: dk.decide_tie(
            self.store, sheet.code, user=who, winner_id=sheet.candidates[place].id,
            note="drawn from a hat"))
        if done is not None:
            by = base.by | {who} if sheet.code in self.pending else frozenset({who})
            self.pending[sheet.code] = copy(base, lot=place, kind="lot", by=by)

    @rule(seats=st.lists(st.integers(0, len(SEATS) - 1), min_size=1, max_size=3, unique=True),
          shape=SHAPE, now=st.integers(0, 3))
    def reimport(self, seats, shape, now):
        """Official results re-imported (now and then): verified on arrival, over
        whatever was there."""
        if now:
            return
        sheets = [dk.load_sheet(self.store, SEATS[i]) for i in seats]
        figures = {s.code: _votes(len(s.candidates), shape) for s in sheets
                   if len(_tied(_votes(len(s.candidates), shape))) == 1}
        if not figures:
            return
        self.imports += 1
        path = results_file(self.folder, figures, self.imports)
        if self.attempt("import_results", lambda: import_results(self.store, path)) is None:
            return
        for s in sheets:
            if s.code in figures:
                self.pending.pop(s.code, None)
                self.on_air[s.code] = Entry(figures[s.code], None, s.electorate,
                                            by=frozenset())

    # --- after every step ------------------------------------------------------------------

    @invariant()
    def only_what_was_verified_is_on_air(self):
        truth = Truth.read(self.path)
        assert max(truth.verified_counts.values(), default=0) <= 1
        names = {code: [c.name for c in dk.load_sheet(self.store, code).candidates]
                 for code in self.on_air}
        expected = {code: (e.votes, e.invalid, e.electorate,
                           None if e.lot is None else names[code][e.lot])
                    for code, e in self.on_air.items()}
        assert {code: (tuple(v for _n, _p, v in s.candidates), s.invalid, s.electorate,
                       s.tie_winner) for code, s in truth.on_air.items()} == expected

    @invariant()
    def every_view_agrees(self):
        truth = Truth.read(self.path)
        self.kept.refresh()
        fresh = NightState(self.store)
        fresh.refresh()
        kept, whole = read_out(self.kept), read_out(fresh)
        assert kept == whole, {k: (kept[k], whole[k]) for k in kept if kept[k] != whole[k]}
        assert self.kept.summary().to_json_dict() == national_summary(self.store).to_json_dict()
        check_night(truth, self.kept, "kept night")
        check_charts(truth, self.kept, self.store, "kept night's charts")
        check_exports(truth, self.kept, self.store, self.path, "exports")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return agreement_night(tmp_path_factory.mktemp("agree"))


def test_every_view_says_what_the_verified_rows_say(template):
    machine = type("ViewsAgreeHere", (ViewsAgree,), {"template": template})
    SEEN.clear()
    run_state_machine_as_test(machine, settings=MACHINE_SETTINGS)
    print(dict(sorted(SEEN.items())))
