"""A speed typed out of range (0.05: the box's least is 0.1) is said, not put back in
silence. Enter in File > Rehearsal…'s box put ×60 back and pressed "Create and start": the
rehearsal ran at ×60 with no word; in the toolbar's box the clock kept its speed unsaid."""

from __future__ import annotations

from helpers.rehearsal import build
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_ui_rehearsal_dialog import ALT, dialog  # noqa: F401  (fixture)
from test_ui_rehearsal_keys import _menu, _open

from resultsdesk.desk import rehearsal as rh


def test_the_dialog_says_a_speed_out_of_range_and_does_not_start(qtbot, dialog,  # noqa: F811
                                                                  tmp_path):
    dialog.db.setText(str(tmp_path / "rehearsal.db"))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, ALT)  # S&peed
    assert QApplication.focusWidget() is dialog.speed
    qtbot.keyClick(dialog.speed, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.speed, "0.05")
    qtbot.keyClick(dialog.speed, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0  # not accepted at ×60 unsaid
    said = dialog.message.text()
    assert "0.05" in said and "0.1" in said and "100,000" in said, said
    assert QApplication.focusWidget() is dialog.speed
    # Enter again, the box back at ×60 as said: that is a choice now
    qtbot.keyClick(dialog.speed, Qt.Key.Key_Return)
    assert dialog.result() == 1


def test_the_toolbar_says_a_speed_out_of_range(qtbot, tmp_path):
    db = build(tmp_path / "slow.db", speed=60)
    with rh.open_rehearsal(db) as desk:
        rh.start(desk)
        rh.pause(desk)
    win = _open(qtbot, db)
    _menu(qtbot, win, Qt.Key.Key_D)  # Rehearsal > Change the speed: the box
    qtbot.keyClick(win.rehearsal_speed, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(win.rehearsal_speed, "0.05")
    qtbot.keyClick(win.rehearsal_speed, Qt.Key.Key_Return)
    assert rh.rehearsal_state(win.desk).speed == 60
    said = win.statusBar().currentMessage()
    assert "0.05" in said and "out of range" in said and "×60" in said, said


def test_a_speed_refused_on_leaving_the_box_holds_back_no_later_start(
        qtbot, dialog, tmp_path):  # noqa: F811
    """A speed out of range said as the box was left (Tab: ×60 put back, said under the
    choices) kept a flag that swallowed the next "Create and start" whenever it came: a
    valid speed typed since, then Enter, started nothing. Only the Enter that left the
    speed out of range is held back."""
    dialog.db.setText(str(tmp_path / "rehearsal.db"))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, ALT)  # S&peed
    qtbot.keyClick(dialog.speed, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.speed, "0.05")
    qtbot.keyClick(dialog.speed, Qt.Key.Key_Tab)  # on to Start at: refused, said
    assert "0.05" in dialog.message.text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, ALT)  # back to S&peed
    qtbot.keyClick(dialog.speed, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.speed, "0.5")
    qtbot.keyClick(dialog.speed, Qt.Key.Key_Return)
    assert dialog.result() == 1
    assert dialog.speed.value() == 0.5


def test_a_speed_refused_on_leaving_the_box_lets_enter_elsewhere_start(
        qtbot, dialog, tmp_path):  # noqa: F811
    """Said as the box was left, the speed put back is what the desk goes on with: Enter
    in another field is a start at it, not held back."""
    dialog.db.setText(str(tmp_path / "rehearsal.db"))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, ALT)  # S&peed
    qtbot.keyClick(dialog.speed, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.speed, "0.05")
    qtbot.keyClick(dialog.speed, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.start and "0.05" in dialog.message.text()
    qtbot.keyClick(dialog.start, Qt.Key.Key_Return)
    assert dialog.result() == 1
    assert dialog.speed.value() == 60
