"""The shape of the server's own work for a read (not its time): how often a blind view asks
who the session is, and how a name's skeleton finds its characters. Counted by the server
for the current transaction (pg_stat_xact_*), which no load moves."""

from __future__ import annotations

import psycopg
from helpers.pg_election import SEAT, TIE_SEAT

from resultsdesk.store.postgres import calls

# What each blind view's rows are read with: every column, so every masked one is worked out.
VIEW_READS = ("SELECT * FROM resultsdesk_view.declarations",
              "SELECT * FROM resultsdesk_view.declaration_votes",
              "SELECT * FROM resultsdesk_view.latest_declarations")


def _session_questions(pg_election, who: str) -> dict[str, int]:
    """Calls of the two session questions while `who` reads every blind view once, in one
    transaction of a superuser's connection acting as `who` (session_user is who the views
    ask about)."""
    with psycopg.connect(pg_election.admin_url) as conn:
        conn.execute("SET track_functions = 'all'")
        conn.execute(f"SET SESSION AUTHORIZATION {pg_election.user(who)}")
        for sql in VIEW_READS:
            conn.execute(sql).fetchall()
        counts = dict(conn.execute(
            "SELECT funcname, calls FROM pg_stat_xact_user_functions "
            "WHERE funcname IN ('rd_sees_all_pending', 'rd_session_disabled')").fetchall())
        conn.rollback()
    return counts


def test_blind_views_ask_who_the_session_is_once_per_statement_not_per_row(pg_election):
    """bob (desk) reads views holding alice's figures that nobody verified: with one seat's
    figures hidden or two (more rows, more votes), the views ask the same number of times.
    Before migration 45 they asked once for each hidden vote and each masked column of
    each hidden row (~0.3 ms a question; a seat's versions took ~60 ms on a busy night)."""
    alice = pg_election.connect("alice")
    calls.declare(alice, SEAT, [20_000, 15_000, 5_000], 120, overrides=["recount_range"])
    one = _session_questions(pg_election, "bob")
    calls.declare(alice, TIE_SEAT, [400, 300], 5)
    two = _session_questions(pg_election, "bob")
    assert one == two
    assert one["rd_sees_all_pending"] <= 2 * len(VIEW_READS) + 8 * 2, one


def test_a_names_skeleton_looks_each_character_up_by_its_key(pg_election):
    """The four-eyes comparison of two names reads the look-alike tables by their keys,
    never whole (some 7,700 and 6,300 rows once prepared): before migration 44 every
    skeleton read and hashed both, ~20 ms a comparison, paid by every verification."""
    with psycopg.connect(pg_election.admin_url) as conn:
        same = conn.execute("SELECT resultsdesk.rd_same_user('Kate', 'КАТЕ')"
                            ).fetchone()[0]
        scans = {name: (seq, idx) for name, seq, idx in conn.execute(
            "SELECT relname, seq_scan, idx_scan FROM pg_stat_xact_user_tables "
            "WHERE relname IN ('name_skeletons', 'name_prototypes')")}
        conn.rollback()
    assert same is True
    assert {name: seq for name, (seq, _) in scans.items()} == {
        "name_skeletons": 0, "name_prototypes": 0}, scans
    assert all(idx > 0 for _, idx in scans.values()), scans


def test_an_import_leaves_the_planner_figures_for_the_night_it_made(pg_election):
    """The tables an import filled are sampled before it commits (migration 47): the
    planner counts the night's rows at once, not the empty night's until autovacuum comes
    round (a summary right after importing the 2024 night was planned for a handful of
    rows and took ~200 ms). Only the imports' wrappers may be called: their bodies are
    nobody's."""
    ann = pg_election.connect("ann")
    calls.import_results(ann, "r.csv", {"declarations": [
        {"code": SEAT, "votes": [20_000, 15_000, 5_000], "invalid_votes": 120}]})
    with psycopg.connect(pg_election.admin_url) as conn:
        planned = dict(conn.execute(
            "SELECT relname, reltuples::bigint FROM pg_class WHERE relnamespace = "
            "'resultsdesk'::regnamespace AND relname IN ('declarations', 'declaration_votes')"
        ).fetchall())
        assert planned == {"declarations": 1, "declaration_votes": 3}
        for body in ("rd_import_results_046(text, jsonb)",
                     "rd_import_candidates_046(text, jsonb)",
                     "rd_import_baseline_046(text, text, jsonb)"):
            for who in ("ann", "alice"):
                assert conn.execute("SELECT has_function_privilege(%s, %s, 'EXECUTE')",
                                    (pg_election.user(who), f"resultsdesk.{body}")
                                    ).fetchone() == (False,), (who, body)
