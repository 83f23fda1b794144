"""Every on-air view of a night, held against the oracle (`agreement.Truth`): what
tests/reliability/test_views_agree.py checks after every step.

The views: `summary --json` (the command, in this process), the desk's national summary,
the live night the window keeps seat by seat (`NightState`: summary, strip, chart data,
recount watch, results table rows), each graphic's plain data and its JSON export, the
results export's rows, and the watch folder's `feed.json` with the card beside it.
"""

from __future__ import annotations

import json

from pytest import approx

from helpers.agreement import Truth
from helpers.cli import run_cli
from resultsdesk.desk.exports import results_rows
from resultsdesk.desk.graphic_data import graphic_json
from resultsdesk.desk.graphics import data_for, latest_verified_seat
from resultsdesk.desk.live import NightState
from resultsdesk.desk.overview import rows_of
from resultsdesk.desk.publishing import feed
from resultsdesk.desk.sheets import verification_queue
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.model import Status
from resultsdesk.domain.records import replace
from resultsdesk.store import Store

KINDS = ("seats", "hemicycle", "shares", "summary", "gains", "timeline", "recounts", "map")



def assert_close(got: dict, want: dict, where: object) -> None:
    """`got` has `want`'s keys, and each value's tuple its figures, floats to within
    `approx` and None where None (pytest 9's approx takes no dictionary of tuples)."""
    assert set(got) == set(want), (where, got, want)
    for key, expected in want.items():
        actual = got[key]
        assert len(actual) == len(expected), (where, key, actual, expected)
        for a, e in zip(actual, expected, strict=True):
            if a is None or e is None:
                assert a is e, (where, key, actual, expected)
            else:
                assert a == approx(e), (where, key, actual, expected)

def read_out(night: NightState) -> dict:
    """Everything the window's views read out of a night (to compare kept with fresh)."""
    seats = night.seat_chart_data(show_provisional=True)
    return {
        "summary": night.summary().to_json_dict(),
        "provisional summary": night.summary(include_provisional=True).to_json_dict(),
        "strip": night.strip_data(), "watch": night.recount_watch(),
        "seats": replace(seats, bars=tuple(sorted(seats.bars, key=lambda b: b.party))),
        "hemicycle": night.hemicycle_data(show_provisional=True),
        "shares": night.vote_share_data(), "rows": rows_of(night),
        "provisional seats": night.provisional_seats(),
        "named": night.named_parties(), "declared seats": night.declared_seats(),
        "latest": (night.latest_declared(), night.latest_verified_at()),
    }


def check_summary(truth: Truth, s: dict, where: str) -> None:
    """A national summary as `summary --json` gives it, against the raw rows."""
    assert s["declared"] == len(truth.on_air), where
    assert s["seats_total"] == truth.seats_total and s["majority_line"] == truth.majority_line
    assert s["seats"] == truth.seats(), where
    assert list(s["seats"].values()) == sorted(s["seats"].values(), reverse=True), where
    assert s["votes"] == {p: v for p, v in truth.votes().items() if v}, where
    assert s["valid_votes"] == sum(truth.votes().values()), where
    assert s["gains"] == truth.gains() and s["losses"] == truth.losses(), where
    assert {(c["from"], c["to"]): c["seats"] for c in s["changes"]} == truth.flows(), where
    assert s["ties"] == truth.ties(), where
    assert [e["code"] for e in s["recount_watch"]] == truth.watch(), where
    for entry in s["recount_watch"]:
        seat = truth.on_air[entry["code"]]
        assert (entry["majority"], entry["winner_party"]) == (seat.majority, seat.winner), where
    reached = s["majority_reached"]
    if reached is not None:
        assert reached["party"] == truth.leader_with_majority(), where
    elif truth.leader_with_majority() is None:
        assert reached is None


def check_night(truth: Truth, night: NightState, where: str) -> None:
    """The live night (kept or fresh) against the raw rows."""
    check_summary(truth, night.summary().to_json_dict(), f"{where} summary")
    strip = night.strip_data()
    assert strip.declared == len(truth.on_air), where
    assert strip.provisional == len(truth.provisional), where
    assert strip.turnout == approx(truth.turnout()), where
    seats = truth.seats()
    gains, losses = truth.gains(), truth.losses()
    assert {p: (n, c) for p, n, c in strip.leaders} == {
        p: (seats[p], gains.get(p, 0) - losses.get(p, 0)) for p, _n, _c in strip.leaders}
    # The results table: every seat's recount flag; a verified seat's figures as verified
    # (a correction, a recount's count or a lot awaiting verification never shows over it).
    for row in rows_of(night):
        assert row.recount_under_way == (row.code in truth.recounts), (where, row.code)
        seat = truth.on_air.get(row.code)
        if seat is None:
            assert row.status in (Status.PROVISIONAL, Status.AWAITING), (where, row)
            continue
        assert row.status is Status.VERIFIED, (where, row)
        assert (row.winner_party, row.majority) == (seat.winner, seat.majority), (where, row)
        assert row.turnout == approx(100.0 * seat.valid / seat.electorate
                                     if seat.electorate else None), (where, row)
    # The verification queue: the seats awaiting a second person, and their recount flags.
    queue = {q.code: q.recount_under_way for q in verification_queue(night.store)}
    assert queue == {c: c in truth.recounts for c in truth.awaiting}, where
    # The recount watch: every recount under way, first; then the close seats.
    watch = night.recount_watch()
    under_way = [r.code for r in watch if r.recount_under_way]
    assert sorted(under_way) == sorted(truth.recounts), where
    verified_rows = [r.code for r in watch if not r.recount_under_way
                     and r.status is Status.VERIFIED]
    assert verified_rows == [c for c in truth.watch() if c not in truth.recounts], where


def check_charts(truth: Truth, night: NightState, store: Store, where: str) -> None:
    """Each graphic's plain data (what the window's charts and the exports draw)."""
    data = {kind: data_for(kind, night, store) for kind in KINDS}
    seats, flows, shares = truth.seats(), truth.flows(), truth.shares()
    gains, losses = truth.gains(), truth.losses()
    change = {p: gains.get(p, 0) - losses.get(p, 0) for p in set(seats) | set(losses)}
    declared = len(truth.on_air)
    bars = {b.party: (b.seats, b.change) for b in data["seats"].bars if b.seats}
    assert bars == {p: (n, change.get(p, 0)) for p, n in seats.items()}, where
    assert data["seats"].declared == declared, where
    blocks = {b.party: b.constituencies for b in data["hemicycle"].blocks}
    assert blocks == {p: tuple(sorted(truth.on_air[c].name for c in truth.on_air
                                      if truth.on_air[c].winner == p)) for p in seats}, where
    assert data["hemicycle"].ties == tuple(sorted(truth.on_air[c].name for c in truth.ties()))
    assert data["hemicycle"].declared == declared, where
    assert data["hemicycle"].recounts == {truth.names[c] for c in truth.recounts}, where
    got = {b.party: (b.votes, b.share, b.change) for b in data["shares"].bars}
    assert_close(got, {p: (truth.votes()[p], *shares[p]) for p in shares}, where)
    summary = data["summary"]
    assert (summary.declared, summary.provisional) == (declared, len(truth.provisional))
    assert summary.turnout == approx(truth.turnout()), where
    rows = {p.party: (p.seats, p.change, p.share, p.share_change) for p in summary.parties}
    assert_close(rows, {p: (seats.get(p, 0), change.get(p, 0), *shares.get(p, (0.0, None)))
                        for p in set(seats) | set(shares)}, where)
    assert {(f.from_party, f.to_party): f.seats for f in data["gains"].flows} == flows, where
    assert data["gains"].changed == sum(flows.values()), where
    assert data["timeline"].declared == declared, where
    assert data["timeline"].majority_party in (None, truth.leader_with_majority()), where
    on_map = {s.code: s.winner for s in data["map"].seats}
    assert on_map == {c: (truth.on_air[c].winner if c in truth.on_air else None)
                      for c in truth.names}, where
    assert data["map"].declared == declared, where
    watched = data["recounts"].seats
    assert {w.constituency for w in watched if w.recount} == \
        {truth.names[c] for c in truth.recounts}, where
    # A graphic for air: the close seats by verified figures alone, in the summary's order;
    # never a provisional entry's majority (nothing reaches air unverified).
    close = [c for c in truth.watch() if c not in truth.recounts]
    assert [w.constituency for w in watched if not w.recount] == \
        [truth.names[c] for c in close], where
    for w in watched:
        code = next(c for c, n in truth.names.items() if n == w.constituency)
        seat = truth.on_air.get(code)
        assert not w.provisional, where
        assert w.majority == (seat.majority if seat else None), (where, w)


def check_exports(truth: Truth, night: NightState, store: Store, path, where: str) -> None:
    """`summary --json`, the graphics' JSON, the results export and the feed."""
    code, out, err = run_cli("summary", "--db", path, "--json")
    assert code == 0, err
    cli = json.loads(out)
    check_summary(truth, cli, f"{where} summary --json")
    assert cli == json.loads(json.dumps(national_summary(store).to_json_dict()))
    # The graphics' JSON export: the seats and the national picture as drawn.
    seats = graphic_json("seats", night, store)
    assert {p["party"]: p["seats"] for p in seats["parties"] if p["seats"]} == \
        truth.seats(), where
    # a party drawn with no seat is one that has lost some (Con 0 -3)
    assert all(p["change"] for p in seats["parties"] if not p["seats"]), where
    picture = graphic_json("summary", night, store)
    assert picture["declared"] == len(truth.on_air), where
    assert picture["turnout"] == approx(truth.turnout()), where
    # The results export: one row per verified seat, its figures as verified.
    candidates, constituencies = results_rows(store)
    assert {r["ONS ID"]: (r["First party"], r["Valid votes"], r["Majority"])
            for r in constituencies} == {c: (s.winner or "", s.valid, s.majority)
                                         for c, s in truth.on_air.items()}, where
    by_seat: dict[str, list[int]] = {}
    for r in candidates:
        by_seat.setdefault(r["ONS ID"], []).append(r["Votes"])
    assert by_seat == {c: [v for _n, _p, v in s.candidates]
                       for c, s in truth.on_air.items()}, where
    # The watch folder's feed.json and the card published beside it.
    latest = latest_verified_seat(night, store)
    fed = json.loads(json.dumps(feed(store, latest)))
    check_summary(truth, fed["summary"], f"{where} feed")
    if latest is None:
        assert fed["declaration"] is None
        return
    seat, declaration = truth.on_air[latest], fed["declaration"]
    assert declaration["recount_under_way"] == (latest in truth.recounts), where
    version = declaration["version"]
    assert list(version["votes"].values()) == [v for _n, _p, v in seat.candidates], where
    assert (version["invalid_votes"], version["tie_winner"], version["electorate"]) == \
        (seat.invalid, seat.tie_winner, seat.electorate), where
    card = graphic_json("card", night, store, constituency=latest)
    assert not card["provisional"], where
    assert sorted(c["votes"] for c in card["candidates"]) == \
        sorted(v for _n, _p, v in seat.candidates), where
    assert card["electorate"] == (seat.electorate or truth.seat_electorates[latest])
    assert card["turnout"] == approx(100.0 * seat.valid / seat.electorate
                                     if seat.electorate else None), where
