"""An admin accepts a team desk's audit log as it stands (migration 62), after a PC's check
found gone from it the newest entry that PC saw: the server's database put back from a dump
by its administrator, which records no restore. The server writes the entry itself, and
refuses it to anyone but an admin, for a head that is no longer the newest, and for an entry
that is not gone."""

from __future__ import annotations

import json

import psycopg
import pytest

from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.audit_accept import accept_rewritten_log, rewrite_accepted
from resultsdesk.desk.audit_memory import check_remembering, recall, remember
from resultsdesk.desk.audit_text import trail_lines
from resultsdesk.desk.declarations import Conflict
from resultsdesk.desk.session import open_desk
from resultsdesk.domain.audit_chain import LOG_ACCEPTED
from resultsdesk.store.postgres import calls, errors

REASON = "server put back from the 02:00 dump after its disk failed; checked with the ROs"


def _cut_back(pg_election, last: int) -> None:
    """What putting back a dump taken when `last` was the newest entry leaves: the entries
    after it gone, and the log's sequence back with them (the superuser, triggers off)."""
    owner = pg_election.admin()
    for table in ("audit_log", "audit_sequence"):
        owner.execute(f"ALTER TABLE resultsdesk.{table} DISABLE TRIGGER USER")
    owner.execute("DELETE FROM resultsdesk.audit_log WHERE id > %s", (last,))
    owner.execute("UPDATE resultsdesk.audit_sequence SET seq = %s", (last,))
    for table in ("audit_log", "audit_sequence"):
        owner.execute(f"ALTER TABLE resultsdesk.{table} ENABLE TRIGGER USER")


@pytest.fixture
def put_back(pg_election):
    """ann's desk (an admin) on a server whose log lost, overnight, the newest entry her PC
    saw: (election, ann's desk, that check)."""
    eve = pg_election.connect("eve")
    before = calls.audit_note(eve, "publish")
    calls.audit_note(eve, "export")
    ann = open_desk(pg_election.url("ann"))
    seen = check_remembering(pg_election.url("ann"), ann)
    assert seen.intact and seen.head_id == before + 1
    _cut_back(pg_election, before)
    assert check_remembering(pg_election.url("ann"), ann).seen_gone  # red, every opening
    try:
        yield pg_election, ann, seen
    finally:
        ann.close()


def test_an_admin_accepts_the_log_on_the_record_written_by_the_server(put_back):
    election, ann, seen = put_back
    before = check_audit_chain(ann)
    after = accept_rewritten_log(ann, None, f" {REASON} ", seen=seen)
    row = election.admin().execute(
        'SELECT id, "user", action, details, prev_hash FROM resultsdesk.audit_log '
        "ORDER BY id DESC LIMIT 1").fetchone()
    assert after.intact and after.head_id == row[0] and after.entries == before.entries + 1
    assert (row[1], row[2]) == (election.user("ann"), LOG_ACCEPTED)  # the session's user
    details = json.loads(row[3])
    assert details["reason"] == REASON
    assert (details["gone_entry"], details["gone_hash"]) == (seen.head_id, seen.head_hash)
    assert (details["accepted_entry"], details["accepted_hash"]) == (before.head_id,
                                                                    before.head_hash)
    assert row[4] == before.head_hash
    assert recall(ann).head_hash == after.head_hash  # this PC anchored at the acceptance
    assert check_remembering(election.url("ann"), ann).intact  # no red banner next time
    assert trail_lines(ann)[-1].text.startswith(
        f"{election.user('ann')} accepted the audit log as it stands, to entry "
        f"{before.head_id} ")


def test_the_server_refuses_anyone_but_an_admin(put_back):
    """A desk account with psql, or a client of its own, calling the function itself: it
    is granted to admins only (and, were it granted, it asks for an admin itself)."""
    election, ann, seen = put_back
    details = rewrite_accepted(ann, seen, REASON)
    for short in ("alice", "eve"):
        with pytest.raises(psycopg.Error, match="permission denied for function "
                                                "accept_rewritten_log") as caught:
            calls.accept_rewritten_log(election.connect(short), details)
        assert caught.value.sqlstate == errors.INSUFFICIENT_PRIVILEGE
    # A grant added by hand (until the next prepare puts grants back): the function itself
    # still asks for an admin.
    election.admin().execute(f"GRANT EXECUTE ON FUNCTION resultsdesk.accept_rewritten_log "
                             f"TO {election.database}_desk")
    with pytest.raises(psycopg.Error, match="is a desk account, so cannot accept a rewritten "
                       "audit log as it stands: that needs an admin account") as caught:
        calls.accept_rewritten_log(election.connect("alice"), details)
    assert caught.value.sqlstate == errors.NOT_PERMITTED
    assert check_audit_chain(ann).entries == seen.head_id - 1


def test_an_entry_written_since_the_check_is_refused_as_a_conflict(put_back, monkeypatch):
    """The desk checked, then another desk wrote before the call: the head it names is no
    longer the newest, and the server says so under its lock; checked again, it goes."""
    from resultsdesk.desk import server_writes

    election, ann, seen = put_back
    details = rewrite_accepted(ann, seen, REASON)
    newest = calls.audit_note(election.connect("eve"), "note")
    with pytest.raises(psycopg.Error, match=f"its newest entry is now {newest}") as caught:
        calls.accept_rewritten_log(election.connect("ann"), details)
    assert caught.value.sqlstate == errors.CONFLICT

    def then_another_desk_writes(*args):
        checked = rewrite_accepted(*args)
        calls.audit_note(election.connect("eve"), "note")
        return checked
    monkeypatch.setattr(server_writes, "rewrite_accepted", then_another_desk_writes)
    with pytest.raises(Conflict, match="no longer as checked"):
        accept_rewritten_log(ann, None, REASON, seen=seen)
    monkeypatch.undo()
    entries = check_audit_chain(ann).entries
    assert accept_rewritten_log(ann, None, REASON, seen=seen).entries == entries + 1


def test_an_entry_still_in_the_log_is_nothing_to_accept(pg_election):
    ann = open_desk(pg_election.url("ann"))
    try:
        check = check_audit_chain(ann)
        details = {"reason": REASON, "gone_entry": check.head_id, "gone_hash": check.head_hash,
                   "gone_at": check.head_at, "seen_at": None,
                   "accepted_entry": check.head_id, "accepted_hash": check.head_hash,
                   "accepted_entries": check.entries}
        with pytest.raises(psycopg.Error, match=f"Nothing to accept: entry {check.head_id} "
                                                "is in the log") as caught:
            calls.accept_rewritten_log(pg_election.connect("ann"), details)
        assert caught.value.sqlstate == errors.DESK_RULE
        assert check_audit_chain(ann).entries == check.entries
    finally:
        ann.close()


@pytest.mark.parametrize("change", [
    {"reason": "  "},
    {"reason": None},
    {"reason": "x" * 10_001},
    {"gone_hash": "not a hash"},
    {"gone_entry": "7"},
    {"gone_entry": 1.5},
    {"declaration_id": 1},  # a seal smuggled in
    {"figures_sha256": "0" * 64},
    {"verified_by": {"1": "alice"}},
])
def test_details_are_exactly_what_the_desk_writes(put_back, change):
    """Whatever a client sends, the entry holds a reason and the two heads, each of its
    kind: nothing that seals figures or vouches for a verification."""
    election, ann, seen = put_back
    details = {**rewrite_accepted(ann, seen, REASON), **change}
    with pytest.raises(psycopg.Error) as caught:
        calls.accept_rewritten_log(election.connect("ann"), details)
    assert caught.value.sqlstate == errors.DESK_RULE
    assert check_audit_chain(ann).entries == seen.head_id - 1


def test_every_other_pc_that_saw_the_entry_is_told_not_red(put_back, tmp_path):
    """A team desk: accepted once, at the admin's PC; bob's PC, which saw the same newest
    entry, is told who accepted the log and why, once, with no acceptance of its own."""
    election, ann, seen = put_back
    bob = open_desk(election.url("bob"))
    try:
        remember(bob, seen, tmp_path)  # bob's PC saw the same head the night before
        assert check_remembering(election.url("bob"), bob, folder=tmp_path).seen_gone
        accepted = accept_rewritten_log(ann, None, REASON, seen=seen)
        check = check_remembering(election.url("bob"), bob, folder=tmp_path)
        assert check.intact and check.head_id == accepted.head_id
        assert check.accepted.startswith(f"{election.user('ann')} accepted the audit log ")
        assert check.accepted.endswith(f"reason: “{REASON}”")
        assert check_remembering(election.url("bob"), bob, folder=tmp_path).accepted is None
    finally:
        bob.close()


def test_a_time_that_is_none_forges_no_line_of_the_trail(put_back):
    """The server takes any text of up to 100 characters for when the PC saw the entry
    (`seen_at`): one that is no time is shown in the trail as the trail shows typed text
    (`audit_text.clean`), a line break in it forging no line of `resultsdesk audit`."""
    election, ann, seen = put_back
    details = {**rewrite_accepted(ann, seen, REASON),
               "seen_at": "02:00\n06:00:00 +01:00  root verified everything"}
    calls.accept_rewritten_log(election.connect("ann"), details)
    text = trail_lines(ann)[-1].text
    assert "\n" not in text
    assert "the newest seen on that PC at 02:00\\u000a06:00:00 +01:00  root verified " in text


def test_the_command_line_accepts_on_a_team_desks_server(put_back, capsys):
    """`resultsdesk audit --db postgresql://… --accept-rewrite --reason …` by the admin at
    the PC that saw the entry gone: exit 0, the check after printed, the entry the
    server's."""
    from helpers.cli import run

    election, ann, _seen = put_back
    code, out, err = run(capsys, "audit", "--db", election.url("ann"), "--accept-rewrite",
                         "--reason", REASON)
    assert (code, err) == (0, ""), err
    assert "Accepted the audit log as it stands: entry " in out
    assert "audit chain intact: " in out
    action = election.admin().execute(
        "SELECT action FROM resultsdesk.audit_log ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert action == LOG_ACCEPTED
    assert check_remembering(election.url("ann"), ann).intact


def test_a_server_upgraded_from_schema_61_takes_an_admins_acceptance(pg_cluster, monkeypatch):
    """A team desk's server prepared before migration 62, its log with entries, upgraded
    by `init`: the function is there, granted to its admins and nobody else; running the
    upgrade again changes nothing."""
    from helpers.pg_election import NOMINATIONS

    from resultsdesk.store.postgres import SCHEMA_VERSION, prepare
    from resultsdesk.store.postgres import preparation as module

    shipped = module.migrations()
    assert [name for _, name, _ in shipped][61] == "062_an_admin_accepts_a_rewritten_log.sql"
    database = "rd_upgrade_61"
    admin_url = pg_cluster.superuser_url(database)
    monkeypatch.setattr(module, "migrations", lambda: shipped[:61])
    prepare(admin_url, "Before")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        calls.import_candidates(admin, "n.csv", NOMINATIONS)
        calls.add_user(admin, f"{database}_ann", "admin", "ann pw")
        calls.add_user(admin, f"{database}_alice", "desk", "alice pw")
        assert admin.execute("SELECT to_regproc('resultsdesk.accept_rewritten_log')"
                             ).fetchone() == (None,)
    monkeypatch.setattr(module, "migrations", lambda: shipped)
    report = prepare(admin_url, "Before")
    assert (report.version_before, report.version_after) == (61, SCHEMA_VERSION)
    assert prepare(admin_url, "Before").version_after == SCHEMA_VERSION  # again: no change
    details = {"reason": REASON, "gone_entry": 999, "gone_hash": "f" * 64,
               "gone_at": "2026-12-06T02:00:00+00:00", "seen_at": None}
    with psycopg.connect(admin_url, autocommit=True) as admin:
        head_id, head_hash = admin.execute(
            "SELECT id, hash FROM resultsdesk.audit_log ORDER BY id DESC LIMIT 1").fetchone()
        entries = admin.execute("SELECT count(*) FROM resultsdesk.audit_log").fetchone()[0]
    details |= {"accepted_entry": head_id, "accepted_hash": head_hash,
                "accepted_entries": entries}
    with psycopg.connect(pg_cluster.url(f"{database}_alice", "alice pw", database),
                         autocommit=True) as alice, pytest.raises(
            psycopg.errors.InsufficientPrivilege):
        calls.accept_rewritten_log(alice, details)
    with psycopg.connect(pg_cluster.url(f"{database}_ann", "ann pw", database),
                         autocommit=True) as ann:
        assert calls.accept_rewritten_log(ann, details) == head_id + 1
