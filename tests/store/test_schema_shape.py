"""A file that lost part of its schema (a table, a column, a trigger dropped in another tool),
or has a trigger or view rewritten or a trigger added, is refused on opening as damaged, with
the restore hint; a file with something else extra (an index) opens."""

from __future__ import annotations

import sqlite3

import pytest
from helpers.cli import refused, run_cli

from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.election import init_election
from resultsdesk.store import Store
from resultsdesk.store.database import DamagedDatabase
from resultsdesk.store.schema_shape import digest, expected_shape, missing_parts, shape
from resultsdesk.store.schema_version import SCHEMA_SHAPE


@pytest.fixture
def election(tmp_path):
    path = tmp_path / "night.db"
    init_election(path, "Shape test").close()
    return path


def _alter(path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def test_the_recorded_digest_is_a_new_files_shape(election):
    # A migration that changes the schema must record the new shape's digest too.
    conn = sqlite3.connect(election)
    try:
        assert digest(shape(conn)) == digest(expected_shape()) == SCHEMA_SHAPE
        assert missing_parts(shape(conn)) == []
    finally:
        conn.close()


@pytest.mark.parametrize(("statement", "named"), [
    ("DROP TABLE baseline_seats", "table baseline_seats"),
    ("ALTER TABLE constituencies DROP COLUMN county", "column county of constituencies"),
    ("DROP TRIGGER declarations_no_delete", "trigger declarations_no_delete"),
    ("DROP VIEW latest_declarations", "view latest_declarations"),
    ("DROP INDEX declarations_by_status", "index declarations_by_status"),
])
def test_a_file_missing_part_of_its_schema_is_refused_as_damaged(election, statement, named):
    _alter(election, statement)
    with pytest.raises(DamagedDatabase) as info:
        Store(election)
    message = str(info.value)
    assert f"has no {named})" in message and "resultsdesk restore" in message


def test_the_command_line_says_damaged_not_a_bug(election):
    _alter(election, "DROP TABLE baseline_seats", "DROP TRIGGER audit_log_no_update")
    line = refused(run_cli("summary", "--db", election), "is damaged",
                   "and 1 more", "resultsdesk restore")
    assert "bug" not in line


def test_a_file_with_something_extra_opens(election):
    _alter(election, "CREATE INDEX extra_by_name ON constituencies(name)",
           "ANALYZE")  # SQLite's own statistics table: not part of the shape either
    with Store(election) as store:
        assert store.scalar("SELECT count(*) FROM constituencies") == 0


def test_the_audit_check_opens_such_a_file_and_names_what_is_gone(election, capsys):
    # The one command that opens it: to say what was changed. The chain itself is intact
    # (nothing was edited), so what it reports is the missing trigger.
    _alter(election, "DROP TRIGGER audit_log_no_update")
    code, out, err = run_cli("audit", "--db", election, "--check")
    assert code == 1 and err == "", (out, err)
    assert out.splitlines()[0] == (
        "audit chain BROKEN: the file has no trigger audit_log_no_update: its schema was "
        "changed outside ResultsDesk, and the triggers that keep entries and figures from "
        "being changed, or the view of what is on air, may no longer be its own")


def test_an_edit_under_a_dropped_trigger_is_reported_where_it_breaks_the_chain(night_db):
    # The chain's own finding comes first: where the record stops matching.
    conn = sqlite3.connect(night_db, isolation_level=None)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET user = 'mallory' WHERE id = 2")
    conn.close()
    with Store(night_db, forensic=True) as store:
        assert store.missing_schema == ["trigger audit_log_no_update"]
        result = check_audit_chain(store)
    assert result.entry_id == 2 and "contents were changed" in result.summary()


def test_a_negative_schema_version_is_refused_as_damage(election):
    """`PRAGMA user_version = -1` in the sqlite3 shell: the upgrade "to schema 0" ran the
    last migration on the file; no upgrade is tried on a version no ResultsDesk writes."""
    _alter(election, "PRAGMA user_version = -1")
    with pytest.raises(DamagedDatabase) as info:
        Store(election)
    assert str(info.value) == (f"{election} is damaged (its schema version is -1, which "
                               "ResultsDesk never writes); nothing was changed. Restore it "
                               "from a backup ('resultsdesk restore').")


@pytest.mark.parametrize("lowered", [3, 10])
def test_a_file_whose_schema_version_was_lowered_is_refused_in_one_line(election, lowered):
    """The upgrade from the lowered version ran on a file that already had its tables and
    indexes: "OperationalError: index ... already exists ... This is a bug", and every
    attempt (`audit --check` too) left another full copy of the file beside it."""
    _alter(election, f"PRAGMA user_version = {lowered}")
    with pytest.raises(DamagedDatabase) as info:
        Store(election)
    assert str(info.value).startswith(
        f"{election} says it is at schema {lowered}, but the upgrade to schema "
        f"{lowered + 1} cannot run on it (")
    assert str(info.value).endswith("it was changed outside ResultsDesk; nothing was "
                                    "changed. Restore it from a backup ('resultsdesk "
                                    "restore').")
    for command in (["audit", "--check"], ["summary"]):
        code, _, err = run_cli(*command, "--db", election)
        assert code == 1
        assert err.startswith("resultsdesk: error: ") and "bug" not in err
        assert len(err.splitlines()) == 1
    assert [p.name for p in election.parent.iterdir()
            if not p.name.endswith(("-wal", "-shm"))] == ["night.db"]


@pytest.mark.parametrize("trigger", ["audit_log_no_delete", "audit_log_no_update",
                                     "declarations_status_forward"])
def test_a_trigger_replaced_by_one_that_does_nothing_is_refused(election, trigger):
    """Re-created under its own name with "WHEN 0", a chain trigger passed for the file's
    own: the file opened, the chain checked intact, and entries could be deleted after."""
    conn = sqlite3.connect(election)
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (trigger,)
                          ).fetchone()
    conn.close()
    head, _, body = sql.partition(" BEGIN ")
    idle = (head.replace(" WHEN ", " WHEN 0 AND (", 1) + ")" if " WHEN " in head
            else head + " WHEN 0") + " BEGIN " + body
    _alter(election, f"DROP TRIGGER {trigger}", idle)
    with pytest.raises(DamagedDatabase) as info:
        Store(election)
    assert f"has no trigger {trigger} as ResultsDesk wrote it)" in str(info.value)
    with Store(election, forensic=True) as store:
        result = check_audit_chain(store)
    assert result.problem.startswith(f"the file has no trigger {trigger} as ResultsDesk "
                                     "wrote it: its schema was changed outside ResultsDesk")


def test_a_view_rewritten_under_its_own_name_is_refused(election):
    """verified_declarations re-created to pick each seat's first verified version: a
    correction or a recount's figures went off air and the superseded ones back on, with no
    row touched, the file opening and the chain checking intact."""
    conn = sqlite3.connect(election)
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = "
                          "'verified_declarations'").fetchone()
    conn.close()
    assert "MAX(v.version)" in sql
    _alter(election, "DROP VIEW verified_declarations",
           sql.replace("MAX(v.version)", "MIN(v.version)"))
    with pytest.raises(DamagedDatabase) as info:
        Store(election)
    assert "has no view verified_declarations as ResultsDesk wrote it)" in str(info.value)
    with Store(election, forensic=True) as store:
        result = check_audit_chain(store)
    assert result.problem.startswith("the file has no view verified_declarations as "
                                     "ResultsDesk wrote it: its schema was changed outside "
                                     "ResultsDesk")


def test_a_trigger_added_to_drop_entries_is_refused(election):
    """A trigger of the file's own that silently drops the entries of failed sign-ins
    (RAISE(IGNORE)): the sign-in limit, which counts them, never locked anyone out, and the
    chain, missing nothing it had ever held, checked intact."""
    _alter(election, "CREATE TRIGGER zz_quiet BEFORE INSERT ON audit_log "
                     "WHEN NEW.action = 'sign-in failed' BEGIN SELECT RAISE(IGNORE); END")
    with pytest.raises(DamagedDatabase) as info:
        Store(election)
    assert "(it has a trigger zz_quiet that ResultsDesk never wrote)" in str(info.value)
    with Store(election, forensic=True) as store:
        result = check_audit_chain(store)
    assert result.problem.startswith("the file has a trigger zz_quiet that ResultsDesk never "
                                     "wrote: its schema was changed outside ResultsDesk")


@pytest.mark.parametrize(("statement", "named"), [
    ("DROP TABLE declarations", "table declarations (and 8 more)"),
    ("DROP TABLE election", "table election (and 3 more)"),
    ("DROP TABLE constituencies", "table constituencies (and 3 more)"),
    ("ALTER TABLE declarations RENAME COLUMN status TO state",
     "column status of declarations (and 3 more)"),
    ("ALTER TABLE audit_log RENAME COLUMN details TO detail", "column details of audit_log"),
])
def test_the_audit_check_names_a_dropped_table_it_reads_not_a_bug(night_db, statement,
                                                                    named):
    """The tables the check itself reads (the declarations it seals, the election, the
    seats), dropped or a column renamed in the sqlite3 shell: "no such table: declarations.
    This is a bug in ResultsDesk" was all `audit --check` said; the table dropped is named
    first, not one of the indexes that went with it."""
    _alter(night_db, statement)
    code, out, err = run_cli("audit", "--db", night_db, "--check")
    assert code == 1 and err == "", (out, err)
    lines = out.splitlines()
    assert lines[0] == (f"audit chain BROKEN: the file has no {named}: its schema was changed "
                        "outside ResultsDesk, and the triggers that keep entries and figures "
                        "from being changed, or the view of what is on air, may no longer be "
                        "its own")
    assert lines[1].startswith("head hash: ") and "(entry " in lines[1]


def test_the_audit_check_of_a_file_without_its_log_has_no_head_to_give(election):
    _alter(election, "DROP TABLE audit_log")
    code, out, err = run_cli("audit", "--db", election, "--check")
    assert code == 1 and err == "", (out, err)
    assert out.splitlines() == [
        "audit chain BROKEN: the file has no table audit_log (and 5 more): its schema was "
        "changed outside ResultsDesk, and the triggers that keep entries and figures from "
        "being changed, or the view of what is on air, may no longer be its own",
        "head hash: none (the audit log cannot be read)"]


def test_a_dropped_table_is_named_before_what_went_with_it(election):
    _alter(election, "DROP TABLE declarations")
    with pytest.raises(DamagedDatabase) as info:
        Store(election)
    assert "(it has no table declarations and 8 more)" in str(info.value)
