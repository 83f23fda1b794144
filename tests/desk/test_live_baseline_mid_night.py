"""A baseline imported while windows are open (an admin's File > Import > Baseline, or
`import baseline`, after the first results): every open window's gains, losses and swings
are against it at their next refresh, as a window opened afresh shows them. They kept the
baseline read when the window opened (none), so "Lab gain from Con" never reached the desks
already open, the importer's own included, until each was reopened."""

from __future__ import annotations

from helpers.desk_target import SEATS, desk_target_fixture, trimmed  # noqa: F401  (fixture)
from helpers.locations import NOTIONAL

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.imports import import_baseline
from resultsdesk.desk.live import NightState
from resultsdesk.domain.model import Figures

HENDON = "E14001279"
CLEAN = (2667, 1966, 139, 12000, 1518, 3038, 18000, 233)  # Lab by 6,000


def _seen(night: NightState) -> tuple:
    summary, hendon = night.summary(), night.seats[HENDON]
    return summary.gains, summary.losses, hendon.swing, hendon.turnout_change


def test_a_baseline_imported_mid_night_reaches_the_windows_already_open(desk_target,
                                                                        tmp_path):
    t = desk_target
    alice, bob, ann = t.open("alice"), t.open("bob"), t.open("ann")
    dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    dk.verify(bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50)
    open_before = NightState(t.open("eve"))
    open_before.refresh()
    assert open_before.summary().gains == {}  # no baseline yet: nothing to gain from

    import_baseline(ann, trimmed(NOTIONAL, tmp_path / "notional.csv", SEATS),
                    user=t.name("ann"))
    assert HENDON in open_before.refresh()
    fresh = NightState(t.open("eve"))
    fresh.refresh()
    assert fresh.summary().gains == {"Lab": 1}
    assert _seen(open_before) == _seen(fresh)
