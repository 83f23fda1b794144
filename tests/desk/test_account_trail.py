"""What is done to an account reads as a sentence in the audit trail, on a file and on a
server alike (both write the same action names: `desk.account_actions`), and never says
anything of a password."""

from __future__ import annotations

import re

from helpers.desk_target import (  # noqa: F401  (fixture)
    FAST,
    desk_target_fixture,
)
from helpers.locations import ROOT

from resultsdesk.desk import account_actions as actions
from resultsdesk.desk import accounts as acc
from resultsdesk.desk import sign_in_limit as limit
from resultsdesk.desk.audit_text import trail_lines


def test_each_change_to_an_account_reads_as_a_sentence(desk_target):
    t = desk_target
    ann, admin = t.open("ann"), t.name("ann")
    carol = f"{admin[:-3]}carol" if t.on_server else "carol"
    kdf = {} if t.on_server else {"kdf": FAST}
    before = len(trail_lines(ann))
    acc.add_account(ann, carol, "desk", "carol's first password", admin=admin, **kdf)
    acc.change_role(ann, carol, "editor", admin=admin)
    acc.disable_account(ann, carol, admin=admin)
    acc.enable_account(ann, carol, admin=admin)
    acc.change_password(ann, carol, "carol's second password", by=admin, **kdf)
    lines = [line.text for line in trail_lines(ann)[before:]]
    assert lines == [
        f"{admin} added the desk account {carol}",
        f"{admin} changed {carol}'s role from desk to editor",
        f"{admin} disabled the editor account {carol}",
        f"{admin} enabled the editor account {carol} again",
        f"{admin} set a new password for {carol}",
    ]
    assert not any("password" in line and "second" in line for line in lines)


def test_the_first_account_and_ones_own_password_say_so(tmp_path):
    from resultsdesk.desk.election import init_election

    with init_election(tmp_path / "n.db", "test") as desk:
        acc.add_account(desk, "root", "admin", "root's own password", admin=None, kdf=FAST)
        acc.change_password(desk, "root", "root's next password", by="root", kdf=FAST)
        lines = [line.text for line in trail_lines(desk)]
    assert lines[-2:] == [
        "root added the admin account root (the first account: from then on everyone "
        "signs in)",
        "root changed their own password"]


def test_the_server_writes_the_same_account_action_names():
    """The server's functions name their entries in SQL: each account entry they write is
    one of the names the desk reads (a renamed one would no longer be followed by the audit
    check, nor clear a sign-in lock)."""
    sql = "\n".join(p.read_text(encoding="utf-8") for p in
                    sorted((ROOT / "resultsdesk" / "store" / "postgres" / "sql").glob("*.sql")))
    written = set(re.findall(r"rd_audit\('([^']+)',\s*'account'", sql))
    assert written == set(actions.ACCOUNT_ACTIONS)
    assert set(limit.CLEARING) - {limit.SIGNED_IN, limit.UNLOCKED} <= written


def test_an_account_entry_without_its_role_still_reads():
    """An entry this version would not write (its role missing: written outside ResultsDesk,
    as a damaged or forged log has it, which the trail exists to show) is told plainly, as
    any other action's is: it raised KeyError, a bug, and the whole trail was lost."""
    from resultsdesk.desk.audit_text import describe_entry

    for action in (actions.ADDED, actions.DISABLED, actions.ENABLED, actions.ROLE_CHANGED):
        entry = {"user": "root", "action": action, "entity": "account",
                 "entity_key": "carol", "details": {"by": "someone"}}
        assert describe_entry(entry, {}) == f"root: {action} account carol (by someone)"
