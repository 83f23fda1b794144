"""Queries for live views: only the seats changed since a given change number."""

from __future__ import annotations

from typing import Any

from .database import Store


def current_seq(store: Store) -> int:
    return store.scalar("SELECT seq FROM change_counter WHERE id = 1") or 0


def changed_constituencies(store: Store, since: int) -> list[dict[str, Any]]:
    return store.query(
        """SELECT k.id, k.code, k.name, k.nation, k.region, k.electorate, k.recount_under_way,
                  k.current_count, k.change_seq,
                  EXISTS (SELECT 1 FROM declarations d WHERE d.constituency_id = k.id
                          AND d.status = 'provisional' AND EXISTS (
                              SELECT 1 FROM declarations v WHERE v.constituency_id = k.id
                              AND v.status = 'verified' AND v.version < d.version))
                  AS correction_pending
           FROM constituencies k WHERE k.change_seq > ? ORDER BY k.code""", (since,))


def changed_declarations(store: Store, since: int, *, verified_only: bool) -> list[tuple]:
    """Rows (code, declaration id, status, electorate, invalid, verified_at, declared_at,
    tie winner id, candidate id, candidate name, party, votes) of the counting declaration
    (verified_only) or the displayed one, for seats changed since `since`, by code and ballot."""
    view = "verified_declarations" if verified_only else "latest_declarations"
    return store.conn.execute(
        f"""SELECT k.code, d.id, d.status, COALESCE(d.electorate, k.electorate),
                   d.invalid_votes, d.verified_at, d.declared_at, d.tie_winner_candidate_id,
                   c.id, trim(c.first_name || ' ' || c.surname), p.abbreviation, v.votes
            FROM constituencies k
            JOIN {view} d ON d.constituency_id = k.id
            JOIN declaration_votes v ON v.declaration_id = d.id
            JOIN candidates c ON c.id = v.candidate_id
            JOIN parties p ON p.id = c.party_id
            WHERE k.change_seq > ?
            ORDER BY k.code, c.ballot_order""", (since,)).fetchall()


def parties_changed_since(store: Store, since: int) -> bool:
    return bool(store.scalar("SELECT 1 FROM parties WHERE change_seq > ? LIMIT 1", (since,)))
