"""The speed box reads as a desk writes a speed: "×3600", "×0.25", "×1.5", not "×3600.0"
(nor 0.25 rounded to "×0.3")."""

from __future__ import annotations

import pytest
from helpers.rehearsal import build
from test_ui_rehearsal_keys import _open

from resultsdesk.desk import rehearsal as rh


@pytest.mark.parametrize(("speed", "text"), [(3600, "×3600"), (0.25, "×0.25"),
                                             (1.5, "×1.5"), (60, "×60")])
def test_the_speed_box_reads_as_a_desk_writes_it(qtbot, tmp_path, speed, text):
    db = build(tmp_path / "r.db", speed=speed)
    win = _open(qtbot, db)
    assert rh.rehearsal_state(win.desk).speed == speed
    assert win.rehearsal_speed.text() == text


def test_the_new_rehearsal_dialog_offers_sixty_as_a_desk_writes_it(qtbot, nominations_db):
    from test_ui_rehearsal_dialog import dialog as opened  # File > Rehearsal… by keyboard

    box = opened.__wrapped__(qtbot, nominations_db).speed
    assert box.text() == "60 × real time"
    box.selectAll()
    qtbot.keyClicks(box, "0.25")  # a quarter speed kept as typed, not rounded to 0.3
    assert (box.value(), box.text()) == (0.25, "0.25 × real time")
