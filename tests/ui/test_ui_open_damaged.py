"""File > Open of a file with a value SQLite lets in and ResultsDesk never writes (a
candidate's name made bytes that are not UTF-8, in the sqlite3 shell): opening it checks
nothing of the kind, and the night's first read stopped on "Could not decode to UTF-8",
raised out of the menu's slot as a bug's traceback, the window left on a closed handle.
Said in a box as the app's start says it, the election open before stays."""

from __future__ import annotations

import shutil
import sqlite3

from resultsdesk.ui import window_database


def test_file_open_of_a_damaged_night_says_so_and_keeps_the_open_one(
        qtbot, main_window, night_db, tmp_path, monkeypatch):
    damaged = tmp_path / "damaged.db"
    shutil.copyfile(night_db, damaged)
    conn = sqlite3.connect(damaged)
    conn.execute("UPDATE candidates SET surname = CAST(X'ff00' AS TEXT) "
                 "WHERE id = (SELECT min(id) FROM candidates)")
    conn.commit()
    conn.close()
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(window_database, "tell",
                        lambda parent, title, text, *a, **k: told.append((title, text)))
    win = main_window(night_db, user="alice")
    win.open_database(damaged)
    assert len(told) == 1, told
    title, text = told[0]
    assert title == "Cannot open database"
    assert text.startswith(f"{damaged} is damaged (") and "restore" in text, text
    assert win.db_path == night_db
    assert win.declared_label.text().startswith("650 of 650 declared")
    assert win.model.rowCount() == 650


def test_a_failed_open_keeps_the_open_election_when_its_file_cannot_be_opened_again(
        qtbot, main_window, night_db, tmp_path, monkeypatch):
    """The election open before came back by opening its file again: a file moved (a sync
    tool, a USB stick taken out) or locked by then raised out of the menu's slot as a
    traceback, with the window left on the failed file's closed handle; the handle the
    window had is kept until the new night is read."""
    damaged = tmp_path / "damaged.db"
    shutil.copyfile(night_db, damaged)
    conn = sqlite3.connect(damaged)
    conn.execute("UPDATE candidates SET surname = CAST(X'ff00' AS TEXT) "
                 "WHERE id = (SELECT min(id) FROM candidates)")
    conn.commit()
    conn.close()
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(window_database, "tell",
                        lambda parent, title, text, *a, **k: told.append((title, text)))
    win = main_window(night_db, user="alice")
    kept = win.desk
    night_db.rename(tmp_path / "moved.db")  # gone from under its name, still open here
    win.open_database(damaged)
    assert [title for title, _ in told] == ["Cannot open database"], told
    assert win.desk is kept and win.db_path == night_db
    assert win.model.rowCount() == 650


def test_a_failed_open_keeps_the_seats_waiting_for_the_watch_folder(
        qtbot, night_db, tmp_path, monkeypatch):
    """Seats waiting to go out (the watch folder out of reach, a retry due) were dropped by
    the switch to the file that then failed to open: back on the same election, nothing
    would write them, and the red "PUBLISHING FAILED" went with them."""
    from helpers.seats import HENDON

    from resultsdesk.desk.publishing import PublishSettings
    from resultsdesk.ui.app import application
    from resultsdesk.ui.main_window import MainWindow
    from resultsdesk.ui.publisher import save_publish_settings

    damaged = tmp_path / "damaged.db"
    shutil.copyfile(night_db, damaged)
    conn = sqlite3.connect(damaged)
    conn.execute("UPDATE candidates SET surname = CAST(X'ff00' AS TEXT) "
                 "WHERE id = (SELECT min(id) FROM candidates)")
    conn.commit()
    conn.close()
    monkeypatch.setattr(window_database, "tell", lambda *a, **k: None)
    application()
    save_publish_settings(PublishSettings(tmp_path / "gone", kinds=("seats",)))
    win = MainWindow(night_db, user="editor")
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.publisher.failed, timeout=60_000):
        win.publisher.enqueue(HENDON)
    win.open_database(damaged)
    assert win.db_path == night_db
    assert HENDON in win.publisher.queue
    (tmp_path / "gone").mkdir()  # the folder back: Hendon goes out
    with qtbot.waitSignal(win.publisher.published, timeout=60_000):
        win.publisher._retry.stop()
        win.publisher._soon.start(0)
    assert (tmp_path / "gone").exists() and any((tmp_path / "gone").iterdir())
