"""Two desks at once on one database file, each in its own process (tests/helpers/
desk_worker.py): declare / verify / correct on seats of their own and on seats they share,
every save carrying the expected_version of the desk's own load_sheet, so they collide.

What must hold:
- nothing but accepted results, Conflicts and other DeskRefusals reaches a desk: no
  "database is locked", no StoreError, no other exception;
- conflicts happen, and each one is reported to its desk (a Conflict naming the seat);
- no lost update: every accepted save built on exactly the version its desk saw, and is
  in the file with one audit entry; refused ones left nothing;
- the file equals a serial replay of the accepted operations, in version order per seat,
  into a fresh copy of the starting file (versions, statuses, figures, users, audit).

Default run: 2 desks x 500 operations on 9 seats (3 shared), ~6 s.
Full run (also 2 x 5,000 on 90 seats, then x N with RESULTSDESK_STRESS=N):

    RESULTSDESK_STRESS=1 python3 -m pytest tests/reliability/test_concurrency.py -p no:cacheprovider
"""

from __future__ import annotations

import random
import shutil
from collections import Counter
from pathlib import Path

import pytest
from helpers import dbcheck
from helpers.desk_processes import assert_no_lost_update, run_desk_processes
from helpers.scale import long_variant, scaled

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store

ALL_WARNINGS = WARNING_CODES
SHARED = ("E14001279", "W07000081", "S14000060")  # Hendon, Aberafan Maesteg, Aberdeen N.
OWN = {"north": ("N05000001", "E14001088", "E14001063"),
       "south": ("E14001064", "E14001065", "E14001066")}
USERS = {"north": "ann,bob", "south": "cat,dan"}
ACTIONS = ("declare", "correct", "verify")


def seat_sets(db: Path, ops: int) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """The shared seats and each desk's own: 3 + 3 + 3 per 500 operations a desk does, so
    seats keep a few hundred versions at most however long the run."""
    extra_sets = max(1, ops // 500) - 1
    conn = dbcheck.connect(db)
    picked = set(SHARED).union(*OWN.values())
    extra = [r[0] for r in conn.execute("SELECT code FROM constituencies ORDER BY code")
             if r[0] not in picked][:9 * extra_sets]
    conn.close()
    return SHARED + tuple(extra[0::3]), {"north": OWN["north"] + tuple(extra[1::3]),
                                         "south": OWN["south"] + tuple(extra[2::3])}


def run_desks(db: Path, ops: int, seed: int, logs: Path,
              shared: tuple[str, ...], own: dict[str, tuple[str, ...]]) -> list[dict]:
    """Both desks, started together; every operation they logged."""
    logs.mkdir()
    return run_desk_processes({
        desk: [str(db), "--desk", desk, "--users", USERS[desk],
               "--seats", ",".join(shared + own[desk]), "--ops", str(ops),
               "--seed", str(seed + i)]
        for i, desk in enumerate(own)}, logs, ops)


def replay(start: Path, accepted: list[dict]) -> None:
    """The accepted operations one at a time, seat by seat in version order (a verify comes
    after the save of the version it verified), each with the version it expected."""
    order = sorted(accepted, key=lambda op: (op["code"], op["version"],
                                             op["action"] == "verify"))
    with Store(start) as store:
        for op in order:
            common = {"user": op["user"], "expected_version": op["expected"]}
            if op["action"] == "verify":
                result = dk.verify(store, op["code"], votes=op["votes"], invalid=op["invalid"],
                                   **common)
                assert result.verified
                version = result.version.version
            elif op["action"] == "declare":
                version = dk.declare(store, op["code"], figures=Figures(op["votes"], op["invalid"]),
                                     overrides=ALL_WARNINGS, **common).version
            else:
                version = dk.correct(store, op["code"], figures=Figures(op["votes"], op["invalid"]),
                                     reason=op["reason"], overrides=ALL_WARNINGS,
                                     **common).version
            assert version == op["version"], f"replay of {op} gave version {version}"


def desk_audit(path: Path) -> Counter:
    conn = dbcheck.connect(path)
    try:
        return Counter(
            (r["entity_key"], r["action"], r["user"], r["version"]) for r in conn.execute(
                "SELECT entity_key, action, user, json_extract(details, '$.version') AS version"
                " FROM audit_log WHERE action IN ('declare', 'correct', 'verify')"))
    finally:
        conn.close()


def check_two_desks(db: Path, tmp_path: Path, ops: int, seed: int) -> None:
    start = tmp_path / "start.db"
    shutil.copyfile(db, start)
    shared, own = seat_sets(db, ops)
    entries = run_desks(db, ops, seed, tmp_path / "logs", shared, own)
    by_outcome = Counter(e["outcome"] for e in entries)

    # 1. nothing escapes but results and refusals; never "database is locked"
    escaped = [e for e in entries if e["outcome"] not in ("accepted", "conflict", "refused")]
    assert escaped == [], "\n".join(f"{e['desk']} #{e['n']}: {e['message']}\n"
                                    f"{e.get('traceback', '')}" for e in escaped[:3])
    assert not [e for e in entries if "locked" in e.get("message", "")]

    # 2. they really collided, and each collision was reported to the desk that lost
    conflicts = [e for e in entries if e["outcome"] == "conflict"]
    assert conflicts, f"no conflicts in {by_outcome}: the desks never raced"
    assert all(e["code"] in shared for e in conflicts), "a conflict on a seat one desk owns"
    with Store(start) as store:
        names = {code: dk.load_sheet(store, code).name for code in shared}
    for e in conflicts:
        assert names[e["code"]] in e["message"] and "changed" in e["message"], e
    refusals = Counter(e["type"] for e in entries if e["outcome"] == "refused")
    assert set(refusals) <= {"DeskRefusal", "FourEyesRefusal"}, refusals

    # 3. no lost update: each accepted save built on the version its desk saw ...
    accepted = assert_no_lost_update(entries, ops, shared + own["north"] + own["south"])
    # ... and is in the file with its one audit entry; refused ones wrote none
    assert desk_audit(db) == Counter((op["code"], op["action"], op["user"], op["version"])
                                     for op in accepted)
    assert dbcheck.integrity(db) == "ok"
    assert dbcheck.half_saved(db) == []

    # 4. the same as doing the accepted operations one after another
    replay(start, accepted)
    assert dbcheck.seat_histories(db) == dbcheck.seat_histories(start)
    assert desk_audit(db) == desk_audit(start)
    with Store(db) as a, Store(start) as b:
        assert national_summary(a, include_provisional=True).to_json_dict() == \
            national_summary(b, include_provisional=True).to_json_dict()
    print(f"\n{2 * ops} operations: {dict(by_outcome)}; refusals {dict(refusals)}")


def test_two_desks_at_once(nominations_db, tmp_path):
    check_two_desks(nominations_db, tmp_path, ops=500, seed=1)


@pytest.mark.slow
@long_variant
def test_two_desks_at_once_long(nominations_db, tmp_path):
    check_two_desks(nominations_db, tmp_path, ops=scaled(500, 5000),
                    seed=random.randrange(2**31))


def test_replay_check_notices_a_lost_update(nominations_db, tmp_path):
    """The comparison can fail: a file missing one accepted save (as if the other desk's
    write had replaced it) differs from the replay of everything accepted."""
    start = tmp_path / "start.db"
    shutil.copyfile(nominations_db, start)
    complete = tmp_path / "complete.db"
    shutil.copyfile(nominations_db, complete)
    code = SHARED[0]
    with Store(nominations_db) as store:
        size = len(dk.load_sheet(store, code).candidates)
    accepted = [{"code": code, "user": user, "expected": n, "action": "declare",
                 "votes": [1000 + 10 * n + i for i in range(size)], "invalid": n,
                 "version": n + 1} for n, user in enumerate(("ann", "ann"))]
    replay(complete, accepted)
    replay(start, accepted[:1])  # the first desk's save only
    assert dbcheck.seat_histories(complete) != dbcheck.seat_histories(start)
    assert desk_audit(complete) != desk_audit(start)
