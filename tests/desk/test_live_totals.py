"""The live night's kept totals (`desk.live_totals`): after any sequence of declarations,
verifications, corrections, rejections, withdrawals, recounts and lots, a night refreshed
after every step shows what a full recompute from scratch shows: the national summary,
the recount watch, the strip, the chart data, the majority moment."""

from __future__ import annotations

import random
import shutil
from collections import Counter

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.desk.live import NightState
from resultsdesk.desk.live_totals import recount_key, recount_row
from resultsdesk.desk.summary import national_summary
from resultsdesk.desk.visibility import EVERYONE, Viewer
from resultsdesk.domain import tally
from resultsdesk.domain.model import Figures
from resultsdesk.domain.summary import aggregate
from resultsdesk.domain.timeline import majority_reached
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store

# Hendon (8 candidates), Basildon, Beaconsfield (two independents), Aberafan Maesteg,
# Aberdeen North, Belfast East: three nations, ballots of different lengths.
SEATS = ("E14001279", "E14001077", "E14001082", "W07000081", "S14000060", "N05000001")
USERS = ("alice", "bob")
WIDE = tally.RecountThresholds(votes=5000, pct=10.0)  # a second watch, kept alongside
OPS = ("declare", "verify", "correct", "reject", "withdraw", "recount", "recount_off", "lot")
STEP = st.tuples(st.sampled_from(OPS), st.integers(0, len(SEATS) - 1), st.integers(0, 1),
                 st.integers(0, 10_000))


def _votes(n: int, seed: int) -> list[int]:
    """Figures for `n` candidates: a clear win, a close one (recount range) or a tie."""
    rng = random.Random(seed)
    votes = [rng.randint(500, 9000) for _ in range(n)]
    if n > 1 and seed % 3:
        top = max(votes)
        second = votes.index(sorted(votes)[-2])
        votes[second] = top - (0 if seed % 3 == 2 else rng.randint(1, 40))
    return votes


def _apply(store: Store, op: str, code: str, who: int, seed: int) -> None:
    user, other = USERS[who], USERS[1 - who]
    sheet = dk.load_sheet(store, code)
    figures = Figures(_votes(len(sheet.candidates), seed), seed % 50)
    if op == "declare":
        dk.declare(store, code, user=user, figures=figures, overrides=WARNING_CODES)
    elif op == "verify":
        dk.verify(store, code, user=user, votes=None)
    elif op == "correct":
        dk.correct(store, code, figures, user=user, reason="RO restated",
                   overrides=WARNING_CODES)
    elif op == "reject":
        dk.reject(store, code, user=user, comment="figures do not add up")
    elif op == "withdraw":
        dk.withdraw(store, code, user=user)
    elif op in ("recount", "recount_off"):
        dk.mark_recount(store, code, user=other, under_way=op == "recount")
    else:
        dk.decide_tie(store, code, user=user, winner_id=sheet.candidates[0].id,
                      note="drawn from a hat")


def _naive_watch(night: NightState, thresholds: tally.RecountThresholds) -> list:
    """The recount watch worked out from every seat, as the desk did before it kept one."""
    rows = (recount_row(s, thresholds) for s in night.seats.values())
    return sorted((r for r in rows if r is not None),
                  key=lambda r: recount_key(r, thresholds.pct))


def _naive_totals(night: NightState) -> dict:
    verified = [s for s in night.seats.values() if s.verified is not None]
    now, then = Counter(), Counter()
    for s in verified:
        now.update(s.verified_votes)
        base = night.baseline.get(s.code)
        if base:
            then.update(base.votes_by_party)
    names: dict[str, list[tuple[str, str]]] = {}
    for s in sorted(verified, key=lambda s: (s.name, s.code)):
        if s.verified_winner:
            names.setdefault(s.verified_winner, []).append((s.name, s.code))
    return {
        "provisional": sum(1 for s in night.seats.values()
                           if s.verified is None and s.shown is not None),
        # seats with no verified result and an entry awaiting verification, seen or not
        "awaiting": sum(1 for s in night.seats.values() if s.verified is None
                        and (s.shown is not None or s.hidden_entry_by is not None)),
        "provisional_seats": +Counter(s.outcome.winner_party for s in night.seats.values()
                                      if s.verified is None and s.outcome
                                      and s.outcome.winner_party),
        "valid": sum(s.verified.valid_votes for s in verified if s.verified.electorate),
        "electorate": sum(s.verified.electorate for s in verified if s.verified.electorate),
        "now": dict(now), "then": +then, "declared": len(verified),
        "hemicycle": {p: (tuple(n for n, _c in v), tuple(c for _n, c in v))
                      for p, v in names.items()},  # names A-Z, their codes in that order
        "ties": tuple(s.name for s in sorted(verified, key=lambda s: (s.name, s.code))
                      if s.verified_winner is None),
    }


def _kept_totals(night: NightState) -> dict:
    totals = night._totals
    return {
        "provisional": night.provisional_count(),
        "awaiting": night.provisional_count(hidden_too=True),
        "provisional_seats": night.provisional_seats(),
        "valid": totals.valid, "electorate": totals.electorate,
        "now": totals.verified_votes(), "then": +totals.then,
        "declared": totals.verified_count,
        "hemicycle": totals.hemicycle_seats(provisional=False),
        "ties": totals.tied_seats(),
    }


def _figures(night: NightState) -> dict:
    """Everything the views read out of the night."""
    out = {f"summary {p} {t}": night.summary(include_provisional=p, thresholds=t)
           for p in (False, True) for t in (tally.DEFAULT_THRESHOLDS, WIDE)}
    out.update({
        "watch": night.recount_watch(), "wide watch": night.recount_watch(WIDE),
        "strip": night.strip_data(), "kept": _kept_totals(night),
        "seats chart": night.seat_chart_data(show_provisional=True),
        "hemicycle": night.hemicycle_data(show_provisional=True),
        "shares": night.vote_share_data(),
        "latest": (night.latest_declared(), night.latest_verified_at()),
    })
    verified = sum(1 for s in night.seats.values() if s.verified is not None)
    line = verified // 2 + 1  # one party at most can hold it: the rule is unambiguous
    out["majority"] = night.majority_reached(line)
    return out


def _check(store: Store, kept: NightState, viewer: Viewer) -> None:
    fresh = NightState(store, viewer=viewer)
    fresh.refresh()
    assert _figures(kept) == _figures(fresh)
    assert _kept_totals(kept) == _naive_totals(kept)
    for thresholds in (tally.DEFAULT_THRESHOLDS, WIDE):
        assert kept.recount_watch(thresholds) == _naive_watch(kept, thresholds)
        for provisional in (False, True):
            seats = [(s.outcome, s.shown_votes) if provisional
                     else (s.verified_outcome, s.verified_votes)
                     for s in kept.seats.values()]
            summary = aggregate(kept.election, kept.seats_total,
                                [(o, v) for o, v in seats if o is not None], thresholds)
            summary.majority_reached = kept.majority_reached()
            assert kept.summary(provisional, thresholds) == summary
    # The chamber counts what every view counts: a tie awaiting the lot is declared.
    chamber = kept.hemicycle_data()
    assert chamber.declared == kept.summary().declared
    tied = sorted((kept.seats[code].name, code) for code in kept.summary().ties)
    assert chamber.ties == tuple(name for name, _code in tied)
    verified = [s for s in kept.declared_seats()]
    line = len(verified) // 2 + 1
    assert kept.majority_reached(line) == majority_reached(verified, line)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(STEP, min_size=1, max_size=30))
# Seats verified with a winner, and a tie decided by lot, whatever CI's fixed examples draw:
# its derandomised run drew none, and a change to the chamber's kept seats went unchecked.
@example(steps=[("declare", 0, 0, 1), ("verify", 0, 1, 0), ("declare", 1, 1, 4),
                ("verify", 1, 0, 0), ("declare", 2, 0, 2), ("verify", 2, 1, 0),
                ("lot", 2, 0, 0), ("verify", 2, 1, 0)])
def test_kept_totals_equal_a_full_recompute(steps, _nominations_2024, tmp_path_factory):
    path = tmp_path_factory.mktemp("totals") / "night.db"
    shutil.copy(_nominations_2024, path)
    with Store(path) as store:
        everyone = NightState(store)
        blind = NightState(store, viewer=Viewer("bob", sees_all_provisional=False))
        for night in (everyone, blind):
            night.refresh()
            _figures(night)  # every kept total exists from now on, and follows each step
        for op, seat, who, seed in steps:
            try:
                _apply(store, op, SEATS[seat], who, seed)
            except DeskRefusal:
                continue  # not possible now (nothing to verify, a verified seat...)
            everyone.refresh()
            blind.refresh()
        _check(store, everyone, EVERYONE)
        _check(store, blind, blind.viewer)
        # and the store's own full recompute, which never saw the night kept
        for provisional in (False, True):
            whole = national_summary(store, include_provisional=provisional)
            kept = everyone.summary(include_provisional=provisional)
            assert (kept.seats, kept.votes, kept.gains, kept.losses, kept.declared,
                    kept.recount_watch, kept.ties, kept.changes) == \
                (whole.seats, whole.votes, whole.gains, whole.losses, whole.declared,
                 whole.recount_watch, whole.ties, whole.changes)
