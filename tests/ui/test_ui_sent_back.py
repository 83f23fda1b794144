"""An entry a verifier sends back is told to whoever keyed it: the seat only went back to
awaiting among hundreds, and the keyer's window said nothing (the comment showed only if
someone opened the seat again)."""

from __future__ import annotations

from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store

BASILDON = "E14001077"


def _message(win) -> str:
    return win.statusBar().currentMessage()


def test_a_rejected_entry_is_told_to_its_keyer_alone(main_window, nominations_db):
    alice = main_window(nominations_db, user="alice")
    carol = main_window(nominations_db, user="carol")
    with Store(nominations_db) as other:
        dk.declare(other, HENDON, Figures(CLEAN, 50), user="Alice ")  # her name, as typed
        for win in (alice, carol):
            win.refresh_if_changed()
        assert "sent back" not in _message(alice)
        dk.reject(other, HENDON, user="bob", comment="check the Green figure")
    for win in (alice, carol):
        win.refresh_if_changed()
    assert _message(alice) == (
        "Sent back to you: Hendon: version 1 sent back by bob: “check the Green figure” "
        "— key it again from the returning officer's sheet")
    assert "sent back" not in _message(carol)


def test_a_withdrawn_or_verified_entry_is_no_such_news(main_window, nominations_db):
    alice = main_window(nominations_db, user="alice")
    with Store(nominations_db) as other:
        dk.declare(other, HENDON, Figures(CLEAN, 50), user="alice")
        alice.refresh_if_changed()
        dk.withdraw(other, HENDON, user="alice")
        alice.refresh_if_changed()
        assert "sent back" not in _message(alice)
        dk.declare(other, HENDON, Figures(CLEAN, 50), user="alice")
        alice.refresh_if_changed()
        assert dk.verify(other, HENDON, user="bob", votes=CLEAN, invalid=50).verified
        alice.refresh_if_changed()
        assert "sent back" not in _message(alice)


def test_a_save_told_at_the_same_moment_keeps_the_news(qtbot, main_window, nominations_db):
    """Review: the keyer's own save, closing its form, refreshed (raising the news) and
    then said only "…is now provisional.", wiping it; the news has no banner."""
    from resultsdesk.ui.declaration_form import Mode

    with Store(nominations_db) as other:
        dk.declare(other, HENDON, Figures(CLEAN, 50), user="alice")
    alice = main_window(nominations_db, user="alice")
    alice.refresh_if_changed()
    form = alice.open_form(BASILDON, Mode.ENTER).form
    for i, edit in enumerate(form.vote_edits):
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, str(4000 + 997 * i))
    form.invalid_edit.setFocus()
    qtbot.keyClicks(form.invalid_edit, "50")
    for box in form.override_boxes.values():
        if box.isVisibleTo(form):
            box.setChecked(True)
    with Store(nominations_db) as other:
        dk.reject(other, HENDON, user="bob", comment="check the Green figure")
    form.submit()
    qtbot.waitUntil(lambda: alice.active_dialog is None)
    said = _message(alice)
    assert said.startswith("Basildon and Billericay: version 1 is now provisional. "
                           "Sent back to you: Hendon: version 1 sent back"), said
