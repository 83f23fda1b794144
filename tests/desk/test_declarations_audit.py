"""The declaration workflow's audit log (desk/declarations.py, desk/audit.py) against a real
2024 database: every action audited, append-only in a file, nothing for a refused change; and
the audit export with spreadsheet formulae neutralised.

Tests taking `team` run on a file and on a server (see tests/desk/conftest.py).
"""

from __future__ import annotations

import csv
import json
import sqlite3

import pytest
from helpers.append_only import assert_refused
from helpers.desk_state import snapshot
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import CLEAN, CON, HENDON, TIED

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.errors import FileProblem
from resultsdesk.domain.model import Figures
from resultsdesk.io.audit_export import COLUMNS, export_audit
from resultsdesk.io.safe_csv import neutralise

# --- the audit log ---------------------------------------------------------------------------


def test_every_action_is_audited(team):
    t = team
    n = t.name
    imported = len(dk.audit_log(t.ann))  # creating the election and importing nominations
    jogia = dk.load_sheet(t.ann, HENDON).candidates[CON]
    wrong = list(TIED)
    wrong[0] += 1
    dk.declare(t.alice, HENDON, user=n("alice"), figures=Figures(CLEAN, 1))
    dk.reject(t.bob, HENDON, user=n("bob"), comment="check Lab")
    dk.declare(t.alice, HENDON, user=n("alice"), figures=Figures(CLEAN, 2))
    dk.withdraw(t.alice, HENDON, user=n("alice"))
    dk.declare(t.alice, HENDON, user=n("alice"), figures=Figures(TIED, 3), overrides=["tie"])
    dk.mark_recount(t.ann, HENDON, user=n("ann"))
    dk.declare(t.alice, HENDON, user=n("alice"), figures=Figures(TIED, 3), overrides=["tie"])
    dk.verify(t.bob, HENDON, user=n("bob"), votes=wrong, invalid=3)
    dk.verify(t.bob, HENDON, user=n("bob"), votes=TIED, invalid=3)
    dk.decide_tie(t.ann, HENDON, user=n("ann"), winner_id=jogia.id, note="lots")
    dk.verify(t.alice, HENDON, user=n("alice"), votes=TIED, invalid=3, tie_winner=jogia.id)
    fixed = list(TIED)
    fixed[0] += 1
    dk.correct(t.bob, HENDON, user=n("bob"), figures=Figures(fixed, 3), reason="typo",
               overrides=["tie"], tie_winner=jogia.id)
    dk.verify(t.ann, HENDON, user=n("ann"), votes=fixed, invalid=3, tie_winner=jogia.id)

    log = dk.audit_log(t.ann)[imported:]
    assert log == dk.history(t.ann, HENDON).audit
    assert [(a["user"], a["action"]) for a in log] == [
        (n("alice"), "declare"), (n("bob"), "reject"), (n("alice"), "declare"),
        (n("alice"), "withdraw"), (n("alice"), "declare"), (n("ann"), "recount under way"),
        (n("alice"), "declare"), (n("bob"), "verify mismatch"), (n("bob"), "verify"),
        (n("ann"), "decide tie by lot"), (n("alice"), "verify"), (n("bob"), "correct"),
        (n("ann"), "verify")]
    assert all(a["entity"] == "constituency" and a["entity_key"] == HENDON for a in log)
    assert all(a["at"] and isinstance(a["details"], dict) and a["details"] for a in log)
    assert [a["id"] for a in log] == sorted(a["id"] for a in log)
    assert national_summary(t.ann).seats == {"Con": 1}
    assert check_audit_chain(t.eve).intact  # the chain holds on either store


def test_the_audit_log_is_append_only_in_a_file(nominations_store):
    """A file's triggers (a server's are tests/store/postgres/test_pg_server.py's)."""
    store = nominations_store
    dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
    dk.verify(store, HENDON, user="bob", votes=None)
    before = snapshot(store)
    assert_refused(store, ("UPDATE audit_log SET user = 'mallory'",
                           "UPDATE audit_log SET details = '{}' WHERE action = 'verify'",
                           "DELETE FROM audit_log",
                           "DELETE FROM audit_log WHERE user = 'bob'"),
                   error=sqlite3.DatabaseError)
    assert snapshot(store) == before
    with pytest.raises(RuntimeError):  # an entry lands with its change, or not at all
        store.audit("mallory", "declare", "constituency", HENDON)


def test_a_refused_change_leaves_no_audit_entry(team):
    t = team
    alice = t.name("alice")
    before = snapshot(t.alice)
    for attempt in (
        lambda: dk.declare(t.alice, HENDON, user=alice, figures=Figures(TIED, 1)),
        lambda: dk.declare(t.alice, HENDON, user=alice,
                           figures=Figures(CLEAN, 1, total_as_read=1)),
        lambda: dk.verify(t.bob, HENDON, user=t.name("bob"), votes=None),
        lambda: dk.withdraw(t.alice, HENDON, user=alice),
        lambda: dk.declare(t.alice, HENDON, user=alice, figures=Figures(CLEAN, 1),
                           expected_version=3),
    ):
        with pytest.raises(dk.DeskRefusal):
            attempt()
    assert snapshot(t.alice) == before


@pytest.mark.parametrize(("value", "expected"), [
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("+1", "'+1"), ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("alice", "alice"), ("a=b", "a=b"), ("", ""), (12, 12), (-5, -5), (None, None),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_audit_export_neutralises_formulae_in_csv(nominations_store, tmp_path):
    store = nominations_store
    dk.declare(store, HENDON, user="=cmd", figures=Figures(CLEAN, 1))
    dk.verify(store, HENDON, user="+bob", votes=None)
    entries = dk.history(store, HENDON).audit

    path = tmp_path / "audit.csv"
    assert export_audit(entries, path) == 2
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 3
    users = [r[COLUMNS.index("user")] for r in rows[1:]]
    assert users == ["'=cmd", "'+bob"]
    assert [r[COLUMNS.index("action")] for r in rows[1:]] == ["declare", "verify"]
    assert [int(r[0]) for r in rows[1:]] == [e["id"] for e in entries]
    details = json.loads(rows[1][COLUMNS.index("details")])
    assert details["new"]["votes"]["David Pinto-Duschinsky"] == 18000

    path = tmp_path / "audit.json"
    assert export_audit(entries, path) == 2
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [e["user"] for e in data] == ["=cmd", "+bob"]  # JSON is data, not a spreadsheet
    assert data[1]["details"]["entered_by"] == "=cmd"
    with pytest.raises(FileProblem, match=r"\.csv or \.json"):
        export_audit(entries, tmp_path / "audit.xlsx")
