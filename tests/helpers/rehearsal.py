"""Helpers for tests of rehearsals and of the migrations around theirs."""

from __future__ import annotations

import sqlite3

REHEARSAL_OBJECTS = (
    "DROP INDEX rehearsal_seats_due", "DROP TABLE rehearsal_votes",
    "DROP TABLE rehearsal_seats", "DROP TABLE rehearsal",
    "DROP TRIGGER election_kind_at_creation", "DROP TRIGGER election_no_delete",
    "DROP TRIGGER election_kind_fixed", "ALTER TABLE election DROP COLUMN kind",
)


def undo_rehearsal_migration(conn: sqlite3.Connection) -> None:
    """Take a database back to before the rehearsal migration (user_version is the
    caller's), as a file written by the ResultsDesk before it would be."""
    for statement in REHEARSAL_OBJECTS:
        conn.execute(statement)
