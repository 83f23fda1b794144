"""What the server itself enforces of the re-key limit and of the log's order (migration
41), and that an import's entry says what it stored (migration 42), whatever a client
sends: these calls go to the server's functions directly, past every check of the desk's."""

from __future__ import annotations

import json

import psycopg
import pytest
from helpers.pg_chain import check_chain
from helpers.pg_election import SEAT, TIE_SEAT

from resultsdesk.store.postgres import PrepareError, calls, errors, prepare

VOTES = [20_000, 15_000, 5_000]


def _refused(sqlstate: str):
    return pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == sqlstate)


def _entries(conn: psycopg.Connection) -> int:
    return conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def test_the_server_refuses_a_fourth_try_whatever_the_client(pg_election):
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    ann = pg_election.connect("ann")
    calls.declare(alice, SEAT, VOTES, 120)
    for guess in (1, 2, 3):
        assert not calls.verify(bob, SEAT, [20_000 + guess, 15_000, 5_000], 120).verified
    before = _entries(bob)
    with _refused(errors.FOUR_EYES) as refused:
        calls.verify(bob, SEAT, VOTES, 120)  # the right figures: refused all the same
    assert "3 times without a match" in errors.message(refused.value)
    assert _entries(bob) == before
    # the body it wraps is nobody's to call
    with _refused("42501"):
        bob.execute("SELECT * FROM resultsdesk.rd_verify_039(%s, %s::integer[], 120)",
                    (SEAT, VOTES))
    assert calls.verify(ann, SEAT, VOTES, 120).verified


def test_tries_taken_back_answer_nothing_and_count(pg_election):
    """A verifier who rolls back each try left no entry, and each answer said whether it
    matched: the right figure found by trying 20,000 +- 50 in turn. Now, after a try taken
    back, a try verifies nothing whatever its figures (every field marked), and once one is
    recorded the tries it records count against the version."""
    alice = pg_election.connect("alice")
    bob = pg_election.connect("bob", autocommit=False)
    calls.declare(alice, SEAT, VOTES, 120)
    answers = set()
    for guess in range(19_950, 20_051):  # 20,000 among them
        outcome = calls.verify(bob, SEAT, [guess, 15_000, 5_000], 120)
        assert not outcome.verified, f"{guess} verified after tries taken back"
        if guess > 19_950:
            answers.add(outcome.differences)
        bob.rollback()
    assert answers == {("votes:0", "votes:1", "votes:2", "invalid", "electorate")}
    # recorded at last (committed): the 101 tries it follows count, so no more tries
    assert not calls.verify(bob, SEAT, VOTES, 120).verified
    bob.commit()
    with _refused(errors.FOUR_EYES):
        calls.verify(bob, SEAT, VOTES, 120)
    bob.rollback()
    assert calls.verify(pg_election.connect("ann"), SEAT, VOTES, 120).verified


def test_a_server_that_died_and_came_back_counts_no_try_taken_back(pg_election, pg_cluster):
    """bob misses a re-key of alice's entry (a typo), and the server dies (power lost, a
    failover) before anyone checkpointed. It came back with bob's count of tries 32 ahead
    (`nextval` logs a sequence that far ahead): his re-key of another seat was refused
    ("took back a re-key of version 1 ... re-key that version again first"), and his right
    figures for the first were answered as differing in every field, recording 31 tries
    taken back, so he could never try it again. Now the count is what it was."""
    e = pg_election
    alice, bob = e.connect("alice"), e.connect("bob")
    calls.declare(alice, SEAT, VOTES, 120)
    assert calls.verify(bob, SEAT, [20_001, 15_000, 5_000], 120).differences == ("votes:0",)
    pg_cluster.restart()  # killed (no shutdown checkpoint), then started again
    alice, bob = e.connect("alice"), e.connect("bob")
    calls.declare(alice, TIE_SEAT, [500, 400], 10)
    assert calls.verify(bob, TIE_SEAT, [500, 400], 10).verified
    assert calls.verify(bob, SEAT, VOTES, 120).verified
    undone = bob.execute("SELECT details::jsonb ->> 'undone' FROM audit_log "
                         "WHERE action LIKE 'verify%'").fetchall()
    assert undone == [(None,)] * 3  # no entry records a try taken back


def test_a_prepare_stopped_after_migration_41_leaves_its_old_body_to_nobody(pg_cluster,
                                                                            monkeypatch):
    from resultsdesk.store.postgres import preparation as module

    shipped = module.migrations()
    assert shipped[40][1] == "041_rekey_tries_and_entries_in_order.sql"
    database = "rd_stopped_41"
    admin_url = pg_cluster.superuser_url(database)
    monkeypatch.setattr(module, "migrations", lambda: shipped[:40])
    prepare(admin_url, "Before")  # schema 40: verify granted to desk staff
    broken = (42, "042_broken.sql", "SELECT no_such_function()")
    monkeypatch.setattr(module, "migrations", lambda: [*shipped[:41], broken])
    with pytest.raises((PrepareError, psycopg.Error)):
        prepare(admin_url, "Before")  # 41 commits, then the run stops: no grants step
    with psycopg.connect(admin_url, autocommit=True) as admin:
        assert admin.execute("SELECT max(version) FROM resultsdesk.schema_version"
                             ).fetchone() == (41,)
        granted = admin.execute(
            "SELECT has_function_privilege(%s, 'resultsdesk.rd_verify_039(text, integer[], "
            "integer, integer, integer, integer)', 'EXECUTE')", (f"{database}_desk",)
        ).fetchone()[0]
    assert granted is False


def test_an_entry_begun_before_the_newest_is_refused_to_be_begun_again(pg_election):
    alice = pg_election.connect("alice", autocommit=False)
    bob = pg_election.connect("bob")
    began = alice.execute("SELECT now()").fetchone()[0]  # alice's transaction begins
    # the server's clock passes into the next second (not a guess at how long: it waits
    # until then), and bob writes an entry there
    bob.execute("SELECT pg_sleep_until(date_trunc('second', %s::timestamptz) "
                "+ interval '1.05 second')", (began,))
    calls.declare(bob, TIE_SEAT, [400, 300], 3)
    with _refused(errors.SERIALIZATION_FAILURE):
        calls.declare(alice, SEAT, VOTES, 120)  # would be stamped before bob's entry
    alice.rollback()
    assert calls.declare(alice, SEAT, VOTES, 120) == 1  # begun again: after it
    alice.commit()
    times = [r[0] for r in alice.execute("SELECT at FROM audit_log ORDER BY id")]
    assert times == sorted(times)
    assert check_chain(pg_election.connect("eve")) >= 2


def test_a_clock_put_back_stops_no_desk(pg_election):
    admin = pg_election.admin()
    # an entry from a clock that ran ahead (then was put right): later than the server's
    admin.execute("INSERT INTO resultsdesk.audit_log (at, \"user\", action, entity, "
                  "entity_key, details, prev_hash, hash) VALUES ('2999-01-01T00:00:00+00:00',"
                  " session_user, 'audit note', 'election', '', '{}', '', '')")
    alice = pg_election.connect("alice")
    assert calls.declare(alice, SEAT, VOTES, 120) == 1


def _stored_entry(conn: psycopg.Connection) -> dict:
    return json.loads(conn.execute(
        "SELECT details FROM audit_log WHERE action = 'import declaration' "
        "ORDER BY id DESC LIMIT 1").fetchone()[0])


def test_an_import_entry_names_the_figures_stored_not_the_ones_sent(pg_election):
    ann = pg_election.connect("ann")
    names = [r[0] for r in ann.execute(
        "SELECT btrim(c.first_name || ' ' || c.surname) FROM resultsdesk.candidates c "
        "JOIN resultsdesk.constituencies k ON k.id = c.constituency_id WHERE k.code = %s "
        "ORDER BY c.ballot_order", (SEAT,))]
    # on air 20,000 / 15,000 / 5,000; the words sent claim another result
    calls.import_results(ann, "results.csv", {"declarations": [
        {"code": SEAT, "votes": VOTES, "invalid_votes": 3,
         "names": {names[0]: 1, names[1]: 99_999, names[2]: 5_000},
         "tie_winner_name": "Nobody Drawn"}]})
    entry = _stored_entry(ann)
    assert entry["votes"] == dict(zip(names, VOTES, strict=True))
    assert "winner" not in entry  # no lot was stored
    # an honest entry is kept as it was sent, the file's own spacing too
    sent = {n.replace(" ", "  ", 1): v for n, v in zip(names, VOTES, strict=True)}
    assert list(sent) != names
    calls.import_results(ann, "again.csv", {"declarations": [
        {"code": SEAT, "votes": VOTES, "invalid_votes": 3, "names": sent}]})
    assert _stored_entry(ann)["votes"] == sent
    # the stored figures, but swapped between the names: rewritten too
    swapped = {names[0]: VOTES[1], names[1]: VOTES[0], names[2]: VOTES[2]}
    calls.import_results(ann, "swapped.csv", {"declarations": [
        {"code": SEAT, "votes": VOTES, "invalid_votes": 3, "names": swapped}]})
    assert _stored_entry(ann)["votes"] == dict(zip(names, VOTES, strict=True))
    assert check_chain(pg_election.connect("eve")) >= 6


@pytest.mark.parametrize("name", ["Base\x1b[31mRED", "evil\u202etxt.csv", "\u3164",
                                  "N" * 201])
def test_the_server_refuses_a_baseline_name_the_desk_refuses(pg_election, name):
    """An admin's own client past the desk's title_problem (migration 43)."""
    ann = pg_election.connect("ann")
    before = _entries(ann)
    with _refused(errors.DESK_RULE) as refused:
        calls.import_baseline(ann, "b.csv", name, {"rows": [], "parties": []})
    assert "name" in errors.message(refused.value)
    assert _entries(ann) == before
