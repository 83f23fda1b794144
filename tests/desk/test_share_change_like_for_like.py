"""A vote share's change is counted over the seats that have a baseline, like for like, as
the House of Commons Library counts it. A baseline covering only some of the verified seats
(`import baseline --fewer-seats`, or seats added with `--add-seats`) had the share now taken
over every verified seat and the share then over the baseline's seats alone: with 650 seats
verified and two of them in the baseline, the Conservatives' 23.7% was compared with their
share in those two seats and the Speaker read "-65 pts" where he had stood in neither."""

from __future__ import annotations

import pytest
from helpers.locations import NOTIONAL

from resultsdesk.desk import graphics
from resultsdesk.desk.imports import import_baseline
from resultsdesk.desk.live import NightState
from resultsdesk.domain import tally

HENDON, CHORLEY = "E14001279", "E14001170"


def _baseline_of(seats: set[str], path):
    lines = NOTIONAL.read_text(encoding="utf-8").splitlines(keepends=True)
    code = lines[0].split(",").index("ONS ID")
    path.write_text(lines[0] + "".join(ln for ln in lines[1:] if ln.split(",")[code] in seats),
                    encoding="utf-8")
    return path


def _like_for_like(night: NightState, seats: set[str]) -> dict[str, float]:
    now: dict[str, int] = {}
    then: dict[str, int] = {}
    for code in seats:
        for party, n in night.seats[code].verified_votes.items():
            now[party] = now.get(party, 0) + n
        for party, n in night.baseline[code].votes_by_party.items():
            then[party] = then.get(party, 0) + n
    now_shares, then_shares = tally.party_shares(now), tally.party_shares(then)
    return {p: now_shares.get(p, 0.0) - then_shares.get(p, 0.0)
            for p in set(now_shares) | set(then_shares)}


def test_share_changes_are_over_the_seats_with_a_baseline(night_store, tmp_path):
    seats = {HENDON, CHORLEY}
    import_baseline(night_store, _baseline_of(seats, tmp_path / "two.csv"), fewer_seats=True)
    night = NightState(night_store)
    night.refresh()
    expected = _like_for_like(night, seats)
    bars = {b.party: b for b in night.vote_share_data().bars}
    assert bars["Lab"].share == pytest.approx(33.7, abs=0.05)  # still the whole night's
    for party in ("Con", "Lab", "Spk", "Green", "LD"):
        assert bars[party].change == pytest.approx(expected[party]), party
    # A party that stood in none of the baseline's seats has nothing to compare with.
    assert bars["SNP"].change is None
    summary = {p.party: p for p in graphics.summary_data(night).parties}
    assert summary["Con"].share_change == pytest.approx(expected["Con"])
