"""SQL for the audit log's hash chain: appending a chained entry, reading the chain back, the
figures its entries seal, and chaining a database that had entries before the chain existed.

The rules (canonical form, hashes, digests) are in `domain.audit_chain`; checking a chain is
`desk.audit.check_audit_chain`.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ..domain.audit_chain import (
    CHAIN_STARTED,
    CREDENTIAL_COLUMNS,
    GENESIS_HASH,
    ROLL,
    SEAL_DIGEST,
    DeclarationFigures,
    details_value,
    entry_hash,
    figures_digest,
    json_encoder,
    seal,
    sha256_hex,
)
from .database import forensic_text, insert_many
from .settings import now_iso

# Who the migration that starts the chain records as the author of its entry.
SYSTEM_USER = "ResultsDesk"
# "user" quoted: a reserved word in PostgreSQL (bare, it is the current role); SQLite takes
# the quotes too, so the chain's SQL is one text for both stores.
CHAIN_COLUMNS = 'id, at, "user", action, entity, entity_key, details, prev_hash, hash'
_CHAIN_NAMES = tuple(name.strip(' "') for name in CHAIN_COLUMNS.split(","))


def head(conn: sqlite3.Connection) -> tuple[int, str, str | None] | None:
    """The newest entry's id, time and hash, or None when the log is empty."""
    return conn.execute("SELECT id, at, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()


def sequence(conn: sqlite3.Connection) -> int:
    """The highest audit id ever handed out (AUTOINCREMENT's counter): above the newest
    entry's id only if entries at the end were removed."""
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").fetchone()
    return row[0] if row else 0


def append(conn: sqlite3.Connection, *, at: str, user: str, action: str, entity: str,
           key: str, details: dict[str, Any]) -> int:
    """Add one entry chained to the current head; returns its id."""
    return append_many(conn, at=at, user=user, action=action, entity=entity,
                       items=[(key, details)])[0]


def append_many(conn: sqlite3.Connection, *, at: str, user: str, action: str, entity: str,
                items: Iterable[tuple[str, dict[str, Any]]]) -> list[int]:
    """Add entries (entity key, details), each chained to the one before, the first to the
    current head. The caller holds the write lock (BEGIN IMMEDIATE), so no other desk can
    append between reading the head and writing."""
    last = head(conn)
    entry_id = max(last[0] if last else 0, sequence(conn))
    prev = last[2] if last else GENESIS_HASH
    rows = []
    for key, details in items:
        entry_id += 1
        text = _DETAILS_TEXT(details)
        # Hashed as it will be read back (json.loads of the stored text), so keys that were
        # not strings hash the same way now as when the chain is checked; details made only
        # of what JSON gives back unchanged are that already (an import's 650 entries).
        read_back = details if _reads_back_as_is(details) else details_value(text)
        digest = entry_hash(id=entry_id, at=at, user=user, action=action, entity=entity,
                            entity_key=key, details=read_back, prev_hash=prev)
        rows.append((entry_id, at, user, action, entity, key, text, prev, digest))
        prev = digest
    insert_many(conn, "audit_log", _CHAIN_NAMES, rows)
    return [row[0] for row in rows]


# The details column's text: `json.dumps(details, ensure_ascii=False, sort_keys=True)`, with
# its encoder made once rather than on every call.
_DETAILS_TEXT = json_encoder(separators=(", ", ": "), allow_nan=True)

_AS_IS = frozenset({str, int, type(None)})  # exactly these types (not bool, floats or enums)
_KEYS = frozenset({str})
_CONTAINERS = frozenset({dict, list})
_AS_IS_OR_CONTAINER = _AS_IS | _CONTAINERS


def _reads_back_as_is(value: Any) -> bool:
    """Whether `json.loads(json.dumps(value))` equals `value` with the same types: dicts
    with string keys, lists, strings, ints and None, all the way down. A container's
    types are gathered as one set first (in C), so only nested containers cost a call."""
    kind = type(value)
    if kind in _AS_IS:
        return True
    if kind is dict:
        if not set(map(type, value)) <= _KEYS:
            return False
        value = value.values()
    elif kind is not list:
        return False
    kinds = set(map(type, value))
    return kinds <= _AS_IS or (kinds <= _AS_IS_OR_CONTAINER and all(
        [_reads_back_as_is(v) for v in value if type(v) in _CONTAINERS]))


def chain_rows(conn: sqlite3.Connection) -> Iterator[tuple]:
    """Every entry oldest first, as (id, at, user, action, entity, entity_key, details text,
    prev_hash, hash)."""
    # A loop, not `yield from`: closing a generator part-read closes the cursor it
    # delegates to, and a command stopped mid-check (SIGTERM, Ctrl+C) has its store closed
    # before Python closes the generator at exit: "Cannot operate on a closed database",
    # printed as an ignored exception's traceback.
    for row in conn.execute(f"SELECT {CHAIN_COLUMNS} FROM audit_log ORDER BY id"):  # noqa: UP028
        yield row


def _id_filter(column: str, ids: Iterable[int] | None) -> tuple[str, tuple]:
    if ids is None:
        return "", ()
    # One JSON parameter, however many ids (an import seals thousands at once).
    return f" WHERE {column} IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),)


def declaration_figures(conn: sqlite3.Connection,
                        ids: Iterable[int] | None = None) -> dict[int, DeclarationFigures]:
    """The figures of the given declaration versions (all of them by default), as stored."""
    ids = None if ids is None else list(ids)
    where, params = _id_filter("v.declaration_id", ids)
    votes: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for declaration_id, candidate_id, party_id, count in conn.execute(
            "SELECT v.declaration_id, v.candidate_id, c.party_id, v.votes "
            "FROM declaration_votes v LEFT JOIN candidates c ON c.id = v.candidate_id" + where,
            params):
        votes[declaration_id].append((candidate_id, party_id, count))
    where, params = _id_filter("d.id", ids)
    out: dict[int, DeclarationFigures] = {}
    for r in conn.execute(
            "SELECT d.id, k.code, d.version, d.kind, d.count_number, d.invalid_votes, "
            "d.electorate, d.total_as_read, d.tie_winner_candidate_id, d.declared_at, "
            "d.entered_by, d.entered_at, d.source, d.reason, d.overrides FROM declarations d "
            "LEFT JOIN constituencies k ON k.id = d.constituency_id" + where, params):
        overrides = details_value(r[14])
        out[r[0]] = DeclarationFigures(
            declaration_id=r[0], constituency=r[1], version=r[2], kind=r[3],
            count_number=r[4], votes=tuple(votes.get(r[0], ())), invalid_votes=r[5],
            electorate=r[6], total_as_read=r[7], tie_winner_candidate_id=r[8],
            declared_at=r[9], entered_by=r[10], entered_at=r[11], source=r[12], reason=r[13],
            overrides=tuple(overrides) if isinstance(overrides, list) else overrides)
    return out


def declaration_id(conn: sqlite3.Connection, constituency_id: int, version: int) -> int:
    return conn.execute("SELECT id FROM declarations WHERE constituency_id = ? AND version = ?",
                        (constituency_id, version)).fetchone()[0]


def seal_version(conn: sqlite3.Connection, constituency_id: int, version: int) -> dict[str, Any]:
    """The details an audit entry carries to seal a version's figures, read back as saved."""
    did = declaration_id(conn, constituency_id, version)
    return seal(declaration_figures(conn, [did])[did])


def seal_versions(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Seals of many versions in two queries (an import's 650 or 10,000 seats)."""
    return {did: seal(figures) for did, figures in declaration_figures(conn, ids).items()}


def verified_versions(conn: sqlite3.Connection
                      ) -> list[tuple[int, str, int, str, str, str | None]]:
    """Every version someone verified (on air now or superseded since), as (id, code,
    version, verified by, verified at, how: 'rekey', 'check' or None)."""
    return conn.execute(
        "SELECT d.id, k.code, d.version, d.verified_by, d.verified_at, d.verification_mode "
        "FROM declarations d "
        "JOIN constituencies k ON k.id = d.constituency_id "
        "WHERE d.verified_by IS NOT NULL ORDER BY d.id").fetchall()


def accounts(conn: sqlite3.Connection) -> list[tuple[str, str, int, str, dict]] | None:
    """Every desk account as (name, role, disabled, name key, credential: its KDF, salt and
    hash by column), for comparing with the entries that added, disabled and set the
    password of them (and the key with the name's); None if the file lost the table or its
    columns (the check reports the missing schema)."""
    # Text that is not UTF-8 read as lone surrogates, as the audit check's own connection
    # reads it (`Store(forensic=True)`), on any connection: the check an admin's acceptance
    # of the log runs on the desk's own stopped on "Could not decode" as a bug's error.
    try:
        with _forensic_text(conn):
            rows = conn.execute("SELECT name, role, disabled, name_key, kdf, kdf_n, kdf_r, "
                                "kdf_p, salt, password_hash FROM accounts ORDER BY id").fetchall()
        return [(*r[:4], dict(zip(CREDENTIAL_COLUMNS, r[4:], strict=True))) for r in rows]
    except sqlite3.OperationalError as exc:
        # Only what is gone: text that is not UTF-8 ("Could not decode") made every
        # account go unchecked, a desk account made admin by hand beside it "intact".
        if not str(exc).startswith("no such "):
            raise
        return None


@contextmanager
def _forensic_text(conn: sqlite3.Connection) -> Iterator[None]:
    """Text that is not UTF-8 read in the block as the audit check's own connection reads
    it (`forensic_text`), on any connection; the connection's own way back after."""
    factory = conn.text_factory
    conn.text_factory = forensic_text
    try:
        yield
    finally:
        conn.text_factory = factory


def misplaced_verifications(conn: sqlite3.Connection) -> list[tuple[int, str, int, str]]:
    """Versions someone verified whose status contradicts the seat's history, as (id, code,
    version, status): the newest verified version of a seat is on air and every older one
    superseded (the only ways out of 'verified' are a newer version's verification). The
    triggers allow verified -> superseded, so this is what finds it done by hand."""
    # (status = 'verified') = EXISTS(...) holds exactly when the two disagree: on air with a
    # later verified version, or off air without one. One text for SQLite and PostgreSQL.
    # A verified version left in any other state (rejected, withdrawn, provisional) is
    # misplaced whatever came after it.
    return conn.execute(
        "SELECT d.id, k.code, d.version, d.status FROM declarations d "
        "JOIN constituencies k ON k.id = d.constituency_id "
        "WHERE d.verified_by IS NOT NULL AND ((d.status = 'verified') = EXISTS ("
        "SELECT 1 FROM declarations n WHERE n.constituency_id = d.constituency_id "
        "AND n.version > d.version AND n.verified_by IS NOT NULL) "
        "OR d.status NOT IN ('verified', 'superseded')) ORDER BY d.id").fetchall()


def recounted_seats(conn: sqlite3.Connection) -> list[tuple[str, bool, int]]:
    """Seats whose recount state says a recount was called, as (code, under way now, the
    count keyed now): the audit check looks for the entry that called it."""
    return [(code, bool(under_way), count) for code, under_way, count in conn.execute(
        "SELECT code, recount_under_way, current_count FROM constituencies "
        "WHERE recount_under_way <> 0 OR current_count > 0 ORDER BY code")]


def version_notes(conn: sqlite3.Connection) -> dict[int, object]:
    """Every version's note by declaration id (a lot's, a rejected version's comment; None
    for most), for the audit check to compare with the entry that wrote it; text that is
    not UTF-8 read as the check reads it (`forensic_text`)."""
    with _forensic_text(conn):
        return dict(conn.execute("SELECT id, note FROM declarations"))


def closed_versions(conn: sqlite3.Connection
                    ) -> list[tuple[int, str, int, str, bool, str | None]]:
    """Versions nobody verified that are rejected, withdrawn or superseded, as (id, code,
    version, status, whether a later version of the seat exists, its note: a rejected
    version's is the comment sent back with it): the audit check looks for what put each
    there. The triggers allow these moves from 'provisional', so this is what finds one
    made by hand."""
    return [(did, code, version, status, bool(later), note)
            for did, code, version, status, later, note in conn.execute(
                "SELECT d.id, k.code, d.version, d.status, EXISTS (SELECT 1 FROM "
                "declarations n WHERE n.constituency_id = d.constituency_id "
                "AND n.version > d.version), d.note FROM declarations d "
                "JOIN constituencies k ON k.id = d.constituency_id "
                "WHERE d.verified_by IS NULL "
                "AND d.status IN ('rejected', 'withdrawn', 'superseded') ORDER BY d.id")]


def chain_existing_entries(conn: sqlite3.Connection) -> None:
    """Schema migration 4: chain the entries written before the chain existed, then seal the
    figures already in the database (and who verified them) in one entry, so they are
    covered from now on like any figures saved later."""
    prev = GENESIS_HASH
    updates = []
    for entry_id, at, user, action, entity, key, text in conn.execute(
            "SELECT id, at, user, action, entity, entity_key, details FROM audit_log "
            "ORDER BY id").fetchall():
        digest = entry_hash(id=entry_id, at=at, user=user, action=action, entity=entity,
                            entity_key=key, details=details_value(text), prev_hash=prev)
        updates.append((prev, digest, entry_id))
        prev = digest
    conn.executemany("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", updates)
    figures = declaration_figures(conn)
    if figures:
        append(conn, at=now_iso(), user=SYSTEM_USER, action=CHAIN_STARTED, entity="election",
               key="", details={
                   "declarations": len(figures),
                   SEAL_DIGEST: {str(i): figures_digest(f) for i, f in figures.items()},
                   "verified_by": {str(v[0]): v[3] for v in verified_versions(conn)},
               })


def roll(conn: sqlite3.Connection, carried: dict[str, str] | None = None) -> dict[str, Any]:
    """What the figures are read as on air, recorded by each import's entry (`ROLL`) and
    compared by the check: the parties by id, as [abbreviation, name, colour], and digests
    of the seats with their ballot papers and of the baseline. On a file only imports
    write these columns (a party's chamber order, a seat's recount state and the change
    numbers are left out: they change without one). A migration changing a column read
    here changes what the entries recorded too: it must not.

    `carried`: the digests ("seats", "baseline") of the parts the writer leaves as they
    are, from the last entry that recorded them (`last_roll`), taken rather than worked out
    from the rows: a part changed by hand since that entry is then still changed against
    this one (worked out again, this entry would record the change as it stands)."""
    kept = {part: digest for part, digest in (carried or {}).items()
            if isinstance(digest, str)}
    parties = {str(i): [a, n, c] for i, a, n, c in conn.execute(
        "SELECT id, abbreviation, name, colour FROM parties ORDER BY id")}
    return {"parties": parties,
            "seats": kept.get("seats") or _seats_digest(conn),
            "baseline": kept.get("baseline") or _baseline_digest(conn)}


def _seats_digest(conn: sqlite3.Connection) -> str:
    seats = conn.execute("SELECT id, code, name, nation, region, electorate "
                         "FROM constituencies ORDER BY id").fetchall()
    ballots = conn.execute(
        "SELECT id, constituency_id, party_id, first_name, surname, ballot_order, colour, "
        "party_name FROM candidates ORDER BY id").fetchall()
    return sha256_hex([seats, ballots])


def _baseline_digest(conn: sqlite3.Connection) -> str:
    name = conn.execute("SELECT name FROM baseline WHERE id = 1").fetchone()
    lines = conn.execute("SELECT constituency_id, party_id, candidate, votes FROM "
                         "baseline_votes ORDER BY 1, 2, 3, 4").fetchall()
    electorates = conn.execute("SELECT constituency_id, electorate FROM baseline_seats "
                               "ORDER BY constituency_id").fetchall()
    return sha256_hex([name[0] if name else None, lines, electorates])


def last_roll(conn: sqlite3.Connection) -> dict[str, Any] | None:
    """The roll the newest entry recording one records (None: no entry does). Found from
    the newest entry back: a roll's key, `"roll":`, is text no JSON string can hold
    unescaped, so the entries searched are those with the key somewhere in their details,
    each parsed to be sure it is the roll's."""
    for (text,) in conn.execute(
            "SELECT details FROM audit_log WHERE instr(details, ?) > 0 ORDER BY id DESC",
            (f'"{ROLL}":',)):
        try:
            details = json.loads(text)
        except ValueError:
            continue
        if isinstance(details, dict) and isinstance(details.get(ROLL), dict):
            return details[ROLL]
    return None


def count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def names(conn: sqlite3.Connection, code: str | None = None) -> list[tuple]:
    """(code, seat name, first name, surname, party) in ballot order, for the trail's
    sentences: of one seat, or of every seat (a seat without candidates: one row of None)."""
    where = "" if code is None else " WHERE k.code = ?"
    return conn.execute(
        "SELECT k.code, k.name, c.first_name, c.surname, p.abbreviation FROM constituencies k "
        "LEFT JOIN candidates c ON c.constituency_id = k.id "
        "LEFT JOIN parties p ON p.id = c.party_id" + where + " ORDER BY k.code, c.ballot_order",
        () if code is None else (code,)).fetchall()


def seat_names(conn: sqlite3.Connection) -> dict[str, str]:
    """Constituency names by GSS code, for messages that name a seat."""
    return dict(conn.execute("SELECT code, name FROM constituencies"))
