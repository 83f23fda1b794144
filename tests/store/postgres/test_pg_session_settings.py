"""A session's own settings against the server's rules: any account may SET what PostgreSQL
lets every user set, and a function's body written as a string is parsed in the caller's
session. With `standard_conforming_strings = off` a backslash in a plain literal is an
escape, so the dot-above rule of the server's name skeleton read '\\u0315' as 'u0315' and
'\\1' as '1': `ali̇ce` (U+0307 on the i) was no longer alice, for four eyes, in that
session only. Each attack here is made as it was."""

from __future__ import annotations

import psycopg
import pytest
from helpers.pg_election import SEAT

from resultsdesk.store.postgres import RoleNames, calls, errors

VOTES = [20_000, 15_000, 5_000]
OFF = "SET standard_conforming_strings = off"


def _dotted(name: str) -> str:
    """`name` with a dot above its first i, drawn as the i's own dot (README, Accounts)."""
    return name.replace("i", "i\u0307", 1)


def test_a_look_alike_without_standard_strings_verifies_nothing_of_its_twin(pg_election):
    """An account `ali̇ce` an older server let an admin make beside alice (made here as that
    server did: the role and its row, no look-alike check) turned the setting off in its
    own session and verified alice's entry: four eyes must hold whatever the session set."""
    alice = pg_election.user("alice")
    twin = _dotted(alice)
    roles = RoleNames.for_database(pg_election.database)
    admin = pg_election.admin()
    admin.execute(f'CREATE ROLE "{twin}" LOGIN PASSWORD \'pw twin\' IN ROLE "{roles.desk}"')
    admin.execute(f'SET ROLE "{roles.owner}"')  # its tries' counts are the owner's
    admin.execute("INSERT INTO resultsdesk.accounts (name, name_key, role, created_at, "
                  "created_by) VALUES (%s, lower(%s), 'desk', '2024-07-04T22:00:00+00:00', "
                  "'postgres')", (twin, twin))
    admin.execute("RESET ROLE")
    calls.declare(pg_election.connect("alice"), SEAT, VOTES, 120)
    url = pg_election.cluster.url(twin, "pw twin", pg_election.database)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(OFF)
        with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.FOUR_EYES):
            calls.verify(conn, SEAT, VOTES, 120)
    status = admin.execute("SELECT status FROM resultsdesk.declarations").fetchall()
    assert status == [("provisional",)]


def test_no_function_reads_its_backslashes_as_the_session_says(pg_election):
    """Every function of the schema whose source holds a backslash parses it the one way:
    standard_conforming_strings is pinned on it, as search_path is."""
    unpinned = pg_election.admin().execute(
        "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n "
        "ON n.oid = p.pronamespace WHERE n.nspname LIKE 'resultsdesk%%' "
        "AND strpos(p.prosrc, chr(92)) > 0 AND p.prosqlbody IS NULL "
        "AND NOT coalesce('standard_conforming_strings=on' = ANY (p.proconfig), false) "
        "ORDER BY 1").fetchall()
    assert unpinned == []
