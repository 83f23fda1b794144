"""The keyboard contract, driven by real key presses (issue 10, points 1, 3 and 4).

The declaration form: Enter moves to the next field and never saves, except in the last field;
Ctrl+S saves from anywhere; a blocked save puts focus on what blocks it (Space ticks a warning);
Esc asks before throwing typed figures away; focus is always visible. Find: the best match is
first and selected, Enter opens it, Down moves into the list; Declaration actions work on the
only row left. Help > Keyboard shortcuts lists every key.
"""

from __future__ import annotations

import pytest
from helpers.desk_state import real_votes
from helpers.history import on_history
from helpers.seats import BASILDON, HENDON
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.drafts import load_draft
from resultsdesk.domain.model import Figures, Status
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store
from resultsdesk.ui import constituency_model as cm
from resultsdesk.ui.app import application
from resultsdesk.ui.declaration_form import DeclarationDialog, Mode
from resultsdesk.ui.style import FOCUS_COLOUR

# Basildon and Billericay 2024 in ballot order: Bateman, Conlay, Goshawk, Harrison, Holden (Con),
# Murray, Sainsbury; Con majority 20 over Lab, so the recount-range warning needs a tick.
BASILDON_VOTES = ["373", "11354", "2123", "12885", "12905", "192", "2292"]
BASILDON_REJECTED = "176"
CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def _dialog(qtbot, store, user: str, mode: Mode = Mode.ENTER,
            code: str = BASILDON) -> DeclarationDialog:
    application()
    dialog = DeclarationDialog(store, code, user=user, mode=mode)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused() is dialog.form.vote_edits[0])
    return dialog


def _type_and_enter(qtbot, dialog, values) -> list[QWidget]:
    """Type each value where the focus is, then Enter; returns the fields typed into. After
    each Enter nothing may be saved and no save may even be attempted."""
    form, typed_into = dialog.form, []
    for value in values:
        field = focused()
        typed_into.append(field)
        qtbot.keyClicks(field, value)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        assert form.message_label.text() == "", f"Enter after {value!r} tried to save"
        assert dialog.isVisible()
    return typed_into


def _has_colour(image: QImage, colour: str) -> bool:
    target = QColor(colour)
    return any(image.pixelColor(x, y) == target
               for y in range(image.height()) for x in range(image.width()))


def _ring_shows(qtbot, widget: QWidget) -> bool:
    """Whether the widget, focused, is drawn with the focus ring's colour."""
    qtbot.waitUntil(widget.hasFocus)
    return _has_colour(widget.grab().toImage(), FOCUS_COLOUR)


# --- the declaration form ------------------------------------------------------------------


def test_enter_through_every_field_saves_nothing_until_the_last(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dialog = _dialog(qtbot, store, "alice")
        form = dialog.form
        with qtbot.assertNotEmitted(form.saved):
            typed_into = _type_and_enter(qtbot, dialog, [*BASILDON_VOTES, BASILDON_REJECTED])
        assert typed_into == [*form.vote_edits, form.invalid_edit]  # ballot order, rejected
        assert [e.text() for e in form.vote_edits] == BASILDON_VOTES  # each where it was typed
        assert form.invalid_edit.text() == BASILDON_REJECTED
        assert focused() is form.total_edit
        assert dk.load_sheet(store, BASILDON).versions == ()

        # Enter in the last field is the save attempt: the warning takes the focus, ringed.
        qtbot.keyClicks(form.total_edit, "42,124")
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(form.total_edit, Qt.Key.Key_Return)
        box = form.override_boxes["recount_range"]
        assert focused() is box and not box.isChecked()
        assert _ring_shows(qtbot, box)
        assert "Cannot save yet" in form.message_label.text()
        assert dk.load_sheet(store, BASILDON).versions == ()

        qtbot.keyClick(box, Qt.Key.Key_Space)
        assert box.isChecked()
        assert form.message_label.text() == ""  # nothing blocks any more
        with qtbot.waitSignal(form.saved) as saved:
            qtbot.keyClick(box, Qt.Key.Key_S, CTRL)
        assert saved.args[0].status == "provisional"
        qtbot.waitUntil(lambda: not dialog.isVisible())
        pending = dk.load_sheet(store, BASILDON).pending
        assert pending.votes == tuple(int(v) for v in BASILDON_VOTES)
        assert (pending.invalid_votes, pending.entered_by) == (176, "alice")


def test_a_warning_is_ticked_by_keyboard_then_ctrl_s_saves(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dialog = _dialog(qtbot, store, "alice")
        form = dialog.form
        _type_and_enter(qtbot, dialog, [*BASILDON_VOTES, BASILDON_REJECTED])
        with qtbot.assertNotEmitted(form.saved):  # Ctrl+S from a field: blocked by the warning
            qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
        box = form.override_boxes["recount_range"]
        assert focused() is box
        qtbot.keyClick(box, Qt.Key.Key_Space)
        qtbot.keyClick(box, Qt.Key.Key_Space)  # untick: blocked again, and it says so
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(box, Qt.Key.Key_S, CTRL)
        assert "Tick a warning" in form.message_label.text()
        qtbot.keyClick(box, Qt.Key.Key_Space)
        with qtbot.waitSignal(form.saved):
            qtbot.keyClick(box, Qt.Key.Key_S, CTRL)
        assert dk.load_sheet(store, BASILDON).pending.overrides == ("recount_range",)


def test_nothing_saves_while_a_required_field_is_empty(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dialog = _dialog(qtbot, store, "alice")
        form = dialog.form
        skipped = list(BASILDON_VOTES)
        skipped[2] = ""  # Enter on an empty field just moves on
        _type_and_enter(qtbot, dialog, [*skipped, ""])  # and the rejected ballots left empty
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(form.total_edit, Qt.Key.Key_Return)
        assert "Enter votes for Stewart Goshawk" in form.message_label.text()
        assert focused() is form.vote_edits[2]
        qtbot.keyClicks(form.vote_edits[2], "2123")
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(form.vote_edits[2], Qt.Key.Key_S, CTRL)
        assert "rejected ballots" in form.message_label.text()
        assert focused() is form.invalid_edit
        assert dk.load_sheet(store, BASILDON).versions == ()
        qtbot.keyClicks(form.invalid_edit, "176")
        assert "rejected ballots" not in form.message_label.text()  # names what blocks now


def test_the_rekey_form_verifies_only_after_the_last_field(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dk.declare(store, BASILDON, user="alice",
                   figures=Figures([int(v) for v in BASILDON_VOTES], 176),
                   overrides=["recount_range"])
        dialog = _dialog(qtbot, store, "bob", Mode.REKEY)
        form = dialog.form
        with qtbot.assertNotEmitted(form.saved):
            typed_into = _type_and_enter(qtbot, dialog, [*BASILDON_VOTES, BASILDON_REJECTED])
        assert typed_into == [*form.vote_edits, form.invalid_edit]
        assert focused() is form.total_edit  # the same optional last field as the entry
        assert dk.load_sheet(store, BASILDON).pending.status == "provisional"
        with qtbot.waitSignal(form.saved) as verified:
            qtbot.keyClick(form.total_edit, Qt.Key.Key_Return)
        version = verified.args[0]
        assert (version.status, version.entered_by, version.verified_by) == \
            ("verified", "alice", "bob")


def test_rekey_total_read_out_is_checked_before_verifying(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dk.declare(store, BASILDON, user="alice",
                   figures=Figures([int(v) for v in BASILDON_VOTES], 176),
                   overrides=["recount_range"])
        dialog = _dialog(qtbot, store, "bob", Mode.REKEY)
        form = dialog.form
        _type_and_enter(qtbot, dialog, [*BASILDON_VOTES, BASILDON_REJECTED])
        qtbot.keyClicks(form.total_edit, "42000")
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(form.total_edit, Qt.Key.Key_Return)
        assert "not the 42,000 read out" in form.message_label.text()
        assert dk.load_sheet(store, BASILDON).pending.status == "provisional"


def test_tab_order_is_the_fields_then_the_warnings_then_the_buttons(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dialog = _dialog(qtbot, store, "alice")
        form = dialog.form
        _type_and_enter(qtbot, dialog, BASILDON_VOTES)
        qtbot.keyClicks(form.invalid_edit, BASILDON_REJECTED)  # the warning box appears
        form.vote_edits[0].setFocus()
        visited = []
        for _ in range(len(form.vote_edits) + 3):
            qtbot.keyClick(focused(), Qt.Key.Key_Tab)
            visited.append(focused())
        assert visited == [*form.vote_edits[1:], form.invalid_edit, form.total_edit,
                           form.override_boxes["recount_range"], form.save_button]
        assert _ring_shows(qtbot, form.save_button)
        qtbot.keyClick(form.save_button, Qt.Key.Key_Tab)
        assert not _has_colour(form.save_button.grab().toImage(), FOCUS_COLOUR)
        assert focused() is form.electorate_edit  # above the ballot paper, then round again
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(form.electorate_edit, Qt.Key.Key_Return)
        assert focused() is form.vote_edits[0]


def test_a_correction_starts_with_its_reason_and_enter_moves_on(qtbot, night_db):
    with Store(night_db) as store:
        dialog = _dialog(qtbot, store, "editor", Mode.CORRECT)
        form = dialog.form
        qtbot.keyClick(form.vote_edits[0], Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert focused() is form.reason_edit
        qtbot.keyClicks(form.reason_edit, "RO restated the BDP figure")
        qtbot.keyClick(form.reason_edit, Qt.Key.Key_Return)
        assert focused() is form.vote_edits[0]
        qtbot.keyClicks(form.vote_edits[0], "383")
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(form.vote_edits[0], Qt.Key.Key_Return)  # not the last field
            qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)  # the majority is still 20
        assert focused() is form.override_boxes["recount_range"]
        qtbot.keyClick(focused(), Qt.Key.Key_Space)
        with qtbot.waitSignal(form.saved):
            qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
        assert dk.load_sheet(store, BASILDON).correction_pending


def _discard_box(qtbot, dialog, previous=None):
    """The "Discard the figures?" box, once it is up and has the keyboard."""
    qtbot.waitUntil(lambda: getattr(dialog, "discard_box", None) not in (None, previous)
                    and QApplication.activeWindow() is dialog.discard_box)
    return dialog.discard_box


def test_ctrl_z_undoes_the_last_edit_in_the_form_from_any_field(qtbot, nominations_db,
                                                                tmp_path):
    """A figure typed into the wrong field, Enter, and only then noticed: Ctrl+Z in the next
    (empty) field takes back the last edit in the form, and shows where (the field it
    changed has the focus); Ctrl+Shift+Z puts it back. Keystrokes in one field are one step,
    and the totals and the crash draft follow."""
    draft_file = tmp_path / "draft.json"
    with Store(nominations_db) as store:
        application()
        dialog = DeclarationDialog(store, BASILDON, user="alice", draft_file=draft_file)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        form = dialog.form
        qtbot.waitUntil(lambda: focused() is form.vote_edits[0])
        _type_and_enter(qtbot, dialog, ["2667", "1966"])
        third = form.vote_edits[2]
        assert focused() is third and third.text() == ""
        qtbot.keyClick(third, Qt.Key.Key_Z, CTRL)
        assert [e.text() for e in form.vote_edits[:3]] == ["2667", "", ""]
        assert focused() is form.vote_edits[1]
        assert "Total valid <b>2,667</b>" in form.live_label.text()
        qtbot.keyClick(focused(), Qt.Key.Key_Z, CTRL)
        assert [e.text() for e in form.vote_edits[:3]] == ["", "", ""]
        assert focused() is form.vote_edits[0]
        assert "votes_0" not in load_draft(draft_file).fields
        qtbot.keyClick(focused(), Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
        assert [e.text() for e in form.vote_edits[:3]] == ["2667", "", ""]
        assert "Total valid <b>2,667</b>" in form.live_label.text()
        # (the electorate left as the form started it is not typed: not in the draft)
        assert load_draft(draft_file).fields == {"votes_0": "2667"}


def test_ctrl_z_on_a_warning_box_shows_the_field_it_takes_back(qtbot, nominations_db):
    """Ctrl+Z pressed on the warning box just ticked (to untick it, at 3 a.m.) takes back the
    last edit in the form, the rejected ballots: that field now takes the focus, as from a
    field. The focus stayed on the box while the figure emptied out of sight, and a second
    Ctrl+Z (the warning gone with the last candidate's votes) left it on the Save button."""
    with Store(nominations_db) as store:
        dialog = _dialog(qtbot, store, "alice")
        form = dialog.form
        _type_and_enter(qtbot, dialog, [*BASILDON_VOTES, BASILDON_REJECTED])
        qtbot.keyClick(form.total_edit, Qt.Key.Key_Return)  # the save attempt: to the box
        box = form.override_boxes["recount_range"]
        assert focused() is box
        qtbot.keyClick(box, Qt.Key.Key_Space)
        qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
        assert form.invalid_edit.text() == "" and focused() is form.invalid_edit
        qtbot.keyClick(box, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
        assert form.invalid_edit.text() == BASILDON_REJECTED
        assert focused() is form.invalid_edit
        form.save_button.setFocus()
        qtbot.keyClick(form.save_button, Qt.Key.Key_Z, CTRL)  # from a button as well
        assert focused() is form.invalid_edit and form.invalid_edit.text() == ""
        qtbot.keyClick(form.invalid_edit, Qt.Key.Key_Z, CTRL)
        assert focused() is form.vote_edits[-1] and form.vote_edits[-1].text() == ""


def test_esc_with_typed_figures_asks_first(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dialog = _dialog(qtbot, store, "alice")
        form = dialog.form
        qtbot.keyClicks(form.vote_edits[0], "373")
        qtbot.keyClick(form.vote_edits[0], Qt.Key.Key_Escape)
        box = _discard_box(qtbot, dialog)
        assert dialog.isVisible()
        qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc again keeps typing
        qtbot.waitUntil(lambda: focused() is form.vote_edits[0])
        assert dialog.isVisible() and form.vote_edits[0].text() == "373"

        qtbot.keyClick(form.vote_edits[0], Qt.Key.Key_Escape)
        box = _discard_box(qtbot, dialog, previous=box)
        qtbot.keyClick(box, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # Discard figures
        qtbot.waitUntil(lambda: not dialog.isVisible())
        assert dialog.result() == DeclarationDialog.DialogCode.Rejected
        assert dk.load_sheet(store, BASILDON).versions == ()


def test_esc_with_nothing_typed_closes_at_once(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dialog = _dialog(qtbot, store, "alice")
        qtbot.keyClick(dialog.form.vote_edits[0], Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        assert getattr(dialog, "discard_box", None) is None


def test_withdrawing_an_entry_asks_first(qtbot, nominations_db):
    """alice opens her own entry again to key it afresh. Alt+W (a key above Alt+S, Save),
    or Enter on the Withdraw button (just before Save in the Tab order), withdrew the entry
    at once and threw away what she had typed, where Esc asks before throwing figures away.
    Now it asks; Esc keeps the entry and the figures, and only a yes withdraws."""
    alt = Qt.KeyboardModifier.AltModifier
    with Store(nominations_db) as store:
        dk.declare(store, BASILDON, user="alice", overrides=["recount_range"],
                   figures=Figures([int(v) for v in BASILDON_VOTES], int(BASILDON_REJECTED)))
        dialog = _dialog(qtbot, store, "alice")
        form = dialog.form
        assert form.withdraw_button.isVisible()
        qtbot.keyClicks(form.vote_edits[0], "374")
        qtbot.keyClick(form.vote_edits[0], Qt.Key.Key_W, alt)
        qtbot.waitUntil(lambda: getattr(form, "withdraw_box", None) is not None
                        and QApplication.activeWindow() is form.withdraw_box)
        box = form.withdraw_box
        assert "not saved" in box.text()
        assert dk.load_sheet(store, BASILDON).pending.version == 1
        qtbot.keyClick(box, Qt.Key.Key_Escape)  # keeps it
        qtbot.waitUntil(lambda: focused() is form.vote_edits[0])  # back where she typed
        assert dialog.isVisible() and form.vote_edits[0].text() == "374"
        assert dk.load_sheet(store, BASILDON).pending.version == 1

        form.withdraw_button.setFocus()
        qtbot.keyClick(form.withdraw_button, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is form.withdraw_box
                        and form.withdraw_box is not box)
        qtbot.keyClick(form.withdraw_box, Qt.Key.Key_Y, alt)  # Yes, withdraw it
        qtbot.waitUntil(lambda: not dialog.isVisible())
        assert dk.load_sheet(store, BASILDON).latest.status == "withdrawn"


# --- find and the constituency list --------------------------------------------------------


@pytest.fixture
def window(main_window, qtbot, nominations_db):
    win = main_window(nominations_db, user="alice")
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win.table, Qt.Key.Key_F, CTRL)  # Ctrl+F: to the find box
    qtbot.waitUntil(win.search.hasFocus)
    return win


def _shown(win) -> list[str]:
    return [win.proxy.index(r, cm.NAME).data() for r in range(win.proxy.rowCount())]


def test_basildon_typo_and_enter_opens_basildon(window, qtbot):
    qtbot.keyClicks(window.search, "Basildon & Bilericay")
    assert _shown(window)[0] == "Basildon and Billericay"
    assert window.selected_code() == BASILDON  # first, and selected
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    dialog = window.active_dialog
    assert dialog is not None
    assert (dialog.form.sheet.code, dialog.form.mode) == (BASILDON, Mode.ENTER)
    assert window.findChildren(DeclarationDialog) == [dialog]  # one Enter, one form


POOLE = "E14001429"  # second on 2024's recount watch: Con by 18


def test_poole_typed_with_one_slip_and_enter_opens_poole(window, qtbot):
    """"Poolr" (r beside e): Hartlepool, whose name ends "pool", scored as close and came
    first by the alphabet, so Enter opened Hartlepool's form for Poole's read-out."""
    qtbot.keyClicks(window.search, "Poolr")
    assert _shown(window)[0] == "Poole"
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    dialog = window.active_dialog
    assert dialog is not None
    assert (dialog.form.sheet.code, dialog.form.mode) == (POOLE, Mode.ENTER)
    dialog.discard()
    qtbot.waitUntil(lambda: window.active_dialog is None)


def test_enter_with_nothing_typed_opens_no_seat(window, qtbot):
    """It opened the first row, which nobody chose, for a tired hand to key another seat's
    sheet into (found by an attack on the form in the twenty-eighth session); after a
    seat was opened and the box cleared, that seat again."""
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.active_dialog is None
    assert window.statusBar().currentMessage().startswith("Type a constituency's name")
    qtbot.keyClicks(window.search, "Hendon")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    dialog = window.active_dialog
    assert dialog is not None
    dialog.discard()
    qtbot.waitUntil(lambda: window.active_dialog is None)
    window.activateWindow()
    qtbot.keyClick(window.table, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClick(window.search, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(window.search, Qt.Key.Key_Delete)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.active_dialog is None


def test_best_match_first_whatever_the_sort(window, qtbot):
    window.table.sortByColumn(cm.NAME, Qt.SortOrder.DescendingOrder)
    qtbot.keyClicks(window.search, "bath")
    assert _shown(window) == ["Bath", "Bathgate and Linlithgow"]
    window.search.clear()
    assert _shown(window)[0] == "York Outer"  # the column's order (Z-A) is back


def test_best_match_first_in_the_order_the_list_opens_in(window, qtbot):
    """Sorted A-Z by name as the list opens, the first search still puts the best match
    first (Qt's proxy does not sort again for the same column and order): Enter on "Bury"
    must not open Aylesbury. Cleared, the list is back in name order, every seat."""
    names = sorted(_shown(window), key=str.casefold)
    assert _shown(window) == names
    qtbot.keyClicks(window.search, "Bury")
    assert _shown(window)[0].startswith("Bury")
    assert "Aylesbury" in _shown(window)  # a weaker match, further down
    window.search.clear()
    assert _shown(window) == names


def test_down_moves_from_find_into_the_list_and_up_back(window, qtbot):
    qtbot.keyClicks(window.search, "Leeds")
    names = _shown(window)
    assert len(names) > 3 and window.table.currentIndex().row() == 0
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert window.table.hasFocus() and window.table.currentIndex().row() == 0
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.table.currentIndex().row() == 1
    assert window.selected_code() is not None
    assert window.proxy.index(1, cm.NAME).data() == names[1]
    qtbot.keyClick(window.table, Qt.Key.Key_Up)
    qtbot.keyClick(window.table, Qt.Key.Key_Up)  # from the first row: back to the find box
    assert window.search.hasFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)  # Enter on a row opens that seat
    assert window.active_dialog.form.sheet.name == names[1]


def test_declaration_actions_work_on_the_only_row(window, qtbot):
    qtbot.keyClicks(window.search, "Hendon")
    assert _shown(window) == ["Hendon"]
    window.table.selectionModel().clearSelection()  # even with nothing selected
    qtbot.keyClick(window.search, Qt.Key.Key_E, CTRL)  # Declaration > Enter declaration
    dialog = window.active_dialog
    assert dialog is not None and dialog.form.sheet.code == HENDON
    qtbot.keyClick(dialog.form.vote_edits[0], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.active_dialog is None)
    window.search.clear()
    window.table.selectionModel().clearSelection()
    qtbot.keyClick(window.search, Qt.Key.Key_E, CTRL)  # 650 rows, none chosen: says so
    assert window.active_dialog is None
    assert "Choose a constituency first" in window.statusBar().currentMessage()


def test_find_and_list_show_focus(window, qtbot):
    assert _ring_shows(qtbot, window.search)
    qtbot.keyClicks(window.search, "Hendon")
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert _ring_shows(qtbot, window.table)


# --- Help > Keyboard shortcuts -------------------------------------------------------------


def test_shortcuts_dialog_lists_every_shortcut(window, qtbot):
    from PySide6.QtGui import QAction, QKeySequence

    qtbot.keyClicks(window.search, "Hendon")  # a form, opened and closed first: its keys
    qtbot.keyClick(window.search, Qt.Key.Key_Return)  # are the form's, not the window's
    qtbot.waitUntil(lambda: window.active_dialog is not None)
    qtbot.keyClick(window.active_dialog.form.vote_edits[0], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.active_dialog is None)
    qtbot.keyClick(window.search, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window, "shortcuts_dialog", None) is not None
                    and window.shortcuts_dialog.isVisible())
    rows = window.shortcuts_dialog.rows()
    listed = {keys for _, keys, _ in rows}
    native = QKeySequence.SequenceFormat.NativeText
    actions = [a for a in window.findChildren(QAction) if a.shortcuts()]
    assert len(actions) >= 10
    for action in actions:
        assert action.shortcut().toString(native) in listed, action.text()
    assert ("File", "Ctrl+Shift+U", "Switch user") in rows
    assert ("View", "Ctrl+F", "Find constituency") in rows
    assert not [row for row in rows if row[0] == "Main window"]  # nothing stray or unnamed
    form_rows = {(keys, does.split(":")[0]) for group, keys, does in rows
                 if group.startswith("Declaration form")}
    assert {"Ctrl+S", "Enter", "Esc", "Space", "Tab, Shift+Tab"} <= {k for k, _ in form_rows}
    # README's two keys F1 left out: Enter on a read-out; Enter or Esc in "Discard?"
    said = [does for _, _, does in rows]
    assert any(d.startswith("On a read-out") for d in said)
    assert any("Enter or Esc keeps typing" in d for d in said)
    # no key does two things in the window
    keys = [a.shortcut().toString() for a in actions]
    assert len(keys) == len(set(keys))
    qtbot.keyClick(window.shortcuts_dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.shortcuts_dialog.isVisible())


def test_tab_leaves_the_history_tables(qtbot, night_db, main_window):
    """Ctrl+H: Tab goes from the versions table to the Close button and Ctrl+Tab to the
    audit trail (Tab used to go from cell to cell, trapped in the table)."""
    from PySide6.QtWidgets import QPushButton, QTableWidget, QTabWidget

    from resultsdesk.ui.history_dialog import HistoryDialog

    window = main_window(night_db, user="carol")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.select_code(HENDON)
    seen: list[str] = []

    def act(dialog: HistoryDialog) -> None:
        table = dialog.findChild(QTableWidget, "versionsTable")
        table.setFocus()
        qtbot.keyClick(table, Qt.Key.Key_Tab)
        seen.append(type(dialog.focusWidget()).__name__)
        table.setFocus()
        qtbot.keyClick(table, Qt.Key.Key_Tab, CTRL)
        seen.append(dialog.findChild(QTabWidget).currentWidget().objectName())
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)

    on_history(qtbot, window, act)
    assert seen == [QPushButton.__name__, "auditTable"]


def test_a_save_whose_reply_never_came_is_saved_again_as_a_retry(qtbot, nominations_db,
                                                                 monkeypatch):
    """The connection went while saving (the server may have committed it): the next
    Ctrl+S tells the desk it repeats that save, so one that landed is reported saved.
    Only then: the same figures from another PC are refused as before (two desks saving
    one seat at once must still collide)."""
    from resultsdesk.desk.errors import StoreError

    real, retries = dk.declare, []

    def reply_lost_once(*args, **kwargs):
        retries.append(kwargs.get("retry"))
        version = real(*args, **kwargs)
        if len(retries) == 1:
            raise StoreError("the connection to the server went: saved whole or not at all")
        return version

    monkeypatch.setattr(dk, "declare", reply_lost_once)
    with Store(nominations_db) as store:
        dialog = _dialog(qtbot, store, "alice")
        _type_and_enter(qtbot, dialog, [*BASILDON_VOTES, BASILDON_REJECTED])
        qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)  # Basildon is in recount range:
        qtbot.keyClick(focused(), Qt.Key.Key_Space)  # the warning ticked to accept it
        with qtbot.assertNotEmitted(dialog.form.saved):
            qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)  # saved, but the reply is lost
        assert retries == [False]
        with qtbot.waitSignal(dialog.form.saved):
            qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
        assert retries == [False, True]
        assert len(dk.load_sheet(store, BASILDON).versions) == 1


def test_a_seat_named_whole_but_filtered_out_is_the_one_enter_opens(qtbot, main_window,
                                                                     nominations_db):
    """Poole keyed by bob, the Status filter left on Awaiting (the seats still to come):
    "Poole" typed in full listed Mid Dorset and North Poole alone, selected, and Enter
    opened its entry form, not Poole's re-key. The seat named whole opens, the filters
    cleared, and the status bar says so."""
    with Store(nominations_db) as store:
        votes = real_votes(store, POOLE)
        dk.declare(store, POOLE, Figures(votes, 100), user="bob", overrides=WARNING_CODES)
    window = main_window(nominations_db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.status_filter.setFocus()
    qtbot.keyClick(window.status_filter, Qt.Key.Key_Down)  # All statuses -> Awaiting
    assert window.status_filter.currentData() == Status.AWAITING
    qtbot.keyClick(window.status_filter, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, "Poole")
    assert _shown(window) == ["Mid Dorset and North Poole"]  # what the filter leaves
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    dialog = window.active_dialog
    assert dialog is not None
    assert (dialog.form.sheet.code, dialog.form.mode) == (POOLE, Mode.REKEY)
    assert window.status_filter.currentData() is None
    assert window.statusBar().currentMessage() == "Filters cleared: they hid Poole."
    dialog.discard()
    qtbot.waitUntil(lambda: window.active_dialog is None)
