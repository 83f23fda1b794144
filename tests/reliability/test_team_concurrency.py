"""Two desks at once on one PostgreSQL server, each in its own process (tests/helpers/
desk_worker.py, the same worker the SQLite test drives), every user signed in with a
connection of its own: declare / verify / correct on seats of their own and on shared
seats, every save carrying the version its desk saw, so they collide.

What must hold, as on a file:
- nothing but accepted results, Conflicts and other DeskRefusals reaches a desk (no
  serialization failure, deadlock, lost connection or traceback);
- conflicts happen, each one reported to the desk that lost, naming the seat;
- no lost update: every accepted save built on exactly the version its desk saw, versions
  run 1, 2, 3 ... per seat, and each accepted action has its one audit entry on the server
  (refused ones none); no version is half-saved; the audit chain checks intact.

Default run: 2 desks x 300 operations on 9 seats (3 shared). RESULTSDESK_STRESS=N: 1,000 x N.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import psycopg
from helpers.desk_processes import assert_no_lost_update, run_desk_processes
from helpers.desk_target import server_target
from helpers.scale import scaled

from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.session import open_desk

SHARED = ("E14001279", "W07000081", "S14000060")  # Hendon, Aberafan Maesteg, Aberdeen N.
OWN = {"north": ("N05000001", "E14001088", "E14001063"),
       "south": ("E14001064", "E14001065", "E14001066")}
USERS = {"north": ("alice", "bob"), "south": ("ann", "bob")}  # desk staff and an admin


def run_desks(target, ops: int, logs: Path) -> list[dict]:
    """Both desks, started together; every operation they logged."""
    logs.mkdir()
    passwords = logs / "passwords.json"
    passwords.write_text(json.dumps({target.name(s): p for s, p in target.passwords.items()}))
    return run_desk_processes({
        desk: [str(target.target), "--desk", desk,
               "--users", ",".join(target.name(short) for short in USERS[desk]),
               "--seats", ",".join(SHARED + OWN[desk]), "--ops", str(ops),
               "--seed", str(7 + i), "--passwords", str(passwords),
               "--sheets", target.name("eve")]
        for i, desk in enumerate(OWN)}, logs, ops, timeout=900)


def test_two_desk_processes_on_a_server_lose_no_update(pg_cluster, tmp_path):
    ops = scaled(300, 1000)
    target = server_target(pg_cluster, tmp_path, seats=SHARED + OWN["north"] + OWN["south"])
    entries = run_desks(target, ops, tmp_path / "logs")
    by_outcome = Counter(e["outcome"] for e in entries)

    escaped = [e for e in entries if e["outcome"] not in ("accepted", "conflict", "refused")]
    assert escaped == [], "\n".join(f"{e['desk']} #{e['n']}: {e['message']}\n"
                                    f"{e.get('traceback', '')}" for e in escaped[:3])
    conflicts = [e for e in entries if e["outcome"] == "conflict"]
    assert conflicts, f"no conflicts in {by_outcome}: the desks never raced"
    assert all(e["code"] in SHARED and "changed" in e["message"] for e in conflicts)
    refusals = Counter(e["type"] for e in entries if e["outcome"] == "refused")
    assert set(refusals) <= {"DeskRefusal", "FourEyesRefusal"}, refusals

    accepted = assert_no_lost_update(entries, ops, SHARED + OWN["north"] + OWN["south"])

    with psycopg.connect(str(target.admin_target)) as conn:
        audited = Counter(conn.execute(
            """SELECT entity_key, action, "user", (details::jsonb ->> 'version')::integer
               FROM resultsdesk.audit_log WHERE action IN ('declare', 'correct', 'verify')"""
        ).fetchall())
        half_saved = conn.execute(
            """SELECT d.id FROM resultsdesk.declarations d
               WHERE (SELECT count(*) FROM resultsdesk.declaration_votes v
                      WHERE v.declaration_id = d.id)
                  <> (SELECT count(*) FROM resultsdesk.candidates c
                      WHERE c.constituency_id = d.constituency_id)""").fetchall()
        pending = conn.execute(
            """SELECT constituency_id FROM resultsdesk.declarations
               WHERE status = 'provisional' GROUP BY constituency_id
               HAVING count(*) > 1""").fetchall()
    assert audited == Counter((op["code"], op["action"], op["user"], op["version"])
                              for op in accepted)
    assert half_saved == [] and pending == []
    with open_desk(str(target.admin_target)) as desk:
        check = check_audit_chain(desk)
    assert check.intact, check.summary()
    print(f"\n{2 * ops} operations on a server: {dict(by_outcome)}; refusals {dict(refusals)}")
