"""The computer's clock put back under a running rehearsal (NTP stepping it, the clock
changed by hand). The clock's night is its anchor's plus the wall time since, so it read
the night as of a wall time still to come: two minutes back at 60x, it showed 02:27 with
seats to 04:27 on air and delivered nothing for two minutes; anchored in what was now the
future, it stood still as long; a speed change then anchored the night behind the seats
delivered (README: the night never goes back behind a seat already delivered). A driver
whose clock went back keeps the night where it stood, at its pace."""

from __future__ import annotations

from datetime import timedelta

from helpers.rehearsal import WALL, build

from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.audit_text import trail_lines
from resultsdesk.desk.rehearsal_feed import delivered_after
from resultsdesk.desk.rehearsal_resume import hold_over_gap
from resultsdesk.domain.declaration_time import moment
from resultsdesk.store import Store

RAN = WALL + timedelta(minutes=5)  # at 60x, from 23:27: seats to 04:27 delivered


def _running(path):
    desk = Store(build(path, speed=60))
    rh.start(desk, WALL)
    assert rh.step(desk, RAN).state.night_text == "04:27"
    return desk


def _last_on_air(desk):
    return max(moment(d.declared_at) for d in delivered_after(desk, 0))


def test_a_clock_put_back_keeps_the_night_where_it_was(tmp_path):
    with _running(tmp_path / "back.db") as desk:
        back = RAN - timedelta(minutes=2)  # NTP stepped the clock back two minutes
        hold_over_gap(desk, RAN, back)
        state = rh.rehearsal_state(desk, back)
        assert state.night >= _last_on_air(desk), state.night_text  # not 02:27
        assert state.next_due_wall - back < timedelta(seconds=5)  # not two minutes
        # a speed change now goes on from there, not from behind the seats on air
        assert rh.set_speed(desk, 120, back).night >= _last_on_air(desk)


def test_a_clock_put_back_before_its_anchor_does_not_stand_still(tmp_path):
    with _running(tmp_path / "before.db") as desk:
        rh.set_speed(desk, 60, RAN)  # anchored at RAN
        back = RAN - timedelta(hours=1)  # the clock changed by hand, an hour back
        held = hold_over_gap(desk, RAN + timedelta(seconds=1), back)
        assert held is not None and held.state is rh.ReplayState.RUNNING
        assert hold_over_gap(desk, RAN, back) is None  # a second driver: kept once
        assert rh.step(desk, back + timedelta(minutes=1)).state.night_text == "05:27"


def test_a_clock_put_back_is_said_in_the_history(tmp_path):
    with _running(tmp_path / "said.db") as desk:
        hold_over_gap(desk, RAN, RAN - timedelta(minutes=2))
        said = [line.text for line in trail_lines(desk) if "put back" in line.text]
        assert said == ["the computer's clock was put back: rehearsal's ResultsDesk kept "
                        "the rehearsal's clock at 04:27"], said
