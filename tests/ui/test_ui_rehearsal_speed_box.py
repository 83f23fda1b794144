"""The speed box shows a speed to one decimal: a rehearsal run at a speed it rounds (0.25,
set by `rehearse --speed 0.25`) keeps its speed when the box is reached by Alt+R, D and left
without typing, rather than being set to what the box showed (0.3, audited as a change)."""

from __future__ import annotations

from helpers.rehearsal import build
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_ui_rehearsal_keys import _menu, _open

from resultsdesk.desk import rehearsal as rh


def test_leaving_the_speed_box_untouched_keeps_the_speed(qtbot, tmp_path):
    db = build(tmp_path / "slow.db", speed=0.25)
    with rh.open_rehearsal(db) as desk:
        rh.start(desk)
        rh.pause(desk)
    win = _open(qtbot, db)
    _menu(qtbot, win, Qt.Key.Key_D)  # Rehearsal > Change the speed: the box
    assert QApplication.focusWidget() is win.rehearsal_speed
    qtbot.keyClick(win.rehearsal_speed, Qt.Key.Key_Return)  # nothing typed
    qtbot.keyClick(win.rehearsal_speed, Qt.Key.Key_Tab)  # and on, out of the box
    state = rh.rehearsal_state(win.desk)
    assert state.speed == 0.25
    assert win.desk.scalar("SELECT count(*) FROM audit_log "
                           "WHERE action = 'rehearsal speed'") == 0
    # a speed typed is still set
    _menu(qtbot, win, Qt.Key.Key_D)
    qtbot.keyClick(win.rehearsal_speed, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(win.rehearsal_speed, "2")
    qtbot.keyClick(win.rehearsal_speed, Qt.Key.Key_Return)
    assert rh.rehearsal_state(win.desk).speed == 2
