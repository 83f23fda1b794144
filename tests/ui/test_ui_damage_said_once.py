"""A file damaged under an open window (a column renamed in the sqlite3 shell) puts every
refresh off until it is restored: each retry (every 15 s at most, for good) said the same
damage again, interrupting a screen reader's reading each time. The red line stays; the
damage is announced once, as long as the bar still says it."""

from __future__ import annotations

from helpers.tampering import by_hand

from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow


def test_damage_that_stays_is_announced_once_and_stays_red(qtbot, night_db, said):
    application()
    win = MainWindow(night_db, user="alice")
    qtbot.addWidget(win)
    win.show()
    by_hand(night_db, "ALTER TABLE declarations RENAME COLUMN status TO state").close()
    win.refresh_if_changed()
    assert win.refresh_retry.isActive()  # put off, tried again
    win.refresh_retry.stop()
    win.refresh_if_changed()  # the retry, the file as damaged as it was
    damage = [text for text, assertive in said if assertive and "is damaged" in text]
    assert len(damage) == 1, damage
    bar = win.statusBar()
    assert "is damaged (it has no column status" in bar.currentMessage() and bar.alert


def test_a_file_upgraded_by_a_newer_resultsdesk_under_the_window_is_said_in_red(
        qtbot, night_db):
    """Upgraded by a newer ResultsDesk on another PC while open here: the refresh stopped
    for good, said only in the log (and, judged, as damage to restore a backup over)."""
    from resultsdesk.store.schema_version import SCHEMA_VERSION

    application()
    win = MainWindow(night_db, user="alice")
    qtbot.addWidget(win)
    win.show()
    by_hand(night_db, "ALTER TABLE declarations RENAME COLUMN status TO state",
            f"PRAGMA user_version = {SCHEMA_VERSION + 1}").close()
    win.refresh_if_changed()
    bar = win.statusBar()
    assert "newer ResultsDesk" in bar.currentMessage() and bar.alert, bar.currentMessage()
    assert "restore" not in bar.currentMessage()
