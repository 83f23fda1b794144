"""Ctrl+Z in an Enter form after an import on another desk gave its seat another
electorate: the electorate typed is taken back to the one the seat has now, not to the one
the form started from. Put back, the old figure, which the import had just replaced, was
saved as if keyed, over the new one, and the verifier's form, starting from the new one,
then differed from the entry on a figure neither of them typed. Redo puts the typed figure
back. Keyed with real key presses."""

from __future__ import annotations

from helpers.seats import HENDON, HENDON_ELECTORATE
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from test_ui_form_electorate_meanwhile import _import_electorate, _keyed

from resultsdesk.desk import declarations as dk
from resultsdesk.ui.declaration_form import Mode

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_undo_takes_a_typed_electorate_back_to_the_imported_one(qtbot, main_window,
                                                                nominations_db, tmp_path):
    window = main_window(nominations_db, user="alice")
    form = window.open_form(HENDON, Mode.ENTER).form
    edit = form.electorate_edit
    assert edit.text() == f"{HENDON_ELECTORATE}"
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, "74900")  # the returning officer's figure
    _keyed(form)
    _import_electorate(nominations_db, tmp_path, 80_000)
    qtbot.waitUntil(lambda: "80,000" in edit.placeholderText())
    assert edit.text() == "74900"

    edit.setFocus()
    for _ in range(len(form.vote_edits) + 2):  # the figures, then the electorate typed
        QTest.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert edit.text() == "80000"  # the seat's electorate now, not the one replaced
    QTest.keyClick(edit, Qt.Key.Key_Z, CTRL | SHIFT)
    assert edit.text() == "74900"
    QTest.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert edit.text() == "80000"
    _keyed(form)
    form.submit()
    assert dk.load_sheet(window.desk, HENDON).versions[-1].electorate == 80_000


def test_an_electorate_typed_then_taken_back_is_redone_and_undone_on_the_new_one(
        qtbot, main_window, nominations_db, tmp_path):
    window = main_window(nominations_db, user="alice")
    form = window.open_form(HENDON, Mode.ENTER).form
    edit = form.electorate_edit
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, "74900")
    QTest.keyClick(edit, Qt.Key.Key_Z, CTRL)  # taken back: the figure the form started from
    assert edit.text() == f"{HENDON_ELECTORATE}"
    _import_electorate(nominations_db, tmp_path, 80_000)
    qtbot.waitUntil(lambda: edit.text() == "80000")  # followed the import
    QTest.keyClick(edit, Qt.Key.Key_Z, CTRL | SHIFT)
    assert edit.text() == "74900"
    QTest.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert edit.text() == "80000"
    assert not form.has_typed()
