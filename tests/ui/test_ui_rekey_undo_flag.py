"""A re-key that missed flags the fields that differ (red, and said to a screen reader).
Retyping one takes its flag off; Ctrl+Z taking the retyping back puts back the figure that
differed, and with it the flag: the field was left white holding a figure known to differ,
and Ctrl+S then said "re-key the highlighted fields" with none highlighted. Keyed as a
verifier keys it, with real key presses."""

from __future__ import annotations

from helpers.form_dialogs import shown_form
from helpers.seats import CLEAN, HENDON, LAB
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode
from resultsdesk.ui.form_actions import DIFFERS
from resultsdesk.ui.style import mismatch_style

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _flagged(edit) -> bool:
    """Red, and said so: the two always go together (`FormActions.flag_mismatch`)."""
    red = edit.styleSheet() == mismatch_style()
    assert red == (edit.accessibleDescription() == DIFFERS)
    return red


def test_undo_back_to_the_figure_that_differed_flags_it_again(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 120))
        dialog = shown_form(qtbot, store, HENDON, "bob", Mode.REKEY)
        form = dialog.form
        misread = list(CLEAN)
        misread[LAB] += 3  # Labour's figure misheard
        for value in [*misread, 120]:  # the sheet keyed through, Enter after each figure
            qtbot.keyClicks(QApplication.focusWidget(), str(value))
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # the last: verify
        lab = form.vote_edits[LAB]
        qtbot.waitUntil(lambda: "Not verified" in form.message_label.text())
        assert QApplication.focusWidget() is lab and _flagged(lab)

        qtbot.keyClicks(lab, str(CLEAN[LAB]))  # re-keyed: no longer flagged
        assert not _flagged(lab)
        qtbot.keyClick(lab, Qt.Key.Key_Z, CTRL)  # taken back: the figure that differed
        assert lab.text() == str(misread[LAB])
        assert _flagged(lab)
        qtbot.keyClick(lab, Qt.Key.Key_Z, CTRL | SHIFT)  # and redone: re-keyed again
        assert lab.text() == str(CLEAN[LAB]) and not _flagged(lab)

        qtbot.keyClick(lab, Qt.Key.Key_Z, CTRL)
        qtbot.keyClick(lab, Qt.Key.Key_S, CTRL)  # the same figures again: no try spent
        assert "re-key the highlighted fields" in form.message_label.text()
        assert _flagged(lab)
        assert [_flagged(e) for e in form.vote_edits].count(True) == 1
        assert dk.load_sheet(store, HENDON).verified is None
