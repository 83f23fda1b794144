"""Deliver until… (or `rehearse --until`) asked for while a step delivers the last seats
before the old until: the step had read the old until before it began and, its seats in,
marked the rehearsal finished, under the new until: "finished at its until, N seats after
it" with seats before the until just set still undelivered, and the clock held at the old
until, waiting for another Deliver until… and Resume."""

from __future__ import annotations

from datetime import timedelta

from helpers.rehearsal import WALL, build

from resultsdesk.desk import rehearsal as rh
from resultsdesk.store import Store


def test_an_until_moved_on_while_a_step_runs_does_not_end_the_night_at_the_old_one(tmp_path):
    path = build(tmp_path / "until.db", speed=60, until="01:00")
    with Store(path) as desk, Store(path) as editor:
        rh.start(desk, WALL)
        rh.jump_to(desk, "01:00", WALL)  # a burst of seats due, to the until

        def meanwhile(done: int, due: int) -> None:
            if done == due:  # the editor's Deliver until 03:00, in another window
                rh.set_until(editor, "03:00", WALL)

        result = rh.step(desk, WALL, progress=meanwhile)
        assert len(result.delivered) > 1
        state = rh.rehearsal_state(desk, WALL)
        assert state.until.isoformat() == "2019-12-13T03:00:00+00:00"
        assert not state.finished, "finished at 01:00 under an until of 03:00"
        assert state.state is rh.ReplayState.RUNNING
        # and the night goes on to 03:00 at its pace
        later = rh.step(desk, WALL + timedelta(minutes=5))
        assert later.delivered and all(d.clock <= "03:00" for d in later.delivered)
