"""A party's first seat on screen (`charts.frames`): the seat chart gains a bar, and every bar
moves over to make room. What is recorded again is what is drawn and moved: the bars shown,
the axis line and rule, and the new party's labels; not the spare bars and labels kept
hidden for later parties, nor the hidden axes, nor the earlier labels (moved with their
kept drawing). Counted, never timed; and the frame is still exactly a full draw's."""

from __future__ import annotations

import numpy as np
from helpers.screens import Screen, full_draw
from helpers.verifications import night

from resultsdesk.domain.records import replace

TOLERANCE_PX = 0.5  # the screen's (`ui.chart_view.TEXT_TOLERANCE_PX`)
NEW = ("Green", "PC")  # no seat yet, then a first seat each, one after the other
ABSENT = ("SF", "SNP", "DUP", "Ind")  # none all night: a few bars, their labels full size


def first_seats():
    """The seat chart's data with neither of NEW on a seat, then each winning its first in
    turn (one seat: drawn last, after every party with more)."""
    data = night(650, steps=0)[0].seats
    data = replace(data, bars=tuple(b for b in data.bars if b.party not in ABSENT))
    won: dict[str, int] = {}

    def with_seats() -> object:
        return replace(data, bars=tuple(
            replace(b, seats=won.get(b.party, 0), change=None) if b.party in NEW else b
            for b in data.bars))

    out = [with_seats()]
    for party in NEW:
        won[party] = 1
        out.append(with_seats())
    return out


def test_a_first_seat_records_again_only_the_bars_shown_and_the_new_labels():
    steps = first_seats()
    screen = Screen("seats")
    screen.frames.text_tolerance = TOLERANCE_PX
    screen.show(steps[0])
    for step in steps[1:]:
        made = screen.chart.rebuilds
        stats = screen.show(step)
        assert not stats.full and screen.chart.rebuilds == made  # no artist made
        chart = screen.chart
        assert chart.bars[-1].party in NEW  # the new bar last: no other bar's label changed
        # Each bar shown (all moved over), the axis line and the majority rule (their
        # axes' limits changed), and the new bar's value, change and name.
        assert screen.frames.recorded <= len(chart.bars) + 2 + 3, screen.frames.recorded


def test_first_seats_drawn_in_place_are_a_full_draw():
    steps = first_seats()
    screen = Screen("seats")
    screen.show(steps[0])
    for step in steps[1:]:
        assert not screen.show(step).full
        assert np.array_equal(screen.pixels(), full_draw("seats", step))
