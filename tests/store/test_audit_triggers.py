"""The tamper-evident record, first line: the database's own triggers refuse rewriting
declared figures and audit entries (REPLACE, UPDATE, DELETE, an entry outside the chain, a
status moving backwards), and every status move the desk makes is still one they allow.

Every attack here goes through a plain sqlite3 connection (helpers.tampering.raw), as anyone
who can write the file could. What `audit --check` finds once the triggers are dropped is in
test_audit_chain.py.
"""

from __future__ import annotations

import sqlite3

import pytest
from helpers.seats import CLEAN, HENDON, TIED
from helpers.tampering import declaration, raw

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.domain.audit_chain import GENESIS_HASH, SEAL_DIGEST, SEAL_ID, figures_digest
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.store import audit_chain as chain

# --- the tampering of issue 10, point 6, refused by the database itself ---------------------


def test_replace_into_audit_log_is_refused(night_db):
    conn = raw(night_db)
    before = conn.execute("SELECT * FROM audit_log WHERE id = 5").fetchone()
    for verb in ("REPLACE", "INSERT OR REPLACE"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(f"{verb} INTO audit_log (id, at, user, action, entity, entity_key, "
                         "details) VALUES (5, '2024-07-05T00:00:00+00:00', 'mallory', "
                         "'import declaration', 'constituency', 'X', '{}')")
    assert conn.execute("SELECT * FROM audit_log WHERE id = 5").fetchone() == before


def test_update_and_delete_of_declared_figures_are_refused(night_db):
    conn = raw(night_db)
    hendon = declaration(conn, HENDON)
    votes = conn.execute("SELECT * FROM declaration_votes ORDER BY 1, 2").fetchall()
    rows = conn.execute("SELECT * FROM declarations ORDER BY id").fetchall()
    for statement in (
        f"UPDATE declaration_votes SET votes = votes + 1000 WHERE declaration_id = {hendon}",
        f"DELETE FROM declaration_votes WHERE declaration_id = {hendon}",
        f"DELETE FROM declarations WHERE id = {hendon}",
        f"REPLACE INTO declaration_votes (declaration_id, candidate_id, votes) SELECT "
        f"declaration_id, candidate_id, votes + 1 FROM declaration_votes WHERE declaration_id "
        f"= {hendon}",
        f"INSERT INTO declaration_votes (declaration_id, candidate_id, votes) SELECT "
        f"declaration_id, candidate_id, 1 FROM declaration_votes WHERE declaration_id = "
        f"{hendon} ON CONFLICT DO UPDATE SET votes = excluded.votes",
        # a new id over an existing (seat, version): REPLACE would delete the old row
        "REPLACE INTO declarations (constituency_id, version, status, entered_by, entered_at) "
        f"SELECT constituency_id, version, 'verified', 'mallory', 'now' FROM declarations "
        f"WHERE id = {hendon}",
        f"INSERT OR REPLACE INTO declarations (id, constituency_id, version, status, "
        f"entered_by, entered_at) SELECT id, constituency_id, 9, 'verified', 'mallory', 'now' "
        f"FROM declarations WHERE id = {hendon}",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="never changed or removed"):
            conn.execute(statement)
    assert conn.execute("SELECT * FROM declaration_votes ORDER BY 1, 2").fetchall() == votes
    assert conn.execute("SELECT * FROM declarations ORDER BY id").fetchall() == rows


@pytest.mark.parametrize(("column", "value"), [
    ("invalid_votes", 1), ("electorate", 1), ("total_as_read", 1), ("version", 7),
    ("constituency_id", 1), ("count_number", 2), ("entered_by", "'mallory'"),
    ("entered_at", "'now'"), ("declared_at", "'now'"), ("source", "'cli'"), ("reason", "'x'"),
    ("kind", "'correction'"), ("overrides", "'[\"tie\"]'"), ("tie_winner_candidate_id", 1),
    ("id", 99999),
])
def test_no_figure_or_identity_column_of_a_declaration_changes(night_db, column, value):
    conn = raw(night_db)
    with pytest.raises(sqlite3.IntegrityError, match="never changed"):
        conn.execute(f"UPDATE declarations SET {column} = {value} WHERE id = "
                     f"{declaration(conn, HENDON)}")


def test_status_only_moves_forward(nominations_db):
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
    conn = raw(nominations_db)
    v1 = declaration(conn, HENDON)
    refused = [
        "status = 'verified'",  # without saying who verified it
        "status = 'rejected', verified_by = 'bob', verified_at = 'now'",
        "status = 'provisional', note = 'x'",  # not a move at all
    ]
    for assignment in refused:
        with pytest.raises(sqlite3.IntegrityError, match="only moves forward"):
            conn.execute(f"UPDATE declarations SET {assignment} WHERE id = {v1}")
    conn.execute(f"UPDATE declarations SET status = 'verified', verified_by = 'bob', "
                 f"verified_at = 'now' WHERE id = {v1}")  # a valid move (caught by the check)
    for assignment in ("status = 'provisional'", "status = 'rejected'",
                       "status = 'superseded', verified_by = 'carol'",
                       "status = 'verified', note = 'x'"):
        with pytest.raises(sqlite3.IntegrityError, match="only moves forward"):
            conn.execute(f"UPDATE declarations SET {assignment} WHERE id = {v1}")


def test_an_entry_outside_the_chain_is_refused(night_db):
    conn = raw(night_db)
    count = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    head_id, head_hash = conn.execute(
        "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    for values in (
        "(NULL, 'now', 'x', 'declare', 'constituency', 'E1', '{}', NULL, NULL)",  # no hash
        f"({head_id + 1}, 'now', 'x', 'declare', 'c', 'E1', '{{}}', '{GENESIS_HASH}', 'h')",
        f"({head_id + 1}, 'now', 'x', 'declare', 'c', 'E1', '{{}}', NULL, 'h')",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="end of its hash chain"):
            conn.execute(f"INSERT INTO audit_log ({chain.CHAIN_COLUMNS}) VALUES {values}")
    assert head_hash and conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == count


def test_the_desk_workflow_still_runs_under_the_triggers(nominations_store):
    """Every status move the desk makes is one the triggers allow."""
    store = nominations_store
    jogia = dk.load_sheet(store, HENDON).candidates[3]
    dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
    dk.reject(store, HENDON, user="bob", comment="check Lab")
    dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 2))
    dk.withdraw(store, HENDON, user="alice")
    dk.declare(store, HENDON, user="alice", figures=Figures(TIED, 3), overrides=["tie"])
    dk.mark_recount(store, HENDON, user="ro")
    dk.declare(store, HENDON, user="alice", figures=Figures(TIED, 3), overrides=["tie"])
    dk.verify(store, HENDON, user="bob", votes=TIED, invalid=3)
    dk.decide_tie(store, HENDON, user="carol", winner_id=jogia.id, note="lots")
    dk.verify(store, HENDON, user="dave", votes=None)
    fixed = list(TIED)
    fixed[0] += 1
    dk.correct(store, HENDON, user="erin", figures=Figures(fixed, 3), reason="typo",
               overrides=["tie"], tie_winner=jogia.id)
    dk.verify(store, HENDON, user="frank", votes=None)
    statuses = [v.status for v in dk.load_sheet(store, HENDON).versions]
    assert statuses == ["rejected", "withdrawn", "superseded", "superseded", "superseded",
                        "verified"]
    result = check_audit_chain(store)
    assert result.intact, result.summary()
    # every entry that saved or verified a version seals exactly its figures
    figures = chain.declaration_figures(store._conn)
    sealing = [a for a in dk.history(store, HENDON).audit if SEAL_ID in a["details"]]
    assert [a["action"] for a in sealing] == ["declare", "declare", "declare", "declare",
                                              "verify", "decide tie by lot", "verify",
                                              "correct", "verify"]
    for a in sealing:
        assert a["details"][SEAL_DIGEST] == figures_digest(figures[a["details"][SEAL_ID]])
