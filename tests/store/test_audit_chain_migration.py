"""Migration 4 chains an existing database: a schema-3 file's entries keep their contents
and are chained from genesis, one more entry seals the figures already saved, and those
figures are then covered like any saved later. A fresh database starts its chain at genesis.
"""

from __future__ import annotations

import itertools
import json

from helpers.tampering import assert_broken_at, drop_triggers, raw

from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.domain.audit_chain import GENESIS_HASH, SEAL_DIGEST
from resultsdesk.store import Store
from resultsdesk.store import audit_chain as chain


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
