"""Queries for live views: only the seats changed since a given change number."""

from __future__ import annotations

from typing import Any

from ..domain.model import CandidateVotes, SeatResult, Status
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


def seat_results(store: Store, since: int, *, verified_only: bool
                 ) -> dict[str, tuple[SeatResult, str | None, str]]:
    """By seat code: the counting declaration (verified_only) or the displayed one, with its
    verification time and who entered it, for every seat changed since change number
    `since` (-1: all)."""
    view = "verified_declarations" if verified_only else "latest_declarations"
    rows = store._conn.execute(
        f"""SELECT k.code, k.name, d.status, COALESCE(d.electorate, k.electorate),
                   d.invalid_votes, d.verified_at, d.tie_winner_candidate_id, d.entered_by,
                   c.id, trim(c.first_name || ' ' || c.surname), p.abbreviation, v.votes
            FROM constituencies k
            JOIN {view} d ON d.constituency_id = k.id
            JOIN declaration_votes v ON v.declaration_id = d.id
            JOIN candidates c ON c.id = v.candidate_id
            JOIN parties p ON p.id = c.party_id
            WHERE k.change_seq > ?
            ORDER BY k.code, c.ballot_order""", (since,)).fetchall()
    grouped: dict[str, list[tuple]] = {}
    for row in rows:
        grouped.setdefault(row[0], []).append(row)
    return {code: _seat(seat_rows) for code, seat_rows in grouped.items()}


def _seat(rows: list[tuple]) -> tuple[SeatResult, str | None, str]:
    code, name, status, electorate, invalid, verified_at, tie_id, entered_by, *_ = rows[0]
    tie_winner = next((r[9] for r in rows if r[8] == tie_id), None) if tie_id else None
    return SeatResult(code=code, name=name,
                      candidates=tuple(CandidateVotes(r[9], r[10], r[11]) for r in rows),
                      electorate=electorate, invalid_votes=invalid, status=Status(status),
                      tie_winner=tie_winner), verified_at, entered_by


def parties_changed_since(store: Store, since: int) -> bool:
    return bool(store.scalar("SELECT 1 FROM parties WHERE change_seq > ? LIMIT 1", (since,)))
