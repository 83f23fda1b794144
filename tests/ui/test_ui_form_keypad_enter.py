"""The form's Enter contract from the number pad: a keyer typing figures on the keypad presses
its Enter (Qt's Key_Enter, with the keypad's flag), not Return. It must do what README's
**Enter** does: the next field, never a save, and in the last field the save attempt."""

from __future__ import annotations

from helpers.seats import BASILDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.declaration_form import DeclarationDialog, Mode

VOTES = ["373", "11354", "2123", "12885", "12905", "192", "2292"]  # Basildon, Con by 20
KEYPAD = Qt.KeyboardModifier.KeypadModifier


def test_keypad_enter_moves_field_to_field_and_tries_the_save_in_the_last(qtbot,
                                                                           nominations_db):
    application()
    with Store(nominations_db) as store:
        dialog = DeclarationDialog(store, BASILDON, user="alice", mode=Mode.ENTER)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        form = dialog.form
        qtbot.waitUntil(lambda: QApplication.focusWidget() is form.vote_edits[0])
        with qtbot.assertNotEmitted(form.saved):
            for value, field in zip([*VOTES, "176"], [*form.vote_edits, form.invalid_edit],
                                    strict=True):
                assert QApplication.focusWidget() is field
                qtbot.keyClicks(field, value)
                qtbot.keyClick(field, Qt.Key.Key_Enter, KEYPAD)
                assert form.message_label.text() == "" and dialog.isVisible()
            assert QApplication.focusWidget() is form.total_edit
            qtbot.keyClicks(form.total_edit, "42124")
            qtbot.keyClick(form.total_edit, Qt.Key.Key_Enter, KEYPAD)
        # the save attempted: the recount-range warning to tick first takes the focus
        box = form.override_boxes["recount_range"]
        assert QApplication.focusWidget() is box and "Cannot save yet" in \
            form.message_label.text()
        assert dk.load_sheet(store, BASILDON).versions == ()
