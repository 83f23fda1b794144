"""A correction whose figures tie keeps how the lot was drawn (on both stores): the form
asks for it, and a correction has no note of its own, so it was dropped. It is kept in
the correction's reason, which the verifier does not read until the correction is
verified, as they do not read the winner it names."""

from __future__ import annotations

from helpers.desk_target import desk_target_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON, TIED

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.visibility import blind_history, viewer_for
from resultsdesk.domain.model import Figures

NOTE = "Drawn from a hat by the returning officer"


def _seen_by(t, desk, short: str) -> str:
    """All that `short`'s History of the seat holds, as text."""
    account = acc.server_account(desk) or acc.find_account(desk, t.name(short))
    return repr(blind_history(dk.history(desk, HENDON), viewer_for(account)))


def _candidate(desk, party: str):
    return next(c for c in dk.load_sheet(desk, HENDON).candidates if c.party == party)


def test_the_lot_note_of_a_tied_correction_is_kept_and_blind(desk_target):
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    assert dk.verify(bob, HENDON, user=t.name("bob"), votes=list(CLEAN), invalid=50).verified
    winner = _candidate(alice, "Lab").id
    dk.correct(alice, HENDON, Figures(TIED, 50), user=t.name("alice"), reason="Con misread",
               tie_winner=winner, lot_note=f"  {NOTE} ", overrides=["tie"])
    pending = dk.load_sheet(alice, HENDON).pending
    assert pending.reason == f"Con misread; lot drawn: {NOTE}"
    assert NOTE in _seen_by(t, alice, "alice")
    assert NOTE not in _seen_by(t, bob, "bob")  # blind until verified, as the winner is
    assert dk.verify(bob, HENDON, user=t.name("bob"), votes=list(TIED), invalid=50,
                     tie_winner=winner).verified
    assert NOTE in _seen_by(t, bob, "bob")


def test_a_note_without_a_lot_changes_no_reason(desk_target):
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    assert dk.verify(bob, HENDON, user=t.name("bob"), votes=list(CLEAN), invalid=50).verified
    dk.correct(alice, HENDON, Figures(CLEAN, 60), user=t.name("alice"), reason="Rejected 60",
               lot_note=NOTE)
    assert dk.load_sheet(alice, HENDON).pending.reason == "Rejected 60"
