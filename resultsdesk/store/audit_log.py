"""The audit log's hash chain as the desk reads it, given the `Store` (the chain's own
functions in `audit_chain` work on a connection, for `Store.audit` and the migrations)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from ..domain.audit_chain import VERIFIED_AT, VOUCHING_ACTIONS, DeclarationFigures
from ..domain.records import record
from . import audit_chain as chain
from .database import Store
from .errors import DamagedDatabase
from .rehearsal import election_kind

CODES_PER_READ = 250  # seat codes bound by one statement (SQLite before 3.32 allowed 999)


class PartsGone(DamagedDatabase):
    """A read of the audit check met a table or column the file no longer has (dropped or
    renamed in another tool): the file's `missing_schema` says what, as the check's
    finding, where SQLite's "no such table" read as a bug in ResultsDesk."""


@contextmanager
def what_is_left(store: Store) -> Iterator[None]:
    """Reads in the block, of a file opened lacking part of its schema (forensic), that
    fail for what it lacks raise PartsGone; on a whole file an error stays what it is."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if not getattr(store, "missing_schema", None):
            raise
        raise PartsGone(f"{store.path} lacks part of its schema ({exc})") from None


def head(store: Store) -> tuple[int, str, str | None] | None:
    """The newest entry's id, time and hash (`audit_chain.head`), or None: the log is empty."""
    return chain.head(store._conn)


def newest_details(store: Store, action: str) -> Any:
    """The details column of the newest entry of `action`, as stored (None: none)."""
    return store.scalar("SELECT details FROM audit_log WHERE action = ? ORDER BY id DESC "
                        "LIMIT 1", (action,))


def entry_count(store: Store) -> int:
    """How many entries the log holds."""
    return chain.count(store._conn)


def seal_version(store: Store, constituency_id: int, version: int) -> dict[str, Any]:
    """The details an audit entry carries to seal a version's figures, read back as saved."""
    return chain.seal_version(store._conn, constituency_id, version)


def seal_versions(store: Store, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Seals of many declaration versions (by id) at once: an import's thousands."""
    return chain.seal_versions(store._conn, ids)


def vouch_version(store: Store, declaration_id: int) -> dict[str, Any]:
    """The details an entry verifying a version carries: its figures' seal and when it was
    verified, read back as saved (the audit check compares both with the file)."""
    conn = store._conn
    stamp = conn.execute("SELECT verified_at FROM declarations WHERE id = ?",
                         (declaration_id,)).fetchone()[0]
    return {**chain.seal_versions(conn, [declaration_id])[declaration_id], VERIFIED_AT: stamp}


def last_vouching_entries(store: Store, codes: Collection[str]) -> dict[str, int]:
    """By seat code (of `codes`): the id of the newest entry that verified a version of it
    (a verification, or an import of verified figures): the order the seats' counting
    versions were verified in, exact where their times (stored to the second) are equal.
    Ids follow the order of the writes on both stores: a file has one writer at a time
    (BEGIN IMMEDIATE), a server's write functions take `rd_lock()` before their entry.
    The only way out of 'verified' is a later version's verification, so a seat's newest
    such entry is its counting version's."""
    # A statement binds at most CODES_PER_READ of them: a whole night verified in one second
    # (an import's) bound one parameter a seat, and SQLite refuses more than 32,766 (its
    # default limit; a server, 65,535): "too many SQL variables" at 50,000 seats.
    codes = list(codes)
    out: dict[str, int] = {}
    for start in range(0, len(codes), CODES_PER_READ):
        part = codes[start:start + CODES_PER_READ]
        marks = ", ".join("?" * len(part))
        out.update(store._conn.execute(
            f"""SELECT entity_key, max(id) FROM audit_log
                WHERE entity = 'constituency' AND action IN (?, ?) AND entity_key IN ({marks})
                GROUP BY entity_key""", (*VOUCHING_ACTIONS, *part)).fetchall())
    return out


# Up to this many seats are looked up by code in one statement; more (the whole night: a
# card drawn with no seat just verified) are found from the newest entries back, in pages.
_FEW_SEATS = 64
_PAGE = 256


def newest_vouched(store: Store, codes: Collection[str]) -> str | None:
    """Of the seats `codes`, the one whose counting version was verified last in the order
    of the writes (`last_vouching_entries`), whatever the clocks said; None when no entry
    verified any of them (figures sealed as the chain began)."""
    if len(codes) <= _FEW_SEATS:
        order = last_vouching_entries(store, codes)
        return max(order, key=order.__getitem__) if order else None
    # Not every seat's code bound into one statement (50,000 is over either store's limit
    # of parameters): the newest verifying entries first, the seat on air nearly always
    # the first of them.
    wanted, below = set(codes), 2 ** 62
    while True:
        rows = store._conn.execute(
            """SELECT id, entity_key FROM audit_log
               WHERE entity = 'constituency' AND action IN (?, ?) AND id < ?
               ORDER BY id DESC LIMIT ?""", (*VOUCHING_ACTIONS, below, _PAGE)).fetchall()
        found = next((code for _, code in rows if code in wanted), None)
        if found is not None or len(rows) < _PAGE:
            return found
        below = rows[-1][0]


def roll(store: Store, unchanged: Collection[str] = ()) -> dict[str, Any]:
    """What an import's entry records of the parties, seats and baseline it leaves
    (`audit_chain.roll`); the parts `unchanged` ("seats", "baseline": the import writes
    none of their rows) carried from the last entry that recorded them."""
    conn = store._conn
    last = chain.last_roll(conn) if unchanged else None
    return chain.roll(conn, {part: last[part] for part in unchanged if part in last}
                      if last else None)


def names(store: Store, code: str | None = None) -> list[tuple]:
    """(code, seat name, first name, surname, party) in ballot order: of one seat, or of
    every seat (a seat without candidates: one row of None)."""
    return chain.names(store._conn, code)


@record
class ChainContents:
    """Everything a check of the chain compares, read inside one `Store.snapshot()`."""

    head: tuple[int, str, str | None] | None  # newest entry: id, time, hash
    entries: int
    sequence: int  # the highest id ever handed out
    figures: dict[int, DeclarationFigures]  # every declaration version, as stored
    seat_names: dict[str, str]
    # id, code, version, verified by, verified at, how ('rekey', 'check' or None)
    verified_versions: list[tuple[int, str, int, str, str, str | None]]
    # verified versions off air with no later one verified, or on air beside a later one
    misplaced: list[tuple[int, str, int, str]]  # id, code, version, status
    # versions nobody verified that are closed: id, code, version, status, a later exists,
    # note (a rejected version's: the comment sent back)
    closed: list[tuple[int, str, int, str, bool, str | None]]
    recounted: list[tuple[str, bool, int]]  # seats a recount was called on: code, now, count
    rows: Iterator[tuple]  # the entries oldest first, streamed: read inside the snapshot
    # Entries whose figures the reader may not see (entry id -> the declaration id it
    # seals): on a server, versions awaiting someone else's verification (migration 12);
    # never on a file, where whoever reads it reads everything.
    hidden: dict[int, int]
    # Desk accounts as (name, role, disabled, name key, credential by column), on a file;
    # None on a server, whose accounts are its login roles, which only the server's own
    # functions change.
    accounts: list[tuple[str, str, int, str, dict]] | None = None
    # On a server, an entry and the change it records take one reading of the clock (the
    # transaction's, `rd_now()`), so a verification's entry time is its `verified_at`; a
    # file's entries say the time in their details (from this version on).
    entry_time_is_change_time: bool = False
    # The election's kind as its row has it, on a file (a server holds live elections
    # only): its first entry recorded the kind it was made as.
    kind: str | None = None
    # On a file, what the parties, seats and baseline are now (`audit_chain.roll`), read
    # when an entry recorded them; None on a server, whose imports record none, and on a
    # file missing part of its schema (a table or column it reads may be gone: the check
    # reports what is missing instead).
    roll: Callable[[], dict[str, Any]] | None = None
    # The election's name as its row has it, on a file (a server's is its administrator's,
    # set as it is prepared): the same first entry recorded the name it was made with.
    name: str | None = None
    # Every version's note by id, on a file (a server hides a pending version's from who
    # may verify it): compared with the note the entry writing the version records.
    notes: dict[int, object] | None = None


def _sequence(store: Store) -> int:
    """The highest audit id ever handed out, which outlives entries removed from the end.
    SQLite: AUTOINCREMENT's counter (in sqlite_sequence). PostgreSQL: the one-row
    `audit_sequence` its chain trigger advances (migration 10); removing entries, even with
    the append-only triggers switched off, does not move it back."""
    if store.dialect == "postgresql":
        return store.scalar("SELECT seq FROM audit_sequence WHERE id = 1") or 0
    return chain.sequence(store._conn)


def _hidden(store: Store) -> dict[int, int]:
    """Entry id -> declaration id of the entries sealing figures hidden from the reader:
    on a server, its `hidden_entries` view says which (their details read "hidden until
    verified", so their hashes cannot be recomputed here); a file hides nothing."""
    if store.dialect == "postgresql":
        return {r["entry_id"]: r["declaration_id"]
                for r in store.query("SELECT entry_id, declaration_id FROM hidden_entries")}
    return {}


def chain_contents(store: Store) -> ChainContents:
    """The chain and what it seals; call inside `store.snapshot()` and read `rows` there."""
    conn = store._conn
    return ChainContents(chain.head(conn), chain.count(conn), _sequence(store),
                         chain.declaration_figures(conn), chain.seat_names(conn),
                         chain.verified_versions(conn), chain.misplaced_verifications(conn),
                         chain.closed_versions(conn), chain.recounted_seats(conn),
                         chain.chain_rows(conn),
                         _hidden(store),
                         None if store.dialect == "postgresql" else chain.accounts(conn),
                         store.dialect == "postgresql",
                         None if store.dialect == "postgresql" else election_kind(store),
                         None if store.dialect == "postgresql" or store.missing_schema
                         else partial(chain.roll, conn),
                         None if store.dialect == "postgresql" else
                         store.scalar("SELECT name FROM election WHERE id = 1"),
                         None if store.dialect == "postgresql" else chain.version_notes(conn))
