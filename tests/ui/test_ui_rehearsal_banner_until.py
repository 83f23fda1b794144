"""A rehearsal finished at its until says so, and how to go on: the banner read "49 of 650
delivered · finished" (and, practising, pointed to the report), as if the night were over,
with nothing on the Rehearsal menu's Deliver until… that brings the rest."""

from __future__ import annotations

from helpers.rehearsal import WALL, build, replay

from resultsdesk.desk import rehearsal as rh
from resultsdesk.domain.records import replace
from resultsdesk.store import Store
from resultsdesk.ui.window_rehearsal import banner_text


def test_the_banner_says_a_rehearsal_stopped_at_its_until_has_more(tmp_path):
    with Store(build(tmp_path / "r.db", speed=3600, until="23:29")) as desk:
        rh.start(desk, WALL)
        replay(desk, WALL)
        at_until = banner_text(rh.rehearsal_state(desk, WALL), "GE2019")
        assert at_until.endswith("2 of 650 delivered · finished at its until, 648 seats "
                                 "after it (Rehearsal > Deliver until… for more)")
        rh.set_until(desk, None, WALL)
        rh.resume(desk, WALL)
        replay(desk, WALL)
        done = banner_text(rh.rehearsal_state(desk, WALL), "GE2019")
        assert done.endswith("650 of 650 delivered · finished")
        one_left = replace(rh.rehearsal_state(desk, WALL), delivered=649)
        assert "finished at its until, 1 seat after it " in banner_text(one_left, "GE2019")
