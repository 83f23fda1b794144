"""Tampering with an election file as anyone who can write it could: a plain sqlite3
connection (raw), the chain's triggers dropped first (drop_triggers), and what
`resultsdesk audit --check` must then say (assert_broken_at: the first entry that no longer
matches). Shared by the store's audit-chain tests: triggers, chain, migration."""

from __future__ import annotations

import sqlite3

from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.store import Store

CHAIN_TRIGGERS = ("audit_log_no_update", "audit_log_no_delete", "audit_log_no_replace",
                  "audit_log_chained", "declarations_no_delete", "declaration_votes_no_delete",
                  "declaration_votes_no_update", "declarations_no_replace",
                  "declaration_votes_no_replace", "declarations_figures_fixed",
                  "declarations_status_forward")


def raw(path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def drop_triggers(conn: sqlite3.Connection) -> list[str]:
    """What an attacker with the file does first; returns the triggers' SQL, for
    `put_back_triggers` (left without them, the file is refused on opening)."""
    saved = [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
        f"({', '.join('?' * len(CHAIN_TRIGGERS))})", CHAIN_TRIGGERS)]
    for name in CHAIN_TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    return saved


def put_back_triggers(conn: sqlite3.Connection, saved: list[str]) -> None:
    """What a careful attacker does last: the file looks whole again."""
    for sql in saved:
        conn.execute(sql)


def by_hand(path, *statements: str) -> sqlite3.Connection:
    """`statements` run on the file as a hand with sqlite3 would, the append-only triggers
    out of the way and put back; the connection, still open."""
    conn = raw(path)
    saved = drop_triggers(conn)
    for statement in statements:
        conn.execute(statement)
    put_back_triggers(conn, saved)
    return conn


def check(path):
    """What `resultsdesk audit --check` finds: the file opened as it does, even without
    part of its schema (`forensic`), which an ordinary opening refuses as damaged."""
    with Store(path, forensic=True) as store:
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
