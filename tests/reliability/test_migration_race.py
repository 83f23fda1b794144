"""Two programs opening one file that needs a schema migration, at once: after ResultsDesk
is upgraded, the window opened on the night while a script runs `summary` or `declare`
against it. Both read the file's schema version before either takes the write lock; the
one that gets the lock second must find the migration done, not run it again and call
the file "changed outside ResultsDesk ... Restore it from a backup" (a restore at that
moment would throw away the night's work since that backup).

The interleaving is forced: the copy each opening keeps before migrating is where the
other program gets in, opening and migrating the file to the end before the first one
takes the lock."""

from __future__ import annotations

import sqlite3
import threading

from helpers.rehearsal import undo_candidate_party_ids_migration

from resultsdesk.store import SCHEMA_VERSION, Store, online_copy

OLDER = SCHEMA_VERSION - 1


def _one_schema_back(path) -> None:
    """The file as the ResultsDesk before the last migration wrote it (migration 13 added
    three columns: the candidates' own party ids)."""
    conn = sqlite3.connect(path, isolation_level=None)
    undo_candidate_party_ids_migration(conn)
    conn.execute(f"PRAGMA user_version = {OLDER}")
    conn.close()


def _open_in_another_thread(path) -> list[BaseException]:
    """Another program's opening, run to the end (its own connection)."""
    failures: list[BaseException] = []

    def other() -> None:
        try:
            Store(path).close()
        except BaseException as exc:  # reported by the test
            failures.append(exc)

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    return failures


def test_a_migration_another_program_finished_meanwhile_is_not_run_again(
        nominations_db, monkeypatch):
    _one_schema_back(nominations_db)
    real_copy = online_copy.backup_to
    other: list[list[BaseException]] = []
    copies: list[object] = []

    def copy_then_let_the_other_in(conn, out, **kwargs):
        done = real_copy(conn, out, **kwargs)
        copies.append(out)
        if len(copies) == 1:  # the first opening's copy: the other program migrates now
            other.append(_open_in_another_thread(nominations_db))
        return done

    monkeypatch.setattr(online_copy, "backup_to", copy_then_let_the_other_in)
    with Store(nominations_db) as store:  # raised DamagedDatabase: "... already exists"
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
    assert other == [[]], other  # the other program opened it too, migrating it
    check = sqlite3.connect(nominations_db)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        check.close()
