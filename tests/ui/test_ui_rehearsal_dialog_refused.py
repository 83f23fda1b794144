"""File > Rehearsal… refused (a start typed wrong, a file that is not the House of Commons
Library's): the dialog comes back with every choice as it was and the reason under them.
It had closed on Create and start, and the refusal came as a box after it: the files
browsed for, the mode, the speed and the times were gone, to be chosen again at 3 a.m."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from resultsdesk.domain.replay import ReplayMode


def test_a_refused_rehearsal_comes_back_to_its_dialog(qtbot, main_window, nominations_db,
                                                      monkeypatch):
    boxes = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: boxes.append(a))
    win = main_window(nominations_db, user="alice")
    dialog = win.new_rehearsal()
    qtbot.waitUntil(dialog.isVisible)
    dialog.mode.setFocus()
    qtbot.keyClick(dialog.mode, Qt.Key.Key_Down)  # practise
    assert dialog.mode.currentData() == ReplayMode.PRACTISE
    dialog.speed.setFocus()
    qtbot.keyClick(dialog.speed, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.speed, "600")
    dialog.until.setFocus()
    qtbot.keyClicks(dialog.until, "06:00")
    dialog.start.setFocus()
    qtbot.keyClicks(dialog.start, "4.30")  # not HH:MM
    qtbot.keyClick(dialog.start, Qt.Key.Key_Return)  # Create and start
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.message.text() != "",
                    timeout=60_000)
    assert "'4.30' is neither HH:MM nor a date and time" in dialog.message.text()
    assert boxes == []  # said in the dialog, not in a box after it
    assert (dialog.mode.currentData(), dialog.speed.value(), dialog.start.text(),
            dialog.until.text()) == (ReplayMode.PRACTISE, 600, "4.30", "06:00")
    assert not (nominations_db.parent / "rehearsal.db").exists()
    assert win.db_path == nominations_db  # nothing opened
    # put right, it is made and opened
    dialog.start.setFocus()
    dialog.start.selectAll()
    qtbot.keyClicks(dialog.start, "04:30")
    qtbot.keyClick(dialog.start, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.db_path == nominations_db.parent / "rehearsal.db",
                    timeout=60_000)
    assert not dialog.isVisible() and win.night.rehearsal
