"""File > Rehearsal… on the demo offers its new database where it stays. It offered
`rehearsal.db` "beside the election's file", which for the demo is the throw-away folder
removed, whole, when the window closes: a rehearsal created as offered (Enter on the
dialog) was gone after File > Quit, and with it the practise report written beside it,
although a rehearsal is a file to open again and go on with. Found by a walk through the
demo at 1366 × 768 (File > Rehearsal…, Create and start, Ctrl+Q)."""

from __future__ import annotations

import shutil

from resultsdesk.desk.election import DEMO_FILE, DEMO_FOLDER_PREFIX, discard_demo_database
from resultsdesk.paths import user_data_dir
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow


def _demo_copy(night_db, tmp_path):
    """The night where the demo keeps it: its own folder, removed with its window."""
    folder = tmp_path / f"{DEMO_FOLDER_PREFIX}walk"
    folder.mkdir()
    path = folder / DEMO_FILE
    shutil.copyfile(night_db, path)
    return path


def test_the_demos_rehearsal_is_offered_outside_its_throw_away_folder(qtbot, night_db,
                                                                      tmp_path):
    application()
    demo = _demo_copy(night_db, tmp_path)
    window = MainWindow(demo, user="alice", label="demo: a throw-away copy", demo=True)
    qtbot.addWidget(window)
    window.show()
    dialog = window.new_rehearsal()
    qtbot.addWidget(dialog)  # closed with the test: closing the window leaves it open
    qtbot.waitUntil(dialog.isVisible)
    offered = tmp_path.joinpath(dialog.db.text())
    assert offered.parent == user_data_dir()
    offered.write_bytes(b"a rehearsal")  # as if created there
    window.close()
    discard_demo_database(demo)  # what the app does as the demo's window closes
    assert not demo.parent.exists()
    assert offered.exists()


def test_a_desks_own_night_still_offers_it_beside_its_file(qtbot, nominations_db):
    application()
    window = MainWindow(nominations_db, user="alice")
    qtbot.addWidget(window)
    window.show()
    dialog = window.new_rehearsal()
    qtbot.addWidget(dialog)  # not left open, the active window, for the next test
    assert dialog.db.text() == str(nominations_db.parent / "rehearsal.db")
