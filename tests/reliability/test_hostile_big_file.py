"""Hostile input, at size: a 100,000-row synthetic election (12,500 seats x 8) imports whole,
and a fault in its very last row is named by row and line with nothing written."""

from __future__ import annotations

import csv
import importlib.util
import time
from pathlib import Path

import pytest
from helpers import dbcheck
from helpers.hostile_files import COLUMNS, attempt
from helpers.locations import ROOT

from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_results
from resultsdesk.io.hoc_candidates import VOTES
from resultsdesk.store import Store

# --- a big file ---------------------------------------------------------------------------


def _synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" /
                                                  "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    """12,500 seats x 8 candidates: 100,000 rows."""
    return _synthetic().write_election(tmp_path_factory.mktemp("big") / "big.csv", 12_500, 8)


def test_hundred_thousand_rows_import(big_file, tmp_path):
    db = tmp_path / "big.db"
    init_election(db, "Synthetic").close()
    with big_file.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 100_000
    started = time.monotonic()
    with Store(db) as store:
        report = import_results(store, big_file)
    took = time.monotonic() - started
    assert (report.constituencies, report.candidates, report.declarations) == \
        (12_500, 100_000, 12_500)
    counts = dbcheck.counts(db)
    assert (counts["constituencies"], counts["candidates"], counts["declarations"],
            counts["declaration_votes"]) == (12_500, 100_000, 12_500, 100_000)
    assert counts["audit_log"] == 1 + 12_500 + 1  # created, each seat, the import
    conn = dbcheck.connect(db)
    assert conn.execute("SELECT sum(votes) FROM declaration_votes").fetchone()[0] == \
        sum(int(r[VOTES]) for r in rows)
    conn.close()
    assert dbcheck.integrity(db) == "ok"
    print(f"\n100,000 rows imported in {took:.1f} s")


def test_hundred_thousand_rows_with_the_last_one_broken(big_file, tmp_path):
    """The fault in the very last row is found, named by row and line, and nothing of the
    99,999 good rows before it is written."""
    data = big_file.read_bytes()
    last = data.rindex(b"\r\n", 0, len(data) - 2) + 2
    cells = data[last:].decode().rstrip("\r\n").split(",")
    cells[COLUMNS.index(VOTES)] = "-1"
    db = tmp_path / "big.db"
    init_election(db, "Synthetic").close()
    failure = attempt("results", db, data[:last] + ",".join(cells).encode() + b"\r\n",
                      name="big.csv")
    assert failure is not None
    assert "row 100000 (line 100001), column 'Votes': '-1' is negative" in str(failure)
