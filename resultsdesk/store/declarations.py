"""SQL for the declaration workflow. Writes run inside `Store.write()`; rules live in `desk`."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from ..domain.audit_chain import VOUCHING_ACTIONS
from .database import Store
from .errors import not_utf8_as_damage


def find_constituency(store: Store, key: str) -> dict[str, Any] | None:
    """By GSS code (any case) or exact name (any case). A name two seats share (a seat
    added with another's name) finds neither: `find_constituencies` says which they are."""
    rows = find_constituencies(store, key)
    return rows[0] if len(rows) == 1 else None


def find_constituencies(store: Store, key: str) -> list[dict[str, Any]]:
    """The seat whose GSS code is `key` (any case), else every seat named `key` (any
    case), by code: two where a name is shared, and the first of them was picked. One
    statement, searched on the index of each (`test_live_plans`)."""
    key = unicodedata.normalize("NFC", key.strip())  # names are stored composed
    rows = store.query(
        "SELECT * FROM constituencies WHERE code = upper(?) OR lower(name) = lower(?)",
        (key, key))
    if not rows and not key.isascii():
        # The database's lower() folds only ASCII: "YNYS MÔN" found nothing. Such a miss
        # (only) compares every name folded whole, as the importers compare them.
        folded = key.casefold()
        rows = [r for r in store.query("SELECT * FROM constituencies")
                if unicodedata.normalize("NFC", r["name"]).casefold() == folded]
    by_code = [r for r in rows if r["code"] == key.upper()]
    return by_code or sorted(rows, key=lambda r: r["code"])


def candidates(store: Store, constituency_id: int) -> list[dict[str, Any]]:
    return store.query(
        """SELECT c.id, c.ballot_order, c.first_name, c.surname, c.party_name,
                  p.abbreviation AS party, COALESCE(c.colour, p.colour) AS colour
           FROM candidates c JOIN parties p ON p.id = c.party_id
           WHERE c.constituency_id = ? ORDER BY c.ballot_order""", (constituency_id,))


# `{votes_of}`: on a server, where the votes view is a security barrier that no join
# condition enters (see store/live.py), the seat's declaration ids are handed to it as a
# list, so it reads their votes by its index, not every vote of the night.
_VERSIONS = """SELECT d.*, v.candidate_id AS vote_candidate_id, v.votes AS vote_count
               FROM declarations d LEFT JOIN declaration_votes v ON v.declaration_id = d.id
               {votes_of}
               WHERE d.constituency_id = ? ORDER BY d.version"""
_VOTES_OF_THE_SEAT = """AND v.declaration_id = ANY (ARRAY(SELECT x.id FROM declarations x
                                                 WHERE x.constituency_id = ?))"""


def versions(store: Store, constituency_id: int) -> list[dict[str, Any]]:
    """Every declaration version of a seat, oldest first, each with its votes by candidate id.
    One statement (a version's row once per candidate, its votes beside it): on a server
    each statement is a round trip."""
    rows: dict[int, dict[str, Any]] = {}
    on_server = store.dialect == "postgresql"
    for r in store.query(_VERSIONS.format(votes_of=_VOTES_OF_THE_SEAT if on_server else ""),
                         (constituency_id,) * (2 if on_server else 1)):
        candidate_id, count = r.pop("vote_candidate_id"), r.pop("vote_count")
        row = rows.setdefault(r["id"], {**r, "votes": {},
                                         "overrides": json.loads(r["overrides"] or "[]")})
        if candidate_id is not None:
            row["votes"][candidate_id] = count
    return list(rows.values())


def set_status(store: Store, declaration_id: int, status: str, **fields: Any) -> None:
    assignments = ", ".join(["status = ?", *(f"{name} = ?" for name in fields)])
    store._conn.execute(f"UPDATE declarations SET {assignments} WHERE id = ?",
                       (status, *fields.values(), declaration_id))


SUPERSEDE = ("UPDATE declarations SET status = 'superseded' "
             "WHERE constituency_id = ? AND status = ? AND version < ?")


def supersede(store: Store, constituency_id: int, status: str, below_version: int) -> None:
    store._conn.execute(SUPERSEDE, (constituency_id, status, below_version))


def supersede_many(store: Store, items: list[tuple[int, str, int]]) -> None:
    """`supersede` of many (constituency id, status, below version) in one executemany."""
    store._conn.executemany(SUPERSEDE, items)


def set_recount(store: Store, constituency_id: int, under_way: bool,
                current_count: int | None = None) -> None:
    if current_count is None:
        store._conn.execute("UPDATE constituencies SET recount_under_way = ? WHERE id = ?",
                           (int(under_way), constituency_id))
    else:
        store._conn.execute(
            "UPDATE constituencies SET recount_under_way = ?, current_count = ? WHERE id = ?",
            (int(under_way), current_count, constituency_id))


def pending(store: Store) -> list[dict[str, Any]]:
    """Provisional declarations that are their seat's newest version, oldest first: in the
    order they were written (their ids), not by `entered_at`, which is the clock of the PC
    that keyed each (on a shared file, one PC an hour slow put its newer entry at the top
    of the Verification queue; a clock stepped back did the same on a server)."""
    return store.query(
        """SELECT d.id, d.version, d.kind, d.count_number, d.entered_by, d.entered_at,
                  k.code, k.name, k.recount_under_way
           FROM declarations d JOIN constituencies k ON k.id = d.constituency_id
           WHERE d.status = 'provisional'
             AND d.version = (SELECT MAX(version) FROM declarations x
                              WHERE x.constituency_id = d.constituency_id)
           ORDER BY d.id""")


def latest_entry(store: Store, code: str) -> dict[str, Any] | None:
    """A seat's newest version: its number, status, who keyed it and its note (a
    rejection's comment; on a server, a note the reader may not see reads NULL). By the
    index of (seat, version): one row, whatever the size of the night."""
    rows = store.query(
        "SELECT d.version, d.status, d.entered_by, d.note FROM declarations d "
        "JOIN constituencies k ON k.id = d.constituency_id WHERE k.code = ? "
        "ORDER BY d.version DESC LIMIT 1", (code,))
    return rows[0] if rows else None


def _entries(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Audit rows with their details read."""
    for r in rows:
        r["details"] = _details(r["details"])
    return rows


def _details(text: str | bytes | None) -> dict[str, Any]:
    """An entry's details: the JSON object written. Details changed by hand into what
    ResultsDesk never writes (bytes that are not UTF-8, text that is not a JSON object) are
    kept whole as {"unreadable": text}: the trail still reads (`audit`, `history` stopped
    as a bug's error), and the audit check says what was changed."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "backslashreplace")
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"unreadable": text}
    return value if isinstance(value, dict) else {"unreadable": text}


def audit_entries(store: Store, key: str | None = None) -> list[dict[str, Any]]:
    # Text that is not UTF-8, which SQLite and ResultsDesk never write: a hand's edit, said
    # as one (it stopped as a bug's error); the check finds the entry.
    with not_utf8_as_damage(
            f"{store.path}: the audit log holds text that is not UTF-8, which ResultsDesk "
            "never writes (changed by hand?); `resultsdesk audit --check` says where."):
        if key is None:
            return _entries(store.query("SELECT * FROM audit_log ORDER BY id"))
        return _entries(store.query("SELECT * FROM audit_log WHERE entity_key = ? "
                                    "ORDER BY id", (key,)))


def rekey_misses(store: Store, key: str) -> list[dict[str, Any]]:
    """A seat's re-keys that did not match ('verify mismatch': who, which version), by the
    index made for them on a file (schema 10); on a server also its 'verify' entries that
    record tries taken back ('undone', server migration 29), which the server counts as
    misses (migration 41's `rd_failed_rekeys`): a file writes no such entry."""
    rows = store.query("SELECT * FROM audit_log WHERE action = 'verify mismatch' "
                       "AND entity_key = ? ORDER BY id", (key,))
    if store.dialect == "postgresql":
        rows += store.query("SELECT * FROM audit_log WHERE action = 'verify' "
                            "AND entity_key = ? AND details LIKE ? ORDER BY id",
                            (key, '%"undone"%'))
    return _entries(rows)


# What the backups' schedule counts as a verification: the entries that vouch for figures
# (`VOUCHING_ACTIONS`): a desk's verification, and a watch rehearsal's seat, which arrives
# verified (`desk.rehearsal`: audited as an import of that seat). Counting `verify` alone,
# the bundled night rehearsed whole took no "every N verifications" backup.
_VOUCHING = f"action IN ({', '.join('?' * len(VOUCHING_ACTIONS))})"


def verification_count(store: Store) -> int:
    return store.scalar(f"SELECT count(*) FROM audit_log WHERE {_VOUCHING}", VOUCHING_ACTIONS)


def verifications_after(store: Store, after: int) -> tuple[int, int]:
    """The verifications recorded in audit entries after entry `after` (a watch
    rehearsal's seats delivered too: `VOUCHING_ACTIONS`), and the newest entry's id (0:
    none): read from the log's id, the entries since, not the whole log."""
    row = store.query(f"SELECT (SELECT count(*) FROM audit_log WHERE id > ? AND {_VOUCHING})"
                      " AS n, (SELECT coalesce(max(id), 0) FROM audit_log) AS last",
                      (after, *VOUCHING_ACTIONS))[0]
    return row["n"], row["last"]
