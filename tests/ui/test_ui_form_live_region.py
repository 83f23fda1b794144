"""The declaration form's messages as a screen reader hears them while the desk types: each is
said once, when it says something new (a live region, aria-live polite), not on every
keystroke, and never over the digits being echoed. A sighted desk sees a warning or an
error appear under the figures; one listening heard nothing until they went looking."""

from __future__ import annotations

from helpers.form_dialogs import shown_form
from helpers.seats import HENDON, HENDON_2024
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.store import Store

CTRL = Qt.KeyboardModifier.ControlModifier
RECOUNT = ("Warning: Majority of 15 (0.04%) is in recount range. Tick to accept "
           "(recorded with the entry)")


def _key_figure(qtbot, value: str) -> None:
    """`value` typed into the field with the focus, then Enter to the next."""
    qtbot.keyClicks(QApplication.focusWidget(), value)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def test_a_problem_is_said_once_as_it_appears_and_not_as_it_goes(qtbot, nominations_db,
                                                                 said):
    with Store(nominations_db) as store:
        dialog = shown_form(qtbot, store, HENDON, "alice")
        form = dialog.form
        for value in HENDON_2024[:-1]:
            _key_figure(qtbot, f"{value}")
        assert said == []
        # Rend's first digit completes the ballot paper: Labour by 15, recount range.
        qtbot.keyClicks(form.vote_edits[-1], "2")
        assert said == [(RECOUNT, False)]
        qtbot.keyClicks(form.vote_edits[-1], "33")  # the same majority: nothing new
        qtbot.keyClick(form.vote_edits[-1], Qt.Key.Key_Return)
        _key_figure(qtbot, "187")
        assert said == [(RECOUNT, False)]
        # The total as read out: its first digit differs from the sum, said once, politely
        # (not over the digits echoed); the digits after it, the same slip, nothing more.
        total = f"{sum(HENDON_2024)}"
        qtbot.keyClicks(form.total_edit, total[0])
        mismatch = (f"Error: The candidates' votes add up to {sum(HENDON_2024):,}, "
                    f"not the {total[0]} read out")
        assert said == [(RECOUNT, False), (mismatch, False)]
        qtbot.keyClicks(form.total_edit, total[1:-1])
        assert form.errors_label.isVisible()
        assert said == [(RECOUNT, False), (mismatch, False)]
        qtbot.keyClicks(form.total_edit, total[-1])  # it adds up: the error goes, unsaid
        assert not form.errors_label.isVisible()
        assert said == [(RECOUNT, False), (mismatch, False)]
        dialog.discard()


def test_a_blocked_save_is_said_again_only_when_what_blocks_it_changes(qtbot, nominations_db,
                                                                       said):
    with Store(nominations_db) as store:
        dialog = shown_form(qtbot, store, HENDON, "alice")
        form = dialog.form
        first = form.vote_edits[0]
        qtbot.keyClick(first, Qt.Key.Key_S, CTRL)  # nothing typed: which figures are missing
        blocked = form.message_label.text()
        assert blocked.startswith("Enter votes for Gabrielle Bailey, ")
        assert said == [(blocked, True)]  # asked for: said at once, as every refused save
        qtbot.keyClicks(first, "2")  # Bailey's votes: the message names the seven left
        fewer = form.message_label.text()
        assert fewer.startswith("Enter votes for Clareine Enderby")
        assert said == [(blocked, True), (fewer, False)]
        qtbot.keyClicks(first, "667")  # the same seven: nothing more, nothing interrupted
        assert said == [(blocked, True), (fewer, False)]
        dialog.discard()
