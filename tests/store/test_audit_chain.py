"""The tamper-evident record: triggers refuse rewriting figures and audit entries, and
`resultsdesk audit --check` finds what was rewritten anyway, by someone who dropped them.

Every attack here goes through a plain sqlite3 connection, as anyone who can write the file
could; the check must name the first entry (id and time) that no longer matches.
"""

from __future__ import annotations

import itertools
import json
import re
import sqlite3

import pytest
from helpers.cli import run
from helpers.seats import BASILDON, CLEAN, HENDON, TIED

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.domain.audit_chain import (
    GENESIS_HASH,
    SEAL_DIGEST,
    SEAL_ID,
    DeclarationFigures,
    canonical_json,
    details_value,
    entry_hash,
    figures_digest,
)
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.store import audit_chain as chain

CHAIN_TRIGGERS = ("audit_log_no_update", "audit_log_no_delete", "audit_log_no_replace",
                  "audit_log_chained", "declarations_no_delete", "declaration_votes_no_delete",
                  "declaration_votes_no_update", "declarations_no_replace",
                  "declaration_votes_no_replace", "declarations_figures_fixed",
                  "declarations_status_forward")


def raw(path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def drop_triggers(conn: sqlite3.Connection) -> None:
    """What an attacker with the file does first."""
    for name in CHAIN_TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")


def check(path):
    with Store(path) as store:
        return check_audit_chain(store)


def entry(conn, action: str, key: str) -> tuple[int, str]:
    return conn.execute("SELECT id, at FROM audit_log WHERE action = ? AND entity_key = ? "
                        "ORDER BY id LIMIT 1", (action, key)).fetchone()


def declaration(conn, code: str, version: int = 1) -> int:
    return conn.execute("SELECT d.id FROM declarations d JOIN constituencies k ON "
                        "k.id = d.constituency_id WHERE k.code = ? AND d.version = ?",
                        (code, version)).fetchone()[0]


def assert_broken_at(path, entry_id: int, *words: str) -> None:
    result = check(path)
    assert not result.intact, result
    assert result.entry_id == entry_id, result.summary()
    for word in words:
        assert word in result.summary()


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


# --- the chain: intact, and each kind of tampering found at the right entry -----------------


def test_an_untouched_night_is_intact_and_says_its_head(capsys, night_db):
    code, out, err = run(capsys, "audit", "--db", night_db, "--check")
    conn = raw(night_db)
    count, = conn.execute("SELECT count(*) FROM audit_log").fetchone()
    head_id, head = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC "
                                 "LIMIT 1").fetchone()
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"audit chain intact: {count:,} entries"
    assert f"head hash: {head} (entry {head_id}, " in out
    assert re.fullmatch(r"[0-9a-f]{64}", head)


def test_the_hash_is_the_documented_canonical_form(night_db):
    """Recomputed here from the documented recipe, not through the app's own helpers, so a
    PostgreSQL store following the README gets the same hashes."""
    import hashlib

    conn = raw(night_db)
    prev = "0" * 64
    for row in conn.execute(f"SELECT {chain.CHAIN_COLUMNS} FROM audit_log ORDER BY id"):
        entry_id, at, user, action, entity, key, details, link, stored = row
        form = json.dumps({"id": entry_id, "at": at, "user": user, "action": action,
                           "entity": entity, "entity_key": key,
                           "details": json.loads(details), "prev_hash": prev},
                          sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert link == prev
        assert stored == hashlib.sha256(form.encode("utf-8")).hexdigest()
        prev = stored
    assert canonical_json({"b": 1, "a": "é"}) == '{"a":"é","b":1}'.encode()


class _Kind(str):
    """A str subclass, as an enum member is: written as its text, read back as a str."""


@pytest.mark.parametrize("details", [
    {"votes": {"A": 1, "B": None}, "lines": [["x", 2]], "name": "é"},  # read back as is
    {10: "ten", 2: "two"},  # int keys: read back as strings, sorted as strings
    {"pair": (1, 2), "flag": True, "kind": _Kind("lab")},  # tuple, bool, a str subclass
])
def test_every_entry_hashes_as_it_is_read_back(tmp_path, details):
    """Details are hashed as the stored text parses, whatever Python types they were made
    of; those that parse back unchanged skip the parsing (`audit_chain._reads_back_as_is`)
    and must still give the same hash."""
    with Store(tmp_path / "e.db", create=True) as store, store.write():
        store.audit_many("someone", "note", "election", [("a", details), ("b", details)])
    with Store(tmp_path / "e.db") as store:
        assert check_audit_chain(store).intact
    conn = raw(tmp_path / "e.db")
    prev = GENESIS_HASH
    for row in conn.execute(f"SELECT {chain.CHAIN_COLUMNS} FROM audit_log ORDER BY id"):
        entry_id, at, user, action, entity, key, text, link, stored = row
        assert link == prev
        assert stored == entry_hash(id=entry_id, at=at, user=user, action=action,
                                    entity=entity, entity_key=key,
                                    details=json.loads(text), prev_hash=prev)
        prev = stored


def test_an_edited_entry_is_found(capsys, night_db):
    conn = raw(night_db)
    drop_triggers(conn)
    target, _ = entry(conn, "import declaration", BASILDON)
    conn.execute("UPDATE audit_log SET details = json_set(details, '$.file', 'other.csv') "
                 "WHERE id = ?", (target,))
    assert_broken_at(night_db, target, "contents were changed")
    code, out, _ = run(capsys, "audit", "--db", night_db, "--check")
    assert code == 1
    assert out.startswith(f"audit chain BROKEN at entry {target}, ")
    assert "head hash: " in out


def test_a_deleted_entry_is_found(night_db):
    conn = raw(night_db)
    drop_triggers(conn)
    target, _ = entry(conn, "import declaration", BASILDON)
    conn.execute("DELETE FROM audit_log WHERE id = ?", (target,))
    assert_broken_at(night_db, target + 1, f"entry {target} is missing before it")


def test_deleted_entries_at_the_end_are_found(night_db):
    conn = raw(night_db)
    drop_triggers(conn)
    last, = conn.execute("SELECT max(id) FROM audit_log").fetchone()
    conn.execute("DELETE FROM audit_log WHERE id >= ?", (last - 1,))
    assert_broken_at(night_db, last - 1, f"entries {last - 1} to {last} are missing from the end")


def test_a_forged_entry_with_its_own_hash_recomputed_is_found(night_db):
    """The forger fixes the entry's hash but not the later entries' links to it."""
    conn = raw(night_db)
    drop_triggers(conn)
    target, _ = entry(conn, "import declaration", BASILDON)
    row = conn.execute(f"SELECT {chain.CHAIN_COLUMNS} FROM audit_log WHERE id = ?",
                       (target,)).fetchone()
    details = json.loads(row[6])
    details["votes"] = {name: 0 for name in details["votes"]}
    text = json.dumps(details)
    forged = entry_hash(id=row[0], at=row[1], user="mallory", action=row[3], entity=row[4],
                        entity_key=row[5], details=details_value(text), prev_hash=row[7])
    conn.execute("UPDATE audit_log SET user = 'mallory', details = ?, hash = ? WHERE id = ?",
                 (text, forged, target))
    assert_broken_at(night_db, target, f"entry {target} was rewritten")


def test_edited_votes_are_found_at_the_entry_that_sealed_them(capsys, night_db):
    conn = raw(night_db)
    drop_triggers(conn)
    target, _ = entry(conn, "import declaration", HENDON)
    conn.execute("UPDATE declaration_votes SET votes = votes + 100 WHERE declaration_id = ? "
                 "AND candidate_id = (SELECT min(candidate_id) FROM declaration_votes WHERE "
                 "declaration_id = ?)", (declaration(conn, HENDON),) * 2)
    assert_broken_at(night_db, target, f"figures it records for version 1 of Hendon ({HENDON})")
    code, out, _ = run(capsys, "audit", "--db", night_db, "--check")
    assert code == 1 and f"at entry {target}, " in out


@pytest.mark.parametrize("statement", [
    "UPDATE declarations SET invalid_votes = invalid_votes + 1 WHERE id = {d}",
    "UPDATE declarations SET entered_by = 'mallory' WHERE id = {d}",
    "DELETE FROM declaration_votes WHERE declaration_id = {d} AND candidate_id = "
    "(SELECT max(candidate_id) FROM declaration_votes WHERE declaration_id = {d})",
    "INSERT INTO declaration_votes SELECT {d}, id, 5 FROM candidates WHERE id NOT IN "
    "(SELECT candidate_id FROM declaration_votes WHERE declaration_id = {d}) LIMIT 1",
    # a candidate moved to another party moves their votes with them
    "UPDATE candidates SET party_id = (SELECT min(id) FROM parties) WHERE id = "
    "(SELECT max(candidate_id) FROM declaration_votes WHERE declaration_id = {d})",
])
def test_every_sealed_figure_counts(night_db, statement):
    conn = raw(night_db)
    drop_triggers(conn)
    conn.execute(statement.format(d=declaration(conn, HENDON)))
    assert_broken_at(night_db, entry(conn, "import declaration", HENDON)[0],
                     f"version 1 of Hendon ({HENDON})")


def test_a_deleted_declaration_is_found(night_db):
    conn = raw(night_db)
    drop_triggers(conn)
    hendon = declaration(conn, HENDON)
    conn.execute("DELETE FROM declaration_votes WHERE declaration_id = ?", (hendon,))
    conn.execute("DELETE FROM declarations WHERE id = ?", (hendon,))
    assert_broken_at(night_db, entry(conn, "import declaration", HENDON)[0],
                     f"declaration {hendon}, whose figures it records, is gone")


def test_a_verification_nobody_made_is_found(nominations_db):
    """provisional -> verified is a move the triggers allow: the check asks who did it."""
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
    conn = raw(nominations_db)
    conn.execute("UPDATE declarations SET status = 'verified', verified_by = 'bob', "
                 f"verified_at = 'now' WHERE id = {declaration(conn, HENDON)}")
    result = check(nominations_db)
    assert not result.intact and result.entry_id is None
    assert result.problem == (f'version 1 of Hendon ({HENDON}) is marked verified by "bob", '
                              "but no audit entry records that verification")


def test_a_declaration_slipped_in_without_its_entry_is_found(nominations_db):
    conn = raw(nominations_db)
    seat, = conn.execute("SELECT id FROM constituencies WHERE code = ?", (HENDON,)).fetchone()
    conn.execute("INSERT INTO declarations (constituency_id, version, status, entered_by, "
                 "entered_at) VALUES (?, 1, 'provisional', 'mallory', 'now')", (seat,))
    result = check(nominations_db)
    assert not result.intact
    assert result.problem == ("version 1 of Hendon (E14001279) (declaration 1) has no audit "
                              "entry recording its figures")


def test_a_rewritten_chain_passes_but_its_head_changes(night_db):
    """The limit, stated in the README: whoever rewrites every hash from some entry on
    is caught only by comparing the head with one written down before."""
    published = check(night_db).head_hash
    conn = raw(night_db)
    drop_triggers(conn)
    target, _ = entry(conn, "import declaration", BASILDON)
    conn.execute("UPDATE audit_log SET details = json_set(details, '$.file', 'other.csv') "
                 "WHERE id = ?", (target,))
    prev = conn.execute("SELECT hash FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1",
                        (target,)).fetchone()[0]
    for row in conn.execute(f"SELECT {chain.CHAIN_COLUMNS} FROM audit_log WHERE id >= ? "
                            "ORDER BY id", (target,)).fetchall():
        digest = entry_hash(id=row[0], at=row[1], user=row[2], action=row[3], entity=row[4],
                            entity_key=row[5], details=details_value(row[6]), prev_hash=prev)
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?",
                     (prev, digest, row[0]))
        prev = digest
    result = check(night_db)
    assert result.intact
    assert result.head_hash != published


def test_a_head_written_down_earlier_catches_a_rewritten_chain(capsys, night_db):
    published = check(night_db).head_hash
    with Store(night_db) as store:  # the night goes on: the old head stays in the chain
        dk.mark_recount(store, HENDON, user="ro")
    code, out, _ = run(capsys, "audit", "--db", night_db, "--check", "--anchor", published)
    assert code == 0 and out.startswith("audit chain intact: 654 entries")

    conn = raw(night_db)
    drop_triggers(conn)
    prev = GENESIS_HASH  # rewrite every hash after changing the first entry
    conn.execute("UPDATE audit_log SET user = 'mallory' WHERE id = 1")
    for row in conn.execute(f"SELECT {chain.CHAIN_COLUMNS} FROM audit_log ORDER BY id"
                            ).fetchall():
        digest = entry_hash(id=row[0], at=row[1], user=row[2], action=row[3], entity=row[4],
                            entity_key=row[5], details=details_value(row[6]), prev_hash=prev)
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?",
                     (prev, digest, row[0]))
        prev = digest
    assert check(night_db).intact  # the limit: alone, the chain cannot tell
    code, out, _ = run(capsys, "audit", "--db", night_db, "--check", "--anchor", published)
    assert code == 1
    assert out.startswith(f"audit chain BROKEN: no entry has the hash {published} written "
                          "down earlier")


def test_the_figures_digest_covers_every_saved_field():
    base = DeclarationFigures(1, HENDON, 1, "declaration", 0, ((1, 2, 100), (3, 4, 50)), 10,
                              70000, 150, None, None, "alice", "t", "desk", None, ("tie",))
    digest = figures_digest(base)
    from dataclasses import fields, replace

    changed = {"declaration_id": 2, "constituency": "E1", "version": 2, "kind": "lot",
               "count_number": 1, "votes": ((1, 2, 101), (3, 4, 50)), "invalid_votes": 11,
               "electorate": 1, "total_as_read": 151, "tie_winner_candidate_id": 1,
               "declared_at": "x", "entered_by": "bob", "entered_at": "u", "source": "cli",
               "reason": "r", "overrides": ()}
    assert set(changed) == {f.name for f in fields(DeclarationFigures)}
    for name, value in changed.items():
        assert figures_digest(replace(base, **{name: value})) != digest, name
    # the order votes are listed in does not matter; which party a candidate stands for does
    assert figures_digest(replace(base, votes=((3, 4, 50), (1, 2, 100)))) == digest
    assert figures_digest(replace(base, votes=((1, 9, 100), (3, 4, 50)))) != digest


# --- migration 4 chains an existing database ------------------------------------------------


def _schema_3_night(path) -> None:
    """A database as ResultsDesk left it before the chain: schema 3, entries without hashes,
    one seat verified (version 1, superseded by a verified correction) and one pending."""
    from resultsdesk.store.schema import APPLICATION_ID, MIGRATIONS, run_step

    conn = raw(path)
    for migration in MIGRATIONS[:3]:
        for step in migration:
            run_step(conn, step)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 3")
    conn.executescript("""
        INSERT INTO election VALUES (1, 'Old night', '2024-07-04T21:00:00+00:00');
        INSERT INTO parties (id, abbreviation, name, colour) VALUES
            (1, 'Lab', 'Labour', '#e4003b'), (2, 'Con', 'Conservative', '#0087dc');
        INSERT INTO constituencies (id, code, name, nation, region, electorate) VALUES
            (1, 'E14000001', 'Oldtown', 'England', 'London', 70000),
            (2, 'E14000002', 'Newtown', 'England', 'London', 60000);
        INSERT INTO candidates (id, constituency_id, party_id, first_name, surname,
                                ballot_order) VALUES
            (1, 1, 1, 'Ann', 'Able', 1), (2, 1, 2, 'Bob', 'Brown', 2),
            (3, 2, 1, 'Cat', 'Cole', 1), (4, 2, 2, 'Dan', 'Dee', 2);
        INSERT INTO declarations (id, constituency_id, version, status, invalid_votes,
                                  entered_by, entered_at, verified_by, verified_at, kind) VALUES
            (1, 1, 1, 'superseded', 10, 'alice', '2024-07-04T23:00:00+00:00', 'bob',
             '2024-07-04T23:05:00+00:00', 'declaration'),
            (2, 1, 2, 'verified', 10, 'erin', '2024-07-04T23:30:00+00:00', 'frank',
             '2024-07-04T23:35:00+00:00', 'correction'),
            (3, 2, 1, 'provisional', 5, 'alice', '2024-07-05T00:10:00+00:00', NULL, NULL,
             'declaration');
        INSERT INTO declaration_votes VALUES (1, 1, 20000), (1, 2, 15000), (2, 1, 20001),
            (2, 2, 15000), (3, 3, 9000), (3, 4, 9500);
        INSERT INTO audit_log (at, user, action, entity, entity_key, details) VALUES
            ('2024-07-04T21:00:00+00:00', 'import', 'create election', 'election',
             'Old night', '{}'),
            ('2024-07-04T23:00:00+00:00', 'alice', 'declare', 'constituency', 'E14000001',
             '{"count": 0, "new": {"invalid_votes": 10, "votes": {"Ann Able": 20000, '
             || '"Bob Brown": 15000}}, "version": 1}'),
            ('2024-07-04T23:05:00+00:00', 'bob', 'verify', 'constituency', 'E14000001',
             '{"mode": "rekey", "version": 1}'),
            ('2024-07-04T23:30:00+00:00', 'erin', 'correct', 'constituency', 'E14000001',
             '{"reason": "typo", "version": 2}'),
            ('2024-07-04T23:35:00+00:00', 'frank', 'verify', 'constituency', 'E14000001',
             '{"mode": "check", "version": 2}'),
            ('2024-07-05T00:10:00+00:00', 'alice', 'declare', 'constituency', 'E14000002',
             '{"count": 0, "version": 1}');
    """)
    conn.close()


def test_migration_chains_existing_entries_and_seals_existing_figures(tmp_path):
    path = tmp_path / "old.db"
    _schema_3_night(path)
    old = raw(path).execute("SELECT id, at, user, action, entity, entity_key, details "
                            "FROM audit_log ORDER BY id").fetchall()
    with Store(path) as store:
        assert store.scalar("PRAGMA user_version") >= 4
        result = check_audit_chain(store)
        assert result.intact, result.summary()
        entries = store.query("SELECT * FROM audit_log ORDER BY id")
    assert list(tmp_path.glob("old-before-schema-*.db"))  # the usual copy before migrating
    # the entries are as they were, only chained; one more seals the figures already saved
    assert [tuple(e[c] for c in ("id", "at", "user", "action", "entity", "entity_key",
                                 "details")) for e in entries[:6]] == old
    assert entries[0]["prev_hash"] == GENESIS_HASH
    assert all(e["prev_hash"] == p["hash"] for p, e in itertools.pairwise(entries))
    started = entries[6]
    assert (len(entries), started["user"], started["action"]) == \
        (7, chain.SYSTEM_USER, "audit chain started")
    details = json.loads(started["details"])
    assert details["declarations"] == 3 and set(details[SEAL_DIGEST]) == {"1", "2", "3"}
    assert details["verified_by"] == {"1": "bob", "2": "frank"}

    # from now on, those figures are covered like any saved later
    conn = raw(path)
    drop_triggers(conn)
    conn.execute("UPDATE declaration_votes SET votes = 20002 WHERE declaration_id = 2 "
                 "AND candidate_id = 1")
    assert_broken_at(path, started["id"], "figures it records for version 2 of Oldtown (E14000001)")


def test_a_fresh_database_starts_its_chain_at_genesis(tmp_path):
    with Store(tmp_path / "new.db", create=True) as store:
        assert store.scalar("SELECT count(*) FROM audit_log") == 0  # nothing to seal
        result = check_audit_chain(store)
        assert result.intact and result.head_hash == GENESIS_HASH and result.entries == 0
        with store.write():
            first = store.audit("tester", "create election", "election", "New")
        row = store.query("SELECT * FROM audit_log")[0]
    assert (row["id"], row["prev_hash"]) == (first, GENESIS_HASH)
