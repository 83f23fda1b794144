"""Blind means blind for figures rejected or withdrawn, and for lots, on both stores.

Nobody verified a rejected or withdrawn version: bob, who could verify alice's entry, may
reject it to the desk without re-keying, and used to read it then (History, `history`, a
stale save's conflict); when alice entered the same figures again he could copy them into
his "blind" re-key. Their figures now stay with alice and editors; that it was rejected or
withdrawn, by whom, when and why stays everyone's. And a lot is a new version entered by
whoever records it, holding the figures it is drawn on: on figures nobody verified yet,
only whoever keyed them may record it (`declarations.refuse_lot`)."""

from __future__ import annotations

import pytest
from helpers.blind import figures_in
from helpers.desk_state import snapshot
from helpers.desk_target import desk_target_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, CON, HENDON, LAB, TIED

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import check_audit_chain, check_desk
from resultsdesk.desk.audit_text import HIDDEN_FIGURES, history_trail, trail_text
from resultsdesk.desk.visibility import blind_history, viewer_for
from resultsdesk.domain.model import Figures

COMMENT = "Lab and Con swapped on the sheet"


def _account(t, desk, short: str) -> acc.Account:
    return acc.server_account(desk) or acc.find_account(desk, t.name(short))


def _seen_by(t, desk, short: str):
    return blind_history(dk.history(desk, HENDON), viewer_for(_account(t, desk, short)))


def _audit_holds_for_everyone(t) -> None:
    for short in ("alice", "bob", "ann", "eve"):
        desk = t.open(short)
        check = check_desk(desk) if t.on_server else check_audit_chain(desk)
        assert check.intact, (short, check.problem)


def test_figures_rejected_without_a_rekey_stay_with_their_author(desk_target):
    """bob rejects alice's entry without re-keying it: he reads neither it nor, when alice
    enters the same figures again, the new entry's record of the one it replaced; he
    re-keys blind and verifies. Who rejected it, when and why are everyone's."""
    t = desk_target
    alice, bob, eve = t.open("alice"), t.open("bob"), t.open("eve")
    dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    dk.reject(bob, HENDON, user=t.name("bob"), comment=COMMENT)
    shown, hidden = _seen_by(t, bob, "bob")
    assert "18000" not in figures_in(shown) and hidden is None
    assert [v.version for v in shown.sheet.versions] == []
    rejected = next(a for a in shown.audit if a["action"] == "reject")
    assert rejected["user"] == t.name("bob") and rejected["at"]
    assert rejected["details"] == {"version": 1, "comment": COMMENT,
                                   "entered_by": t.name("alice")}
    declared = next(a for a in shown.audit if a["action"] == "declare")
    assert declared["user"] == t.name("alice") and declared["details"]["new"] == HIDDEN_FIGURES
    trail = "\n".join(trail_text(history_trail(bob, shown)))
    assert "18,000" not in trail and COMMENT in trail
    # the form that keys the seat again reads the comment from the rejected version
    latest = dk.load_sheet(bob, HENDON).latest
    assert (latest.status, latest.note) == ("rejected", COMMENT)
    for short, desk in (("alice", alice), ("eve", eve)):
        mine, _ = _seen_by(t, desk, short)
        assert [v.votes for v in mine.sheet.versions] == [CLEAN], short
        assert dk.load_sheet(desk, HENDON).latest.note == COMMENT, short

    dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))  # unchanged
    shown, hidden = _seen_by(t, bob, "bob")
    assert "18000" not in figures_in(shown) and hidden.version == 2
    again = [a for a in shown.audit if a["action"] == "declare"][-1]
    assert again["details"]["old"] == HIDDEN_FIGURES  # the rejected figures it replaced
    assert dk.verify(bob, HENDON, user=t.name("bob"), votes=list(CLEAN), invalid=50).verified
    shown, _ = _seen_by(t, bob, "bob")
    assert [v.votes for v in shown.sheet.versions] == [CLEAN]  # the verified one
    assert [v.version for v in shown.sheet.versions] == [2]
    _audit_holds_for_everyone(t)


def test_withdrawn_figures_stay_with_their_author(desk_target):
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    dk.withdraw(alice, HENDON, user=t.name("alice"))
    for short, desk in (("bob", bob), ("ann", t.open("ann"))):
        shown, _ = _seen_by(t, desk, short)
        assert "18000" not in figures_in(shown), short
        withdrawn = next(a for a in shown.audit if a["action"] == "withdraw")
        assert withdrawn["user"] == t.name("alice") and withdrawn["details"] == {"version": 1}
    for short in ("alice", "eve"):
        mine, _ = _seen_by(t, t.open(short), short)
        assert [v.votes for v in mine.sheet.versions] == [CLEAN], short
    _audit_holds_for_everyone(t)


def test_a_stale_save_after_a_rejection_shows_no_rejected_figures(desk_target):
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    dk.reject(bob, HENDON, user=t.name("bob"), comment=COMMENT)
    with pytest.raises(dk.Conflict) as refused:
        dk.declare(bob, HENDON, Figures(TIED, 50), user=t.name("bob"), expected_version=0,
                   overrides=["tie"])
    message = str(refused.value)
    assert t.name("alice") in message and "figures hidden until verified" in message
    assert "18,000" not in message
    with pytest.raises(dk.Conflict, match="18,000"):  # alice's own stale save shows hers
        dk.declare(alice, HENDON, Figures(TIED, 50), user=t.name("alice"),
                   expected_version=0, overrides=["tie"])


def test_a_lot_on_unverified_figures_is_only_their_authors_to_record(desk_target):
    """bob may not record the draw on alice's tie awaiting verification (he would enter a
    version holding her figures); the refusal comes before any check of the winner, says
    what to do, and writes nothing. alice records it, bob verifies it blind; on verified
    figures anyone records a lot."""
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    dk.declare(alice, HENDON, Figures(TIED, 50), user=t.name("alice"), overrides=["tie"])
    sheet = dk.load_sheet(alice, HENDON)
    jogia, pinto = sheet.candidates[CON], sheet.candidates[LAB]
    before = snapshot(t.open("eve"))
    for winner in (jogia.id, sheet.candidates[0].id):  # a tied candidate, or not
        with pytest.raises(dk.FourEyesRefusal) as refused:
            dk.decide_tie(bob, HENDON, user=t.name("bob"), winner_id=winner, note="hat")
        assert str(refused.value) == (
            f"{t.name('alice')} entered the figures of version 1 of Hendon, awaiting "
            f"verification: only {t.name('alice')} can record a lot on them until a second "
            "person verifies them; after that anyone can.")
    assert snapshot(t.open("eve")) == before
    shown, _ = _seen_by(t, bob, "bob")
    assert "20000" not in figures_in(shown)

    lot = dk.decide_tie(alice, HENDON, user=t.name("alice"), winner_id=jogia.id, note="hat")
    assert (lot.version, lot.entered_by) == (2, t.name("alice"))
    with pytest.raises(dk.FourEyesRefusal):  # nor on her lot, which holds her figures
        dk.decide_tie(bob, HENDON, user=t.name("bob"), winner_id=pinto.id, note="again")
    assert dk.verify(bob, HENDON, user=t.name("bob"), votes=list(TIED), invalid=50,
                     tie_winner=jogia.id).verified
    redrawn = dk.decide_tie(bob, HENDON, user=t.name("bob"), winner_id=pinto.id,
                            note="the RO drew again")
    assert (redrawn.version, redrawn.entered_by) == (3, t.name("bob"))
    _audit_holds_for_everyone(t)


def test_a_lot_a_correction_or_warnings_awaiting_verification_say_nothing_of_them(
        desk_target):
    """History, as bob may see it, of alice's lot on her tie awaiting verification and of
    her correction: it named the winner drawn (so which candidates tie at the top) with
    the note on the drawing, the correction's reason (what was misread, the right figure)
    and the warnings she accepted, where the version's own row hides them all. Hidden now
    as its figures are (visibility.FIGURE_KEYS; the server's migration 26); alice and
    the editor read them."""
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    dk.declare(alice, HENDON, Figures(TIED, 50), user=t.name("alice"), overrides=["tie"])
    jogia = dk.load_sheet(alice, HENDON).candidates[CON]
    dk.decide_tie(alice, HENDON, user=t.name("alice"), winner_id=jogia.id, note="coin toss")

    def trail(short: str) -> str:
        desk = t.open(short)
        return "\n".join(trail_text(history_trail(desk, _seen_by(t, desk, short)[0])))

    lot = ("coin toss", jogia.name.split()[-1], "warnings accepted: tie")
    assert [said for said in lot if said in trail("bob")] == []
    assert "winner and note hidden until verified" in trail("bob")
    assert all(said in trail(short) for said in lot for short in ("alice", "eve"))
    assert dk.verify(bob, HENDON, user=t.name("bob"), votes=list(TIED), invalid=50,
                     tie_winner=jogia.id).verified
    # The lot verified is everyone's; the declaration it was drawn on, never verified
    # itself, keeps its warnings with alice.
    assert [said for said in lot if said in trail("bob")] == list(lot[:2])
    dk.correct(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"),
               reason="Con 12,000 read as 20,000")
    assert "12,000 read as" not in trail("bob") and "12,000 read as" in trail("eve")
    _audit_holds_for_everyone(t)
