"""Checking a PostgreSQL election's audit chain in Python, from the documented recipe
(domain/audit_chain.py), not through anything the server computed."""

from __future__ import annotations

import psycopg

from resultsdesk.domain.audit_chain import (
    GENESIS_HASH,
    SEAL_DIGEST,
    SEAL_ID,
    DeclarationFigures,
    details_value,
    entry_hash,
    figures_digest,
)


def _figures(conn: psycopg.Connection) -> dict[int, DeclarationFigures]:
    votes: dict[int, list[tuple[int, int, int]]] = {}
    for did, cid, pid, n in conn.execute(
            "SELECT v.declaration_id, v.candidate_id, c.party_id, v.votes "
            "FROM declaration_votes v "
            "LEFT JOIN resultsdesk.candidates c ON c.id = v.candidate_id"):
        votes.setdefault(did, []).append((cid, pid, n))
    out = {}
    for r in conn.execute(
            "SELECT d.id, k.code, d.version, d.kind, d.count_number, d.invalid_votes, "
            "d.electorate, d.total_as_read, d.tie_winner_candidate_id, d.declared_at, "
            "d.entered_by, d.entered_at, d.source, d.reason, d.overrides "
            "FROM declarations d "
            "JOIN resultsdesk.constituencies k ON k.id = d.constituency_id"):
        out[r[0]] = DeclarationFigures(
            declaration_id=r[0], constituency=r[1], version=r[2], kind=r[3], count_number=r[4],
            votes=tuple(votes.get(r[0], ())), invalid_votes=r[5], electorate=r[6],
            total_as_read=r[7], tie_winner_candidate_id=r[8], declared_at=r[9],
            entered_by=r[10], entered_at=r[11], source=r[12], reason=r[13],
            overrides=tuple(details_value(r[14])))
    return out


def check_chain(conn: psycopg.Connection) -> int:
    """Recompute every entry's hash and every seal in Python; returns the entry count."""
    figures = _figures(conn)
    prev, expected_id, sealed = GENESIS_HASH, 1, set()
    rows = conn.execute('SELECT id, at, "user", action, entity, entity_key, details, '
                        "prev_hash, hash FROM audit_log ORDER BY id").fetchall()
    for entry_id, at, user, action, entity, key, text, link, stored in rows:
        assert (entry_id, link) == (expected_id, prev)
        details = details_value(text)
        assert entry_hash(id=entry_id, at=at, user=user, action=action, entity=entity,
                          entity_key=key, details=details, prev_hash=link) == stored
        if isinstance(details, dict) and SEAL_ID in details:
            did = details[SEAL_ID]
            assert figures_digest(figures[did]) == details[SEAL_DIGEST], (action, did)
            sealed.add(did)
        prev, expected_id = stored, expected_id + 1
    assert sealed == set(figures)  # every version's figures are sealed by some entry
    return len(rows)
