"""On the PostgreSQL store too, an election is live or a rehearsal for its whole life: the
server refuses any change of its kind, even from the database's owner or a superuser."""

from __future__ import annotations

import psycopg
import pytest

from resultsdesk.store.postgres import errors


def test_a_prepared_election_is_live_for_its_whole_life(pg_election):
    admin = pg_election.admin()  # the superuser: triggers hold for it as for anyone
    assert admin.execute("SELECT kind FROM resultsdesk.election").fetchone() == ("live",)
    refusals = (
        "UPDATE resultsdesk.election SET kind = 'rehearsal'",
        "DELETE FROM resultsdesk.election",
        "TRUNCATE resultsdesk.election",
    )
    for statement in refusals:
        with pytest.raises(psycopg.Error, match="whole life") as info:
            admin.execute(statement)
        assert info.value.sqlstate == errors.RECORD_FIXED
    # a rehearsal is made as one from the start, never over an election's data
    admin.execute("ALTER TABLE resultsdesk.election DISABLE TRIGGER election_no_delete")
    admin.execute("DELETE FROM resultsdesk.election")
    with pytest.raises(psycopg.Error, match="whole life"):
        admin.execute("INSERT INTO resultsdesk.election (id, name, created_at, kind) "
                      "VALUES (1, 'x', 'y', 'rehearsal')")
    admin.execute("INSERT INTO resultsdesk.election (id, name, created_at) "
                  "VALUES (1, 'Test election', 'y')")  # live again, as it was
    assert admin.execute("SELECT kind FROM resultsdesk.election").fetchone() == ("live",)


def test_desks_cannot_touch_the_kind(pg_election):
    alice = pg_election.connect("alice")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        alice.execute("UPDATE resultsdesk.election SET kind = 'rehearsal'")
