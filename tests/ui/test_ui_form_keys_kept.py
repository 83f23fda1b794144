"""The declaration form's keys keep what was typed, driven from Find by real key presses on
the desk's own window: an error a blocked save names is said once, not twice; Esc's
question answered "keep typing" leaves the figure half-typed as it was, not selected for
the next digit to replace; Ctrl+Z after a figure is put right takes back the correction,
not the figure first typed with it."""

from __future__ import annotations

from helpers.form_dialogs import typed_in_find
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from resultsdesk.desk import declarations as dk

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def _hendon_from_find(qtbot, window):
    """Ctrl+F, "Hendon", Enter: its entry form, the first figure in focus."""
    typed_in_find(qtbot, window, "Hendon")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.active_dialog is not None)
    dialog = window.active_dialog
    qtbot.waitUntil(lambda: focused() is dialog.form.vote_edits[0])
    return dialog


def _key_in(qtbot, values) -> None:
    """Each value typed where the focus is, then Enter."""
    for value in values:
        qtbot.keyClicks(focused(), value)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)


def _shown_text(label) -> str:
    return label.text() if label.isVisible() else ""


def test_an_error_a_blocked_save_names_is_said_once(qtbot, main_window, nominations_db):
    """A total read out that the votes do not add up to: Enter in it said "Error: The
    candidates' votes add up to 39,561, not the 999 read out" and under it, in bold, "Cannot
    save yet: The candidates' votes add up to 39,561, not the 999 read out.", the same
    sentence twice in red."""
    window = main_window(nominations_db, user="alice")
    form = _hendon_from_find(qtbot, window).form
    _key_in(qtbot, [*map(str, CLEAN), "120"])
    qtbot.keyClicks(form.total_edit, "999")
    said = "The candidates' votes add up to 39,561, not the 999 read out"
    assert said in _shown_text(form.errors_label)  # said as it is typed, before any save
    with qtbot.assertNotEmitted(form.saved):
        qtbot.keyClick(form.total_edit, Qt.Key.Key_Return)
    assert focused() is form.total_edit
    shown = _shown_text(form.message_label) + _shown_text(form.errors_label)
    assert shown.count(said) == 1, shown

    # Put right, nothing blocks: the total is said nowhere any more.
    qtbot.keyClick(form.total_edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(form.total_edit, "39,561")
    assert said not in _shown_text(form.message_label) + _shown_text(form.errors_label)
    # and a new error typed after the blocked save is said under the figures again
    qtbot.keyClick(form.total_edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(form.total_edit, "40,000")
    assert "not the 40,000 read out" in _shown_text(form.errors_label)


def test_keep_typing_leaves_the_half_typed_figure_as_it_was(qtbot, main_window,
                                                            nominations_db):
    """Half-way through Jogia's 12000, a slip of Esc: the question, Enter keeps the
    figures. The "12" typed came back selected, so the "000" typed on replaced it: 000
    where the sheet says 12,000, and no question asked again."""
    window = main_window(nominations_db, user="alice")
    dialog = _hendon_from_find(qtbot, window)
    form = dialog.form
    _key_in(qtbot, map(str, CLEAN[:3]))
    field = form.vote_edits[3]
    assert focused() is field
    qtbot.keyClicks(field, "12")
    for answer in (Qt.Key.Key_Return, Qt.Key.Key_Escape):  # both keep the figures
        box_before = getattr(dialog, "discard_box", None)
        qtbot.keyClick(field, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda b=box_before: dialog.discard_box is not b
                        and QApplication.activeWindow() is dialog.discard_box)
        qtbot.keyClick(focused(), answer)
        qtbot.waitUntil(lambda: dialog.isActiveWindow() and focused() is field)
        assert field.selectedText() == ""
        assert field.cursorPosition() == len(field.text())
    qtbot.keyClicks(field, "000")
    assert field.text() == "12000"

    # Reached anew (Enter on, Shift+Tab back), a figure is selected, to be typed over.
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab)
    assert focused() is field and field.selectedText() == "12000"
    qtbot.keyClick(field, Qt.Key.Key_Escape)  # and Alt+D still throws them away
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog.discard_box)
    qtbot.keyClick(focused(), Qt.Key.Key_D, ALT)
    qtbot.waitUntil(lambda: window.active_dialog is None and window.search.hasFocus())
    assert dk.load_sheet(window.desk, HENDON).versions == ()


def test_ctrl_z_takes_back_the_correction_not_the_figure(qtbot, main_window,
                                                         nominations_db):
    """Jogia's 12000 keyed, Enter, Shift+Tab back, 12500 typed over it, Ctrl+Z: the field
    went empty, not back to 12000. The two typings merged into one undo step since no
    other field had been typed in between."""
    window = main_window(nominations_db, user="alice")
    form = _hendon_from_find(qtbot, window).form
    _key_in(qtbot, map(str, CLEAN[:4]))
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab)
    field = form.vote_edits[3]
    assert focused() is field and field.text() == "12000"
    qtbot.keyClicks(field, "12500")
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert field.text() == "12000"
    assert [e.text() for e in form.vote_edits[:3]] == [str(v) for v in CLEAN[:3]]
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)  # then the figure itself
    assert field.text() == ""
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert field.text() == "12000"

    # A blocked save that sends the focus to the field it is in starts a step too.
    qtbot.keyClick(field, Qt.Key.Key_Return)
    _key_in(qtbot, [*map(str, CLEAN[4:]), "120"])
    qtbot.keyClicks(form.total_edit, "999")
    qtbot.keyClick(form.total_edit, Qt.Key.Key_Return)
    assert focused() is form.total_edit and form.total_edit.selectedText() == "999"
    qtbot.keyClicks(form.total_edit, "39,561")
    qtbot.keyClick(form.total_edit, Qt.Key.Key_Z, CTRL)
    assert form.total_edit.text() == "999"
