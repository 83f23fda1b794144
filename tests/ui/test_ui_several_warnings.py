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


def test_two_warnings_say_tick_each_and_tab_reaches_the_second(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dialog = shown_form(qtbot, store, HENDON, "alice")
        form = dialog.form
        for value in [*LOW_AND_CLOSE, 50]:
            qtbot.keyClicks(focused(), str(value))
            qtbot.keyClick(focused(), Qt.Key.Key_Return)
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
