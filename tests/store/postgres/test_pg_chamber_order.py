"""Migration 60: the server saves a chamber order only on the order its editor started from
(`p_expected`), whatever the client checked: an order another admin saved meanwhile is
refused (RD001, who and when), not overwritten; parties added since are not a change."""

from __future__ import annotations

import re

import psycopg
import pytest
from helpers.pg_election import NOMINATIONS

from resultsdesk.store.postgres import SCHEMA_VERSION, calls, errors, prepare

STARTED = ["LAB", "LD", "CON"]  # the nominations' order (10, 30, 50)


def _order(conn: psycopg.Connection) -> list[str]:
    return [a for (a,) in conn.execute("SELECT abbreviation FROM parties "
                                       "ORDER BY political_order, abbreviation")]


def _entries(conn: psycopg.Connection) -> int:
    return conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def test_an_order_saved_meanwhile_is_refused_by_the_server(pg_election):
    ann, other = pg_election.connect("ann"), pg_election.add("ann2", "admin")
    theirs = pg_election.connect("ann2")
    assert _order(ann) == STARTED
    calls.set_political_order(theirs, ["CON", "LD", "LAB"], expected=STARTED)
    before = _entries(ann)
    with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.CONFLICT) as no:
        calls.set_political_order(ann, ["LD"], expected=STARTED)
    assert re.fullmatch(rf"{other} changed the chamber order at \d\d:\d\d:\d\d while you "
                        "were editing it, so yours was not saved.", errors.message(no.value))
    assert (_order(ann), _entries(ann)) == (["CON", "LD", "LAB"], before)
    assert calls.set_political_order(ann, ["LD"], expected=["CON", "LD", "LAB"]) == 3
    assert _order(ann) == ["LD", "CON", "LAB"]
    assert calls.set_political_order(ann, ["LAB"]) == 3  # none expected: no check, as before


def test_a_party_added_since_is_no_change(pg_election):
    ann = pg_election.connect("ann")
    calls.import_baseline(ann, "b.csv", "Baseline", {
        "parties": [{"abbreviation": "GRN", "name": "Green", "colour": "#02a95b",
                     "political_order": 20}], "rows": []})
    assert _order(ann) == ["LAB", "GRN", "LD", "CON"]
    calls.set_political_order(ann, ["CON", "LAB", "LD"], expected=STARTED)
    assert _order(ann) == ["CON", "LAB", "LD", "GRN"]


def test_one_function_and_its_grant_after_the_upgrade(pg_cluster, monkeypatch):
    """A database at schema 59 with an order already set: set_political_order is wrapped,
    one signature (no overload an old call lands on), admins may call it, and nobody the
    body it wraps."""
    from resultsdesk.store.postgres import preparation as module

    shipped = module.migrations()
    assert [name for _, name, _ in shipped][59] == "060_chamber_order_on_the_one_seen.sql"
    database = "rd_upgrade_59"
    admin_url = pg_cluster.superuser_url(database)
    monkeypatch.setattr(module, "migrations", lambda: shipped[:59])
    prepare(admin_url, "Before")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        calls.import_candidates(admin, "n.csv", NOMINATIONS)
        calls.add_user(admin, f"{database}_ann", "admin", "ann pw")
        admin.execute("SELECT resultsdesk.set_political_order(ARRAY['CON'])")  # as before
    monkeypatch.setattr(module, "migrations", lambda: shipped)
    report = prepare(admin_url, "Before")
    assert (report.version_before, report.version_after) == (59, SCHEMA_VERSION)
    assert prepare(admin_url, "Before").version_after == SCHEMA_VERSION  # again: no change
    with psycopg.connect(pg_cluster.url(f"{database}_ann", "ann pw", database),
                         autocommit=True) as ann:
        assert ann.execute("SELECT count(*) FROM pg_proc p JOIN pg_namespace n "
                           "ON n.oid = p.pronamespace WHERE n.nspname = 'resultsdesk' "
                           "AND p.proname = 'set_political_order'").fetchone() == (1,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ann.execute("SELECT resultsdesk.rd_set_political_order_005(ARRAY['LD'])")
        with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.CONFLICT):
            calls.set_political_order(ann, ["LD"], expected=STARTED)
        assert calls.set_political_order(ann, ["LD"], expected=["CON", "LAB", "LD"]) == 3
        assert _order(ann) == ["LD", "CON", "LAB"]


def test_parties_of_one_rank_are_in_the_order_the_desk_reads_them(pg_election):
    """Ties on political_order broken by abbreviation, non-ASCII and case too: the server's
    order ("C") is Python's, so an order nobody changed is never refused."""
    ann = pg_election.connect("ann")
    tied = ["Zed", "abc", "Ébc", "ÅB", "LD2", "Łd"]
    calls.import_baseline(ann, "b.csv", "Baseline", {
        "parties": [{"abbreviation": a, "name": a, "colour": "#808080",
                     "political_order": 30} for a in tied], "rows": []})
    rows = ann.execute("SELECT abbreviation, political_order FROM parties").fetchall()
    started = [a for a, _ in sorted(rows, key=lambda r: (r[1], r[0]))]
    assert calls.set_political_order(ann, ["CON"], expected=started) == len(started)
