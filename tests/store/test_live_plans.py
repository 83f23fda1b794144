"""The live views' change queries on SQLite are planned on the `change_seq` index: one
changed seat is found without walking every seat or every declaration (issue 15; the same on
PostgreSQL in tests/desk/test_live_shape.py). The plan's shape, never its time."""

from __future__ import annotations

import re

import pytest
from helpers.rows_read import rows_read

from resultsdesk.store import live as sql
from resultsdesk.store import repository as repo
from resultsdesk.store import timeline as times
from resultsdesk.store.declarations import candidates, find_constituency


def _plan(store, statement: str, params: tuple) -> list[str]:
    return [r[3] for r in store._conn.execute("EXPLAIN QUERY PLAN " + statement, params)]


@pytest.mark.parametrize("read", [
    lambda store, since: sql.changed_constituencies(store, since),
    lambda store, since: sql.seat_results(store, since, verified_only=True),
    lambda store, since: sql.seat_results(store, since, verified_only=False),
    lambda store, since: times.version_times(store, since),
    lambda store, since: sql.shown_and_counting(store, since)[0],
], ids=["seats", "verified figures", "shown figures", "version times", "shown and counting"])
def test_change_queries_search_the_change_index(night_store, read):
    with night_store.write():  # one seat changes (a recount called)
        night_store._conn.execute("UPDATE constituencies SET recount_under_way = 1 "
                                  "WHERE code = 'E14001279'")
    since = sql.current_seq(night_store) - 1
    with rows_read(night_store) as reads:
        result = read(night_store, since)
    assert list(result) and len(result) == 1  # Hendon alone
    selects = [(s, p) for s, p in reads.statements if s.lstrip().upper().startswith("SELECT")]
    assert selects
    for statement, params in selects:  # every query of the read (figures take two)
        plan = _plan(night_store, statement, params)
        assert re.match(r"SEARCH k USING (COVERING )?INDEX constituencies_by_change",
                        plan[0]), plan
        assert not [step for step in plan if step.startswith("SCAN")], plan


def test_results_of_every_seat_stay_in_code_order(night_store):
    """Without ORDER BY code in the SQL (it walked the code's index), the store still
    hands every reader the seats by code."""
    codes = [r.code for r in repo.seat_results(night_store)]
    assert codes == sorted(codes) and len(codes) == 650
    changed = [r["code"] for r in sql.changed_constituencies(night_store, -1)]
    assert changed == sorted(changed)


@pytest.mark.parametrize("read", [
    lambda store, seat: candidates(store, seat),
    lambda store, seat: repo.candidate_ids(store, seat),
], ids=["ballot paper", "candidate ids"])
def test_a_seats_candidates_are_found_in_ballot_order_by_their_unique_index(night_store, read):
    """Migration 7 dropped candidates_by_constituency: UNIQUE (constituency_id,
    ballot_order) finds a seat's candidates, already in ballot order (no sort)."""
    seat = night_store.scalar("SELECT id FROM constituencies WHERE code = 'E14001279'")
    with rows_read(night_store) as reads:
        assert len(read(night_store, seat)) == 8  # Hendon's ballot paper
    (statement, params), = reads.statements
    plan = _plan(night_store, statement, params)
    assert any(re.match(r"SEARCH c(andidates)? USING (COVERING )?INDEX "
                        r"sqlite_autoindex_candidates_1 \(constituency_id=\?\)", step)
               for step in plan), plan
    assert not [step for step in plan if "TEMP B-TREE" in step or step.startswith("SCAN")], plan


@pytest.mark.parametrize("key", ["E14001279", "e14001279", "Hendon", "HENDON", " hendon "])
def test_a_seat_is_found_by_an_index_of_its_code_or_name(night_store, key):
    """Every entry, verification and history opens its seat by code or name in any case:
    searched on an index of each (migration 11 on a file, as the server's schema always
    had), not by lowering every seat's name (~16 ms a lookup at 50,000 seats)."""
    with rows_read(night_store) as reads:
        row = find_constituency(night_store, key)
    assert row is not None and row["code"] == "E14001279"
    [(statement, params)] = reads.statements
    plan = _plan(night_store, statement, params)
    assert not [step for step in plan if step.startswith("SCAN")], plan
    assert any("constituencies_by_name" in step for step in plan), plan
