"""Helpers for tests of rehearsals and of the migrations around theirs."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from helpers.csv_tables import read_table, write_table
from resultsdesk.desk import rehearsal as rh
from resultsdesk.store import Store

REHEARSAL_OBJECTS = (
    "DROP INDEX rehearsal_seats_due", "DROP TABLE rehearsal_votes",
    "DROP TABLE rehearsal_seats", "DROP TABLE rehearsal",
    "DROP TRIGGER election_kind_at_creation", "DROP TRIGGER election_no_delete",
    "DROP TRIGGER election_kind_fixed", "ALTER TABLE election DROP COLUMN kind",
)


def undo_rehearsal_migration(conn: sqlite3.Connection) -> None:
    """Take a database back to before the rehearsal migration (user_version is the
    caller's), as a file written by the ResultsDesk before it would be."""
    for statement in REHEARSAL_OBJECTS:
        conn.execute(statement)


# The candidates' columns migration 13 added (each candidate's own party ids).
CANDIDATE_PARTY_IDS = ("party_mnis_id", "ec_party_id", "ec_adjunct_party_id")


def undo_candidate_party_ids_migration(conn: sqlite3.Connection) -> None:
    """Take a database back to before migration 13, the latest (user_version is the
    caller's)."""
    for column in CANDIDATE_PARTY_IDS:
        conn.execute(f"ALTER TABLE candidates DROP COLUMN {column}")


def undo_rehearsal_holders_migration(conn: sqlite3.Connection) -> None:
    """Take a database back to before migration 8 (who holds a rehearsal's clock), and the
    ones after it: 9 added columns to that table, 10 an index of the missed re-keys, 11 an
    index of the seats' names in any case, 12 an index of the audit entries' seats, 13 the
    candidates' own party ids."""
    undo_candidate_party_ids_migration(conn)
    conn.execute("DROP INDEX IF EXISTS audit_log_by_key")
    conn.execute("DROP INDEX IF EXISTS constituencies_by_name")
    conn.execute("DROP INDEX IF EXISTS audit_log_rekey_misses")
    conn.execute("DROP TABLE rehearsal_holders")


def undo_leaner_inserts_migration(conn: sqlite3.Connection) -> None:
    """Put back what migration 7 dropped (an index and a trigger), with the statements of
    the migrations that made them, as a file from before it has them."""
    from resultsdesk.store.schema import MIGRATIONS

    for step in (step for migration in MIGRATIONS[:6] for step in migration):
        if isinstance(step, str) and ("INDEX candidates_by_constituency" in step
                                      or "TRIGGER audit_log_no_replace" in step):
            conn.execute(step)


# --- rehearsals of the bundled 2019 night -----------------------------------------------------

HOC_2019 = {"Con": 365, "Lab": 202, "SNP": 48, "LD": 11, "DUP": 8, "SF": 7, "PC": 4,
            "SDLP": 2, "Green": 1, "Spk": 1, "APNI": 1}
GAINS_2019 = {"Con": 58, "SNP": 14, "LD": 3, "SDLP": 2, "APNI": 1, "Lab": 1, "SF": 1,
              "Spk": 1}
LOSSES_2019 = {"Lab": 61, "Con": 10, "LD": 4, "DUP": 2, "Ind": 1, "SF": 1, "SNP": 1,
               "Spk": 1}
MAJORITY_2019 = {"party": "Con", "at": "2019-12-13T05:05:00+00:00"}
WALL = datetime(2031, 5, 1, 20, 0, tzinfo=UTC)  # a fake wall clock's start


def file_order(constituencies: Path) -> list[str]:
    """The seats of a HoC by-constituency file in declaration-time order, ties in the
    file's order: read with the csv module, not ResultsDesk's reader."""
    with open(constituencies, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["Declaration time"].strip()]
    keyed = [(datetime.strptime(r["Declaration time"], "%d/%m/%Y %H:%M"), i, r["ONS ID"])
             for i, r in enumerate(rows)]
    return [code for _, _, code in sorted(keyed)]


def build(path: Path, **options) -> Path:
    results, constituencies, baseline = rh.bundled_night()
    rh.create_rehearsal(path, results, constituencies, baseline, name=rh.BUNDLED_NIGHT,
                        baseline_name=rh.BUNDLED_BASELINE,
                        baseline_constituencies=rh.bundled_baseline_constituencies(),
                        **options).close()
    return path


@pytest.fixture(scope="session")
def _watch_2019(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("rehearsal") / "watch-2019.db", speed=3600)


@pytest.fixture
def watch_db(_watch_2019, tmp_path) -> Path:
    """A private copy of a watch rehearsal of 2019 at speed 3600, not started."""
    dest = tmp_path / _watch_2019.name
    shutil.copyfile(_watch_2019, dest)
    return dest


@pytest.fixture
def watch_desk(watch_db):
    with Store(watch_db) as desk:
        yield desk


def replay(desk, wall: datetime, *, limit: int | None = None
           ) -> tuple[list[rh.Delivery], datetime]:
    """Step with a fake clock, jumping to each next due time, until finished (or `limit`
    deliveries); returns what was delivered and the wall time reached."""
    delivered: list[rh.Delivery] = []
    for _ in range(5_000):
        result = rh.step(desk, wall)
        delivered += result.delivered
        if result.finished or (limit is not None and len(delivered) >= limit):
            return delivered, wall
        nxt = result.next_due_wall
        assert nxt is not None, f"running but nothing due: {result.state}"
        wall = max(nxt, wall + timedelta(microseconds=1))
    raise AssertionError("the replay never finished")


def autumn_rehearsal(folder: Path) -> Path:
    """A rehearsal (not started) of three 2019 seats retimed onto the night BST ended
    (29 Oct 2023): 00:30 BST, 01:40 BST and 01:20 GMT (the last two written with their
    offsets: the HoC format alone cannot say which, and a time the clock showed twice is
    refused without one)."""
    results, constituencies, _ = rh.bundled_night()
    header, rows = read_table(constituencies)
    rows = rows[:3]
    times = ("29/10/2023 00:30", "2023-10-29T01:40:00+01:00", "2023-10-29T01:20:00+00:00")
    for row, when in zip(rows, times, strict=True):
        row[header.index("Declaration time")] = when
    seats = write_table(folder / "autumn-seats.csv", header, rows)
    cand_header, cand_rows = read_table(results)
    codes = {r[header.index("ONS ID")] for r in rows}
    code = cand_header.index("ONS ID")
    cands = write_table(folder / "autumn.csv", cand_header,
                        [r for r in cand_rows if r[code] in codes])
    path = folder / "autumn.db"
    rh.create_rehearsal(path, cands, seats, speed=60).close()
    return path
