"""A speed set in the toolbar's Speed box stays set when the desk then leaves the box: Enter
keeps the focus there, and Esc (or Tab) away put the box back to the speed it showed before
the change, then set the clock to that: "Alt+R, D, 3600, Enter, Esc" left the night at ×60,
audited as a second change. Nor does leaving the box undo a speed set elsewhere meanwhile
(another window, `rehearse --speed`): the box was left as it showed, which is no change."""

from __future__ import annotations

from helpers.rehearsal import build
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_ui_rehearsal_keys import _menu, _open

from resultsdesk.desk import rehearsal as rh

CTRL = Qt.KeyboardModifier.ControlModifier


def _speed_changes(win) -> int:
    return win.desk.scalar("SELECT count(*) FROM audit_log WHERE action = 'rehearsal speed'")


def _type_speed(qtbot, win, text: str) -> None:
    _menu(qtbot, win, Qt.Key.Key_D)  # Rehearsal > Change the speed: the box
    assert QApplication.focusWidget() is win.rehearsal_speed
    qtbot.keyClick(win.rehearsal_speed, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(win.rehearsal_speed, text)
    qtbot.keyClick(win.rehearsal_speed, Qt.Key.Key_Return)


def test_a_speed_set_stays_set_when_the_box_is_left_by_esc(qtbot, tmp_path):
    win = _open(qtbot, build(tmp_path / "watch.db", speed=60))
    _type_speed(qtbot, win, "3600")
    assert rh.rehearsal_state(win.desk).speed == 3600
    qtbot.keyClick(win.rehearsal_speed, Qt.Key.Key_Escape)  # done: back to the table
    assert QApplication.focusWidget() is win.table
    qtbot.keyClick(win.table, Qt.Key.Key_Tab)
    assert rh.rehearsal_state(win.desk).speed == 3600
    assert win.rehearsal_speed.text() == "×3600"
    assert _speed_changes(win) == 1


def test_a_speed_set_stays_set_when_the_box_is_left_by_tab(qtbot, tmp_path):
    win = _open(qtbot, build(tmp_path / "watch.db", speed=60))
    _type_speed(qtbot, win, "600")
    qtbot.keyClick(win.rehearsal_speed, Qt.Key.Key_Tab)
    assert rh.rehearsal_state(win.desk).speed == 600
    assert _speed_changes(win) == 1


def test_leaving_the_box_keeps_a_speed_set_elsewhere_meanwhile(qtbot, tmp_path):
    win = _open(qtbot, build(tmp_path / "watch.db", speed=60))
    _menu(qtbot, win, Qt.Key.Key_D)  # the desk in the box, typing nothing yet
    with rh.open_rehearsal(win.db_path) as desk:
        rh.set_speed(desk, 900)  # `rehearse --speed 900`, or another window
    win.rehearsal_tick()
    qtbot.keyClick(win.rehearsal_speed, Qt.Key.Key_Tab)  # left as it showed
    assert rh.rehearsal_state(win.desk).speed == 900
    assert _speed_changes(win) == 1
