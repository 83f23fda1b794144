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


def test_seats_the_rehearsal_never_delivers_are_said_before_its_clock_starts(
        qtbot, main_window, nominations_db, monkeypatch, tmp_path):
    """A seat with no declaration time in the file stays undeclared all night: said in a
    box as the rehearsal opens, as `rehearse` prints it (the twenty-eighth session)."""
    import csv
    import io

    from resultsdesk.io.hoc_constituencies import DECLARED
    from resultsdesk.paths import CONSTITUENCIES_2019, ELECTION_2019, data_file
    from resultsdesk.ui.rehearsal_dialog import RehearsalChoice

    rows = list(csv.reader(io.StringIO(
        data_file(CONSTITUENCIES_2019).read_text(encoding="utf-8-sig"))))
    name = rows[0].index("Constituency name")
    at = next(i for i, r in enumerate(rows) if r[name] == "Hendon")
    rows[at][rows[0].index(DECLARED)] = ""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    seats = tmp_path / "seats.csv"
    seats.write_text(out.getvalue(), encoding="utf-8")
    boxes = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: boxes.append(a[1:]))
    win = main_window(nominations_db, user="alice")
    choice = RehearsalChoice(tmp_path / "r.db", data_file(ELECTION_2019), seats, None,
                             ReplayMode.WATCH.value, 60.0, None, "23:30", {})
    win.create_rehearsal(choice)
    qtbot.waitUntil(lambda: win.db_path == tmp_path / "r.db", timeout=60_000)
    assert boxes == [("Seats never delivered", "Never delivered, with no declaration time "
                      "in seats.csv (they stay undeclared): Hendon.")]
