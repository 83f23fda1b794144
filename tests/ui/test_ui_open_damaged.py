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
