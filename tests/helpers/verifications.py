"""Chart data for a night one verification at a time: what the desk hands the on-screen
charts (seats, chamber, vote share, timeline) as seats are verified, one after another."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from resultsdesk.charts.data import (
    HemicycleBlock,
    HemicycleData,
    PartyBar,
    SeatChartData,
    ShareBar,
    VoteShareData,
)
from resultsdesk.charts.story_data import TimelineData, TimelineParty

# (party, colour, share of seats, share of votes), in left-right order
PARTIES = (
    ("SF", "#326760", 0.011, 0.007), ("Green", "#02a95b", 0.006, 0.067),
    ("Lab", "#e4003b", 0.632, 0.337), ("PC", "#005b54", 0.006, 0.007),
    ("SNP", "#fdf38e", 0.014, 0.025), ("LD", "#faa61a", 0.111, 0.122),
    ("Ind", "#dcdcdc", 0.009, 0.020), ("Con", "#0087dc", 0.186, 0.237),
    ("DUP", "#d46a4c", 0.008, 0.006), ("RUK", "#12b6cf", 0.008, 0.143),
)
START = datetime(2024, 7, 4, 22, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Step:
    """The four charts' data after one more verification."""

    seats: SeatChartData
    chamber: HemicycleData
    shares: VoteShareData
    timeline: TimelineData

    def of(self, kind: str):
        return getattr(self, kind)


def night(seats: int = 650, declared: float = 0.5, steps: int = 10,
          seed: int = 1) -> list[Step]:
    """`steps` + 1 nights: `declared` of `seats` verified, then one seat more each."""
    rng = random.Random(seed)
    won = {p: int(seats * s * declared) for p, _c, s, _v in PARTIES}
    votes = {p: int(seats * 45_000 * v * declared) for p, _c, _s, v in PARTIES}
    times = {p: [START + timedelta(minutes=7 * i) for i in range(n)] for p, n in won.items()}
    out = []
    for k in range(steps + 1):
        if k:
            party = rng.choices([p for p, *_ in PARTIES], [s for _p, _c, s, _v in PARTIES])[0]
            won[party] += 1
            times[party].append(START + timedelta(hours=7, minutes=k))
            for p, *_ in PARTIES:
                votes[p] += rng.randint(500, 20_000)
        out.append(_step(seats, won, votes, times))
    return out


def _step(seats: int, won: dict, votes: dict, times: dict) -> Step:
    declared = sum(won.values())
    majority = seats // 2 + 1
    bars = tuple(PartyBar(p, p, c, won[p], 0, won[p] // 3) for p, c, _s, _v in PARTIES)
    blocks = tuple(HemicycleBlock(p, c, tuple(f"{p} seat {i}" for i in range(won[p])))
                   for p, c, _s, _v in PARTIES if won[p])
    total = sum(votes.values())
    shares = tuple(ShareBar(p, p, c, votes[p], 100 * votes[p] / total, 0.5)
                   for p, c, _s, _v in PARTIES)
    when = sorted(t for ts in times.values() for t in ts)
    bins: dict[datetime, int] = {}
    for t in when:
        start = t.replace(minute=t.minute // 30 * 30, second=0, microsecond=0)
        bins[start] = bins.get(start, 0) + 1
    leaders = sorted(won, key=lambda p: -won[p])[:3]
    colours = {p: c for p, c, _s, _v in PARTIES}
    parties = tuple(TimelineParty(p, p, colours[p], tuple((t, i + 1) for i, t in
                                                          enumerate(sorted(times[p]))))
                    for p in leaders)
    return Step(SeatChartData(bars, seats, majority, declared),
                HemicycleData(blocks, seats, majority, declared),
                VoteShareData(shares, total, declared, seats),
                TimelineData(tuple(sorted(bins.items())), parties, seats, majority, declared))
