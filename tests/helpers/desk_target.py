"""One election on either store, for tests that must hold on both: `desk_target` is
parametrised over a SQLite file and a prepared PostgreSQL database on the throw-away
cluster (tests/helpers/pg_cluster.py), each with the same accounts (admin ann, desk staff
alice and bob, editor eve) and the same 2024 nominations of a few seats, imported through
the desk like any election's.

On a file the app signs people in, so one handle serves everyone and `user=` says who
acts; on a server each account has its own connection (`open("alice")`), which is who
acts. Tests write `t.open("alice")` and `user=t.name("alice")` and hold on both.
"""

from __future__ import annotations

import csv
import functools
import itertools
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from resultsdesk.desk import accounts as acc
from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_candidates
from resultsdesk.desk.session import Desk, open_desk
from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2024, data_file
from resultsdesk.store.postgres import prepare

ROLES = {"ann": "admin", "alice": "desk", "bob": "desk", "eve": "editor"}
FAST = acc.KdfParams(n=2 ** 10, r=8, p=1)  # the file's own password hashing, made quick
# Hendon (8 candidates), Beaconsfield (two independents), Aberafan Maesteg, Aberdeen North,
# Belfast East: three nations' ballot papers.
SEATS = ("E14001279", "E14001082", "W07000081", "S14000060", "N05000001")
ELECTION = "Team desk test"
PUSH_WITHIN_MS = 500  # the promise: a second desk sees a change within 0.5 s
_numbers = itertools.count(1)


@functools.cache
def _rows_for(source: Path, codes: tuple[str, ...]) -> tuple[list[str], tuple[dict, ...]]:
    """The header and the rows of `codes` in a bundled HoC file, read once a session (every
    election here is made from the same few seats)."""
    with source.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = tuple(r for r in reader if r["ONS ID"] in codes)
        return list(reader.fieldnames or ()), rows


def trimmed(source: Path, out: Path, codes: tuple[str, ...] = SEATS) -> Path:
    """The rows of a HoC file (by-candidate or by-constituency) for the given seats only."""
    fields, rows = _rows_for(source, tuple(codes))
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return out


@dataclass
class DeskTarget:
    kind: str  # "sqlite" or "postgresql"
    target: str | Path  # what --db is given (a URL names no user and no password)
    names: dict[str, str]
    passwords: dict[str, str]
    admin_target: str | Path = ""  # the server's administrator (prepare, imports)
    _open: list[Any] = field(default_factory=list)

    @property
    def on_server(self) -> bool:
        return self.kind == "postgresql"

    def name(self, short: str) -> str:
        return self.names[short]

    def open(self, short: str = "ann") -> Desk:
        """A desk handle for `short` (closed at the end of the test)."""
        if self.on_server:
            desk = open_desk(str(self.target), user=self.name(short),
                             password=self.passwords[short])
        else:
            desk = open_desk(self.target)
        self._open.append(desk)
        return desk

    def cli_env(self, short: str) -> dict[str, str]:
        """What a command line signing in as `short` has in its environment."""
        return {"RESULTSDESK_PASSWORD": self.passwords[short]}

    def close(self) -> None:
        for desk in self._open:
            desk.close()


def _nominate(desk: Desk, folder: Path, user: str | None,
              seats: tuple[str, ...] = SEATS) -> None:
    import_candidates(desk, trimmed(data_file(ELECTION_2024), folder / "candidates.csv",
                                    seats),
                      constituencies=trimmed(data_file(CONSTITUENCIES_2024),
                                             folder / "constituencies.csv", seats), user=user)


def sqlite_target(folder: Path) -> DeskTarget:
    path = folder / "desk.db"
    init_election(path, ELECTION).close()
    names = {short: short for short in ROLES}
    passwords = {short: f"{short} password" for short in ROLES}
    with open_desk(path) as desk:
        acc.add_account(desk, "ann", "admin", passwords["ann"], admin=None, kdf=FAST)
        for short in ("alice", "bob", "eve"):
            acc.add_account(desk, short, ROLES[short], passwords[short], admin="ann",
                            kdf=FAST)
        _nominate(desk, folder, "ann")
    return DeskTarget("sqlite", path, names, passwords, admin_target=path)


def copy_target(template: DeskTarget, folder: Path) -> DeskTarget:
    """A file target of the test's own: the folder `sqlite_target` made for `template`
    (the database and the trimmed files it imported), copied into `folder`."""
    for source in Path(template.target).parent.iterdir():
        shutil.copyfile(source, folder / source.name)
    path = folder / Path(template.target).name
    return DeskTarget("sqlite", path, dict(template.names), dict(template.passwords),
                      admin_target=path)


def server_target(cluster: Any, folder: Path, database: str | None = None,
                  seats: tuple[str, ...] = SEATS) -> DeskTarget:
    database = database or f"rd_desk_{next(_numbers)}"
    admin_url = cluster.superuser_url(database)
    prepare(admin_url, ELECTION)
    names = {short: f"{database}_{short}" for short in ROLES}
    passwords = {short: f"{short} pässword" for short in ROLES}
    with open_desk(admin_url) as desk:  # the server's administrator counts as an admin
        for short, role in ROLES.items():
            acc.add_account(desk, names[short], role, passwords[short], admin=None)
    url = f"postgresql://127.0.0.1:{cluster.port}/{database}"
    target = DeskTarget("postgresql", url, names, passwords, admin_target=admin_url)
    with target.open("ann") as desk:
        _nominate(desk, folder, names["ann"], seats)
    return target


@pytest.fixture(params=["sqlite", "postgresql"], name="desk_target")
def desk_target_fixture(request, tmp_path) -> Iterator[DeskTarget]:
    """The same small election on a file and on a server (accounts ann, alice, bob, eve).
    A test module imports `desk_target_fixture`; tests ask for `desk_target`."""
    if request.param == "sqlite":  # the same file every time: made once, copied per test
        target = copy_target(request.getfixturevalue("_sqlite_desk_target"), tmp_path)
    else:
        target = server_target(request.getfixturevalue("pg_cluster"), tmp_path)
    try:
        yield target
    finally:
        target.close()


@pytest.fixture(name="server")
def server_fixture(pg_cluster, tmp_path) -> Iterator[DeskTarget]:
    """The same small election on a server only, for what only a server does (a module
    imports `server_fixture`; tests ask for `server`)."""
    target = server_target(pg_cluster, tmp_path)
    try:
        yield target
    finally:
        target.close()


class Team:
    """alice and bob (desk staff), ann (admin) and eve (editor), each at a desk of their own
    on either store: `team.alice` is alice's handle, `team.name("alice")` the name she acts
    and is recorded under (on a server: her login role's)."""

    def __init__(self, target: DeskTarget) -> None:
        self.target = target
        self.alice, self.bob = target.open("alice"), target.open("bob")
        self.ann, self.eve = target.open("ann"), target.open("eve")

    def name(self, short: str) -> str:
        return self.target.name(short)

    def desk(self, short: str) -> Desk:
        return getattr(self, short)


@pytest.fixture(name="team")
def team_fixture(desk_target: DeskTarget) -> Team:
    """`desk_target`'s people at their desks (a module imports `team_fixture` with
    `desk_target_fixture`; tests ask for `team`)."""
    return Team(desk_target)
