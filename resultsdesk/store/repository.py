"""Reads and writes of election data. Writes must run inside `Store.write()`."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..domain.model import BaselineSeat, Party, SeatResult
from .database import Store, now_iso
from .live import seat_results as changed_seat_results

# --- election --------------------------------------------------------------------------


def set_election(store: Store, name: str) -> None:
    store._conn.execute(
        "INSERT INTO election (id, name, created_at) VALUES (1, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name", (name, now_iso()))


def has_election(store: Store) -> bool:
    return store.scalar("SELECT count(*) FROM election") > 0


def election_name(store: Store) -> str:
    return store.scalar("SELECT name FROM election WHERE id = 1") or "Untitled election"


def election_created(store: Store) -> str | None:
    """When the election was made (None: none yet): kept by its backups and older copies
    and by a rename, another for another election made at the same place."""
    return store.scalar("SELECT created_at FROM election WHERE id = 1")


def first_audit_hash(store: Store) -> str | None:
    """The hash of the log's first entry (its "create election"; None: no entry yet):
    sealed by the chain, unlike `election_created`, and shared, like it, by the election's
    backups and older copies."""
    return store.scalar("SELECT hash FROM audit_log ORDER BY id LIMIT 1")


def seats_total(store: Store) -> int:
    return store.scalar("SELECT count(*) FROM constituencies")


# --- parties ---------------------------------------------------------------------------


def parties(store: Store) -> list[Party]:
    return [Party(r["abbreviation"], r["name"], r["colour"], r["mnis_id"], r["political_order"])
            for r in store.query("SELECT * FROM parties ORDER BY political_order, abbreviation")]


def party_rows(store: Store) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM parties")


# The audit entry of a change of the chamber order (a server's function writes the same).
POLITICAL_ORDER_ACTION = "set political order"


def last_political_order_change(store: Store) -> dict[str, Any] | None:
    """Who last changed the chamber order and when: its newest audit entry's "user" and
    at, or None if nobody has."""
    rows = store.query('SELECT "user", at FROM audit_log WHERE action = ? '
                       "ORDER BY id DESC LIMIT 1", (POLITICAL_ORDER_ACTION,))
    return rows[0] if rows else None


def set_political_order(store: Store, abbreviations: list[str]) -> None:
    """The chamber's left-to-right order: each party ranked by its place in the list."""
    store._conn.executemany("UPDATE parties SET political_order = ? WHERE abbreviation = ?",
                            [(rank * 10, a) for rank, a in enumerate(abbreviations)])


def party_ids(store: Store) -> dict[str, int]:
    """Every party's id by abbreviation."""
    return dict(store._conn.execute("SELECT abbreviation, id FROM parties"))


def party_mnis_ids(store: Store) -> dict[int, int]:
    return {r["mnis_id"]: r["party_id"] for r in store.query("SELECT * FROM party_mnis_ids")}


def add_party_mnis_ids(store: Store, pairs: list[tuple[int, int]]) -> None:
    """(MNIS id, party id) pairs; an MNIS id already recorded keeps its party."""
    store._conn.executemany(
        "INSERT OR IGNORE INTO party_mnis_ids (mnis_id, party_id) VALUES (?, ?)", pairs)


def _take_change_number(store: Store) -> None:
    """A new change number for what a write changes that no trigger numbers (the schema's
    triggers number declarations, seats' states and parties' updates themselves)."""
    store._conn.execute("UPDATE change_counter SET seq = seq + 1 WHERE id = 1")


def parties_added(store: Store, first_id: int) -> None:
    """Parties just inserted (ids from `first_id`) take a new change number, as a server's
    insert trigger gives them: live views already open read the parties again only when
    one's number moves (`live.changes_since`), and a party new to the night (a
    seat added by an import) was drawn grey, named by its abbreviation, until reopened."""
    _take_change_number(store)
    store._conn.execute(
        "UPDATE parties SET change_seq = (SELECT seq FROM change_counter WHERE id = 1) "
        "WHERE id >= ?", (first_id,))


def seats_added(store: Store, ids: list[int]) -> None:
    """Seats just inserted that nothing else numbers take a new change number, as a
    server's insert trigger gives every new seat: one added with no electorate (nominations
    alone, from a by-candidate file) got none from any trigger, and a live view already
    open never read it (missing from its list and its count of seats until reopened)."""
    _take_change_number(store)
    store._conn.executemany(
        "UPDATE constituencies SET change_seq = (SELECT seq FROM change_counter WHERE id = 1) "
        "WHERE id = ?", [(i,) for i in ids])


def next_id(store: Store, table: str) -> int:
    """The id SQLite gives the next row of `table` (one past the highest). Inside
    `Store.write()` nobody else inserts, so a bulk insert gives its rows these ids itself
    and knows them without reading anything back."""
    return (store.scalar(f"SELECT max(id) FROM {table}") or 0) + 1


# --- constituencies and candidates ----------------------------------------------------


def constituency_ids(store: Store) -> dict[str, int]:
    return dict(store._conn.execute("SELECT code, id FROM constituencies"))


def constituency_names(store: Store) -> dict[str, str]:
    """Every constituency's name by GSS code."""
    return dict(store._conn.execute("SELECT code, name FROM constituencies"))


def desk_work(store: Store) -> list[tuple[str, str, str, str, str | None]]:
    """(code, name, status, entered by, verified by) of each entry awaiting verification
    and each result verified that no import recorded: what an import of the seat replaces.
    (On a server, through its views: statuses and names, never a hidden figure.)"""
    return list(store._conn.execute(
        "SELECT k.code, k.name, d.status, d.entered_by, d.verified_by FROM declarations d "
        "JOIN constituencies k ON k.id = d.constituency_id WHERE d.status = 'provisional' "
        "OR (d.status = 'verified' AND d.source <> 'import') ORDER BY k.name, k.code"))


def recounts_under_way(store: Store) -> dict[str, int]:
    """The seats with a recount under way: the recount's count number, by GSS code."""
    return dict(store._conn.execute(
        "SELECT code, current_count FROM constituencies WHERE recount_under_way = 1"))


def electorates(store: Store) -> dict[str, int | None]:
    """Every constituency's electorate by GSS code (None where none is known)."""
    return dict(store._conn.execute("SELECT code, electorate FROM constituencies"))


def set_electorates(store: Store, electorates: dict[int, int]) -> None:
    store._conn.executemany("UPDATE constituencies SET electorate = ? WHERE id = ?",
                           [(e, cid) for cid, e in electorates.items()])


def nominations(store: Store) -> dict[int, list[dict[str, Any]]]:
    """Candidates by constituency id, in ballot order, with their party abbreviation."""
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in store.query(
        "SELECT c.*, p.abbreviation AS party FROM candidates c JOIN parties p ON p.id = c.party_id "
        "ORDER BY c.constituency_id, c.ballot_order"
    ):
        out[r["constituency_id"]].append(r)
    return out


def candidate_ids(store: Store, constituency_id: int) -> list[int]:
    return [r["id"] for r in store.query(
        "SELECT id FROM candidates WHERE constituency_id = ? ORDER BY ballot_order",
        (constituency_id,))]


def ballot_papers(store: Store) -> dict[int, list[tuple[int, int]]]:
    """Every seat's candidates as (candidate id, party id) in ballot order, by constituency
    id, in one query."""
    out: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for constituency_id, candidate_id, party_id in store._conn.execute(
            "SELECT constituency_id, id, party_id FROM candidates "
            "ORDER BY constituency_id, ballot_order"):
        out[constituency_id].append((candidate_id, party_id))
    return out


# --- declarations ----------------------------------------------------------------------


def next_version(store: Store, constituency_id: int) -> int:
    return (store.scalar("SELECT MAX(version) FROM declarations WHERE constituency_id = ?",
                         (constituency_id,)) or 0) + 1


def latest_versions(store: Store) -> dict[int, int]:
    """The highest version of each seat that has any, by constituency id."""
    return dict(store._conn.execute(
        "SELECT constituency_id, MAX(version) FROM declarations GROUP BY constituency_id"))


def counts_after_recounts(store: Store) -> dict[int, int]:
    """The count each seat is on, by constituency id, for the seats past their first (a
    recount called, its count verified or still to come); the rest are on count 0."""
    return dict(store._conn.execute(
        "SELECT id, current_count FROM constituencies WHERE current_count > 0"))


# A declaration row as a bulk insert gives it: every figure a seal covers, defaults
# included, so what is sealed is what the row holds (`desk/local_imports.py`).
DECLARATION_COLUMNS = (
    "id", "constituency_id", "version", "status", "count_number", "electorate",
    "invalid_votes", "total_as_read", "declared_at", "entered_by", "entered_at",
    "verified_by", "verified_at", "source", "reason", "tie_winner_candidate_id", "kind",
    "overrides")


def insert_declarations(store: Store, rows: list[tuple], votes: list[tuple[int, int, int]]
                        ) -> None:
    """Many new declaration versions (tuples in DECLARATION_COLUMNS' order, ids given: see
    `next_id`) and their votes (declaration id, candidate id, votes), in two `insert_values`."""
    store.insert_values("declarations", DECLARATION_COLUMNS, rows)
    store.insert_values("declaration_votes", ("declaration_id", "candidate_id", "votes"),
                        votes)


def insert_declaration(store: Store, row: dict[str, Any], votes: dict[int, int]) -> int:
    """A new declaration version with its votes (candidate id -> votes)."""
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cursor = store._conn.execute(f"INSERT INTO declarations ({columns}) VALUES ({marks})",
                                tuple(row.values()))
    declaration_id = cursor.lastrowid
    store._conn.executemany(
        "INSERT INTO declaration_votes (declaration_id, candidate_id, votes) VALUES (?, ?, ?)",
        [(declaration_id, cid, v) for cid, v in votes.items()])
    return declaration_id


def _declaration_source(include_provisional: bool) -> str:
    return "latest_declarations" if include_provisional else "verified_declarations"


def seat_results(store: Store, include_provisional: bool = False) -> list[SeatResult]:
    """The counting declaration of every declared seat (or, with provisional ones, what
    the desk sees), in one query, ordered by code."""
    seats = changed_seat_results(store, -1, verified_only=not include_provisional)
    return [result for result, *_ in seats.values()]


def declared_count(store: Store, include_provisional: bool = False) -> int:
    source = _declaration_source(include_provisional)
    return store.scalar(f"SELECT count(*) FROM {source}")


# --- baseline --------------------------------------------------------------------------


def replace_baseline(store: Store, name: str, votes: list[tuple[int, int, str, int]],
                     electorates: dict[int, int | None]) -> None:
    """The baseline's lines, as (constituency id, party id, candidate, votes), and its
    electorates by constituency id, in place of any earlier baseline."""
    # The new lines numbered on from the old ones, as a server's identity column numbers
    # them: the newest line's id is part of the stamp open windows tell baselines apart by
    # (`live.changes_since`), and numbered from 1 again a re-import of as many lines under
    # the same name within the same second (its time is to the second) looked unchanged.
    first = next_id(store, "baseline_votes")
    store._conn.execute("DELETE FROM baseline_votes")
    store._conn.execute("DELETE FROM baseline_seats")
    store._conn.execute(
        "INSERT INTO baseline (id, name, imported_at) VALUES (1, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, imported_at = excluded.imported_at",
        (name, now_iso()))
    store.insert_values("baseline_votes",
                        ("id", "constituency_id", "party_id", "candidate", "votes"),
                        [(i, *line) for i, line in enumerate(votes, start=first)])
    store.insert_values("baseline_seats", ("constituency_id", "electorate"),
                        list(electorates.items()))
    # A new change number, as a server's import takes one: live views compare gains and
    # swings against the baseline, and look again only when the number moves.
    _take_change_number(store)


def baseline_name(store: Store) -> str | None:
    return store.scalar("SELECT name FROM baseline WHERE id = 1")


def baseline_seat_codes(store: Store) -> set[str]:
    """The codes of the seats the baseline in place covers (none: none imported)."""
    return {r["code"] for r in store.query(
        "SELECT DISTINCT k.code FROM baseline_votes b JOIN constituencies k "
        "ON k.id = b.constituency_id")}


def baseline_seats(store: Store) -> dict[str, BaselineSeat]:
    """By seat code (in code order): the baseline's votes by party, its winner (None on a
    tie of the top two lines) and electorate."""
    # In the constituency index's order (no sort in SQL: a temporary b-tree for 3,500 rows
    # cost more than sorting 650 codes here); lines stay in their import order.
    rows = store._conn.execute(
        """SELECT k.code, p.abbreviation, b.votes, s.electorate
           FROM baseline_votes b
           JOIN constituencies k ON k.id = b.constituency_id
           JOIN parties p ON p.id = b.party_id
           LEFT JOIN baseline_seats s ON s.constituency_id = b.constituency_id
           ORDER BY b.constituency_id, b.id""").fetchall()
    grouped: dict[str, list[tuple[str, int]]] = defaultdict(list)
    electorates: dict[str, int | None] = {}
    for code, party, votes, electorate in rows:
        grouped[code].append((party, votes))
        electorates[code] = electorate
    out = {}
    for code in sorted(grouped):
        lines = grouped[code]
        by_party: dict[str, int] = {}
        for party, votes in lines:
            by_party[party] = by_party.get(party, 0) + votes
        top = max(votes for _party, votes in lines)
        leaders = [party for party, votes in lines if votes == top]  # first line first
        out[code] = BaselineSeat(code, by_party, None if len(leaders) > 1 else leaders[0],
                                 electorates[code])
    return out


def verified_candidate_rows(store: Store) -> list[dict[str, Any]]:
    """Every candidate of every verified declaration, with what a HoC-format export needs."""
    return store.query(
        """SELECT k.code, k.name AS constituency, k.county, k.region, k.nation, k.kind,
                  k.electorate AS seat_electorate, d.electorate, d.invalid_votes,
                  d.declared_at, d.tie_winner_candidate_id, c.id AS candidate_id,
                  c.party_name, p.abbreviation AS party, p.name AS party_full_name,
                  p.mnis_id, c.first_name, c.surname, c.gender, c.sitting_mp, c.former_mp,
                  c.member_mnis_id, c.dc_person_id, c.party_mnis_id AS row_mnis_id,
                  c.ec_party_id, c.ec_adjunct_party_id, v.votes
           FROM verified_declarations d
           JOIN constituencies k ON k.id = d.constituency_id
           JOIN declaration_votes v ON v.declaration_id = d.id
           JOIN candidates c ON c.id = v.candidate_id
           JOIN parties p ON p.id = c.party_id
           ORDER BY k.name, c.ballot_order""")
