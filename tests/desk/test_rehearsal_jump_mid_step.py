"""The clock moved back while a step delivers a jump's burst: the editor jumped to 04:00 by
mistake and, seeing "delivering 45 of 200 seats…", typed 03:00 (allowed: no seat after
02:00 was in yet). The step went on delivering every seat it had found due by 04:00, so
the desk's night clock read 03:00 with seats declared up to 04:00 on air, which a jump or
an until is otherwise refused for ("seats up to 04:00 have already been delivered"). The
same with Deliver until… moved earlier mid-step: seats after the new until arrived."""

from __future__ import annotations

from helpers.rehearsal import WALL, build

from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.rehearsal_feed import delivered_after
from resultsdesk.domain.declaration_time import moment
from resultsdesk.store import Store


def _paused_at_the_start(path):
    desk = Store(build(path, speed=60))
    rh.start(desk, WALL)
    rh.pause(desk, WALL)
    rh.step(desk, WALL)  # 23:27
    return desk


def test_a_jump_back_mid_step_stops_the_burst_at_the_new_time(tmp_path):
    with _paused_at_the_start(tmp_path / "jump.db") as desk, Store(desk.path) as editor:
        rh.jump_to(desk, "04:00", WALL)

        def meanwhile(done: int, due: int) -> None:
            if done == 10:  # 10 seats in (to about 01:40): the jump corrected to 03:00
                rh.jump_to(editor, "03:00", WALL)

        rh.step(desk, WALL, progress=meanwhile)
        state = rh.rehearsal_state(desk, WALL)
        assert state.night_text == "03:00"
        last = max(moment(d.declared_at) for d in delivered_after(desk, 0))
        assert last <= state.night, f"seats up to {last:%H:%M} on air at 03:00"


def test_an_until_moved_earlier_mid_step_delivers_nothing_after_it(tmp_path):
    with _paused_at_the_start(tmp_path / "until.db") as desk, Store(desk.path) as editor:
        rh.jump_to(desk, "04:00", WALL)

        def meanwhile(done: int, due: int) -> None:
            if done == 10:
                rh.set_until(editor, "03:00", WALL)

        rh.step(desk, WALL, progress=meanwhile)
        state = rh.rehearsal_state(desk, WALL)
        last = max(moment(d.declared_at) for d in delivered_after(desk, 0))
        assert last <= state.until, f"seats up to {last:%H:%M} past the until 03:00"
