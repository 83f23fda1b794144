"""Two `resultsdesk init` of one path at the same moment (two people setting up the night,
a script run twice). Both found no file there; the first created its election, and the
second, opening the file the first had just made, renamed that election to its own name
and added a second "create election" entry: both said "Created ...", exit 0, and the
first person's night was silently someone else's.

The interleaving is forced: the other `init` runs, whole, in the instant between this
one's check that the file does not exist and its opening of the file."""

from __future__ import annotations

import sqlite3
import threading

from helpers.cli import assert_one_error_line, run_cli

from resultsdesk.desk import election


def test_the_second_init_of_one_path_is_refused_not_a_rename(tmp_path, monkeypatch):
    path = tmp_path / "night.db"
    real_store = election.Store
    other: list[tuple[int, str, str]] = []
    started: list[bool] = []

    def store_after_the_other_init(*args, **kwargs):
        if not started:  # the other `init` gets in first, and finishes
            started.append(True)
            thread = threading.Thread(target=lambda: other.append(
                run_cli("init", "--db", path, "--name", "Night A")))
            thread.start()
            thread.join()
        return real_store(*args, **kwargs)

    monkeypatch.setattr(election, "Store", store_after_the_other_init)
    code, out, err = run_cli("init", "--db", path, "--name", "Night B")
    assert other and other[0][0] == 0, other
    assert_one_error_line(code, out, err, "already exists")
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT name FROM election").fetchall() == [("Night A",)]
        assert conn.execute("SELECT action, entity_key FROM audit_log").fetchall() == [
            ("create election", "Night A")]
    finally:
        conn.close()
