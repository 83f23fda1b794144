"""History lists every version, hidden ones too, on both stores: a version whose figures the
reader may not see (superseded by a recount before anyone verified it, rejected, withdrawn,
awaiting verification) used to vanish from History and `history`, so bob saw "version 3"
after nothing and the record looked rewritten. Now each is a row saying which version, its
kind and count, its status, who entered it and when, who rejected or withdrew it and why,
and what stands for its figures; none of its figures (what the server's views read as NULL:
votes, rejected ballots, total and electorate as keyed, reason, note, overrides, lot)."""

from __future__ import annotations

import json
import re

from helpers.desk_target import desk_target_fixture  # noqa: F401  (fixture)
from helpers.seats import HENDON

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit_text import closed_text
from resultsdesk.desk.visibility import blind_history, viewer_for
from resultsdesk.domain.model import Figures

# alice's first figures, with numbers found nowhere else: Lab 18,000, Con 12,000, 187
# rejected ballots, a total of 39,561 as read; and a note of hers (the server hides it too).
FIRST = (2667, 1966, 139, 12000, 1518, 3038, 18000, 233)
FIRST_TOTAL = 39_561
SECRET_NOTE = "Lab pile recounted by table 7"
SECOND = (2667, 1966, 139, 12010, 1518, 3038, 17990, 233)
COMMENT = "Lab and Con swapped on the sheet"
FIGURES = ("18000", "18,000", "12000", "12,000", "187", str(FIRST_TOTAL), "39,561",
           SECRET_NOTE)


def _seen_by(t, desk, short: str):
    account = acc.server_account(desk) or acc.find_account(desk, t.name(short))
    return blind_history(dk.history(desk, HENDON), viewer_for(account))


def _declare_first(t, alice) -> None:
    dk.declare(alice, HENDON, Figures(FIRST, 187, FIRST_TOTAL), user=t.name("alice"),
               note=SECRET_NOTE)


def _no_first_figures(text: str) -> None:
    """None of alice's figures as a figure of its own: not a run of digits inside another
    (a SHA-256 in the trail, '…39187f07…', holds '187' about one run in seventy)."""
    for figure in FIGURES:
        assert not re.search(rf"(?<![0-9A-Za-z]){re.escape(figure)}(?![0-9A-Za-z])", text), \
            figure


def test_a_count_superseded_by_a_recount_is_listed_without_its_figures(desk_target):
    """alice keys the first count, bob marks a recount, alice keys the recount: bob's
    history lists version 1 (superseded, alice's, figures seen only by her and editors)
    and version 2 (awaiting verification), with none of alice's figures."""
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    _declare_first(t, alice)
    dk.mark_recount(bob, HENDON, user=t.name("bob"))
    dk.declare(alice, HENDON, Figures(SECOND, 50), user=t.name("alice"))
    shown, pending = _seen_by(t, bob, "bob")
    assert shown.sheet.versions == ()
    first, second = shown.hidden
    assert (first.version, first.status, first.kind, first.count_label, first.entered_by) == (
        1, "superseded", "declaration", "First count", t.name("alice"))
    assert first.entered_at and first.closed_by is None and closed_text(first) == ""
    assert first.figures_text == f"figures seen only by {t.name('alice')} and editors"
    assert (second.version, second.status, second.count_label) == (2, "provisional",
                                                                   "Recount 1")
    assert second.figures_text == "figures hidden until verified"
    assert pending == second  # the dialog's note, `history --json`'s hidden_version
    as_json = shown.to_json_dict()
    assert [h["version"] for h in as_json["hidden_versions"]] == [1, 2]
    assert as_json["hidden_versions"][0] == {
        "version": 1, "status": "superseded", "kind": "declaration", "count": "First count",
        "entered_by": t.name("alice"), "entered_at": first.entered_at,
        "rejected_by": None, "rejected_at": None, "comment": None, "withdrawn_by": None,
        "withdrawn_at": None, "figures": f"seen only by {t.name('alice')} and editors"}
    _no_first_figures(json.dumps(as_json) + repr(shown.hidden))
    # bob verifies the recount blind: it is everyone's; the first count still alice's
    assert dk.verify(bob, HENDON, user=t.name("bob"), votes=list(SECOND), invalid=50).verified
    shown, pending = _seen_by(t, bob, "bob")
    assert pending is None and [h.version for h in shown.hidden] == [1]
    assert [v.version for v in shown.sheet.versions] == [2]
    # alice keyed them and eve edits: both read every version's figures, nothing hidden
    for short in ("alice", "eve"):
        mine, _ = _seen_by(t, t.open(short), short)
        assert mine.hidden == () and mine.to_json_dict()["hidden_versions"] == [], short
        assert [v.votes for v in mine.sheet.versions] == [FIRST, SECOND], short
        assert "18000" in json.dumps(mine.to_json_dict()), short


def test_a_rejected_entry_is_listed_with_who_rejected_it_and_why(desk_target):
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    _declare_first(t, alice)
    dk.reject(bob, HENDON, user=t.name("bob"), comment=COMMENT)
    dk.declare(alice, HENDON, Figures(SECOND, 50), user=t.name("alice"))
    shown, _ = _seen_by(t, bob, "bob")
    rejected = shown.hidden[0]
    assert (rejected.version, rejected.status) == (1, "rejected")
    assert (rejected.closed_by, rejected.comment) == (t.name("bob"), COMMENT)
    assert rejected.closed_at >= rejected.entered_at
    assert closed_text(rejected).startswith(f"rejected by {t.name('bob')} ")
    row = shown.to_json_dict()["hidden_versions"][0]
    assert (row["rejected_by"], row["comment"], row["withdrawn_by"]) == (
        t.name("bob"), COMMENT, None)
    assert row["figures"] == f"seen only by {t.name('alice')} and editors"
    _no_first_figures(json.dumps(shown.to_json_dict()) + repr(shown.hidden))
    for short in ("alice", "eve"):
        mine, _ = _seen_by(t, t.open(short), short)
        assert mine.hidden == () and mine.sheet.versions[0].votes == FIRST


def test_a_withdrawn_entry_is_listed_as_withdrawn_by_its_author(desk_target):
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    _declare_first(t, alice)
    dk.withdraw(alice, HENDON, user=t.name("alice"))
    shown, pending = _seen_by(t, bob, "bob")
    assert pending is None
    (withdrawn,) = shown.hidden
    assert (withdrawn.version, withdrawn.status, withdrawn.closed_by, withdrawn.comment) == (
        1, "withdrawn", t.name("alice"), None)
    row = shown.to_json_dict()["hidden_versions"][0]
    assert (row["withdrawn_by"], row["rejected_by"]) == (t.name("alice"), None)
    _no_first_figures(json.dumps(shown.to_json_dict()) + repr(shown.hidden))
