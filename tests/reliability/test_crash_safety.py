"""Crash safety: a desk killed with SIGKILL at a random moment loses nothing it acknowledged
and leaves nothing half-saved.

Writers: tests/helpers/crash_writer.py (declare / verify / correct through the store API,
printing "ACK ..." after each commit returns) and the real command line,
`python -m resultsdesk declare|verify|correct`, whose success line is its acknowledgement;
also a results import killed part-way. After every kill:

- PRAGMA integrity_check is ok;
- every acknowledged save is there exactly once: its declarations row with those votes and
  its one audit_log entry;
- nothing half-saved: every declaration has a full set of votes for its seat's ballot,
  versions run 1..n, no audit entry without its declaration or the reverse.

Default run: 54 kills (36 of the API writer, 14 of the CLI, 4 of an import), ~25 s.
Full run (the slow variants, 10x as many kills, several minutes):

    RESULTSDESK_STRESS=1 python3 -m pytest tests/reliability/test_crash_safety.py \\
        -p no:cacheprovider

RESULTSDESK_STRESS=N multiplies the long variants' kills by N; add `-m slow` to run only them.
"""

from __future__ import annotations

import json
import os
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import dbcheck
from helpers.locations import GE2024, HELPERS
from helpers.scale import long_variant, scaled

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store

WRITER = HELPERS / "crash_writer.py"
ALL_WARNINGS = WARNING_CODES
# Seats across the four nations with 6 to 10 candidates, each name distinct on its ballot
# (the CLI keys votes by name): Hendon, Aberafan Maesteg, Aberdeen North, Belfast East,
# Bexhill and Battle, Aldershot.
SEATS = ("E14001279", "W07000081", "S14000060", "N05000001", "E14001088", "E14001063")
KILLS_PER_FILE = 40  # long runs start a fresh copy now and then, so seats stay small

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


@dataclass(frozen=True)
class Ack:
    action: str  # declare, correct, verify
    code: str
    version: int
    user: str
    votes: tuple[int, ...]


def parse_acks(out: str) -> list[Ack]:
    acks = []
    for line in out.splitlines():
        if line.startswith("ACK "):
            _, action, code, version, user, votes = line.split(" ", 5)
            acks.append(Ack(action, code, int(version), user, tuple(json.loads(votes))))
    return acks


def assert_whole(db: Path, acks: list[Ack], context: str) -> None:
    """The checks after every kill."""
    assert dbcheck.integrity(db) == "ok", context
    problems = dbcheck.half_saved(db)
    assert problems == [], f"{context}: half-saved state: {problems[:10]}"
    assert_acknowledged(db, acks, context)


def assert_acknowledged(db: Path, acks: list[Ack], context: str) -> None:
    """Each acknowledged save is in the file exactly once, as acknowledged."""
    conn = dbcheck.connect(db)
    try:
        for ack in acks:
            rows = dbcheck.declaration(conn, ack.code, ack.version)
            assert len(rows) == 1, f"{context}: acknowledged {ack} is in the file {len(rows)}x"
            (d,) = rows
            assert tuple(d["votes"]) == ack.votes, f"{context}: {ack} has votes {d['votes']}"
            entries = dbcheck.audit_entries(conn, ack.code, ack.action, ack.version)
            assert len(entries) == 1, f"{context}: {ack} has {len(entries)} audit entries"
            if ack.action == "verify":
                assert d["verified_by"] == ack.user, f"{context}: {ack} lost its verification"
                assert d["status"] in ("verified", "superseded"), f"{context}: {ack} {d}"
            else:
                assert d["entered_by"] == ack.user, f"{context}: {ack} entered by {d}"
                assert d["kind"] == ("declaration" if ack.action == "declare" else "correction")
                new = entries[0]["details"]["new"]["votes"]
                assert new == dict(zip(d["names"], ack.votes, strict=True)), \
                    f"{context}: the audit of {ack} says {new}"
    finally:
        conn.close()


def _read_line(proc: subprocess.Popen, timeout: float) -> str:
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        proc.kill()
        pytest.fail(f"the writer said nothing for {timeout} s: {proc.communicate()[1]}")
    return proc.stdout.readline()


def kill_api_writer(db: Path, rng: random.Random, window: float) -> list[Ack]:
    """Start the writer, wait for 0-2 of its acknowledgements (so kills land after saves
    have begun however slow the machine is), let it save for a further random moment,
    SIGKILL it; its acknowledgements."""
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(db), "--seats", ",".join(SEATS),
         "--seed", str(rng.randrange(2**31))],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: list[str] = []
    try:
        first = _read_line(proc, 60)
        assert first.strip() == "READY", f"writer failed to start: {first}{proc.stderr.read()}"
        for _ in range(rng.randint(0, 2)):
            seen.append(_read_line(proc, 60))
        time.sleep(rng.uniform(0, window))  # the random moment: the test's input, not a wait
        os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == -signal.SIGKILL, f"the writer stopped by itself: {err}"
    acks = parse_acks("".join(seen) + out)
    assert len(acks) >= len(seen), f"acknowledged {seen} but the writer's output lost them"
    return acks


def run_api_writer_kills(folder: Path, template: Path, kills: int, seed: int) -> None:
    rng = random.Random(seed)
    folder.mkdir()
    db = folder / "election.db"
    acks: list[Ack] = []
    saves = 0
    for i in range(kills):
        if i % KILLS_PER_FILE == 0:
            if acks:
                assert_whole(db, acks, f"all acknowledgements of file {i // KILLS_PER_FILE}")
            for leftover in folder.glob("election.db*"):
                leftover.unlink()
            shutil.copyfile(template, db)
            acks = []
        new = kill_api_writer(db, rng, window=0.25)
        saves += len(new)
        assert_whole(db, new, f"kill {i + 1} (seed {seed}), after {len(new)} acknowledged "
                              "saves")
        acks += new
    assert_whole(db, acks, "every acknowledgement since the last fresh copy")
    # kills landed after saves had begun (each run waits for 0-2 acknowledgements first,
    # so this holds on any machine): the test is not only killing start-ups
    assert saves > 0, f"no save acknowledged in {kills} runs"
    with Store(db) as store:  # the app opens what is left, and carries on
        assert dk.load_sheet(store, SEATS[0]).code == SEATS[0]


def test_store_api_writer_killed_at_random_moments(nominations_db, tmp_path):
    run_api_writer_kills(tmp_path / "api", nominations_db, kills=36, seed=20240704)


@pytest.mark.slow
@long_variant
def test_store_api_writer_killed_at_random_moments_long(nominations_db, tmp_path):
    run_api_writer_kills(tmp_path / "api", nominations_db, kills=scaled(36, 400),
                         seed=random.randrange(2**31))


# --- the command line -----------------------------------------------------------------------


CLI_ACK = {
    "declare": re.compile(r"version (\d+) \(.*\) saved as PROVISIONAL by (\S+);"),
    "verify": re.compile(r"version (\d+) VERIFIED by (\S+) "),
    "correct": re.compile(r"correction saved as version (\d+),"),
}


def next_cli_command(db: Path, rng: random.Random) -> tuple[str, str, str, list[int], list[str]]:
    """What a desk would type next on a random seat: (action, code, user, votes, argv)."""
    code = rng.choice(SEATS)
    with Store(db) as store:
        sheet = dk.load_sheet(store, code)
    pending = sheet.pending
    if pending is not None:
        action, user = "verify", "bob" if pending.entered_by == "ann" else "ann"
        votes, invalid = list(pending.votes), pending.invalid_votes
    else:
        action = "correct" if sheet.verified else "declare"
        user = rng.choice(("ann", "bob"))
        total = int((sheet.electorate or 70_000) * rng.uniform(0.3, 0.7))
        weights = [rng.random() + 0.01 for _ in sheet.candidates]
        votes = [int(total * w / sum(weights)) for w in weights]
        invalid = rng.randint(0, 300)
    argv = [action, "--db", str(db), "--constituency", code, "--user", user]
    argv += [f"--vote={c.name}={v}" for c, v in zip(sheet.candidates, votes, strict=True)]
    if invalid is not None:
        argv += ["--invalid", str(invalid)]
    if action != "verify":
        argv += [f"--override={w}" for w in ALL_WARNINGS]
    if action == "correct":
        argv += ["--reason", "returning officer's corrected sheet"]
    return action, code, user, votes, argv


def cli_ack(action: str, code: str, user: str, votes: list[int], out: str) -> Ack:
    match = CLI_ACK[action].search(out)
    assert match, f"{action} succeeded without saying so: {out!r}"
    if action != "correct":
        assert match.group(2) == user
    return Ack(action, code, int(match.group(1)), user, tuple(votes))


def run_cli_kills(db: Path, kills: int, seed: int) -> None:
    rng = random.Random(seed)
    python = [sys.executable, "-m", "resultsdesk"]
    acks: list[Ack] = []
    # calibrate: how long one command takes here, start-up included
    action, code, user, votes, argv = next_cli_command(db, rng)
    started = time.monotonic()
    done = subprocess.run([*python, *argv], capture_output=True, text=True, timeout=120)
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    acks.append(cli_ack(action, code, user, votes, done.stdout))
    killed = 0
    while killed < kills:
        action, code, user, votes, argv = next_cli_command(db, rng)
        proc = subprocess.Popen([*python, *argv], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        # most of a command's life is Python starting up; aim at its last part, where it
        # opens the file, saves and closes it
        time.sleep(rng.uniform(0.5 * took, 1.1 * took))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            killed += 1
        out, err = proc.communicate(timeout=120)
        if proc.returncode == 0:
            acks.append(cli_ack(action, code, user, votes, out))
        else:
            assert proc.returncode == -signal.SIGKILL, f"{argv[0]} failed: {err}"
        assert_whole(db, acks[-1:], f"seed {seed}, {killed} killed, {argv[:6]}")
    assert_whole(db, acks, "every acknowledged CLI save")
    # the next command after all those kills still works, and says so
    action, code, user, votes, argv = next_cli_command(db, rng)
    done = subprocess.run([*python, *argv], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert_whole(db, [*acks, cli_ack(action, code, user, votes, done.stdout)], "after")


def test_cli_killed_at_random_moments(nominations_db):
    run_cli_kills(nominations_db, kills=14, seed=20240705)


@pytest.mark.slow
@long_variant
def test_cli_killed_at_random_moments_long(nominations_db):
    run_cli_kills(nominations_db, kills=scaled(14, 150), seed=random.randrange(2**31))


# --- an import killed part-way -------------------------------------------------------------


def run_import_kills(db: Path, kills: int, seed: int) -> None:
    """`import results` of the whole 2024 file is one transaction: after a kill, all 650
    verified declarations are in, or none; never some."""
    rng = random.Random(seed)
    argv = [sys.executable, "-m", "resultsdesk", "import", "results", str(GE2024),
            "--db", str(db)]
    before = dbcheck.counts(db)
    copy = db.with_name("calibration.db")  # how long a whole import takes here
    shutil.copyfile(db, copy)
    started = time.monotonic()
    subprocess.run([*argv[:-1], str(copy)], capture_output=True, check=True, timeout=300)
    took = time.monotonic() - started
    imported = 0
    for i in range(kills):
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        time.sleep(rng.uniform(0.4 * took, 0.95 * took))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate(timeout=120)
        after = dbcheck.counts(db)
        assert dbcheck.integrity(db) == "ok"
        assert dbcheck.half_saved(db) == []
        versions = after["declarations"] - before["declarations"]
        assert versions % 650 == 0, f"kill {i + 1}: {versions} declarations half-imported"
        if proc.returncode == 0:  # finished before the kill: it said so
            assert "650 verified declarations" in out
        imported = versions // 650
        assert after["declaration_votes"] - before["declaration_votes"] == 4515 * imported


def test_import_killed_part_way_is_all_or_nothing(nominations_db):
    run_import_kills(nominations_db, kills=4, seed=20240706)


# --- the checks themselves -----------------------------------------------------------------


def test_the_checks_notice_half_saved_states(night_db):
    """The invariants above can fail: each kind of damage a torn write would leave is seen."""
    import sqlite3

    assert dbcheck.half_saved(night_db) == []
    conn = sqlite3.connect(night_db, isolation_level=None)
    for trigger in ("audit_log_no_delete", "audit_log_chained",  # only to fake the damage
                    "declaration_votes_no_delete"):
        conn.execute(f"DROP TRIGGER {trigger}")
    hendon = conn.execute("SELECT d.id FROM declarations d JOIN constituencies k "
                          "ON k.id = d.constituency_id WHERE k.code = 'E14001279'").fetchone()[0]
    conn.execute("DELETE FROM declaration_votes WHERE declaration_id = ? AND candidate_id = "
                 "(SELECT min(candidate_id) FROM declaration_votes WHERE declaration_id = ?)",
                 (hendon, hendon))
    conn.execute("DELETE FROM audit_log WHERE action = 'import declaration' "
                 "AND entity_key = 'W07000081'")
    conn.execute("INSERT INTO audit_log (at, user, action, entity, entity_key, details) "
                 "VALUES ('now', 'x', 'declare', 'constituency', 'S14000060', "
                 "'{\"version\": 7}')")
    conn.close()
    problems = "\n".join(dbcheck.half_saved(night_db))
    assert "E14001279 v1: 7 vote rows" in problems
    assert "W07000081 v1 (declaration): 0 audit entries" in problems
    assert "'declare' for S14000060 v7 (1x) has no declaration" in problems
    with pytest.raises(AssertionError, match="in the file 0x"):
        assert_acknowledged(night_db, [Ack("declare", "E14001063", 2, "ann", (1,))], "test")
    with pytest.raises(AssertionError, match="has votes"):
        assert_acknowledged(night_db, [Ack("declare", "E14001063", 1, "ann", (1,))], "test")
