"""Checks on an election database file from outside the app, with a plain sqlite3 connection.

Shared by the crash, concurrency and hostile-input tests: what must hold in any state the
file can be left in (after a SIGKILL, two desks racing, a refused import).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

TABLES = ("constituencies", "candidates", "parties", "declarations", "declaration_votes",
          "audit_log", "baseline_votes", "baseline_seats")

# The audit action written with each new declaration version, by the version's kind.
ACTIONS_BY_KIND = {"declaration": ("declare", "import declaration"),
                   "correction": ("correct",), "lot": ("decide tie by lot",)}
CREATING_ACTIONS = tuple(a for actions in ACTIONS_BY_KIND.values() for a in actions)


def connect(path: str | Path) -> sqlite3.Connection:
    """A plain connection; opening it recovers a WAL left by a killed process, as the app's
    next open would."""
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def integrity(path: str | Path) -> str:
    conn = connect(path)
    try:
        return "\n".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


def digest(path: str | Path) -> str:
    """The file's bytes, to show a refused operation did not touch them."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def counts(path: str | Path) -> dict[str, int | str | None]:
    """Rows per table, the newest audit id and the baseline's name: a failed operation must
    leave every one of them as it was."""
    conn = connect(path)
    try:
        out: dict[str, int | str | None] = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        out["max audit id"] = conn.execute(
            "SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
        row = conn.execute("SELECT name FROM baseline WHERE id = 1").fetchone()
        out["baseline name"] = row[0] if row else None
        out["electorate sum"] = conn.execute(
            "SELECT sum(electorate) FROM constituencies").fetchone()[0]
        return out
    finally:
        conn.close()


def half_saved(path: str | Path) -> list[str]:
    """Everything that shows a change landed only in part; [] when the file is whole."""
    conn = connect(path)
    try:
        return _half_saved(conn)
    finally:
        conn.close()


def _half_saved(conn: sqlite3.Connection) -> list[str]:
    problems: list[str] = []
    # every declaration carries one figure for each candidate on its seat's ballot, no other
    for r in conn.execute(
        """SELECT d.id, k.code, d.version,
                  (SELECT count(*) FROM candidates c WHERE c.constituency_id = d.constituency_id)
                      AS ballot,
                  (SELECT count(*) FROM declaration_votes v JOIN candidates c
                       ON c.id = v.candidate_id AND c.constituency_id = d.constituency_id
                   WHERE v.declaration_id = d.id) AS own,
                  (SELECT count(*) FROM declaration_votes v WHERE v.declaration_id = d.id)
                      AS total
           FROM declarations d JOIN constituencies k ON k.id = d.constituency_id"""):
        if not r["ballot"] == r["own"] == r["total"]:
            problems.append(f"{r['code']} v{r['version']}: {r['total']} vote rows "
                            f"({r['own']} for its own candidates), ballot of {r['ballot']}")
    orphans = conn.execute("SELECT count(*) FROM declaration_votes WHERE declaration_id NOT IN "
                           "(SELECT id FROM declarations)").fetchone()[0]
    if orphans:
        problems.append(f"{orphans} vote rows without their declaration")
    # versions of a seat are 1..n with no gap; at most one verified and one provisional
    for r in conn.execute(
        """SELECT k.code, count(*) AS n, max(d.version) AS top,
                  sum(d.status = 'verified') AS verified,
                  sum(d.status = 'provisional') AS provisional
           FROM declarations d JOIN constituencies k ON k.id = d.constituency_id
           GROUP BY d.constituency_id"""):
        if r["n"] != r["top"]:
            problems.append(f"{r['code']}: {r['n']} versions numbered up to {r['top']}")
        if r["verified"] > 1 or r["provisional"] > 1:
            problems.append(f"{r['code']}: {r['verified']} verified and {r['provisional']} "
                            "provisional versions at once")
    # each version has exactly the one audit entry that created it, and the reverse
    audit: dict[tuple[str, int, str], int] = {}
    for r in conn.execute(
        f"""SELECT entity_key, action, json_extract(details, '$.version') AS version
            FROM audit_log WHERE action IN ({','.join('?' * len(CREATING_ACTIONS))},
                                            'verify')""", CREATING_ACTIONS):
        key = (r["entity_key"], r["version"], r["action"])
        audit[key] = audit.get(key, 0) + 1
    seen: set[tuple[str, int, str]] = set()
    for r in conn.execute(
        """SELECT k.code, d.version, d.kind, d.status, d.verified_by, d.source
           FROM declarations d JOIN constituencies k ON k.id = d.constituency_id"""):
        created = [(r["code"], r["version"], a) for a in ACTIONS_BY_KIND[r["kind"]]]
        entries = sum(audit.get(k, 0) for k in created)
        seen.update(created)
        if entries != 1:
            problems.append(f"{r['code']} v{r['version']} ({r['kind']}): {entries} audit "
                            "entries for its creation")
        verify = (r["code"], r["version"], "verify")
        seen.add(verify)
        # an import enters figures already verified, with no separate verify entry
        expected = int(r["verified_by"] is not None and r["source"] != "import")
        if audit.get(verify, 0) != expected:
            problems.append(f"{r['code']} v{r['version']} (verified by {r['verified_by']}): "
                            f"{audit.get(verify, 0)} 'verify' audit entries")
        if r["verified_by"] is not None and r["status"] not in ("verified", "superseded"):
            problems.append(f"{r['code']} v{r['version']}: verified by {r['verified_by']} "
                            f"but {r['status']}")
    for key, n in audit.items():
        if key not in seen:
            problems.append(f"audit entry {key[2]!r} for {key[0]} v{key[1]} ({n}x) has no "
                            "declaration")
    return problems


def declaration(conn: sqlite3.Connection, code: str, version: int) -> list[dict]:
    """The rows of one version of a seat (a list, to show there is exactly one), each with
    its candidates' names and votes in ballot order."""
    rows = [dict(r) for r in conn.execute(
        """SELECT d.* FROM declarations d JOIN constituencies k ON k.id = d.constituency_id
           WHERE k.code = ? AND d.version = ?""", (code, version))]
    for r in rows:
        figures = conn.execute(
            """SELECT trim(c.first_name || ' ' || c.surname), v.votes
               FROM declaration_votes v JOIN candidates c ON c.id = v.candidate_id
               WHERE v.declaration_id = ? ORDER BY c.ballot_order""", (r["id"],)).fetchall()
        r["names"] = [f[0] for f in figures]
        r["votes"] = [f[1] for f in figures]
    return rows


def audit_entries(conn: sqlite3.Connection, code: str, action: str, version: int) -> list[dict]:
    return [dict(r, details=json.loads(r["details"])) for r in conn.execute(
        """SELECT * FROM audit_log WHERE entity_key = ? AND action = ?
           AND json_extract(details, '$.version') = ?""", (code, action, version))]


def seat_histories(path: str | Path) -> dict[str, list[tuple]]:
    """Every seat's versions as comparable tuples (no timestamps or row ids)."""
    conn = connect(path)
    try:
        out: dict[str, list[tuple]] = {}
        for code in [r[0] for r in conn.execute(
                "SELECT DISTINCT k.code FROM declarations d JOIN constituencies k "
                "ON k.id = d.constituency_id ORDER BY k.code")]:
            out[code] = []
            for version in [r[0] for r in conn.execute(
                    "SELECT d.version FROM declarations d JOIN constituencies k "
                    "ON k.id = d.constituency_id WHERE k.code = ? ORDER BY d.version", (code,))]:
                (d,) = declaration(conn, code, version)
                out[code].append((
                    d["version"], d["status"], d["kind"], d["count_number"], tuple(d["votes"]),
                    d["invalid_votes"], d["electorate"], d["total_as_read"], d["entered_by"],
                    d["verified_by"], d["verification_mode"], d["source"], d["reason"],
                    d["overrides"], d["tie_winner_candidate_id"]))
        return out
    finally:
        conn.close()
