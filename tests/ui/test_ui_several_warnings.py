"""A save blocked by more than one unticked warning says to tick each: "Tick a warning to
accept it (Space), then Ctrl+S." was untrue with two, as Ctrl+S after one ticked stopped at
the next. The focus goes to the first box shown, and Tab goes on to the next."""

from __future__ import annotations

from helpers.form_dialogs import shown_form
from helpers.seats import HENDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.store import Store

CTRL = Qt.KeyboardModifier.ControlModifier
# Lab by 10 (recount range) on a turnout of 16% of Hendon's 74,865 (low turnout)
LOW_AND_CLOSE = (100, 200, 300, 5000, 400, 500, 5010, 600)


def focused():
    return QApplication.focusWidget()


def _keyed(qtbot, store, votes):
    """Hendon's form for alice, each of `votes` then 50 rejected ballots typed, each field
    left by Enter: the dialog (held by the caller: nothing else keeps it)."""
    dialog = shown_form(qtbot, store, HENDON, "alice")
    for value in [*votes, 50]:
        qtbot.keyClicks(focused(), str(value))
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    return dialog


def test_two_warnings_say_tick_each_and_tab_reaches_the_second(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dialog = _keyed(qtbot, store, LOW_AND_CLOSE)
        form = dialog.form
        shown = [c for c, b in form.override_boxes.items() if b.isVisibleTo(form)]
        assert sorted(shown) == ["low_turnout", "recount_range"]
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
        said = form.message_label.text()
        assert said.endswith(
            ". Tick each warning to accept it (Space, Tab to the next), then Ctrl+S."), said
        assert focused() is form.override_boxes[shown[0]]  # the first box on the form
        qtbot.keyClick(focused(), Qt.Key.Key_Space)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is form.override_boxes[shown[1]]
        qtbot.keyClick(focused(), Qt.Key.Key_Space)
        with qtbot.waitSignal(form.saved):  # "then Ctrl+S": it saves
            qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
        assert sorted(dk.load_sheet(store, HENDON).pending.overrides) == shown


# Hendon with Gibson (SDP) and Rend (REU) on 0: two candidates' "has 0 votes", one warning code
TWO_ON_NOUGHT = (2667, 1966, 0, 12000, 1518, 3038, 18000, 0)


def test_two_candidates_on_0_are_both_in_the_box_ticked(qtbot, nominations_db):
    """Two candidates keyed as 0 (the form's own "0 if none"): the one box for the warning
    said only the last ("Ben Rend has 0 votes") while its tick accepted Jane Gibson's 0 as
    well, recorded with the entry; and the message's "Tick each warning …, Tab to the next"
    sent Tab to the Save button, there being no next box."""
    with Store(nominations_db) as store:
        dialog = _keyed(qtbot, store, TWO_ON_NOUGHT)
        form = dialog.form
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter in the last field
        box = form.override_boxes["zero_votes"]
        assert focused() is box
        assert "Jane Gibson has 0 votes" in box.text(), box.text()
        assert "Ben Rend has 0 votes" in box.text(), box.text()
        said = form.message_label.text()
        assert said.endswith(". Tick a warning to accept it (Space), then Ctrl+S."), said
        qtbot.keyClick(focused(), Qt.Key.Key_Space)
        with qtbot.waitSignal(form.saved):
            qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
        assert dk.load_sheet(store, HENDON).pending.votes == TWO_ON_NOUGHT


def test_a_tick_accepts_no_candidate_put_on_0_after_it(qtbot, nominations_db):
    """Gibson's 0 ticked, then Pearl's 3,038 mistyped as 0: the box (the same warning code)
    named Pearl now and stayed ticked, and Ctrl+S saved Pearl on 0 as accepted, a warning
    nobody had ticked. A new candidate on 0 unticks it: that one is asked about."""
    figures = [2667, 1966, 0, 12000, 1518, 3038, 18000, 233]
    with Store(nominations_db) as store:
        dialog = _keyed(qtbot, store, figures)
        form = dialog.form
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        box = form.override_boxes["zero_votes"]
        assert focused() is box
        qtbot.keyClick(box, Qt.Key.Key_Space)
        assert box.isChecked()
        pearl = form.vote_edits[5]
        qtbot.keyClick(box, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        while focused() is not pearl:  # back up to Pearl's figure, Shift+Tab by Shift+Tab
            qtbot.keyClick(focused(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClicks(pearl, "0")  # over the figure, selected as the field is reached
        assert "Joshua Pearl has 0 votes" in box.text()
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(pearl, Qt.Key.Key_S, CTRL)
        assert not box.isChecked()
        assert focused() is box
        assert dk.load_sheet(store, HENDON).versions == ()
