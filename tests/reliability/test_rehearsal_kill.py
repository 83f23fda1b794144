"""A rehearsal driver killed with SIGKILL mid-replay loses nothing it delivered: each seat
is one transaction with its audit entry, the chain stays intact, and a new driver carries
on from there to the same end."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import dbcheck
from helpers import rehearsal as helper
from helpers.locations import HELPERS, ROOT
from helpers.rehearsal import HOC_2019, MAJORITY_2019, WALL, replay

from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.summary import national_summary
from resultsdesk.store import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
DRIVER = HELPERS / "rehearsal_driver.py"
_watch_2019, watch_db = helper._watch_2019, helper.watch_db


def _line(proc: subprocess.Popen, timeout: float = 60) -> str:
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        proc.kill()
        pytest.fail(f"the driver said nothing for {timeout} s: {proc.communicate()[1]}")
    return proc.stdout.readline()


def kill_after(db: Path, acks: int) -> list[tuple[int, str]]:
    """Run the driver, SIGKILL it once it has acknowledged `acks` seats; every seat it
    acknowledged (including any printed before the kill landed)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, str(DRIVER), str(db)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    seen: list[tuple[int, str]] = []
    try:
        first = _line(proc)
        assert first.strip() == "READY", f"{first}{proc.stderr.read()}"
        while len(seen) < acks:
            line = _line(proc)
            assert line.startswith("ACK "), f"{line!r}: {proc.stderr.read()}"
            _, position, code = line.split()
            seen.append((int(position), code))
        os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == -signal.SIGKILL, f"the driver stopped by itself: {err}"
    for line in out.splitlines():
        if line.startswith("ACK "):
            _, position, code = line.split()
            seen.append((int(position), code))
    return seen


def assert_delivered_whole(db: Path, acks: list[tuple[int, str]]) -> int:
    """Every acknowledged seat is delivered once, with its verified declaration and its one
    audit entry; nothing is delivered without them, nor declared without delivery."""
    assert dbcheck.integrity(db) == "ok"
    assert dbcheck.half_saved(db) == []
    conn = dbcheck.connect(db)
    try:
        delivered = {r["position"]: r for r in conn.execute(
            "SELECT s.position, k.code, s.declaration_id, d.status, d.declared_at = "
            "s.declared_at AS same_time FROM rehearsal_seats s "
            "JOIN constituencies k ON k.id = s.constituency_id "
            "LEFT JOIN declarations d ON d.id = s.declaration_id "
            "WHERE s.delivered_at IS NOT NULL")}
        for position, code in acks:
            assert position in delivered and delivered[position]["code"] == code
        assert list(delivered) == list(range(1, len(delivered) + 1))  # in plan order
        assert all(r["status"] == "verified" and r["same_time"] for r in delivered.values())
        declarations = conn.execute("SELECT count(*) FROM declarations").fetchone()[0]
        entries = conn.execute("SELECT count(*) FROM audit_log WHERE action = "
                               "'import declaration'").fetchone()[0]
        assert declarations == entries == len(delivered)
        return len(delivered)
    finally:
        conn.close()


def test_a_driver_killed_mid_replay_loses_nothing(watch_db):
    rng = random.Random(14)
    total = 0
    for acks in sorted(rng.sample(range(20, 600), 3)):
        seen = kill_after(watch_db, acks - total)
        total = assert_delivered_whole(watch_db, seen)
        assert total >= acks
        with Store(watch_db) as desk:
            assert check_audit_chain(desk).intact
    with Store(watch_db) as desk:  # a new driver finishes the night
        rh.start(desk, WALL)
        rest, _ = replay(desk, WALL)
        assert total + len(rest) == 650
        summary = national_summary(desk).to_json_dict()
        assert summary["seats"] == HOC_2019
        assert summary["majority_reached"] == MAJORITY_2019
        assert check_audit_chain(desk).intact
    assert assert_delivered_whole(watch_db, []) == 650
