"""The Declaration menu's shortcuts pressed in a list of seats beside the results table (the
Recount watch, the Verification queue, a practise night's read-outs) act on the row the
focus is on there, and the form, the question or the status bar names that seat. They acted
on the seat the results table had selected: Ctrl+Shift+C on Hendon's row in the watch opened
Basildon and Billericay's correction, the seat Find had left chosen. A menu opened by mouse
from the list does the same as its shortcut."""

from __future__ import annotations

import shutil

import pytest
from helpers.form_dialogs import queue_in_sight, two_awaiting_verification
from helpers.rehearsal import WALL, build, replay
from helpers.seats import BASILDON, CLEAN, HENDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import rehearsal as rh
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode
from resultsdesk.ui.queue_model import ITEM_ROLE

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def _found(qtbot, window, text: str) -> str:
    """`text` typed in Find: its best match selected in the results table; its code."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.focus_search()
    qtbot.keyClicks(window.search, text)
    code = window.selected_code()
    assert code is not None
    return code


def _on_row(qtbot, table, row: int) -> None:
    """The focus in `table` (as Tab leaves it), moved down to `row` by arrow keys."""
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Home)
    for _ in range(row):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == row


def _watch_on(qtbot, window, code: str):
    """The Recount watch in front, the focus on `code`'s row; the watch's table."""
    window.recount_dock.raise_()
    table = window.recount_table
    qtbot.waitUntil(table.isVisible)
    model = window.recount_model
    _on_row(qtbot, table, next(i for i in range(model.rowCount())
                               if model.row_at(i).code == code))
    return table


def _form(qtbot, window):
    qtbot.waitUntil(lambda: window.active_dialog is not None)
    return window.active_dialog


def test_a_shortcut_on_a_watch_row_acts_on_that_seat(qtbot, main_window, night_db):
    window = main_window(night_db, user="alice")
    assert _found(qtbot, window, "Basildon") == BASILDON  # what the table has chosen
    table = _watch_on(qtbot, window, HENDON)
    qtbot.keyClick(table, Qt.Key.Key_C, CTRL_SHIFT)
    dialog = _form(qtbot, window)
    assert (dialog.form.sheet.code, dialog.form.mode) == (HENDON, Mode.CORRECT)
    assert dialog.windowTitle() == "Correct verified result: Hendon"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.vote_edits[0])
    qtbot.keyClick(dialog.form.vote_edits[0], Qt.Key.Key_Escape)  # nothing typed: closes
    qtbot.waitUntil(lambda: window.active_dialog is None and table.hasFocus())
    assert window.recount_model.row_at(table.currentIndex().row()).code == HENDON

    qtbot.keyClick(table, Qt.Key.Key_R, CTRL_SHIFT)  # asks first, naming the seat
    qtbot.waitUntil(lambda: getattr(window, "recount_box", None) is not None
                    and QApplication.activeWindow() is window.recount_box)
    assert "for Hendon?" in window.recount_box.text()
    with qtbot.waitSignal(window.refreshed):
        qtbot.keyClick(window.recount_box, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert window.statusBar().currentMessage().startswith("Hendon: RECOUNT UNDER WAY")
    with Store(night_db) as store:
        assert dk.load_sheet(store, HENDON).recount_under_way
        assert not dk.load_sheet(store, BASILDON).recount_under_way


def test_the_menu_opened_by_mouse_from_a_watch_row_acts_on_that_seat(qtbot, main_window,
                                                                     night_db):
    window = main_window(night_db, user="alice")
    _found(qtbot, window, "Basildon")
    _watch_on(qtbot, window, HENDON)
    bar = window.menuBar()
    seat_menu = next(a for a in bar.actions() if a.text() == "&Declaration")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                     pos=bar.actionGeometry(seat_menu).center())
    menu = seat_menu.menu()
    qtbot.waitUntil(menu.isVisible)
    correct = next(a for a in menu.actions() if a.objectName() == "correctAction")
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton,
                     pos=menu.actionGeometry(correct).center())
    assert _form(qtbot, window).form.sheet.code == HENDON


def test_a_shortcut_on_a_queue_row_acts_on_that_seat(qtbot, main_window, nominations_db):
    two_awaiting_verification(nominations_db, CLEAN, BASILDON)
    window = main_window(nominations_db, user="bob")
    assert _found(qtbot, window, "Hendon") == HENDON
    table = queue_in_sight(qtbot, window, 2)
    row = next(i for i in range(2)
               if window.queue_model.index(i, 0).data(ITEM_ROLE).code == BASILDON)
    _on_row(qtbot, table, row)
    qtbot.keyClick(table, Qt.Key.Key_V, CTRL_SHIFT)
    dialog = _form(qtbot, window)
    assert (dialog.form.sheet.code, dialog.form.mode) == (BASILDON, Mode.REKEY)
    assert dialog.windowTitle().endswith(": Basildon and Billericay")
    dialog.reject()  # back to the queue's row, as from Enter there
    qtbot.waitUntil(lambda: window.active_dialog is None and table.hasFocus())
    assert table.currentIndex().row() == row


@pytest.fixture(scope="module")
def _read_out(tmp_path_factory):
    """A practise rehearsal of 2019 to 00:30: seven read-outs, North Swindon's the latest."""
    path = build(tmp_path_factory.mktemp("read_out") / "p.db", mode="practise",
                 speed=3600, until="00:30")
    with Store(path) as desk:
        rh.start(desk, WALL)
        replay(desk, WALL)
    return path


def test_a_shortcut_on_a_read_out_acts_on_its_seat(qtbot, main_window, _read_out, tmp_path):
    window = main_window(shutil.copyfile(_read_out, tmp_path / "p.db"), user="alice")
    panel = window.readout_panel
    qtbot.waitUntil(lambda: len(panel.codes()) == 7)
    assert _found(qtbot, window, "Bath") not in panel.codes()
    panel.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(panel.list, Qt.Key.Key_Home)  # the latest: North Swindon
    qtbot.keyClick(panel.list, Qt.Key.Key_E, CTRL)
    dialog = _form(qtbot, window)
    assert dialog.form.sheet.name == "North Swindon" and dialog.form.mode is Mode.ENTER
    dialog.reject()


def test_a_shortcut_in_a_floating_watch_acts_on_its_row(qtbot, main_window, night_db):
    """The watch floated off the window (a window of its own, whose focus the main
    window's own focus widget does not follow: it stays on Find)."""
    window = main_window(night_db, user="alice")
    _found(qtbot, window, "Basildon")
    window.recount_dock.setFloating(True)
    window.recount_dock.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window.recount_dock)
    table = _watch_on(qtbot, window, HENDON)
    qtbot.keyClick(table, Qt.Key.Key_C, CTRL_SHIFT)
    assert _form(qtbot, window).form.sheet.code == HENDON


def test_export_graphic_from_a_watch_row_offers_that_seats_card(qtbot, main_window,
                                                               night_db):
    """File > Export graphic (Ctrl+Shift+E) from Hendon's watch row: the card's seat is
    Hendon, as a Declaration shortcut there acts on it, not the results table's choice."""
    window = main_window(night_db, user="alice")
    assert _found(qtbot, window, "Basildon") == BASILDON
    table = _watch_on(qtbot, window, HENDON)
    qtbot.keyClick(table, Qt.Key.Key_E, CTRL_SHIFT)
    qtbot.waitUntil(lambda: getattr(window, "export_dialog", None) is not None
                    and window.export_dialog.isVisible())
    dialog = window.export_dialog
    assert dialog.constituency.currentData() == HENDON
    dialog.reject()
