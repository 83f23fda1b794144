"""Blind means blind whatever the seat's recount state, on both stores: bob marking a
recount makes alice's entry awaiting verification nothing to verify ('superseded'), never
readable by him. Its figures were never verified: they stay with alice and editors in the
seat's history (and its audit trail, the recount entry's "old" figures too) and in what a
stale save's conflict says; the recount under way, who keyed the first count and the
verified figures stay everyone's. And `_check_version` asks `visibility.Viewer`, the one
definition of who sees what."""

from __future__ import annotations

import pytest
from helpers.blind import figures_in
from helpers.desk_target import desk_target_fixture  # noqa: F401  (fixture)

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit_text import HIDDEN_FIGURES, history_trail, trail_text
from resultsdesk.desk.visibility import Viewer, blind_history, viewer_for
from resultsdesk.domain.model import Figures

HENDON = "E14001279"
FIRST = (2667, 1966, 139, 12000, 1518, 3038, 18000, 233)
RECOUNT = (2667, 1966, 139, 12010, 1518, 3038, 17990, 233)


def _account(t, desk, short: str) -> acc.Account:
    return acc.server_account(desk) or acc.find_account(desk, t.name(short))


def _seen_by(t, desk, short: str):
    return blind_history(dk.history(desk, HENDON), viewer_for(_account(t, desk, short)))


def test_a_recount_marked_by_another_desk_user_keeps_pending_figures_hidden(desk_target):
    t = desk_target
    alice, bob, eve = t.open("alice"), t.open("bob"), t.open("eve")
    dk.declare(alice, HENDON, Figures(FIRST, 50), user=t.name("alice"))
    sheet = dk.mark_recount(bob, HENDON, user=t.name("bob"))
    assert sheet.recount_under_way and sheet.current_count == 1
    shown, _ = _seen_by(t, bob, "bob")
    assert "18000" not in figures_in(shown)
    assert [v.version for v in shown.sheet.versions] == []
    declared = next(a for a in shown.audit if a["action"] == "declare")
    assert declared["user"] == t.name("alice") and declared["details"]["new"] == HIDDEN_FIGURES
    assert shown.sheet.recount_under_way
    assert "18,000" not in "\n".join(trail_text(history_trail(bob, shown)))
    # alice keyed them, eve edits: both still read them
    for short, desk in (("alice", alice), ("eve", eve)):
        mine, _ = _seen_by(t, desk, short)
        assert [v.votes for v in mine.sheet.versions] == [FIRST], short


def test_the_recount_count_does_not_reveal_the_count_it_replaced(desk_target):
    """bob keys the recount: his own declare entry records the figures it replaced ("old",
    alice's unverified first count), which he must not read; ann verifies it; the verified
    recount is everyone's, alice's first count still hers and editors'."""
    t = desk_target
    alice, bob, ann = t.open("alice"), t.open("bob"), t.open("ann")
    dk.declare(alice, HENDON, Figures(FIRST, 50), user=t.name("alice"))
    dk.mark_recount(bob, HENDON, user=t.name("bob"))
    dk.declare(bob, HENDON, Figures(RECOUNT, 50), user=t.name("bob"))
    shown, _ = _seen_by(t, bob, "bob")
    assert "18000" not in figures_in(shown) and "17990" in figures_in(shown)
    assert dk.verify(ann, HENDON, user=t.name("ann"), votes=list(RECOUNT), invalid=50).verified
    for short, desk in (("bob", bob), ("ann", ann)):
        shown, hidden = _seen_by(t, desk, short)
        assert hidden is None
        assert [v.votes for v in shown.sheet.versions] == [RECOUNT], short
        assert "18000" not in figures_in(shown), short
    assert "18000" in figures_in(_seen_by(t, t.open("eve"), "eve")[0])


def test_a_stale_save_after_a_recount_shows_no_pending_figures(desk_target):
    """bob's form was opened before alice keyed her count; he marks a recount (which
    supersedes it) and saves from the stale form: the conflict says who and when, not her
    figures (nor, on a server, the zeros his account reads in their place)."""
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    seen = dk.load_sheet(bob, HENDON).current_version
    dk.declare(alice, HENDON, Figures(FIRST, 50), user=t.name("alice"))
    dk.mark_recount(bob, HENDON, user=t.name("bob"))
    with pytest.raises(dk.Conflict) as refused:
        dk.declare(bob, HENDON, Figures(RECOUNT, 50), user=t.name("bob"),
                   expected_version=seen)
    message = str(refused.value)
    assert t.name("alice") in message and "figures hidden until verified" in message
    assert "18,000" not in message and "(Lab) 0" not in message
    with pytest.raises(dk.Conflict, match="18,000"):  # alice's own stale save shows hers
        dk.declare(alice, HENDON, Figures(RECOUNT, 50), user=t.name("alice"),
                   expected_version=seen)


@pytest.mark.parametrize("sees", [True, False])
def test_check_version_asks_the_viewer_who_sees_what(desk_target, monkeypatch, sees):
    """One rule: whatever `Viewer.sees_figures` answers is what a conflict shows. Made to
    answer the opposite of the blind rule (alice's own entry hidden from her; on a file,
    shown to bob), the conflict follows it: a copy of the rule inside `_check_version`
    would not."""
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    dk.declare(alice, HENDON, Figures(FIRST, 50), user=t.name("alice"))
    monkeypatch.setattr(Viewer, "sees_figures", lambda self, version: sees)
    # (a server gives bob no figures of hers to show: there, alice both ways)
    desk, short = (bob, "bob") if sees and not t.on_server else (alice, "alice")
    with pytest.raises(dk.Conflict) as refused:
        dk.declare(desk, HENDON, Figures(RECOUNT, 50), user=t.name(short),
                   expected_version=0)
    assert ("18,000" in str(refused.value)) is sees
    assert ("figures hidden until verified" in str(refused.value)) is not sees


@pytest.mark.parametrize("short", ["alice", "bob", "ann"])
def test_a_conflict_shows_figures_exactly_when_the_viewer_does(desk_target, short):
    """Every account that may save, on the seat's every state of a recount: the conflict
    shows the newest version's figures if and only if `viewer_for(account)` sees them."""
    t = desk_target
    alice, bob, ann = t.open("alice"), t.open("bob"), t.open("ann")
    desk = {"alice": alice, "bob": bob, "ann": ann}[short]
    viewer = viewer_for(_account(t, desk, short))
    steps = [
        lambda: dk.declare(alice, HENDON, Figures(FIRST, 50), user=t.name("alice")),
        lambda: dk.mark_recount(bob, HENDON, user=t.name("bob")),
        lambda: dk.declare(bob, HENDON, Figures(RECOUNT, 50), user=t.name("bob")),
        lambda: dk.verify(ann, HENDON, user=t.name("ann"), votes=list(RECOUNT), invalid=50),
    ]
    for step in steps:
        step()
        latest = dk.load_sheet(desk, HENDON).latest
        with pytest.raises(dk.Conflict) as refused:
            dk.mark_recount(desk, HENDON, user=t.name(short), expected_version=0)
        shown = "figures hidden until verified" not in str(refused.value)
        assert shown is viewer.sees_figures(latest), (short, latest.version, latest.status)
