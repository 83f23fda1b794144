"""The declaration form's messages as a screen reader hears them while the desk types: each is
said once, when it says something new (a live region, aria-live polite), not on every
keystroke, and never over the digits being echoed. A sighted desk sees a warning or an
error appear under the figures; one listening heard nothing until they went looking."""

from __future__ import annotations

from helpers.form_dialogs import shown_form
from helpers.seats import HENDON, HENDON_2024
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode

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


# Hendon in ballot order: Jogia (Con, 4th) and Pinto-Duschinsky (Lab, 7th) tie on 20,000.
TIE = (100, 200, 300, 20000, 400, 500, 20000, 600)
LOT = ("Your figures tie: key the winner drawn by lot as the sheet gives it (Not drawn yet "
       "if none was), then Enter.")


def _tie_entered(store) -> None:
    """alice's entry of the tie, Jogia drawn by lot, awaiting a re-key."""
    jogia = dk.load_sheet(store, HENDON).candidates[3].id
    dk.declare(store, HENDON, user="alice", figures=Figures(list(TIE), 120),
               overrides=["tie"], tie_winner=jogia, note="Drawn from a hat")


def test_the_lot_row_appearing_on_a_re_key_is_said_once_with_what_to_do(qtbot,
                                                                       nominations_db, said):
    """bob re-keyed a tie: the "Winner drawn by lot" row appeared under the figures, and a
    screen reader heard nothing of it until a save was refused for it. Now it is said,
    politely, once, as the figures come to tie, in the words the refused save uses."""
    with Store(nominations_db) as store:
        _tie_entered(store)
        dialog = shown_form(qtbot, store, HENDON, "bob", Mode.REKEY)
        form = dialog.form
        for value in TIE[:-1]:
            _key_figure(qtbot, f"{value}")
        assert said == []
        qtbot.keyClicks(form.vote_edits[-1], "600")  # a tie only at the last digit
        assert form.tie_row.isVisible()
        assert said == [(LOT, False)]
        qtbot.keyClick(form.vote_edits[-1], Qt.Key.Key_Return)
        _key_figure(qtbot, "120")  # the rejected ballots: the same tie, nothing more
        assert said == [(LOT, False)]
        assert QApplication.focusWidget() is form.total_edit
        # Enter in the last field: a save refused, said at once as every one is, the focus
        # sent to the lot's box; reaching it, nothing more of the lot as figures change.
        qtbot.keyClick(form.total_edit, Qt.Key.Key_Return)
        assert QApplication.focusWidget() is form.tie_combo
        assert said == [(LOT, False), (LOT, True)]
        qtbot.keyClick(form.tie_combo, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClicks(form.total_edit, "4")  # a slip in the total: what blocks now, not the lot
        assert said[2:] == [("Cannot save yet: The candidates' votes add up to 42,100, not "
                             "the 4 read out.", False)]
        qtbot.keyClick(form.total_edit, Qt.Key.Key_Backspace)  # the lot again, but reached
        assert said[3:] == []
        dialog.discard()


def test_the_lot_is_said_once_where_a_blocked_save_comes_to_name_it(qtbot, nominations_db,
                                                                    said):
    """A save refused before the figures were typed is followed as they are: once they tie
    it names the lot, already said as the row appeared, so not said again."""
    with Store(nominations_db) as store:
        _tie_entered(store)
        dialog = shown_form(qtbot, store, HENDON, "bob", Mode.REKEY)
        form = dialog.form
        qtbot.keyClick(form.vote_edits[0], Qt.Key.Key_S, CTRL)  # nothing typed: refused
        for value in TIE:
            _key_figure(qtbot, f"{value}")
        rejected = "Enter the rejected ballots (0 if none)."
        assert said[-2:] == [(rejected, False), (LOT, False)]
        heard = len(said)
        qtbot.keyClicks(form.invalid_edit, "120")  # what blocks now is the lot: said already
        assert form.message_label.text() == LOT
        assert said[heard:] == []
        dialog.discard()


def test_a_tie_on_an_entry_is_said_by_its_warning_alone(qtbot, nominations_db, said):
    """On an entry the tie's warning box says the winner is decided by lot: it is what is
    heard, not the re-key's words as well."""
    with Store(nominations_db) as store:
        dialog = shown_form(qtbot, store, HENDON, "alice")
        for value in TIE:
            _key_figure(qtbot, f"{value}")
        assert dialog.form.tie_row.isVisible()
        assert said == [("Warning: A tie for first place: the winner is decided by lot. Tick "
                         "to accept (recorded with the entry)", False)]
        dialog.discard()
