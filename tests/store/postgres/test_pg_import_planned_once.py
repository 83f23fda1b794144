"""The shape of a results import on a team server (not its time): no function it calls
once a seat is one the server plans again on every call. Counted by the server
(pg_stat_user_functions, with track_functions = 'all' on the election's database), which
no load moves.

A LANGUAGE sql function with a SET clause (every helper here SETs search_path) is never
inlined: the SQL function executor parses, analyses and plans its body each time the
statement calling it starts. The 2024 night's 650 seats called ten such helpers some
twenty times a seat (the lock, the change numbers, the latest version, the names and
keys, the warnings accepted, the audit entry and its seal of the figures), and planning
them was a quarter of the server's import: ~1.35 s, ~0.93 s once they were PL/pgSQL,
whose statements are planned once a session (migration 68)."""

from __future__ import annotations

import itertools

import psycopg
from helpers.sized_nights import synthetic

from resultsdesk.desk.imports import import_candidates, import_results
from resultsdesk.desk.session import open_desk
from resultsdesk.store.postgres import prepare

SEATS = 40
_numbers = itertools.count(1)


def _calls(admin_url: str) -> dict[str, tuple[int, str, bool]]:
    """Each of the election's functions called so far: (calls, language, has a SET)."""
    with psycopg.connect(admin_url) as conn:
        return {name: (calls, language, has_set) for name, calls, language, has_set in
                conn.execute(
                    "SELECT p.proname::text, s.calls, l.lanname, "
                    "       p.proconfig IS NOT NULL "
                    "FROM pg_stat_user_functions s JOIN pg_proc p ON p.oid = s.funcid "
                    "JOIN pg_language l ON l.oid = p.prolang "
                    "WHERE s.schemaname = 'resultsdesk'").fetchall()}


def test_an_import_plans_nothing_again_for_each_seat(pg_cluster, tmp_path):
    night = synthetic().write_election(tmp_path / "night.csv", SEATS)
    database = f"rd_import_planned_{next(_numbers)}"
    admin_url = pg_cluster.superuser_url(database)
    prepare(admin_url, "Synthetic night")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"ALTER DATABASE {database} SET track_functions = 'all'")
    with open_desk(admin_url) as desk:
        import_candidates(desk, night)
        import_results(desk, night)
        # flushed as the call returns, not at most a second later (PostgreSQL 15+)
        desk._execute("SELECT pg_stat_force_next_flush()")
    calls = _calls(admin_url)
    per_seat = {name: calls for name, (calls, _, _) in calls.items() if calls >= SEATS}
    # Counted at all: the import's loop, once, and the chain's trigger, once a seat.
    assert calls["rd_import_results_046"][0] == 1
    assert per_seat.get("rd_audit_chain", 0) >= SEATS
    planned_each_call = {name: n for name, n in per_seat.items()
                         if calls[name][1] == "sql" and calls[name][2]}
    assert not planned_each_call, planned_each_call
