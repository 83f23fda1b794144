"""Two (or more) desk processes started together on one election: the worker script
(tests/helpers/desk_worker.py) once per desk, released at the same moment, run to the end;
every operation they logged, read back. The file and the server concurrency tests share it."""

from __future__ import annotations

import json
import select
import subprocess
import sys
from collections import Counter
from pathlib import Path

WORKER = Path(__file__).resolve().parent / "desk_worker.py"


def run_desk_processes(commands: dict[str, list[str]], logs: Path, ops: int, *,
                       timeout: float = 600) -> list[dict]:
    """`commands` maps a desk's name to its worker arguments (after the script, without
    --log): each writes logs/<desk>.jsonl; returns every entry, having checked each desk
    logged all `ops` operations."""
    procs = {}
    for desk, args in commands.items():
        procs[desk] = subprocess.Popen(
            [sys.executable, str(WORKER), *args, "--log", str(logs / f"{desk}.jsonl")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for desk, proc in procs.items():
            ready, _, _ = select.select([proc.stdout], [], [], 60)
            line = proc.stdout.readline() if ready else ""
            assert line.strip() == "READY", f"{desk} desk did not start: {proc.stderr.read()}"
        for proc in procs.values():  # go
            proc.stdin.write("\n")
            proc.stdin.flush()
        for desk, proc in procs.items():
            out, err = proc.communicate(timeout=timeout)
            assert proc.returncode == 0 and "DONE" in out, f"{desk} desk failed: {err}"
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    entries = []
    for desk in procs:
        with (logs / f"{desk}.jsonl").open(encoding="utf-8") as fh:
            entries += [json.loads(line) for line in fh]
    assert len(entries) == len(procs) * ops
    return entries


def assert_no_lost_update(entries: list[dict], ops: int, codes: tuple[str, ...]) -> list[dict]:
    """The accepted operations, having checked each built on exactly the version its desk
    saw and every seat's versions run 1, 2, 3... with no gap: nothing overwrote anything."""
    accepted = [e for e in entries if e["outcome"] == "accepted"]
    assert len(accepted) > ops // 2, Counter(e["outcome"] for e in entries)
    for op in accepted:
        built_on = op["version"] - (op["action"] != "verify")
        assert op["expected"] == built_on, f"{op} saved over a version its desk never saw"
    for code in codes:
        made = sorted(op["version"] for op in accepted
                      if op["code"] == code and op["action"] != "verify")
        assert made == list(range(1, len(made) + 1)), f"{code}: versions {made}"
    return accepted
