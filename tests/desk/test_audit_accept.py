"""Accepting the audit log as it stands after a check found gone the newest entry this PC
saw (`desk.audit_accept`). Once gone, that entry was wanted at every opening for good: the
red banner's only way out was deleting the PC's kept head by hand, which nothing recorded.
Now an admin accepts the log, with a reason, in an entry of the log itself."""

from __future__ import annotations

import json

import pytest
from helpers.audit_rewrite import add_accounts, taken_back_overnight
from helpers.tampering import drop_triggers, put_back_triggers, raw

from resultsdesk.desk import accounts as acc
from resultsdesk.desk.audit_accept import accept_rewritten_log
from resultsdesk.desk.audit_memory import check_remembering, recall, remember
from resultsdesk.desk.audit_text import trail_lines
from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.domain.audit_chain import LOG_ACCEPTED
from resultsdesk.domain.records import replace
from resultsdesk.store import Store

REASON = "disk failed at 02:10; the 02:00 copy put back, checked with the returning officer"


@pytest.fixture
def swapped(nominations_db, tmp_path):
    """A desk with accounts whose newest entry this PC saw was taken back overnight:
    (db, that check)."""
    add_accounts(nominations_db)
    seen = taken_back_overnight(nominations_db, tmp_path)
    assert check_remembering(nominations_db).seen_gone  # the red banner, every opening
    return nominations_db, seen


def _entries(path) -> int:
    with Store(path) as store:
        return store.scalar("SELECT count(*) FROM audit_log")


def test_an_admin_accepts_the_log_as_it_stands_on_the_record(swapped):
    path, seen = swapped
    before = _entries(path)
    with Store(path) as store:
        after = accept_rewritten_log(store, "root", f"  {REASON} ")
        entry = store.query("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1")[0]
        kept = recall(store)
        trail = trail_lines(store)[-1].text
    assert after.intact and after.entries == before + 1 and after.head_id == entry["id"]
    assert (entry["user"], entry["action"]) == ("root", LOG_ACCEPTED)
    details = json.loads(entry["details"])
    assert details["reason"] == REASON
    assert (details["gone_entry"], details["gone_hash"]) == (seen.head_id, seen.head_hash)
    assert details["seen_at"] is not None  # when this PC saw it
    assert details["accepted_entry"] == entry["id"] - 1 and details["accepted_entries"] == before
    assert details["accepted_hash"] == entry["prev_hash"]
    assert kept.head_hash == after.head_hash  # this PC anchored at the acceptance from now
    assert check_remembering(path).intact  # the next opening: no red banner
    assert trail.startswith(f"root accepted the audit log as it stands, to entry "
                            f"{entry['id'] - 1} (hash {entry['prev_hash'][:16]}…), with entry "
                            f"{seen.head_id} (hash {seen.head_hash[:16]}…), the newest seen "
                            "on that PC at ")
    assert trail.endswith(f", gone from it; reason: “{REASON}”")


@pytest.mark.parametrize("reason", ["", "   \t"])
def test_no_reason_is_refused_and_nothing_written(swapped, reason):
    path, _ = swapped
    before = _entries(path)
    with Store(path) as store, pytest.raises(DeskRefusal, match="needs a reason"):
        accept_rewritten_log(store, "root", reason)
    assert _entries(path) == before
    assert not check_remembering(path).intact  # still said


def test_a_desk_account_is_refused_and_told_it_needs_an_admin(swapped):
    path, seen = swapped
    before = _entries(path)
    with Store(path) as store, pytest.raises(acc.RoleRefusal, match=(
            "alice is a desk account and cannot accept a rewritten audit log as it stands: "
            "that needs an admin account")):
        accept_rewritten_log(store, "alice", REASON)
    assert _entries(path) == before
    with Store(path) as store:
        assert recall(store).head_hash == seen.head_hash


def test_nothing_gone_is_refused_not_written(nominations_db):
    """Accepting an intact log would put an acceptance on the record for nothing: refused
    (and with no head kept at all, likewise)."""
    with Store(nominations_db) as store, pytest.raises(DeskRefusal, match="Nothing to "
                                                        "accept: this PC keeps no newest"):
        accept_rewritten_log(store, "alice", REASON)
    check = check_remembering(nominations_db)
    before = _entries(nominations_db)
    with Store(nominations_db) as store, pytest.raises(DeskRefusal, match=(
            f"Nothing to accept: entry {check.head_id}, the newest this PC saw, is in the "
            "log")):
        accept_rewritten_log(store, "alice", REASON)
    assert _entries(nominations_db) == before


def test_a_log_broken_otherwise_cannot_be_accepted(swapped):
    """An entry changed is no entries gone: no reason mends it."""
    path, _ = swapped
    conn = raw(path)
    saved = drop_triggers(conn)
    conn.execute("UPDATE audit_log SET user = 'mallory' WHERE id = 2")
    put_back_triggers(conn, saved)
    conn.close()
    before = _entries(path)
    with Store(path) as store, pytest.raises(DeskRefusal, match=(
            "The audit log cannot be accepted as it stands: audit chain BROKEN at entry 2")):
        accept_rewritten_log(store, "root", REASON)
    assert _entries(path) == before


def test_another_pc_that_saw_the_entry_gone_is_told_of_the_acceptance_once(swapped, tmp_path):
    """The log accepted at one PC: another PC that saw the same newest entry (a laptop on
    the shared drive) is told who accepted it and why, not red, and needs no acceptance of
    its own; one that saw a later entry, which the acceptance does not name, is still red."""
    path, seen = swapped
    laptop, later = tmp_path / "laptop", tmp_path / "later"
    with Store(path) as store:
        remember(store, seen, laptop)  # it saw the same head the night before
        remember(store, replace(seen, head_id=seen.head_id + 1, head_hash="f" * 64), later)
        accepted = accept_rewritten_log(store, "root", REASON)
    check = check_remembering(path, folder=laptop)
    assert check.intact and check.restored is None
    assert check.accepted.startswith("root accepted the audit log as it stands at ")
    assert check.accepted.endswith(
        f"(entry {accepted.head_id}), without entry {seen.head_id} (hash "
        f"{seen.head_hash[:16]}…), the newest this PC last saw; reason: “{REASON}”")
    again = check_remembering(path, folder=laptop)  # anchored at the head it now saw
    assert again.intact and again.accepted is None
    still = check_remembering(path, folder=later)
    assert still.seen_gone and still.accepted is None
    assert f"entry {seen.head_id + 1} (" in still.problem


def test_an_acceptance_explains_the_head_seen_gone_but_never_an_anchor(swapped, tmp_path):
    """An anchor (a head written down or published) must still be in the chain, accepted or
    not: the same hash as the head a PC saw is no exception."""
    from resultsdesk.desk.audit import check_audit_chain

    path, seen = swapped
    with Store(path) as store:
        accept_rewritten_log(store, "root", REASON)
        assert check_audit_chain(store, seen=seen).accepted  # the head seen: explained
        anchored = check_audit_chain(store, [seen.head_hash], seen=seen)
    assert not anchored.intact and anchored.accepted is None
    assert f"(entry {seen.head_id}, " in anchored.problem
    assert "is no longer in the log" in anchored.problem


def test_what_another_pc_is_told_keeps_the_reason_on_one_line(swapped, tmp_path):
    """The reason as the trail has it (`audit_text.clean`): a line break typed in it (the
    command line's --reason, a server's client) forges no line of `audit --check`'s output
    nor of the status bar's sentence."""
    path, seen = swapped
    laptop = tmp_path / "laptop"
    forged = "disk failed\naudit chain intact: 999 entries\u202e"
    with Store(path) as store:
        remember(store, seen, laptop)
        accept_rewritten_log(store, "root", forged)
    check = check_remembering(path, folder=laptop)
    assert check.intact and "\n" not in check.accepted and "\u202e" not in check.accepted
    assert check.accepted.endswith(
        "reason: “disk failed\\u000aaudit chain intact: 999 entries\\u202e”")
