"""The shape of a results import's writes on a file (`desk/local_imports.py`), never its time:
into a new database it reads the same few rows and sends the same statements whatever the
size of the file (ids are given as rows are inserted, so nothing it wrote is read back but
by its closing entry's one pass over what it records, `roll`, and no statement is sent per
seat), writing each table with one `insert_values` (statements of
50 rows each); the seals it works out from the values it inserts are those the stored rows
give; and a figure SQLite would store as something else than given stops it before
anything is written."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
from helpers.locations import GE2024, GE2024_SEATS
from helpers.rows_read import rows_read

from resultsdesk.desk import local_imports
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.backends import ImportPlan
from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_candidates, import_results
from resultsdesk.domain.errors import InternalError
from resultsdesk.store import audit_chain
from resultsdesk.store import declarations as sql
from resultsdesk.store import repository as repo


def _first_seats(source: Path, target: Path, seats: int) -> Path:
    """The rows of `source`'s first `seats` constituencies, with its header."""
    with source.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    codes = list(dict.fromkeys(row[0] for row in rows[1:]))[:seats]
    with target.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([rows[0], *(r for r in rows[1:] if r[0] in codes)])
    return target


def _table(sql: str) -> str:
    return re.search(r'INTO "?(\w+)', sql).group(1)


def _import_shape(path: Path, results: Path, constituencies: Path, monkeypatch):
    """What the import reads, but for the one pass its closing entry's `roll` makes over
    the parties, seats, ballot papers and baseline it records (all of them, by design:
    tests/store/test_audit_names.py), which is left out of `rows` and counted apart."""
    rolled: list[int] = []
    real = local_imports.roll
    with init_election(path, "Shape") as store, rows_read(store) as work, \
            monkeypatch.context() as patched:
        def roll(s, **kept):
            before = work.rows
            out = real(s, **kept)
            rolled.append(work.rows - before)
            return out

        patched.setattr(local_imports, "roll", roll)
        import_results(store, results, constituencies=constituencies)
    assert len(rolled) == 1  # once, after everything is written
    work.rows -= rolled[0]
    return work


def test_a_results_import_reads_nothing_back_and_sends_no_statement_per_seat(tmp_path,
                                                                            monkeypatch):
    small = _import_shape(tmp_path / "small.db",
                          _first_seats(GE2024, tmp_path / "c.csv", 12),
                          _first_seats(GE2024_SEATS, tmp_path / "k.csv", 12), monkeypatch)
    night = _import_shape(tmp_path / "night.db", GE2024, GE2024_SEATS, monkeypatch)
    assert night.rows == small.rows < 20  # the new database's (empty) tables, looked at once
    assert [sql for sql, _ in night.statements] == [sql for sql, _ in small.statements]
    assert [sql for sql, _ in night.batches] == [sql for sql, _ in small.batches]
    written = Counter(_table(sql) for sql, _ in night.batches)
    assert written == {"parties": 1, "party_mnis_ids": 1, "constituencies": 1,
                       "candidates": 1, "declarations": 1, "declaration_votes": 1,
                       "audit_log": 2}  # a seal per seat, then the import's own entry
    assert {_table(sql): n for sql, n in night.batches if "audit" not in sql} \
        == {"parties": 97, "party_mnis_ids": 98, "constituencies": 650,
            "candidates": 4515, "declarations": 650, "declaration_votes": 4515}


@pytest.mark.parametrize("before", ["new", "nominated", "declared"])
def test_the_seals_worked_out_are_those_of_the_rows_stored(tmp_path, before):
    """Into a new database, over nominations already recorded (their candidates read, not
    planned) and over verified results (each seat's second version, superseding the first)."""
    results = _first_seats(GE2024, tmp_path / "c.csv", 30)
    seats = _first_seats(GE2024_SEATS, tmp_path / "k.csv", 30)
    with init_election(tmp_path / "e.db", "Seals") as store:
        if before == "nominated":
            import_candidates(store, results, constituencies=seats)
        if before == "declared":
            import_results(store, results)
        import_results(store, results, constituencies=seats)
        entries = [(e["details"]["declaration_id"], e["details"]["figures_sha256"])
                   for e in sql.audit_entries(store) if e["action"] == "import declaration"]
        stored = audit_chain.seal_versions(store._conn, [i for i, _ in entries])
        assert entries[-30:] == [(i, stored[i]["figures_sha256"]) for i, _ in entries[-30:]]
        assert check_audit_chain(store).intact
        if before == "declared":
            assert sorted(repo.latest_versions(store).values()) == [2] * 30


@pytest.mark.parametrize(("field", "value"), [
    ("votes", [100, True]), ("votes", [100, "7"]), ("votes", [100, 7.0]),
    ("electorate", "70000"), ("invalid_votes", False), ("declared_at", 1720150000),
])
def test_a_figure_not_stored_as_given_stops_the_import(tmp_path, field, value):
    plan = ImportPlan(declarations=[{
        "code": "E14001063", "votes": [100, 50], "invalid_votes": 3, "electorate": 70_000,
        "declared_at": None, "overrides": [], "names": {"A": 100, "B": 50}, field: value}])
    with init_election(tmp_path / "e.db", "Types") as store, store.write(), \
            pytest.raises(InternalError, match="would not be stored as given"):
        local_imports.import_results(store, "import", "f.csv", plan)
