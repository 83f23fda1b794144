"""The declaration form's keyboard flows as an operator at 3 a.m. uses them, keyboard only:
more ballots than electors sends the cursor to the figure most likely mistyped, not to the
electorate that came filled in; a correction asks for its reason first, so that each Ctrl+S
does what the message before it said; a form opened from the Recount watch gives the focus
back to the watch's row when it closes, saved or not, not to Find."""

from __future__ import annotations

from helpers.form_dialogs import shown_form
from helpers.seats import HENDON, HENDON_2024, HENDON_ELECTORATE, LAB
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode

CTRL = Qt.KeyboardModifier.ControlModifier


def focused():
    return QApplication.focusWidget()


def _key_in(qtbot, values: list[str]) -> None:
    """Each value typed where the focus is, then Enter (the form's chain: the candidates,
    the rejected ballots)."""
    for value in values:
        qtbot.keyClicks(focused(), value)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)


def test_more_ballots_than_electors_sends_the_cursor_to_the_slip(qtbot, nominations_db):
    """Hendon's Labour 15,855 keyed as 158,550 (a digit typed twice): 184,071 ballots
    (120 rejected among them) against the 74,865 electors the nominations gave. The
    cursor went to the electorate, its figure selected, for a tired hand to "fix" it up
    to fit; it goes to 158,550, and the message names both figures and where it is."""
    with Store(nominations_db) as store:
        dialog = shown_form(qtbot, store, HENDON, "alice")
        form = dialog.form
        slipped = [f"{v}" for v in HENDON_2024]
        slipped[LAB] += "0"
        _key_in(qtbot, [*slipped, "120"])
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
        lab = form.vote_edits[LAB]
        assert focused() is lab and lab.selectedText() == "158550"  # typed over at once
        said = form.message_label.text()
        assert "184,071 ballots cast is more than the electorate of 74,865" in said
        assert f"{form.sheet.candidates[LAB].name}'s 158,550" in said
        assert form.electorate_edit.text() == f"{HENDON_ELECTORATE}"  # untouched
        qtbot.keyClicks(lab, "15855")
        assert "electorate" not in form.message_label.text()  # the next blocker, if any


def test_an_electorate_mistyped_in_the_form_is_where_the_cursor_goes(qtbot, nominations_db):
    """The electorate changed in the form (a digit lost: 7,486) and the ballots fit the
    one the form started from: that is the slip."""
    with Store(nominations_db) as store:
        dialog = shown_form(qtbot, store, HENDON, "alice")
        form = dialog.form
        _key_in(qtbot, [*(f"{v}" for v in HENDON_2024), "120"])
        qtbot.keyClick(focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        while focused() is not form.electorate_edit:  # up the form, by keyboard
            qtbot.keyClick(focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClicks(form.electorate_edit, "7486")
        qtbot.keyClick(form.electorate_edit, Qt.Key.Key_Return)
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
        assert focused() is form.electorate_edit
        assert form.electorate_edit.selectedText() == "7486"
        assert "the form started from 74,865" in form.message_label.text()


def test_a_correction_asks_for_its_reason_before_its_warnings(qtbot, night_db):
    """Hendon (Lab by 15) corrected: Ctrl+S sent the cursor to the recount-range box,
    "Tick a warning to accept it (Space), then Ctrl+S"; Space, Ctrl+S, and nothing was
    saved: the cursor jumped up to the reason. Now the first Ctrl+S asks for the reason,
    the message names what blocks next once it is typed, and each Ctrl+S then does what
    the message said."""
    with Store(night_db) as store:
        dialog = shown_form(qtbot, store, HENDON, "editor", Mode.CORRECT)
        form = dialog.form
        qtbot.keyClicks(form.vote_edits[0], "2670")
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
        assert focused() is form.reason_edit
        assert "a correction needs its reason" in form.message_label.text()
        box = form.override_boxes["recount_range"]
        assert not box.isChecked()  # nothing done behind the person's back
        qtbot.keyClicks(form.reason_edit, "RO restated the Green figure")
        assert "recount range" in form.message_label.text()  # what blocks now
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
        assert focused() is box
        qtbot.keyClick(box, Qt.Key.Key_Space)
        with qtbot.waitSignal(form.saved):  # "then Ctrl+S": it saves
            qtbot.keyClick(box, Qt.Key.Key_S, CTRL)
        pending = dk.load_sheet(store, HENDON).pending
        assert (pending.kind, pending.votes[0]) == ("correction", 2670)


def _watch_row_of(window, code: str) -> int:
    model = window.recount_model
    return next(i for i in range(model.rowCount()) if model.row_at(i).code == code)


def test_a_form_from_the_recount_watch_gives_the_focus_back_to_its_row(qtbot, main_window,
                                                                      night_db):
    """alice's own correction of Hendon awaits verification; she opens it again from the
    Recount watch (Enter on Hendon's row). Closed, cancelled or saved, the focus went to
    Find; it comes back to Hendon's row in the watch."""
    with Store(night_db) as store:
        verified = dk.load_sheet(store, HENDON).verified
        dk.correct(store, HENDON, Figures([verified.votes[0] + 3, *verified.votes[1:]],
                                          verified.invalid_votes),
                   user="alice", reason="RO restated", overrides=["recount_range"])
    window = main_window(night_db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.recount_dock.raise_()
    table = window.recount_table
    qtbot.waitUntil(table.isVisible)
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)
    for _ in range(_watch_row_of(window, HENDON)):
        qtbot.keyClick(table, Qt.Key.Key_Down)

    for save in (False, True):
        assert window.recount_model.row_at(table.currentIndex().row()).code == HENDON
        qtbot.keyClick(table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.active_dialog is not None)
        dialog = window.active_dialog
        form = dialog.form
        assert (form.sheet.code, form.mode) == (HENDON, Mode.CORRECT)
        qtbot.waitUntil(lambda form=form: focused() is form.vote_edits[0])
        if save:
            qtbot.keyClicks(form.vote_edits[0], "2671")
            qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)  # the reason first
            qtbot.keyClicks(focused(), "RO restated the Green figure again")
            qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)  # the recount-range box
            qtbot.keyClick(focused(), Qt.Key.Key_Space)
            with qtbot.waitSignal(window.refreshed):
                qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
        else:
            qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # nothing typed: closes at once
        qtbot.waitUntil(lambda: window.active_dialog is None)
        qtbot.waitUntil(table.hasFocus)
        assert not window.search.hasFocus()
        assert table.currentIndex().row() == _watch_row_of(window, HENDON)
    with Store(night_db) as store:
        assert dk.load_sheet(store, HENDON).pending.votes[0] == 2671
