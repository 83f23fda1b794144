"""`resultsdesk reject`, `withdraw` and `correct`, run in-process as a desk would type them:
an entry sent back or withdrawn only by the right person, and a correction of a verified
result that stays off air until someone else verifies it.

Refusals and `team` as in tests/cli/conftest.py.
"""

from __future__ import annotations

import json

from helpers.cli import assert_one_error_line, run, run_as
from helpers.cli_declarations import declare, sheet, summary, verify, votes
from helpers.desk_state import snapshot as snapshot_of
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import CLEAN, HENDON
from helpers.seats import HENDON_2024 as REAL

from resultsdesk.desk import declarations as dk

# --- reject and withdraw ---------------------------------------------------------------------


def test_reject_and_withdraw(team, capsys, monkeypatch):
    t = team
    alice, bob = t.name("alice"), t.name("bob")

    def as_(short, *args):
        return run_as(capsys, monkeypatch, t, short, *args, "--constituency", HENDON)

    as_("alice", "declare", *votes(CLEAN), "--invalid", "120")
    before = snapshot_of(t.eve)
    result = as_("bob", "withdraw")
    assert_one_error_line(*result, f"Only {alice}, who entered it, can withdraw version 1")
    result = as_("alice", "reject", "--comment", "mine")
    assert_one_error_line(*result, "a second person must")
    result = as_("bob", "reject", "--comment", "  ")
    assert_one_error_line(*result, "Say why it is rejected")
    assert snapshot_of(t.eve) == before

    code, out, _ = as_("bob", "reject", "--comment", "Con figure unreadable")
    assert code == 0 and "Version 1 rejected back to the desk." in out
    assert dk.load_sheet(t.eve, HENDON).latest.status == "rejected"

    as_("alice", "declare", *votes(CLEAN), "--invalid", "120")
    code, out, _ = as_("alice", "withdraw")
    assert code == 0 and "Version 2 withdrawn." in out
    assert [v.status for v in dk.load_sheet(t.eve, HENDON).versions] == \
        ["rejected", "withdrawn"]
    code, out, _ = run_as(capsys, monkeypatch, t, "eve", "summary", "--json",
                          "--include-provisional")
    assert code == 0 and json.loads(out)["declared"] == 0
    # run again (as after a reply lost on the way: the command cannot tell): done, once
    code, out, _ = as_("alice", "withdraw")
    assert code == 0 and out.startswith("Your withdrawal of Hendon was saved (version 2, at ")
    result = as_("bob", "withdraw")  # bob withdrew nothing: nothing to say is done
    assert_one_error_line(*result, "no provisional entry to withdraw")
    assert [(a["user"], a["action"]) for a in dk.history(t.eve, HENDON).audit] == [
        (alice, "declare"), (bob, "reject"), (alice, "declare"), (alice, "withdraw")]


# --- corrections -----------------------------------------------------------------------------


def test_correct_a_verified_result(capsys, night_db):
    db = night_db
    before = summary(capsys, db)
    result = declare(capsys, db, "alice", REAL, "--invalid", "190", "--override",
                     "recount_range")
    assert_one_error_line(*result, "already has a verified result")

    fixed = list(REAL)
    fixed[3] += 30  # Con 15,870: Con by 15
    no_override = run(capsys, "correct", "--db", db, "--constituency", HENDON, "--user",
                      "dave", *votes(fixed), "--reason", "RO restated Con")
    assert_one_error_line(*no_override, "warning 'recount_range'")
    code, out, _ = run(capsys, "correct", "--db", db, "--constituency", HENDON, "--user",
                       "dave", *votes(fixed), "--reason", "RO restated Con", "--override",
                       "recount_range")
    assert code == 0
    assert "correction saved as version 2, awaiting verification" in out
    v = sheet(db).latest
    assert (v.kind, v.status, v.reason, v.invalid_votes) == \
        ("correction", "provisional", "RO restated Con", 190)  # rejected ballots kept
    pending = summary(capsys, db)
    assert pending["seats"] == before["seats"] and pending["votes"] == before["votes"]

    code, out, _ = run(capsys, "history", "--db", db, "--constituency", HENDON)
    assert "reason: RO restated Con" in out and "CORRECTION" not in out
    assert "PROVISIONAL correction" in out

    result = verify(capsys, db, "DAVE", fixed, "--invalid", "190")
    assert_one_error_line(*result, "a second person must")
    code, out, _ = verify(capsys, db, "carol", fixed, "--invalid", "190")
    assert code == 0 and "VERIFIED by carol (entered by dave)" in out
    after = summary(capsys, db)
    assert after["seats"]["Con"] == before["seats"]["Con"] + 1
    assert after["seats"]["Lab"] == before["seats"]["Lab"] - 1
    assert after["votes"]["Con"] == before["votes"]["Con"] + 30
    assert [v.status for v in sheet(db).versions] == ["superseded", "verified"]
