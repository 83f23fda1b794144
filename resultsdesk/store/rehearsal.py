"""SQL of rehearsals: the election's kind, the replay's state and clock, the plan of source
declarations and what has been delivered. Writes run inside `Store.write()`."""

from __future__ import annotations

import json
from typing import Any

from ..domain.election_kind import ElectionKind
from .database import Store, now_iso


def election_kind(store: Store) -> str:
    return store.scalar("SELECT kind FROM election WHERE id = 1") or ElectionKind.LIVE.value


def is_rehearsal(store: Store) -> bool:
    return election_kind(store) == ElectionKind.REHEARSAL


def create_election(store: Store, name: str, kind: ElectionKind) -> None:
    """The election row, with its kind for the database's whole life (triggers refuse any
    change of it afterwards)."""
    store._conn.execute("INSERT INTO election (id, name, created_at, kind) VALUES (1, ?, ?, ?)",
                       (name, now_iso(), kind.value))


# --- the plan ---------------------------------------------------------------------------

def insert_plan(store: Store, state: dict[str, Any], seats: list[dict[str, Any]],
                votes: list[dict[str, Any]]) -> None:
    store.insert_rows("rehearsal", [{"id": 1, **state}])
    store.insert_rows("rehearsal_seats", seats)
    store.insert_rows("rehearsal_votes", votes)


def state(store: Store) -> dict[str, Any] | None:
    rows = store.query("SELECT * FROM rehearsal WHERE id = 1")
    return rows[0] if rows else None


def set_state(store: Store, **fields: Any) -> None:
    names = ", ".join(f"{k} = ?" for k in fields)
    store._conn.execute(f"UPDATE rehearsal SET {names} WHERE id = 1", tuple(fields.values()))


def plan(store: Store) -> list[dict[str, Any]]:
    """Every planned seat in delivery order, with its constituency and delivery."""
    return store.query(
        """SELECT s.position, s.constituency_id, k.code, k.name, s.declared_at, s.electorate,
                  s.invalid_votes, s.overrides, s.delivered_at, s.shown_at, s.declaration_id
           FROM rehearsal_seats s JOIN constituencies k ON k.id = s.constituency_id
           ORDER BY s.position""")


def plan_bounds(store: Store) -> tuple[str | None, str | None, int]:
    """The first and last declaration time of the plan, and how many seats it has."""
    first = store.scalar("SELECT declared_at FROM rehearsal_seats ORDER BY position LIMIT 1")
    last = store.scalar("SELECT declared_at FROM rehearsal_seats "
                        "ORDER BY position DESC LIMIT 1")
    return first, last, store.scalar("SELECT count(*) FROM rehearsal_seats")


def unplanned_seats(store: Store) -> list[str]:
    """The election's seats the plan never delivers (no declaration time), A-Z."""
    return [name for (name,) in store._conn.execute(
        "SELECT name FROM constituencies WHERE id NOT IN "
        "(SELECT constituency_id FROM rehearsal_seats) ORDER BY name, code")]


def delivered_count(store: Store) -> int:
    return store.scalar("SELECT count(*) FROM rehearsal_seats WHERE delivered_at IS NOT NULL")


def pending(store: Store) -> list[tuple[int, str, str]]:
    """(position, code, declared_at) of every seat not yet delivered, in plan order."""
    return store._conn.execute(
        """SELECT s.position, k.code, s.declared_at FROM rehearsal_seats s
           JOIN constituencies k ON k.id = s.constituency_id
           WHERE s.delivered_at IS NULL ORDER BY s.position""").fetchall()


def planned_seat(store: Store, position: int) -> dict[str, Any] | None:
    rows = store.query(
        """SELECT s.*, k.code, k.name FROM rehearsal_seats s
           JOIN constituencies k ON k.id = s.constituency_id WHERE s.position = ?""",
        (position,))
    return rows[0] if rows else None


def planned_votes(store: Store, position: int) -> list[dict[str, Any]]:
    """The read-out's figures in ballot order: candidate id, name, party, votes."""
    return store.query(
        """SELECT v.candidate_id, trim(c.first_name || ' ' || c.surname) AS name,
                  p.abbreviation AS party, v.votes
           FROM rehearsal_votes v JOIN candidates c ON c.id = v.candidate_id
           JOIN parties p ON p.id = c.party_id
           WHERE v.position = ? ORDER BY c.ballot_order""", (position,))


def mark_delivered(store: Store, position: int, at: str,
                   declaration_id: int | None = None) -> bool:
    """Record a delivery; False when it had already been delivered (by another driver)."""
    cursor = store._conn.execute(
        "UPDATE rehearsal_seats SET delivered_at = ?, declaration_id = ? "
        "WHERE position = ? AND delivered_at IS NULL", (at, declaration_id, position))
    return cursor.rowcount == 1


def mark_shown(store: Store, position: int, at: str) -> bool:
    """When a read-out was first shown to the desk (kept if already recorded)."""
    cursor = store._conn.execute(
        "UPDATE rehearsal_seats SET shown_at = ? "
        "WHERE position = ? AND delivered_at IS NOT NULL AND shown_at IS NULL", (at, position))
    return cursor.rowcount == 1


def last_delivered_time(store: Store) -> str | None:
    """The declaration time of the latest seat delivered (in plan order)."""
    return store.scalar("SELECT declared_at FROM rehearsal_seats WHERE delivered_at IS NOT "
                        "NULL ORDER BY position DESC LIMIT 1")


def last_delivery_wall(store: Store) -> str | None:
    """The wall time of the latest delivery, by any driver (stored alike, as text)."""
    return store.scalar("SELECT max(delivered_at) FROM rehearsal_seats")


def delivered_since(store: Store, at: str) -> bool:
    """Whether a seat was delivered after wall time `at` (stored alike: comparable as text)."""
    return store.scalar("SELECT 1 FROM rehearsal_seats WHERE delivered_at > ? LIMIT 1",
                        (at,)) is not None


def readout_time(store: Store, constituency_id: int) -> str | None:
    """The declaration time of the seat's read-out, once shown in a practise rehearsal:
    what the desk keys is that declaration."""
    return store.scalar(
        """SELECT s.declared_at FROM rehearsal_seats s JOIN rehearsal r ON r.id = 1
           WHERE r.mode = 'practise' AND s.constituency_id = ?
             AND s.delivered_at IS NOT NULL""", (constituency_id,))


# --- what the desk made of the read-outs ---------------------------------------------------

def practised_versions(store: Store) -> list[dict[str, Any]]:
    """Every version the desk saved of a planned seat, with who keyed and verified it."""
    return store.query(
        """SELECT s.position, d.id, d.version, d.status, d.entered_by, d.entered_at,
                  d.verified_by, d.verified_at, d.invalid_votes
           FROM rehearsal_seats s JOIN declarations d ON d.constituency_id = s.constituency_id
           ORDER BY s.position, d.version""")


def version_votes(store: Store, declaration_ids: list[int]) -> dict[int, dict[int, int]]:
    out: dict[int, dict[int, int]] = {}
    for did, cid, votes in store._conn.execute(
            "SELECT declaration_id, candidate_id, votes FROM declaration_votes "
            "WHERE declaration_id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(declaration_ids)),)):
        out.setdefault(did, {})[cid] = votes
    return out


def all_planned_votes(store: Store) -> dict[int, dict[int, int]]:
    out: dict[int, dict[int, int]] = {}
    for position, cid, votes in store._conn.execute(
            "SELECT position, candidate_id, votes FROM rehearsal_votes"):
        out.setdefault(position, {})[cid] = votes
    return out


def mismatch_entries(store: Store) -> list[dict[str, Any]]:
    """The blind re-keys that did not match: who re-keyed which seat's which version."""
    return store.query(
        """SELECT a.user, a.entity_key AS code, json_extract(a.details, '$.version') AS version
           FROM audit_log a WHERE a.action = 'verify mismatch' ORDER BY a.id""")


CLOCK_ACTIONS = ("rehearsal running", "rehearsal paused", "rehearsal stopped",
                 "rehearsal finished", "rehearsal until")


def clock_actions(store: Store) -> list[tuple[str, str]]:
    """(time, action) of every start, pause, stop, finish and new `until` of the clock, in
    order: when it was held. The time is the wall time the entry is as of, where it says
    (a lost driver's clock held from when it was last driven, written only once a driver
    is back), else when it was written."""
    return store._conn.execute(
        "SELECT coalesce(json_extract(details, '$.as_of'), at), action FROM audit_log "
        "WHERE action IN (SELECT value FROM json_each(?)) ORDER BY id",
        (json.dumps(CLOCK_ACTIONS),)).fetchall()


def delivered_after(store: Store, position: int) -> list[dict[str, Any]]:
    """The seats delivered after `position` in the plan, by any driver, in plan order."""
    return store.query(
        """SELECT s.position, k.code, k.name, s.declared_at FROM rehearsal_seats s
           JOIN constituencies k ON k.id = s.constituency_id
           WHERE s.position > ? AND s.delivered_at IS NOT NULL ORDER BY s.position""",
        (position,))


# --- who holds the clock ---------------------------------------------------------------------

def add_holder(store: Store, kind: str, name: str, at: str, host: str, pid: int,
               holder: int | None = None) -> int:
    """A window or the command (process `pid` on `host`) holding the clock from `at` (as
    `holder` again, if given: its row dropped as lost meanwhile); its id."""
    cursor = store._conn.execute(
        "INSERT INTO rehearsal_holders (id, kind, name, since, seen_at, host, pid) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", (holder, kind, name, at, at, host, pid))
    return cursor.lastrowid


def see_holder(store: Store, holder: int, at: str) -> bool:
    """A holder's beat; False when its row is gone (dropped as lost meanwhile)."""
    cursor = store._conn.execute(
        "UPDATE rehearsal_holders SET seen_at = max(seen_at, ?) WHERE id = ?", (at, holder))
    return cursor.rowcount == 1


def drop_holder(store: Store, holder: int) -> None:
    store._conn.execute("DELETE FROM rehearsal_holders WHERE id = ?", (holder,))


def drop_holders_unseen_since(store: Store, at: str) -> None:
    store._conn.execute("DELETE FROM rehearsal_holders WHERE seen_at < ?", (at,))


def holders_seen_since(store: Store, at: str) -> list[dict[str, Any]]:
    """Every holder seen at or after `at` (wall times are stored alike: comparable as text),
    the longest-held first."""
    return store.query("SELECT id, kind, name, since, seen_at, host, pid "
                       "FROM rehearsal_holders WHERE seen_at >= ? ORDER BY id", (at,))


def last_clock_entry(store: Store, actions: tuple[str, ...]) -> dict[str, Any] | None:
    """The latest of these clock actions ("rehearsal paused", ...): who, which, at what
    night (its audit entry)."""
    rows = store.query(
        "SELECT user, action, json_extract(details, '$.night') AS night FROM audit_log "
        "WHERE action IN (SELECT value FROM json_each(?)) ORDER BY id DESC LIMIT 1",
        (json.dumps(actions),))
    return rows[0] if rows else None
