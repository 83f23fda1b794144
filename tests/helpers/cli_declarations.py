"""The declaration commands as a desk types them (`declare` and `verify` with --vote KEY=N, in
this process through helpers.cli.run), and what they leave behind: everything they may write,
a seat's sheet and audit actions, the summary as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.cli import run
from helpers.desk_state import snapshot as desk_snapshot
from helpers.seats import CLEAN, HENDON, PARTIES
from resultsdesk.desk import declarations as dk
from resultsdesk.store import Store


def votes(figures=CLEAN, keys=PARTIES) -> list[str]:
    args = []
    for key, n in zip(keys, figures, strict=True):
        args += ["--vote", f"{key}={n}"]
    return args


def snapshot(db: Path) -> tuple:
    """Everything a command may write, read from the file."""
    with Store(db) as store:
        return desk_snapshot(store)


def sheet(db: Path, code: str = HENDON) -> dk.SeatSheet:
    with Store(db) as store:
        return dk.load_sheet(store, code)


def summary(capsys, db: Path, *extra) -> dict:
    code, out, _ = run(capsys, "summary", "--db", db, "--json", *extra)
    assert code == 0
    return json.loads(out)


def seat_actions(db: Path, code: str = HENDON) -> list[tuple[str, str]]:
    with Store(db) as store:
        return [(a["user"], a["action"]) for a in dk.history(store, code).audit]


def declare(capsys, db, user="alice", figures=CLEAN, *extra, code=HENDON):
    return run(capsys, "declare", "--db", db, "--constituency", code, "--user", user,
               *votes(figures), *extra)


def verify(capsys, db, user="bob", figures=CLEAN, *extra, code=HENDON):
    return run(capsys, "verify", "--db", db, "--constituency", code, "--user", user,
               *votes(figures), *extra)
