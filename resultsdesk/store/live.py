"""Queries for live views: only the seats changed since a given change number.

Each query is driven by the `change_seq` index of `constituencies`, so a refresh after one
change reads that seat's rows whatever the size of the night (tests/store/test_live_plans.py
checks the plans on SQLite and PostgreSQL). Two habits keep it so: no `ORDER BY k.code`
(sorting by the code's unique index would walk every seat; the callers key by code), and
`CROSS JOIN` to a declarations view, which SQLite takes as "constituencies first" (on
PostgreSQL a plain join, planned from statistics).
"""

from __future__ import annotations

from typing import Any

from ..domain.model import CandidateVotes, SeatResult, Status
from .database import Store


def current_seq(store: Store) -> int:
    return store.scalar("SELECT seq FROM change_counter WHERE id = 1") or 0


def changed_constituencies(store: Store, since: int) -> list[dict[str, Any]]:
    """The seats changed since change number `since` (-1: all), by code."""
    rows = store.query(
        """SELECT k.id, k.code, k.name, k.nation, k.region, k.electorate, k.recount_under_way,
                  k.current_count, k.change_seq,
                  EXISTS (SELECT 1 FROM declarations d WHERE d.constituency_id = k.id
                          AND d.status = 'provisional' AND EXISTS (
                              SELECT 1 FROM declarations v WHERE v.constituency_id = k.id
                              AND v.status = 'verified' AND v.version < d.version))
                  AS correction_pending
           FROM constituencies k WHERE k.change_seq > ?""", (since,))
    return sorted(rows, key=lambda r: r["code"])


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
            CROSS JOIN {view} d
            JOIN declaration_votes v ON v.declaration_id = d.id
            JOIN candidates c ON c.id = v.candidate_id
            JOIN parties p ON p.id = c.party_id
            WHERE k.change_seq > ? AND d.constituency_id = k.id
            ORDER BY c.ballot_order""", (since,)).fetchall()
    grouped: dict[str, list[tuple]] = {}
    for row in rows:  # in ballot order within each seat
        grouped.setdefault(row[0], []).append(row)
    return {code: _seat(grouped[code]) for code in sorted(grouped)}  # by code, as ever


def _seat(rows: list[tuple]) -> tuple[SeatResult, str | None, str]:
    code, name, status, electorate, invalid, verified_at, tie_id, entered_by, *_ = rows[0]
    tie_winner = next((r[9] for r in rows if r[8] == tie_id), None) if tie_id else None
    return SeatResult(code=code, name=name,
                      candidates=tuple(CandidateVotes(r[9], r[10], r[11]) for r in rows),
                      electorate=electorate, invalid_votes=invalid, status=Status(status),
                      tie_winner=tie_winner), verified_at, entered_by


def parties_changed_since(store: Store, since: int) -> bool:
    return bool(store.scalar("SELECT 1 FROM parties WHERE change_seq > ? LIMIT 1", (since,)))
