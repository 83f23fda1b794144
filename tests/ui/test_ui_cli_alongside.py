"""One desk PC: the window open on the election file while a script works on the same file
from the command line, as a real second process. The window shows what the command line
wrote at its next poll (every 1.5 s), without a restart.

Found by an attack on a window beside the command line: a seat added by `import candidates
--add-seats` of a HoC by-candidate file (no electorate in it, no --constituencies) took no
change number on a file, so the window open on it never listed the seat (650 rows, "of 650
declared", every chart) until it was reopened, and the desk could not find it to enter its
declaration there, though the command line's `summary` counted 651."""

from __future__ import annotations

import os

from helpers.cli import run_process
from helpers.locations import ROOT
from helpers.new_seat import NEW_SEAT, new_seat_file
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.ui.declaration_form import Mode


def test_a_seat_the_command_line_adds_shows_in_the_open_window(qtbot, main_window,
                                                               nominations_db, tmp_path):
    window = main_window(nominations_db, user="alice")
    assert window.model.rowCount() == 650
    code, out, err, _ = run_process(
        "import", "candidates", new_seat_file(tmp_path / "new.csv"),
        "--add-seats", "--db", nominations_db, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert code == 0, err
    assert "it now has 651 seats" in out

    qtbot.waitUntil(lambda: window.model.rowCount() == 651, timeout=10_000)
    assert window.night.seats_total == 651
    assert window.declared_label.text() == "0 of 651 declared"
    # and the desk finds it to enter its declaration, as any other seat
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    focused = QApplication.focusWidget
    qtbot.keyClick(focused() or window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, "Newtown")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.active_dialog is not None)
    dialog = window.active_dialog
    assert (dialog.form.sheet.code, dialog.form.mode) == (NEW_SEAT, Mode.ENTER)
    dialog.discard()
